// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/LatentDraw.h"
#include "core/mcmc/SmallDenseKernels.h"
#include "core/random/TruncatedNormal.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;
using detail::infinity;

// The classifications after the first (see the class comment): one sweep each per iteration,
// before the row pass, which then reads the new row offsets.
void JointImputationSampler::updateFurtherClassifications()
{
    for (std::size_t c = 1; c <= m_further.size(); ++c)
        sweepClassification(c);
}

// Classification c's unit vectors w_k = (effects, own residuals) given beta, the other
// classifications' effects and the covariances (see the class comment): the own responses'
// coefficients first, then per unit the effects from the data they touch - the rows' residuals
// e_i + u^c_k summed per unit in one pass (the generic path: any nesting or crossing) with
// precision n_k Q_e, and nested, each lower unit's response residual with precision Q'_oo of
// its classification's matrix given its own effects - and from the conditional of the effects
// given the unit's own residuals; then the unit's own latent and missing values; then Omega_c,
// the translation moves, and the offsets of everything below by the units' changes.
void JointImputationSampler::sweepClassification(std::size_t c)
{
    FurtherClassification& further = m_further[c - 1];
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    const std::size_t e = further.effects;
    const std::size_t q = further.q;
    const std::size_t own = q - e;
    const UnitResponses block = unitResponses(c);
    if (own > 0)
        drawOwnCoefficients(block);
    const std::size_t columns = m_rowProgram.columnCount();
    const double* covariates = m_rowProgram.covariates();
    fillBetaDense();
    const double* betaDense = m_betaDense.data();
    double* sums = further.sums.data();
    std::fill(further.sums.begin(), further.sums.end(), 0.0);
    double* mean = m_unitVector1.data();
    for (std::size_t j = 0; j < m_units; ++j) {
        const double* u1 = &m_u[j * p1];
        const double* pending = &m_pendingShift[j * p1];
        for (std::size_t i = m_design.unitStart(j); i < m_design.unitStart(j + 1); ++i) {
            const double* xi = covariates + i * columns;
            const double* offset = &m_rowOffsets[i * p1];
            const double* z = &m_z1[i * p1];
            for (std::size_t d = 0; d < p1; ++d)
                mean[d] = u1[d] + offset[d];
            for (std::size_t col = 0; col < columns; ++col)
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] += xi[col] * betaDense[col * p1 + d];
            double* sum = sums + static_cast<std::size_t>(further.unitOfRow[i]) * p1;
            for (std::size_t d = 0; d < p1; ++d)
                sum[d] += z[d] + pending[d] - mean[d];
        }
    }
    double* precision = further.work.data(); // E x E
    double* rhs = precision + q * q;
    double* noise = rhs + q;
    double* full = noise + q; // a unit's w (Q), or a lower unit's
    double* fitted = full + q;
    // Lower responses: per unit of c, the sum of (Q' w_l)_own over its lower units l.
    const std::size_t lowerCount = further.below.size();
    std::fill(further.lowerSums.begin(), further.lowerSums.end(), 0.0);
    for (const FurtherClassification::Below& below : further.below) {
        const UnitResponses lower = unitResponses(below.classification);
        const Eigen::MatrixXd& lowerPrecision = *lower.precision;
        for (std::size_t l = 0; l < below.unitAbove.size(); ++l) {
            unitResidual(lower, l, fitted, full);
            double* target = &further.lowerSums[below.unitAbove[l] * e + below.first];
            for (std::size_t d = 0; d < lower.p; ++d) {
                double value = 0.0;
                for (std::size_t a = 0; a < lower.q; ++a)
                    value += lowerPrecision(static_cast<Eigen::Index>(lower.first + d),
                                            static_cast<Eigen::Index>(a)) *
                             full[a];
                target[d] += value;
            }
        }
    }

    const double* precisionE = m_precisionE.data();
    const double* precisionC = further.precision.data();
    double* squares = further.sumSquares.data();
    further.sumSquares.setZero();
    for (std::size_t k = 0; k < further.units; ++k) {
        const double size = further.unitSize[k];
        double* u = &further.u[k * e];
        const double* sum = sums + k * p1;
        // Precision Q_c(effects) + n_k Q_e; right-hand side Q_e (sum of e_i + u_k).
        for (std::size_t a = 0; a < e; ++a)
            for (std::size_t b = 0; b < e; ++b)
                precision[a * e + b] = precisionC[a + b * q];
        for (std::size_t a = 0; a < p1; ++a) {
            double value = 0.0;
            for (std::size_t b = 0; b < p1; ++b) {
                precision[a * e + b] += size * precisionE[a + b * p1];
                value += precisionE[a + b * p1] * (sum[b] + size * u[b]);
            }
            rhs[a] = value;
        }
        // Lower responses: count Q'_oo on their block; right-hand side their sums plus
        // count Q'_oo u_k (the effect the lower residuals hold).
        for (std::size_t b = 0; b < lowerCount; ++b) {
            const FurtherClassification::Below& below = further.below[b];
            const UnitResponses lower = unitResponses(below.classification);
            const Eigen::MatrixXd& lowerPrecision = *lower.precision;
            const double count = further.lowerCounts[k * lowerCount + b];
            for (std::size_t d = 0; d < lower.p; ++d) {
                double value = further.lowerSums[k * e + below.first + d];
                for (std::size_t o = 0; o < lower.p; ++o) {
                    const double qdo =
                        count * lowerPrecision(static_cast<Eigen::Index>(lower.first + d),
                                               static_cast<Eigen::Index>(lower.first + o));
                    precision[(below.first + d) * e + below.first + o] += qdo;
                    value += qdo * u[below.first + o];
                }
                rhs[below.first + d] = value;
            }
        }
        // Own responses: the effects' prior given the unit's own residuals r_k.
        if (own > 0) {
            unitResidual(block, k, fitted, full);
            for (std::size_t a = 0; a < e; ++a)
                for (std::size_t o = 0; o < own; ++o)
                    rhs[a] -= precisionC[a + (e + o) * q] * full[e + o];
        }
        if (!choleskyInPlace(precision, e))
            throw Error("the precision of a unit's effects at classification '" +
                        m_design.classificationId(c) + "' is not positive definite");
        lowerSolveInPlace(precision, rhs, e);
        upperSolveInPlace(precision, rhs, e);
        for (std::size_t a = 0; a < e; ++a)
            noise[a] = drawNormal(m_rng);
        upperSolveInPlace(precision, noise, e);
        double* delta = &further.delta[k * e];
        for (std::size_t a = 0; a < e; ++a) {
            const double next = rhs[a] + noise[a];
            delta[a] = next - u[a];
            u[a] = next;
            full[a] = next;
        }
        if (own > 0)
            drawUnitValues(block, k, fitted, full);
        for (std::size_t b = 0; b < q; ++b)
            for (std::size_t a = 0; a < q; ++a)
                squares[a + b * q] += full[a] * full[b];
    }
    further.sampler.draw(m_rng, further.sumSquares, static_cast<double>(further.units),
                         further.omega);
    refreshFurtherPrecision(c);
    shiftLowerLatents(c);

    // Translation move (Liu & Sabatti 2000) for each effect dimension d with an intercept:
    // u^c_kd + t for every unit and beta_cons,d - t leave every mean below unchanged, so t's
    // conditional is w_.d's prior normal given the other dimensions, around minus the units'
    // mean. Without it the intercept and the mean effect random-walk against each other (the
    // effects are drawn given beta).
    double* average = noise; // Q: the units' mean w
    std::fill(average, average + q, 0.0);
    const double units = static_cast<double>(further.units);
    for (std::size_t k = 0; k < further.units; ++k) {
        for (std::size_t a = 0; a < e; ++a)
            average[a] += further.u[k * e + a];
        if (own > 0) {
            unitResidual(block, k, fitted, full);
            for (std::size_t o = 0; o < own; ++o)
                average[e + o] += full[e + o];
        }
    }
    for (std::size_t a = 0; a < q; ++a)
        average[a] /= units;
    for (std::size_t d = 0; d < e; ++d) {
        const int coefficient = further.interceptOf[d];
        if (coefficient < 0)
            continue;
        double shift = 0.0; // sum_l Q(d,l) wbar_l
        for (std::size_t l = 0; l < q; ++l)
            shift += further.precision(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(l)) *
                     average[l];
        const double diagonal =
            further.precision(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
        const double t = -shift / diagonal + drawNormal(m_rng) / std::sqrt(units * diagonal);
        for (std::size_t k = 0; k < further.units; ++k) {
            further.u[k * e + d] += t;
            further.delta[k * e + d] += t;
        }
        average[d] += t;
        m_beta(coefficient) -= t;
    }

    for (std::size_t i = 0; i < m_n; ++i) {
        const double* delta = &further.delta[static_cast<std::size_t>(further.unitOfRow[i]) * e];
        double* offset = &m_rowOffsets[i * p1];
        for (std::size_t d = 0; d < p1; ++d)
            offset[d] += delta[d];
    }
    for (const FurtherClassification::Below& below : further.below) {
        const std::size_t lowerDims =
            m_design.classificationResponses(below.classification).dims.size();
        double* offsets = below.classification == 0
                              ? m_offsets2.data()
                              : m_further[below.classification - 1].offsets.data();
        for (std::size_t l = 0; l < below.unitAbove.size(); ++l) {
            const double* delta = &further.delta[below.unitAbove[l] * e + below.first];
            for (std::size_t d = 0; d < lowerDims; ++d)
                offsets[l * lowerDims + d] += delta[d];
        }
    }
}

// Shift moves (Liu & Sabatti 2000) for the effects of classification c on the Binary and
// Ordered latents of the classifications below, as the first classification's on level 1's
// (JointSamplerUnits.cpp): u^c_kd and the latents of all unit k's lower units move by one delta,
// which leaves their residuals unchanged, so delta's conditional is u^c_kd's normal given the
// unit's other dimensions, truncated to the shifts that keep each observed latent in its
// category. Without it u^c_kd is pinned to the latents (drawn given it) and its variance crawls.
void JointImputationSampler::shiftLowerLatents(std::size_t c)
{
    FurtherClassification& further = m_further[c - 1];
    const std::size_t e = further.effects;
    const UnitResponses block = unitResponses(c);
    double* full = further.work.data() + further.q * further.q + 2 * further.q;
    double* fitted = full + further.q;
    for (const FurtherClassification::Below& below : further.below) {
        const UnitResponses lower = unitResponses(below.classification);
        const auto& responses = lower.block->responses;
        const std::size_t count = responses.size();
        double* offsets = below.classification == 0
                              ? m_offsets2.data()
                              : m_further[below.classification - 1].offsets.data();
        for (std::size_t r = 0; r < count; ++r) {
            const DesignResponse& response = responses[r];
            if (response.type != ResponseType::Binary && response.type != ResponseType::Ordered)
                continue;
            const std::size_t d = static_cast<std::size_t>(response.firstDim);
            std::fill(further.shiftLow.begin(), further.shiftLow.end(), -infinity);
            std::fill(further.shiftHigh.begin(), further.shiftHigh.end(), infinity);
            for (std::size_t l = 0; l < below.unitAbove.size(); ++l) {
                const double observed = lower.block->y[l * count + r];
                if (std::isnan(observed))
                    continue;
                double low = 0.0;
                double high = 0.0;
                categoryBounds((*lower.thresholds)[r], static_cast<int>(observed), low, high);
                const double z = lower.z[l * lower.p + d];
                const std::size_t k = below.unitAbove[l];
                further.shiftLow[k] = std::max(further.shiftLow[k], low - z);
                further.shiftHigh[k] = std::min(further.shiftHigh[k], high - z);
            }
            const std::size_t v = below.first + d;
            for (std::size_t k = 0; k < further.units; ++k) {
                const double low = further.shiftLow[k];
                const double high = further.shiftHigh[k];
                further.shiftLow[k] = 0.0; // from here: the unit's delta, for its lower units
                if (!(low < high))
                    continue;
                unitResidual(block, k, fitted, full);
                const double current = full[v];
                const double next = drawTruncatedNormalQuick(
                    m_rng, conditionalShift(further.conditional.data(), further.q, v, full),
                    further.conditionalSd[v], current + low, current + high);
                further.shiftLow[k] = next - current;
                further.u[k * e + v] = next;
            }
            for (std::size_t l = 0; l < below.unitAbove.size(); ++l) {
                const double delta = further.shiftLow[below.unitAbove[l]];
                lower.z[l * lower.p + d] += delta;
                offsets[l * lower.p + d] += delta;
            }
        }
    }
}

// Omega_c^{-1} and its conditional regressions after Omega_c changed.
void JointImputationSampler::refreshFurtherPrecision(std::size_t c)
{
    FurtherClassification& further = m_further[c - 1];
    further.factor.compute(further.omega);
    if (further.factor.info() != Eigen::Success)
        throw Error("the covariance matrix of classification '" + m_design.classificationId(c) +
                    "' became singular");
    further.precision.setIdentity();
    further.factor.solveInPlace(further.precision);
    const std::size_t q = further.q;
    for (std::size_t v = 0; v < q; ++v) {
        const double diagonal =
            further.precision(static_cast<Eigen::Index>(v), static_cast<Eigen::Index>(v));
        further.conditionalSd[v] = 1.0 / std::sqrt(diagonal);
        for (std::size_t l = 0; l < q; ++l)
            further.conditional[v * q + l] = v == l
                                                 ? 0.0
                                                 : further.precision(static_cast<Eigen::Index>(v),
                                                                     static_cast<Eigen::Index>(l)) /
                                                       diagonal;
    }
}

// Parameter expansion of a level-1 latent dimension d by c (JointSamplerExpansion.cpp) also
// rescales u^c_.d and Omega_c's row and column d of every further classification: the log of
// their IW(nu, Psi) prior density at C Omega_c C times the Jacobian c^(P1+1), Psi diagonal (the
// effects' own density and Jacobian cancel), as for Omega_u.
double JointImputationSampler::furtherPriorLogRatio(int dim, double scale) const
{
    const double logScale = std::log(scale);
    double logRatio = 0.0;
    for (const FurtherClassification& further : m_further)
        logRatio -= further.priorDf * logScale + 0.5 * further.priorScale(dim) *
                                                     further.precision(dim, dim) *
                                                     (1.0 / (scale * scale) - 1.0);
    return logRatio;
}

// The accepted rescaling of the level-1 dimensions (see furtherPriorLogRatio): the further
// effects, the rows' offsets and each Omega_c with its precision.
void JointImputationSampler::rescaleFurtherClassifications(const std::vector<double>& scale)
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    for (std::size_t c = 0; c < m_further.size(); ++c) {
        FurtherClassification& further = m_further[c];
        bool changed = false;
        for (std::size_t d = 0; d < p1; ++d) {
            const double factor = scale[d];
            if (factor == 1.0)
                continue;
            changed = true;
            for (std::size_t k = 0; k < further.units; ++k)
                further.u[k * further.effects + d] *= factor;
            further.omega.row(static_cast<Eigen::Index>(d)) *= factor;
            further.omega.col(static_cast<Eigen::Index>(d)) *= factor;
        }
        if (changed)
            refreshFurtherPrecision(c + 1);
    }
    if (m_rowOffsets.empty())
        return;
    for (std::size_t d = 0; d < p1; ++d)
        if (scale[d] != 1.0)
            for (std::size_t i = 0; i < m_n; ++i)
                m_rowOffsets[i * p1 + d] *= scale[d];
}

} // namespace grove
