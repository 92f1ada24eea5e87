// SPDX-License-Identifier: GPL-3.0-or-later
// The latent and missing-value steps of OnePassChain (Parker & Goldstein 2019, appendix, A1-A3).
#include "core/onepass/OnePassChain.h"

#include "core/onepass/LocalStream.h"

#include "core/math/NormalDistribution.h"
#include "core/random/Distributions.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace grove::onepass {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Phi(-t) / Phi(t) without logs and with one CDF (the log form in the far tails).
double normalCdfRatio(double t)
{
    if (std::abs(t) < 30.0) {
        const double tail = standardNormalCdf(-std::abs(t)); // Phi(-|t|), accurate
        return t > 0.0 ? tail / (1.0 - tail) : (1.0 - tail) / tail;
    }
    return std::exp(logStandardNormalCdf(-t) - logStandardNormalCdf(t));
}

/// centre - sum_l coefficient[l] (z[l] - mean[l]) over l = 0..P-1 in order, unrolled.
template <std::size_t P>
inline double conditionalCentre(double centre, const double* coefficient, const double* z,
                                const double* mean)
{
    [&]<std::size_t... l>(std::index_sequence<l...>)
    {
        ((centre -= coefficient[l] * (z[l] - mean[l])), ...);
    }
    (std::make_index_sequence<P>{});
    return centre;
}

/// sum_l coefficient[l] z[l] over l = 0..P-1 in order, unrolled.
template <std::size_t P>
inline double weightedSum(const std::array<double, P>& coefficient, const double* z)
{
    double sum = 0.0;
    [&]<std::size_t... l>(std::index_sequence<l...>)
    {
        ((sum += coefficient[l] * z[l]), ...);
    }
    (std::make_index_sequence<P>{});
    return sum;
}

/// Up to this standardised distance of the bound beyond the mean, truncated draws reject from
/// the half-normal (at most 1 / (2 Phi(-1.5)) = 7.5 proposals, cheaper than the tail sampler).
constexpr double kHalfNormalLimit = 1.5;

/// N(mean, sd^2) truncated to (0, inf). With the mean on the kept side, plain rejection
/// (acceptance >= 50%). Otherwise, with a = -mean / sd, rejection from the half-normal:
/// |N(0, 1)| given |N(0, 1)| > a is N(0, 1) truncated to (a, inf), so z = mean + sd |N| kept
/// when z > 0 is exact (acceptance 2 Phi(-a) >= 13% up to kHalfNormalLimit); beyond that the
/// exponential-tail sampler (drawTruncatedNormalFast).
inline double positiveDraw(LocalStream& rng, double mean, double sd)
{
    if (mean >= 0.0)
        for (;;) {
            const double z = mean + sd * rng.normal();
            if (z > 0.0)
                return z;
        }
    if (mean >= -kHalfNormalLimit * sd)
        for (;;) {
            const double z = mean + sd * std::abs(rng.normal());
            if (z > 0.0)
                return z;
        }
    return rng.withShared([&](RandomStream& shared) {
        return drawTruncatedNormalFast(shared, mean, sd, 0.0, kInfinity);
    });
}

/// N(mean, sd^2) truncated to (-inf, 0), as positiveDraw.
inline double negativeDraw(LocalStream& rng, double mean, double sd)
{
    if (mean <= 0.0)
        for (;;) {
            const double z = mean + sd * rng.normal();
            if (z < 0.0)
                return z;
        }
    if (mean <= kHalfNormalLimit * sd)
        for (;;) {
            const double z = mean - sd * std::abs(rng.normal());
            if (z < 0.0)
                return z;
        }
    return rng.withShared([&](RandomStream& shared) {
        return drawTruncatedNormalFast(shared, mean, sd, -kInfinity, 0.0);
    });
}

/// The missing-binary Gibbs step draws by rejection when the MOI log-likelihoods of x = 0 and
/// x = 1 differ by at most this: at most e^1.5 = 4.5 proposals expected, about 1.1 on tutmiss.
constexpr double kRejectionLimit = 1.5;

/// u < exp(-a) for a >= 0 (and false for a NaN a), with exp computed only when the bounds
/// 1 - a <= exp(-a) <= 1 / (1 + a) do not decide.
inline bool belowExpOfMinus(double u, double a)
{
    if (u < 1.0 - a)
        return true;
    if (!(u * (1.0 + a) < 1.0))
        return false;
    return u < std::exp(-a);
}

double logNormalDensity(double x, double mean, double sd)
{
    const double r = (x - mean) / sd;
    return -0.5 * r * r;
}

} // namespace

inline double OnePassChain::linearPredictorChange(std::size_t row, std::size_t v,
                                                  double* terms) const
{
    const std::size_t unit = m_design.unitOfRow()[row];
    const double* x = m_x.data() + static_cast<Eigen::Index>(row) * m_x.cols();
    const double* beta = m_moi->beta().data();
    const RowMatrix& u = m_moi->randomEffects();
    const std::size_t first = m_variableTermStart[v];
    const std::size_t count = m_variableTermStart[v + 1] - first;
    const std::size_t* termList = m_variableTerms.data() + first;
    double change = 0.0;
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t t = termList[k];
        const double value = termValue(row, unit, t);
        terms[k] = value;
        const Eigen::Index r = m_termRandom[t];
        const double coefficient =
            r >= 0 ? beta[t] + u(static_cast<Eigen::Index>(unit), r) : beta[t];
        change += coefficient * (value - x[t]);
    }
    return change;
}

inline double OnePassChain::linearPredictorChangeToZero(std::size_t row, std::size_t v) const
{
    const std::size_t unit = m_design.unitOfRow()[row];
    const double* x = m_x.data() + static_cast<Eigen::Index>(row) * m_x.cols();
    const double* beta = m_moi->beta().data();
    const RowMatrix& u = m_moi->randomEffects();
    double change = 0.0;
    for (std::size_t k = m_variableTermStart[v]; k < m_variableTermStart[v + 1]; ++k) {
        const std::size_t t = m_variableTerms[k];
        const Eigen::Index r = m_termRandom[t];
        const double coefficient =
            r >= 0 ? beta[t] + u(static_cast<Eigen::Index>(unit), r) : beta[t];
        change -= coefficient * x[t];
    }
    return change;
}

inline void OnePassChain::clearTerms(std::size_t row, std::size_t v)
{
    double* x = m_x.data() + static_cast<Eigen::Index>(row) * m_x.cols();
    for (std::size_t k = m_variableTermStart[v]; k < m_variableTermStart[v + 1]; ++k)
        x[m_variableTerms[k]] = 0.0;
}

inline void OnePassChain::writeTerms(std::size_t row, std::size_t v, const double* terms)
{
    double* x = m_x.data() + static_cast<Eigen::Index>(row) * m_x.cols();
    const std::size_t first = m_variableTermStart[v];
    const std::size_t count = m_variableTermStart[v + 1] - first;
    const std::size_t* termList = m_variableTerms.data() + first;
    for (std::size_t k = 0; k < count; ++k)
        x[termList[k]] = terms[k];
}

void OnePassChain::recomputeUnit(std::size_t unit)
{
    for (std::size_t i = m_design.unitStart()[unit]; i < m_design.unitStart()[unit + 1]; ++i)
        recomputeRow(i);
}

void OnePassChain::updateLevel1Values(bool adapting)
{
    switch (m_design.level1ComponentCount()) {
    case 0: return;
    case 1: level1Pass<1>(adapting); return;
    case 2: level1Pass<2>(adapting); return;
    case 3: level1Pass<3>(adapting); return;
    case 4: level1Pass<4>(adapting); return;
    default: level1Pass<0>(adapting); return;
    }
}

// One pass over the rows: every latent and missing level-1 value given the row's other
// latents (P = P1 when known at compile time, 0 otherwise), accumulating the latents'
// statistics for ImputationComponents as each row is finished.
template <int P> void OnePassChain::level1Pass(bool adapting)
{
    const auto& components = m_design.components();
    LocalStream rng(m_rng); // m_rng is not used directly until the pass ends
    const int p = P > 0 ? P : m_design.level1ComponentCount();
    double* const latents = m_imputation->level1Latents().data();
    const double* const means = m_imputation->level1Means();
    const double* const unitMeans = m_imputation->level1UnitMeans();
    const bool meansPerUnit = m_imputation->level1MeansPerUnit();
    const double* const coefficients = m_imputation->conditionalCoefficients();
    const double* const sds = m_imputation->conditionalSds();
    // Per component: its values, missing flags and kind, out of the loop.
    std::array<double*, 8> valuesOf{};
    std::array<const std::uint8_t*, 8> missingOf{};
    std::array<bool, 8> binaryOf{};
    std::array<std::size_t, 8> variableOf{};
    const bool small = p <= 8;
    for (int k = 0; k < (small ? p : 0); ++k) {
        const auto v = static_cast<std::size_t>(components[static_cast<std::size_t>(k)].variable);
        valuesOf[static_cast<std::size_t>(k)] = m_values[v].data();
        variableOf[static_cast<std::size_t>(k)] = v;
        missingOf[static_cast<std::size_t>(k)] = m_design.variables()[v].missing.data();
        binaryOf[static_cast<std::size_t>(k)] =
            components[static_cast<std::size_t>(k)].kind == CovariateKind::Binary;
    }
    const double* const response = m_design.response().data();
    double* const termsOne = m_termsOne.data();
    // With P known, the rows without a missing value (only their Binary latents move) read the
    // conditional coefficients, sds and the unit's means from locals, which the stores to the
    // latents cannot alias, so nothing is reloaded per row.
    constexpr std::size_t fixed = P > 0 ? static_cast<std::size_t>(P) : 1;
    std::array<double, fixed * fixed> coefficientOf{};
    std::array<double, fixed> sdOf{};
    std::array<double, fixed> unitMean{};
    if constexpr (P > 0) {
        std::copy(coefficients, coefficients + P * P, coefficientOf.begin());
        std::copy(sds, sds + P, sdOf.begin());
    }
    // The unit shifts of the Binary latents since the last pass (ImputationComponents): a row
    // without a missing value redraws its Binary latents, reading the others' current values
    // only when there are two or more; the other rows read them all.
    const double* const pendingShifts = m_imputation->pendingShifts();
    int binaryCount = 0;
    for (int k = 0; k < p; ++k)
        binaryCount += components[static_cast<std::size_t>(k)].kind == CovariateKind::Binary;
    const bool shiftCompleteRows = binaryCount > 1;
    std::size_t onlyBinary = fixed; // the Binary component when there is exactly one, else none
    for (std::size_t k = 0; k < (P > 0 && binaryCount == 1 ? fixed : 0); ++k)
        if (binaryOf[k])
            onlyBinary = k;
    // With one Binary component and constant explanatory columns only, the complete rows' sums
    // for ImputationComponents are gathered here, as the latents are drawn (CompleteRowSums).
    const bool fuseComplete = P > 0 && onlyBinary < fixed && meansPerUnit;
    std::array<double, fixed> onlyCoefficients{}; // row onlyBinary of the coefficients
    double onlySd = 1.0;
    if (fuseComplete) {
        std::copy(coefficientOf.begin() + static_cast<std::ptrdiff_t>(onlyBinary * fixed),
                  coefficientOf.begin() + static_cast<std::ptrdiff_t>((onlyBinary + 1) * fixed),
                  onlyCoefficients.begin());
        onlySd = sdOf[onlyBinary];
    }
    const std::uint8_t* const rowMissing = m_rowMissing.data();
    const std::size_t* const unitStart = m_design.unitStart().data();
    const std::size_t unitCount = m_design.unitCount();
    m_imputation->beginLevel1Pass();
    for (std::size_t unit = 0; unit < unitCount; ++unit) {
        const std::size_t begin = unitStart[unit];
        const std::size_t end = unitStart[unit + 1];
        if (P > 0 && meansPerUnit)
            std::copy(unitMeans + unit * fixed, unitMeans + (unit + 1) * fixed, unitMean.begin());
        CompleteRowSums<fixed> complete;
        complete.binary = static_cast<int>(onlyBinary);
        // Fused complete rows: the Binary latent's conditional mean is the unit's constant part
        // minus sum_l c_l z_l (c_k = 0 on the diagonal).
        double unitCentre = 0.0;
        if (fuseComplete)
            unitCentre =
                unitMean[onlyBinary] + weightedSum<fixed>(onlyCoefficients, unitMean.data());
        for (std::size_t row = begin; row < end; ++row) {
            double* const z = latents + row * static_cast<std::size_t>(p);
            const double* const pending = pendingShifts + unit * static_cast<std::size_t>(p);
            if (P > 0 && rowMissing[row] == 0) {
                if (shiftCompleteRows)
                    for (std::size_t k = 0; k < fixed; ++k)
                        if (binaryOf[k])
                            z[k] += pending[k];
                if (fuseComplete) { // the usual case: one Binary component, constant columns
                    const std::size_t k = onlyBinary;
                    const double centre = unitCentre - weightedSum<fixed>(onlyCoefficients, z);
                    const double zk = valuesOf[k][row] > 0.5 ? positiveDraw(rng, centre, onlySd)
                                                             : negativeDraw(rng, centre, onlySd);
                    z[k] = zk;
                    complete.sum += zk;
                    for (std::size_t l = 0; l < fixed; ++l)
                        complete.cross[l] += zk * z[l];
                    if (zk > 0.0)
                        complete.low = std::max(complete.low, -zk);
                    else
                        complete.high = std::min(complete.high, -zk);
                    continue;
                }
                const double* const mean = meansPerUnit ? unitMean.data() : means + row * fixed;
                if (onlyBinary < fixed) {
                    const std::size_t k = onlyBinary;
                    const double centre = conditionalCentre<fixed>(
                        mean[k], coefficientOf.data() + k * fixed, z, mean);
                    const double zk = valuesOf[k][row] > 0.5 ? positiveDraw(rng, centre, sdOf[k])
                                                             : negativeDraw(rng, centre, sdOf[k]);
                    z[k] = zk;
                    continue;
                }
                for (std::size_t k = 0; k < fixed; ++k) {
                    if (!binaryOf[k])
                        continue;
                    const double centre = conditionalCentre<fixed>(
                        mean[k], coefficientOf.data() + k * fixed, z, mean);
                    z[k] = valuesOf[k][row] > 0.5 ? positiveDraw(rng, centre, sdOf[k])
                                                  : negativeDraw(rng, centre, sdOf[k]);
                }
                continue;
            }
            const double* const mean = meansPerUnit ? unitMeans + unit * static_cast<std::size_t>(p)
                                                    : means + row * static_cast<std::size_t>(p);
            for (int k = 0; k < p; ++k)
                if (small ? binaryOf[static_cast<std::size_t>(k)]
                          : components[static_cast<std::size_t>(k)].kind == CovariateKind::Binary)
                    z[k] += pending[k];
            for (int k = 0; k < p; ++k) {
                const auto kk = static_cast<std::size_t>(k);
                const auto variable =
                    small ? variableOf[kk] : static_cast<std::size_t>(components[kk].variable);
                const auto v = small ? 0 : variable;
                const bool missing =
                    (small ? missingOf[kk][row] : m_design.variables()[v].missing[row]) != 0;
                const bool binary =
                    small ? binaryOf[kk] : components[kk].kind == CovariateKind::Binary;
                if (!binary && !missing)
                    continue;
                // Conditional of latent k given the row's other latents.
                double centre = mean[k];
                for (int l = 0; l < p; ++l)
                    centre -= coefficients[k * p + l] * (z[l] - mean[l]);
                const double sd = sds[k];
                double& value = small ? valuesOf[kk][row] : m_values[v][row];
                if (binary) {
                    if (!missing) {
                        z[k] = value > 0.5 ? positiveDraw(rng, centre, sd)
                                           : negativeDraw(rng, centre, sd);
                        continue;
                    }
                    // Exact Gibbs on the pair (x, z): p(x, z | rest) is proportional to
                    // L_MOI(y | x) N(z; centre, sd^2) 1[x = 1(z > 0)]. Only the terms that
                    // contain x change the linear predictor; with x = 0 they are all 0.
                    const double eta = m_moi->linearPredictor(row);
                    const double y = response[row];
                    value = 1.0;
                    const double one = m_moi->logLikelihood(
                        y, eta + linearPredictorChange(row, variable, termsOne));
                    const double zero =
                        m_moi->logLikelihood(y, eta + linearPredictorChangeToZero(row, variable));
                    const double difference = one - zero;
                    if (std::abs(difference) <= kRejectionLimit) {
                        // By rejection: z from N(centre, sd^2), x = 1(z > 0), kept with
                        // probability L(x) / max(L(0), L(1)). A kept pair is a draw from the
                        // joint conditional above, with no normal CDF and no truncated draw.
                        const bool oneLikelier = difference >= 0.0;
                        const double penalty = std::abs(difference);
                        double draw = 0.0;
                        do
                            draw = centre + sd * rng.normal();
                        while ((draw > 0.0) != oneLikelier &&
                               !belowExpOfMinus(rng.uniform(), penalty));
                        value = draw > 0.0 ? 1.0 : 0.0;
                        z[k] = draw;
                    } else {
                        // Summing z out: P(x = 1) is proportional to L(1) Phi(centre / sd)
                        // against L(0) Phi(-centre / sd); z | x is then the truncated normal.
                        const double probabilityOne =
                            1.0 / (1.0 + std::exp(-difference) * normalCdfRatio(centre / sd));
                        value = rng.uniform() < probabilityOne ? 1.0 : 0.0;
                        z[k] = value > 0.5 ? positiveDraw(rng, centre, sd)
                                           : negativeDraw(rng, centre, sd);
                    }
                    if (value > 0.5)
                        writeTerms(row, variable, termsOne);
                    else
                        clearTerms(row, variable);
                    continue;
                }
                // Missing Normal value: random-walk Metropolis; target = MOI likelihood of the
                // row's y given the recomputed terms x the conditional normal of the component.
                const double current = value;
                const double eta = m_moi->linearPredictor(row);
                const double y = response[row];
                const double currentTarget =
                    m_moi->logLikelihood(y, eta) + logNormalDensity(current, centre, sd);
                const double proposal =
                    current + m_scale[static_cast<std::size_t>(k)] * sd * rng.normal();
                value = proposal;
                const double change = linearPredictorChange(row, variable, termsOne);
                const double proposalTarget =
                    m_moi->logLikelihood(y, eta + change) + logNormalDensity(proposal, centre, sd);
                const double logRatio = proposalTarget - currentTarget;
                const bool accept = logRatio >= 0.0 || belowExpOfMinus(rng.uniform(), -logRatio);
                if (accept) {
                    z[k] = proposal;
                    writeTerms(row, variable, termsOne);
                } else {
                    value = current;
                }
                if (adapting) {
                    ++m_windowProposed[static_cast<std::size_t>(k)];
                    m_windowAccepted[static_cast<std::size_t>(k)] += accept ? 1 : 0;
                } else if (m_counting) {
                    ++m_proposed[static_cast<std::size_t>(k)];
                    m_accepted[static_cast<std::size_t>(k)] += accept ? 1 : 0;
                }
            }
        }
        m_imputation->accumulateUnit<P>(unit, begin, end, fuseComplete ? &complete : nullptr);
    }
    m_imputation->clearPendingShifts();
    m_imputation->finishLevel1Pass();
}

void OnePassChain::updateLevel2Values(bool adapting)
{
    const auto& components = m_design.components();
    const int p1 = m_design.level1ComponentCount();
    const int p2 = m_design.level2ComponentCount();
    RowMatrix& z = m_imputation->level2Latents();
    for (std::size_t unit = 0; unit < m_design.unitCount(); ++unit) {
        const auto j = static_cast<Eigen::Index>(unit);
        for (int m = 0; m < p2; ++m) {
            const std::size_t c = static_cast<std::size_t>(p1 + m);
            const DesignComponent& component = components[c];
            const auto v = static_cast<std::size_t>(component.variable);
            const bool missing = m_design.variables()[v].missing[unit] != 0;
            const bool binary = component.kind == CovariateKind::Binary;
            if (!binary && !missing)
                continue;
            double mean = 0.0;
            double sd = 1.0;
            m_imputation->conditionalLevel2(unit, m, mean, sd);
            double& value = m_values[v][unit];
            if (binary) {
                if (missing) {
                    // Exact Gibbs on (x, z) as at level 1, with the product over the unit's rows.
                    value = 1.0;
                    recomputeUnit(unit);
                    const double one = unitLogLikelihood(unit) + logStandardNormalCdf(mean / sd);
                    value = 0.0;
                    recomputeUnit(unit);
                    const double zero = unitLogLikelihood(unit) + logStandardNormalCdf(-mean / sd);
                    if (m_rng.uniform() < 1.0 / (1.0 + std::exp(zero - one))) {
                        value = 1.0;
                        recomputeUnit(unit);
                    }
                }
                z(j, m) = value > 0.5 ? drawTruncatedNormalFast(m_rng, mean, sd, 0.0, kInfinity)
                                      : drawTruncatedNormalFast(m_rng, mean, sd, -kInfinity, 0.0);
                m_imputation->level2Changed(unit, m);
                continue;
            }
            const double current = value;
            const double currentTarget =
                unitLogLikelihood(unit) + logNormalDensity(current, mean, sd);
            const double proposal = current + m_scale[c] * sd * drawNormal(m_rng);
            value = proposal;
            recomputeUnit(unit);
            const double proposalTarget =
                unitLogLikelihood(unit) + logNormalDensity(proposal, mean, sd);
            const bool accept = std::log(m_rng.uniform()) < proposalTarget - currentTarget;
            if (accept) {
                z(j, m) = proposal;
                m_imputation->level2Changed(unit, m);
            } else {
                value = current;
                recomputeUnit(unit);
            }
            if (adapting) {
                ++m_windowProposed[c];
                m_windowAccepted[c] += accept ? 1 : 0;
            } else if (m_counting) {
                ++m_proposed[c];
                m_accepted[c] += accept ? 1 : 0;
            }
        }
    }
}

} // namespace grove::onepass
