// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/random/Distributions.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr int level2Sweeps = 3;

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x * M_SQRT1_2);
}

// Observed variance of one response column of a row-major block (NaN = missing); 1 if fewer
// than two values or no spread, so that priors stay proper.
double observedVariance(const std::vector<double>& values, std::size_t stride, std::size_t column)
{
    double sum = 0.0;
    double squares = 0.0;
    double count = 0.0;
    for (std::size_t i = column; i < values.size(); i += stride) {
        if (std::isnan(values[i]))
            continue;
        sum += values[i];
        squares += values[i] * values[i];
        count += 1.0;
    }
    if (count < 2.0)
        return 1.0;
    const double mean = sum / count;
    const double variance = (squares - count * mean * mean) / (count - 1.0);
    return variance > 0.0 ? variance : 1.0;
}

// Per-dimension prior scale: observed variance for a Normal response, 1 for a latent.
std::vector<double> dimensionScales(const std::vector<DesignResponse>& responses,
                                    const std::vector<DesignDimension>& dims,
                                    const std::vector<double>& y)
{
    std::vector<double> scales;
    for (const DesignDimension& dim : dims) {
        const DesignResponse& response = responses[static_cast<std::size_t>(dim.response)];
        scales.push_back(
            response.isLatent()
                ? 1.0
                : observedVariance(y, responses.size(), static_cast<std::size_t>(dim.response)));
    }
    return scales;
}

std::vector<bool> level2Latent(const ImputationDesign& design)
{
    if (!design.twoLevel())
        return {};
    std::vector<bool> latent(static_cast<std::size_t>(design.level1DimCount()), false);
    for (const DesignDimension& dim : design.level2Dims())
        latent.push_back(dim.latent);
    return latent;
}

// -1 for a free dimension, else the response a latent dimension belongs to.
std::vector<int> latentGroups(const std::vector<DesignDimension>& dims, std::size_t freeBefore)
{
    std::vector<int> groups(freeBefore, -1);
    for (const DesignDimension& dim : dims)
        groups.push_back(dim.latent ? dim.response : -1);
    return groups;
}

std::vector<int> level1Groups(const ImputationDesign& design)
{
    return latentGroups(design.level1Dims(), 0);
}

std::vector<int> level2Groups(const ImputationDesign& design)
{
    if (!design.twoLevel())
        return {};
    return latentGroups(design.level2Dims(), static_cast<std::size_t>(design.level1DimCount()));
}

// Elements of a covariance matrix that the model fixes: latent variances (1) and the
// correlations between latents of one Unordered response (0).
bool isFixedElement(const std::vector<int>& groups, int a, int b)
{
    const int ga = groups[static_cast<std::size_t>(a)];
    const int gb = groups[static_cast<std::size_t>(b)];
    return ga >= 0 && ga == gb;
}

Eigen::MatrixXd level1PriorScale(const ImputationDesign& design)
{
    const std::vector<double> scales =
        dimensionScales(design.level1Responses(), design.level1Dims(), design.y1());
    Eigen::MatrixXd scale = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(scales.size()),
                                                  static_cast<Eigen::Index>(scales.size()));
    for (std::size_t d = 0; d < scales.size(); ++d)
        scale(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d)) = scales[d];
    return scale;
}

Eigen::MatrixXd level2PriorScale(const ImputationDesign& design)
{
    if (!design.twoLevel())
        return Eigen::MatrixXd(0, 0);
    std::vector<double> scales =
        dimensionScales(design.level1Responses(), design.level1Dims(), design.y1());
    const std::vector<double> scales2 =
        dimensionScales(design.level2Responses(), design.level2Dims(), design.y2());
    scales.insert(scales.end(), scales2.begin(), scales2.end());
    const Eigen::Index q = static_cast<Eigen::Index>(scales.size());
    Eigen::MatrixXd scale = Eigen::MatrixXd::Zero(q, q);
    // A tenth of the total variance: level-2 variances are usually a fraction of it, and with
    // few units a unit-scale matrix would pull them up noticeably.
    for (Eigen::Index d = 0; d < q; ++d)
        scale(d, d) = 0.1 * scales[static_cast<std::size_t>(d)];
    return scale;
}

// Normal(mean, sd) truncated to (lower, upper). When one bound is infinite and the other is at
// most half an sd past the mean, plain rejection accepts at least 31% of the time (what the
// general sampler does there too) and needs no standardising divisions or calls: the common
// case of a probit latent. Otherwise the general sampler.
inline double truncatedDraw(RandomStream& rng, double mean, double sd, double lower, double upper)
{
    const double reach = 0.5 * sd;
    if ((upper == infinity && lower < mean + reach) ||
        (lower == -infinity && upper > mean - reach)) {
        for (;;) {
            const double z = mean + sd * drawNormal(rng);
            if (z > lower && z < upper)
                return z;
        }
    }
    return drawTruncatedNormalFast(rng, mean, sd, lower, upper);
}

// Small dense kernels for the per-unit P1 x P1 work: Eigen's general paths (blocked LLT,
// triangular solves, GEMM) cost several times the arithmetic at these sizes.

// Lower Cholesky factor of a small SPD matrix; false if not positive definite.
bool smallCholesky(const Eigen::MatrixXd& a, Eigen::MatrixXd& lower)
{
    const Eigen::Index p = a.rows();
    for (Eigen::Index j = 0; j < p; ++j) {
        double diagonal = a(j, j);
        for (Eigen::Index k = 0; k < j; ++k)
            diagonal -= lower(j, k) * lower(j, k);
        if (!(diagonal > 0.0))
            return false;
        const double root = std::sqrt(diagonal);
        lower(j, j) = root;
        for (Eigen::Index i = j + 1; i < p; ++i) {
            double value = a(i, j);
            for (Eigen::Index k = 0; k < j; ++k)
                value -= lower(i, k) * lower(j, k);
            lower(i, j) = value / root;
        }
    }
    return true;
}

// x := (L L')^{-1} x.
void smallCholeskySolve(const Eigen::MatrixXd& lower, Eigen::VectorXd& x)
{
    const Eigen::Index p = lower.rows();
    for (Eigen::Index i = 0; i < p; ++i) {
        double value = x(i);
        for (Eigen::Index k = 0; k < i; ++k)
            value -= lower(i, k) * x(k);
        x(i) = value / lower(i, i);
    }
    for (Eigen::Index i = p - 1; i >= 0; --i) {
        double value = x(i);
        for (Eigen::Index k = i + 1; k < p; ++k)
            value -= lower(k, i) * x(k);
        x(i) = value / lower(i, i);
    }
}

// x := L'^{-1} x.
void smallUpperSolve(const Eigen::MatrixXd& lower, Eigen::VectorXd& x)
{
    const Eigen::Index p = lower.rows();
    for (Eigen::Index i = p - 1; i >= 0; --i) {
        double value = x(i);
        for (Eigen::Index k = i + 1; k < p; ++k)
            value -= lower(k, i) * x(k);
        x(i) = value / lower(i, i);
    }
}

// inverse := (L L')^{-1}, with `work` (p x p) for L^{-1}.
void smallCholeskyInverse(const Eigen::MatrixXd& lower, Eigen::MatrixXd& work,
                          Eigen::MatrixXd& inverse)
{
    const Eigen::Index p = lower.rows();
    work.setZero();
    for (Eigen::Index j = 0; j < p; ++j) {
        work(j, j) = 1.0 / lower(j, j);
        for (Eigen::Index i = j + 1; i < p; ++i) {
            double value = 0.0;
            for (Eigen::Index k = j; k < i; ++k)
                value -= lower(i, k) * work(k, j);
            work(i, j) = value / lower(i, i);
        }
    }
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b <= a; ++b) {
            double value = 0.0;
            for (Eigen::Index k = a; k < p; ++k)
                value += work(k, a) * work(k, b);
            inverse(a, b) = value;
            inverse(b, a) = value;
        }
}

} // namespace

JointImputationSampler::JointImputationSampler(const ImputationDesign& design,
                                               bool conditionalAlgorithm, std::uint64_t seed,
                                               std::uint64_t chain)
    : m_design(design), m_marginalBeta(conditionalAlgorithm), m_rng(seed, chain),
      m_samplerE(level1Groups(design), design.level1DimCount() + 1.0, level1PriorScale(design)),
      m_samplerU(level2Groups(design),
                 design.twoLevel() ? design.level1DimCount() + design.level2DimCount() + 1.0 : 1.0,
                 level2PriorScale(design))
{
    m_p1 = design.level1DimCount();
    m_p2 = design.twoLevel() ? design.level2DimCount() : 0;
    m_q = design.twoLevel() ? m_p1 + m_p2 : 0;
    m_k = design.coefficientCount();
    m_k1 = design.level1ColumnCount();
    m_k2 = design.level2ColumnCount();
    m_n = design.rowCount();
    m_units = design.twoLevel() ? design.unitCount() : 0;
    initialise();
    m_groupsE = level1Groups(design);
    m_groupsU = level2Groups(design);
    buildParameters();
}

void JointImputationSampler::initialise()
{
    const Eigen::Index p1 = m_p1;
    const Eigen::Index k1 = m_k1;
    const auto& responses1 = m_design.level1Responses();
    const auto& responses2 = m_design.level2Responses();
    const std::size_t r1 = responses1.size();
    const std::size_t r2 = responses2.size();

    // Thresholds gamma_0 = 0 < gamma_1 < ... spaced by one; burn-in finds them.
    const auto initialThresholds = [](const DesignResponse& response) {
        std::vector<double> thresholds;
        if (response.type == ResponseType::Binary || response.type == ResponseType::Ordered)
            for (int c = 0; c + 1 < response.categories; ++c)
                thresholds.push_back(static_cast<double>(c));
        return thresholds;
    };
    for (const DesignResponse& response : responses1) {
        m_thresholds1.push_back(initialThresholds(response));
        m_thresholdStep1.push_back(0.05);
    }
    for (const DesignResponse& response : responses2) {
        m_thresholds2.push_back(initialThresholds(response));
        m_thresholdStep2.push_back(0.1);
    }

    // Starting latent values consistent with the observed categories; missing values start at
    // the observed mean (Normal) or in the reference/first category.
    const auto startValues = [&](const DesignResponse& response,
                                 const std::vector<double>& thresholds, double observed,
                                 double observedMean, double* z) {
        const bool missing = std::isnan(observed);
        switch (response.type) {
        case ResponseType::Normal: z[0] = missing ? observedMean : observed; break;
        case ResponseType::Binary:
        case ResponseType::Ordered: {
            const int c = missing ? 0 : static_cast<int>(observed);
            const int last = response.categories - 1;
            z[0] = c == 0      ? thresholds[0] - 0.5
                   : c == last ? thresholds[static_cast<std::size_t>(last - 1)] + 0.5
                               : 0.5 * (thresholds[static_cast<std::size_t>(c - 1)] +
                                        thresholds[static_cast<std::size_t>(c)]);
            break;
        }
        case ResponseType::Unordered: {
            const int c = missing ? response.dimCount : static_cast<int>(observed);
            for (int k = 0; k < response.dimCount; ++k)
                z[k] = k == c ? 1.0 : -1.0;
            break;
        }
        }
    };
    const auto observedMean = [](const std::vector<double>& y, std::size_t stride, std::size_t r) {
        double sum = 0.0;
        double count = 0.0;
        for (std::size_t i = r; i < y.size(); i += stride)
            if (!std::isnan(y[i])) {
                sum += y[i];
                count += 1.0;
            }
        return count > 0.0 ? sum / count : 0.0;
    };

    m_z1.assign(m_n * static_cast<std::size_t>(m_p1), 0.0);
    m_rowNeedsDraw.assign(m_n, 0);
    for (std::size_t r = 0; r < r1; ++r) {
        const DesignResponse& response = responses1[r];
        const double mean = observedMean(m_design.y1(), r1, r);
        for (std::size_t i = 0; i < m_n; ++i) {
            const double observed = m_design.y1()[i * r1 + r];
            startValues(response, m_thresholds1[r], observed, mean,
                        &m_z1[i * static_cast<std::size_t>(m_p1) +
                              static_cast<std::size_t>(response.firstDim)]);
            if (response.isLatent() || std::isnan(observed))
                m_rowNeedsDraw[i] = 1;
        }
    }
    m_z2.assign(m_units * static_cast<std::size_t>(m_p2), 0.0);
    for (std::size_t r = 0; r < r2 && m_units > 0; ++r) {
        const DesignResponse& response = responses2[r];
        const double mean = observedMean(m_design.y2(), r2, r);
        for (std::size_t j = 0; j < m_units; ++j)
            startValues(response, m_thresholds2[r], m_design.y2()[j * r2 + r], mean,
                        &m_z2[j * static_cast<std::size_t>(m_p2) +
                              static_cast<std::size_t>(response.firstDim)]);
    }
    m_u.assign(m_units * static_cast<std::size_t>(m_p1), 0.0);

    // Fixed effects start at zero except intercepts, which start at the mean starting value.
    m_beta = Eigen::VectorXd::Zero(m_k);
    for (int d = 0; d < m_p1; ++d) {
        const DesignDimension& dim = m_design.level1Dims()[static_cast<std::size_t>(d)];
        const auto cons = std::find(dim.terms.begin(), dim.terms.end(), "cons");
        if (cons == dim.terms.end())
            continue;
        double sum = 0.0;
        for (std::size_t i = 0; i < m_n; ++i)
            sum += m_z1[i * static_cast<std::size_t>(m_p1) + static_cast<std::size_t>(d)];
        m_beta(dim.firstCoefficient + (cons - dim.terms.begin())) = sum / static_cast<double>(m_n);
    }
    for (int d = 0; d < m_p2; ++d) {
        const DesignDimension& dim = m_design.level2Dims()[static_cast<std::size_t>(d)];
        const auto cons = std::find(dim.terms.begin(), dim.terms.end(), "cons");
        if (cons == dim.terms.end())
            continue;
        double sum = 0.0;
        for (std::size_t j = 0; j < m_units; ++j)
            sum += m_z2[j * static_cast<std::size_t>(m_p2) + static_cast<std::size_t>(d)];
        m_beta(dim.firstCoefficient + (cons - dim.terms.begin())) =
            sum / static_cast<double>(m_units);
    }

    m_omegaE = level1PriorScale(m_design);
    m_omegaU = level2PriorScale(m_design);
    for (Eigen::Index d = 0; d < m_q; ++d)
        if (level2Latent(m_design)[static_cast<std::size_t>(d)])
            m_omegaU(d, d) = 1.0;

    // Constant statistics: X'X, unit means, within-unit cross-products, level-2 X'X.
    const double* x = m_design.x1().data();
    m_xx1 = Eigen::MatrixXd::Zero(k1, k1);
    for (std::size_t i = 0; i < m_n; ++i) {
        const Eigen::Map<const Eigen::VectorXd> xi(x + i * static_cast<std::size_t>(k1), k1);
        m_xx1.noalias() += xi * xi.transpose();
    }
    m_xbar = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(m_units), k1);
    m_unitSize = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m_units));
    m_within1 = m_xx1;
    for (std::size_t j = 0; j < m_units; ++j) {
        const std::size_t begin = m_design.unitStart(j);
        const std::size_t end = m_design.unitStart(j + 1);
        const Eigen::Index jj = static_cast<Eigen::Index>(j);
        for (std::size_t i = begin; i < end; ++i)
            m_xbar.row(jj) +=
                Eigen::Map<const Eigen::RowVectorXd>(x + i * static_cast<std::size_t>(k1), k1);
        const double size = static_cast<double>(end - begin);
        m_unitSize(jj) = size;
        m_xbar.row(jj) /= size;
        m_within1.noalias() -= size * m_xbar.row(jj).transpose() * m_xbar.row(jj);
    }
    m_xx2 = Eigen::MatrixXd::Zero(m_k2, m_k2);
    for (std::size_t j = 0; j < m_units && m_k2 > 0; ++j) {
        const Eigen::Map<const Eigen::VectorXd> xj(
            m_design.x2().data() + j * static_cast<std::size_t>(m_k2), m_k2);
        m_xx2.noalias() += xj * xj.transpose();
    }

    // Work storage, sized once.
    m_precisionE.resize(p1, p1);
    m_conditionalE.resize(p1, p1);
    m_conditionalSdE.resize(p1);
    m_precisionU.resize(m_q, m_q);
    m_sumSquaresE.resize(p1, p1);
    m_sumSquaresU.resize(m_q, m_q);
    m_xz.resize(k1, p1);
    m_zsum.resize(static_cast<Eigen::Index>(m_units), p1);
    m_betaPrecision.resize(m_k, m_k);
    m_betaRhs.resize(m_k);
    m_normals.resize(std::max(m_k, m_q));
    m_work1.resize(k1, p1);
    m_omegaUGivenR.resize(p1, p1);
    m_aMatrix.resize(p1, m_p2);
    m_precisionRR.resize(m_p2, m_p2);
    m_unitCovariance.resize(p1, p1);
    m_unitVector1.resize(p1);
    m_unitVector1b.resize(p1);
    m_unitVector2.resize(m_p2);
    m_unitVectorQ.resize(m_q);
    m_unitPrecision.resize(p1, p1);
    m_betaFactor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_k, m_k));
    m_unitFactor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p1, p1));
    m_smallLower = Eigen::MatrixXd::Zero(p1, p1);
    m_smallWork = Eigen::MatrixXd::Zero(p1, p1);
    m_unitInverse = Eigen::MatrixXd::Zero(p1, p1);
    m_factorE = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p1, p1));
    m_factorU = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_q, m_q));
    m_factorSmall = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_p1, m_p1));
    m_factorSmall2 = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_p2, m_p2));
    m_mean.assign(static_cast<std::size_t>(std::max(m_q, m_p1)), 0.0);
    m_residual.assign(static_cast<std::size_t>(std::max(m_q, m_p1)), 0.0);
    m_cowlesMeans.assign(std::max(m_n, m_units), 0.0);
    m_cowlesCategories.assign(std::max(m_n, m_units), 0);
    m_cowlesRows.assign(std::max(m_n, m_units), 0);
    m_conditionalRows.assign(static_cast<std::size_t>(m_p1 * m_p1), 0.0);
    m_xzRows.assign(static_cast<std::size_t>(m_k1 * m_p1), 0.0);
    m_betaDense.assign(static_cast<std::size_t>(m_k1 * m_p1), 0.0);
    // Each coefficient's dimension (level-2 ones after the P1 level-1 ones) and covariate.
    m_coefDimIndex.assign(static_cast<std::size_t>(m_k), 0);
    m_coefColumn.assign(static_cast<std::size_t>(m_k), 0);
    m_coefLevel2.assign(static_cast<std::size_t>(m_k), 0);
    m_coefValues.assign(static_cast<std::size_t>(m_k), 0.0);
    for (int d = 0; d < m_p1; ++d) {
        const DesignDimension& dim = m_design.level1Dims()[static_cast<std::size_t>(d)];
        for (std::size_t c = 0; c < dim.terms.size(); ++c) {
            const std::size_t coefficient = static_cast<std::size_t>(dim.firstCoefficient) + c;
            m_coefDimIndex[coefficient] = d;
            m_coefColumn[coefficient] = static_cast<std::size_t>(dim.firstColumn) + c;
        }
    }
    for (int d = 0; d < m_p2; ++d) {
        const DesignDimension& dim = m_design.level2Dims()[static_cast<std::size_t>(d)];
        for (std::size_t c = 0; c < dim.terms.size(); ++c) {
            const std::size_t coefficient = static_cast<std::size_t>(dim.firstCoefficient) + c;
            m_coefDimIndex[coefficient] = m_p1 + d;
            m_coefColumn[coefficient] = static_cast<std::size_t>(dim.firstColumn) + c;
            m_coefLevel2[coefficient] = 1;
        }
    }
    m_unitWt = Eigen::MatrixXd::Zero(p1, m_q);
    m_unitG = Eigen::MatrixXd::Zero(m_q, m_q);
    m_unitT = Eigen::VectorXd::Zero(m_q);
    // Which level-1 values are ever drawn (latent, or missing); X'Z of the others is constant.
    m_drawn.assign(m_n * static_cast<std::size_t>(m_p1), 0);
    m_xzConstant = Eigen::MatrixXd::Zero(k1, p1);
    for (std::size_t i = 0; i < m_n; ++i)
        for (std::size_t r = 0; r < r1; ++r) {
            const DesignResponse& response = responses1[r];
            const bool drawnValue = response.isLatent() || std::isnan(m_design.y1()[i * r1 + r]);
            for (int k = 0; k < response.dimCount; ++k) {
                const std::size_t d = static_cast<std::size_t>(response.firstDim + k);
                m_drawn[i * static_cast<std::size_t>(m_p1) + d] = drawnValue ? 1 : 0;
                if (!drawnValue)
                    for (Eigen::Index c = 0; c < k1; ++c)
                        m_xzConstant(c, static_cast<Eigen::Index>(d)) +=
                            x[i * static_cast<std::size_t>(k1) + static_cast<std::size_t>(c)] *
                            m_z1[i * static_cast<std::size_t>(m_p1) + d];
            }
        }
    m_unitSum.assign(static_cast<std::size_t>(m_p1), 0.0);
    m_unitOffset.assign(static_cast<std::size_t>(m_p1), 0.0);
    for (const DesignDimension& dim : m_design.level1Dims()) {
        m_dimColumnBegin.push_back(dim.firstColumn);
        m_dimColumnEnd.push_back(dim.firstColumn + static_cast<int>(dim.terms.size()));
    }
    for (const DesignResponse& response : responses1)
        if (m_design.twoLevel() &&
            (response.type == ResponseType::Binary || response.type == ResponseType::Ordered))
            m_shiftDims.push_back(response.firstDim);
    m_shiftLow.assign(m_units * static_cast<std::size_t>(m_p1), -infinity);
    m_shiftHigh.assign(m_units * static_cast<std::size_t>(m_p1), infinity);
    refreshPrecisions();
}

void JointImputationSampler::buildParameters()
{
    const auto& dims1 = m_design.level1Dims();
    const auto& dims2 = m_design.level2Dims();
    int index = 0;
    for (const auto* dims : {&dims1, &dims2}) {
        if (dims == &dims2 && !m_design.twoLevel())
            break;
        for (const DesignDimension& dim : *dims)
            for (const std::string& term : dim.terms) {
                const std::string name = "beta_" + std::to_string(index++);
                m_parameters.push_back(
                    {name, dim.name + ":" + term, "coefficient of " + term + " for " + dim.name});
            }
    }
    const auto dimName = [&](int d, bool level2Matrix) {
        if (!level2Matrix)
            return dims1[static_cast<std::size_t>(d)].name;
        if (d < m_p1)
            return "u(" + dims1[static_cast<std::size_t>(d)].name + ")";
        return dims2[static_cast<std::size_t>(d - m_p1)].name;
    };
    const auto addMatrix = [&](const std::string& prefix, int size, const std::vector<int>& groups,
                               bool level2Matrix) {
        int element = 0;
        for (int a = 0; a < size; ++a)
            for (int b = 0; b <= a; ++b, ++element) {
                if (isFixedElement(groups, a, b))
                    continue; // latent variance 1, or within-Unordered correlation 0
                const std::string name = prefix + std::to_string(element);
                const std::string what = a == b ? "var(" + dimName(a, level2Matrix) + ")"
                                                : "cov(" + dimName(a, level2Matrix) + ", " +
                                                      dimName(b, level2Matrix) + ")";
                m_parameters.push_back(
                    {name, name, what + (level2Matrix ? " at level 2" : " at level 1")});
            }
    };
    if (m_design.twoLevel())
        addMatrix("omega_u_", m_q, level2Groups(m_design), true);
    addMatrix("omega_e_", m_p1, level1Groups(m_design), false);
    const auto addThresholds = [&](const std::vector<DesignResponse>& responses) {
        for (const DesignResponse& response : responses)
            if (response.type == ResponseType::Ordered)
                for (int c = 1; c + 1 < response.categories; ++c) {
                    const std::string name =
                        "threshold_" + response.variable + "_" + std::to_string(c);
                    m_parameters.push_back({name, name,
                                            "threshold between categories " + std::to_string(c) +
                                                " and " + std::to_string(c + 1) + " of " +
                                                response.variable});
                }
    };
    addThresholds(m_design.level1Responses());
    if (m_design.twoLevel())
        addThresholds(m_design.level2Responses());
}

void JointImputationSampler::currentParameters(double* values) const
{
    std::size_t out = 0;
    const int coefficients = m_design.twoLevel() ? m_k : m_k1;
    for (int c = 0; c < coefficients; ++c)
        values[out++] = m_beta(c);
    const auto writeMatrix = [&](const Eigen::MatrixXd& matrix, const std::vector<int>& groups) {
        for (Eigen::Index a = 0; a < matrix.rows(); ++a)
            for (Eigen::Index b = 0; b <= a; ++b)
                if (!isFixedElement(groups, static_cast<int>(a), static_cast<int>(b)))
                    values[out++] = matrix(a, b);
    };
    writeMatrix(m_omegaU, m_groupsU);
    writeMatrix(m_omegaE, m_groupsE);
    const auto writeThresholds = [&](const std::vector<DesignResponse>& responses,
                                     const std::vector<std::vector<double>>& thresholds) {
        for (std::size_t r = 0; r < responses.size(); ++r)
            if (responses[r].type == ResponseType::Ordered)
                for (std::size_t c = 1; c < thresholds[r].size(); ++c)
                    values[out++] = thresholds[r][c];
    };
    writeThresholds(m_design.level1Responses(), m_thresholds1);
    if (m_design.twoLevel())
        writeThresholds(m_design.level2Responses(), m_thresholds2);
}

void JointImputationSampler::refreshPrecisions()
{
    m_factorE.compute(m_omegaE);
    if (m_factorE.info() != Eigen::Success)
        throw Error("the level-1 covariance matrix became singular; check for responses that "
                    "are linear combinations of each other");
    m_precisionE.setIdentity();
    m_factorE.solveInPlace(m_precisionE);
    for (Eigen::Index d = 0; d < m_p1; ++d) {
        const double diagonal = m_precisionE(d, d);
        m_conditionalSdE(d) = 1.0 / std::sqrt(diagonal);
        for (Eigen::Index k = 0; k < m_p1; ++k) {
            m_conditionalE(d, k) = d == k ? 0.0 : m_precisionE(d, k) / diagonal;
            m_conditionalRows[static_cast<std::size_t>(d * m_p1 + k)] = m_conditionalE(d, k);
        }
    }
    if (m_q > 0) {
        m_factorU.compute(m_omegaU);
        if (m_factorU.info() != Eigen::Success)
            throw Error("the level-2 covariance matrix became singular; check for responses "
                        "that are linear combinations of each other");
        m_precisionU.setIdentity();
        m_factorU.solveInPlace(m_precisionU);
    }
}

int JointImputationSampler::categoryOf(const DesignResponse& response, const double* latent,
                                       const std::vector<double>& thresholds) const
{
    if (response.type == ResponseType::Unordered) {
        int best = response.dimCount; // reference unless some latent is positive
        double bestValue = 0.0;
        for (int k = 0; k < response.dimCount; ++k)
            if (latent[k] > bestValue) {
                bestValue = latent[k];
                best = k;
            }
        return best;
    }
    int category = 0;
    while (category < static_cast<int>(thresholds.size()) &&
           latent[0] > thresholds[static_cast<std::size_t>(category)])
        ++category;
    return category;
}

double JointImputationSampler::level1Value(std::size_t row, int response) const
{
    const DesignResponse& r = m_design.level1Responses()[static_cast<std::size_t>(response)];
    const double* z =
        &m_z1[row * static_cast<std::size_t>(m_p1) + static_cast<std::size_t>(r.firstDim)];
    if (!r.isLatent())
        return z[0];
    return static_cast<double>(categoryOf(r, z, m_thresholds1[static_cast<std::size_t>(response)]));
}

double JointImputationSampler::level2Value(std::size_t unit, int response) const
{
    const DesignResponse& r = m_design.level2Responses()[static_cast<std::size_t>(response)];
    const double* z =
        &m_z2[unit * static_cast<std::size_t>(m_p2) + static_cast<std::size_t>(r.firstDim)];
    if (!r.isLatent())
        return z[0];
    return static_cast<double>(categoryOf(r, z, m_thresholds2[static_cast<std::size_t>(response)]));
}

void JointImputationSampler::iterate(bool adapting)
{
    ++m_iteration;
    updateLevel1();
    m_samplerE.draw(m_rng, m_sumSquaresE, static_cast<double>(m_n), m_omegaE);
    refreshPrecisions();
    updateBeta(m_marginalBeta);
    if (m_design.twoLevel()) {
        // The level-2 block (units, their shift moves, level-2 latents, Omega_u, then every
        // coefficient given u) costs a unit loop, a fraction of the level-1 pass, and its
        // couplings (u with Omega_u, shifted latents with beta) are what limit the worst
        // parameters: several sweeps per pass buy ESS cheaply (bench/README.md).
        for (int sweep = 0; sweep < level2Sweeps; ++sweep) {
            updateUnits();
            m_samplerU.draw(m_rng, m_sumSquaresU, static_cast<double>(m_units), m_omegaU);
            refreshPrecisions();
            updateBeta(false);
        }
    }
    updateThresholds(adapting);
    if (adapting && m_iteration % 50 == 0) {
        m_samplerE.adapt();
        m_samplerU.adapt();
    }
}

// Draws the latent and missing values of one row, each from its normal conditional on the
// row's other residuals (single-site Gibbs within the row). P = P1 when it is known at compile
// time (0: m_p1 at run time).
template <int P>
void JointImputationSampler::drawLevel1Row(std::size_t row, const double* mean, double* residual,
                                           double* z, double* shiftLow, double* shiftHigh)
{
    const int p = P > 0 ? P : m_p1;
    const auto& responses = m_design.level1Responses();
    const std::size_t r1 = responses.size();
    const double* y = &m_design.y1()[row * r1];
    const double* conditional = m_conditionalRows.data();
    const double* conditionalSd = m_conditionalSdE.data();
    const auto conditionalMean = [&](int d) {
        const double* coefficient = conditional + d * p;
        double shift = 0.0;
        for (int k = 0; k < p; ++k)
            shift += coefficient[k] * residual[k];
        return mean[d] - shift;
    };
    for (std::size_t r = 0; r < r1; ++r) {
        const DesignResponse& response = responses[r];
        const bool missing = std::isnan(y[r]);
        const int first = response.firstDim;
        switch (response.type) {
        case ResponseType::Normal:
            if (missing) {
                z[first] = conditionalMean(first) + conditionalSd[first] * drawNormal(m_rng);
                residual[first] = z[first] - mean[first];
            }
            break;
        case ResponseType::Binary:
        case ResponseType::Ordered: {
            const double centre = conditionalMean(first);
            const double sd = conditionalSd[first];
            if (missing) {
                z[first] = centre + sd * drawNormal(m_rng);
            } else {
                const std::vector<double>& gamma = m_thresholds1[r];
                const int c = static_cast<int>(y[r]);
                const double lower = c > 0 ? gamma[static_cast<std::size_t>(c - 1)] : -infinity;
                const double upper = c < static_cast<int>(gamma.size())
                                         ? gamma[static_cast<std::size_t>(c)]
                                         : infinity;
                z[first] = truncatedDraw(m_rng, centre, sd, lower, upper);
                if (shiftLow) {
                    shiftLow[first] = std::max(shiftLow[first], lower - z[first]);
                    shiftHigh[first] = std::min(shiftHigh[first], upper - z[first]);
                }
            }
            residual[first] = z[first] - mean[first];
            break;
        }
        case ResponseType::Unordered: {
            const int q = response.dimCount;
            const int c = missing ? -1 : static_cast<int>(y[r]);
            for (int k = 0; k < q; ++k) {
                const int d = first + k;
                const double centre = conditionalMean(d);
                const double sd = conditionalSd[d];
                if (missing) {
                    z[d] = centre + sd * drawNormal(m_rng);
                } else if (c == q) {
                    z[d] = truncatedDraw(m_rng, centre, sd, -infinity, 0.0);
                } else if (c == k) {
                    double lower = 0.0;
                    for (int l = 0; l < q; ++l)
                        if (l != k)
                            lower = std::max(lower, z[first + l]);
                    z[d] = truncatedDraw(m_rng, centre, sd, lower, infinity);
                } else {
                    z[d] = truncatedDraw(m_rng, centre, sd, -infinity, z[first + c]);
                }
                residual[d] = z[d] - mean[d];
            }
            break;
        }
        }
    }
}

void JointImputationSampler::updateLevel1()
{
    switch (m_p1) {
    case 1: level1Pass<1>(); break;
    case 2: level1Pass<2>(); break;
    case 3: level1Pass<3>(); break;
    case 4: level1Pass<4>(); break;
    case 5: level1Pass<5>(); break;
    case 6: level1Pass<6>(); break;
    case 7: level1Pass<7>(); break;
    case 8: level1Pass<8>(); break;
    default: level1Pass<0>(); break;
    }
    // X'Z: the constant part (observed Normal values) plus what the pass accumulated.
    m_xz = m_xzConstant;
    m_xz += Eigen::Map<const Eigen::MatrixXd>(m_xzRows.data(), m_k1, m_p1);
}

// One pass over the rows, unit by unit: each row's means, its latent and missing draws, and the
// residual cross-products and per-unit sums. P as in drawLevel1Row; fixed-size loops and
// accumulators in registers when P is known.
template <int P> void JointImputationSampler::level1Pass()
{
    const int p = P > 0 ? P : m_p1;
    const std::size_t p1 = static_cast<std::size_t>(p);
    const std::size_t k1 = static_cast<std::size_t>(m_k1);
    const double* x = m_design.x1().data();
    const double* beta = m_beta.data();
    // Coefficients as a dense K1 x P1 row-major matrix (zero outside each dimension's
    // columns): every row's means in one short fixed-width loop per covariate.
    std::fill(m_betaDense.begin(), m_betaDense.end(), 0.0);
    for (std::size_t d = 0; d < p1; ++d)
        for (int c = m_dimColumnBegin[d]; c < m_dimColumnEnd[d]; ++c)
            m_betaDense[static_cast<std::size_t>(c) * p1 + d] = beta[c];
    const double* betaDense = m_betaDense.data();
    const std::uint8_t* needsDraw = m_rowNeedsDraw.data();
    constexpr int fixed = P > 0 ? P : 1;
    double meanBuffer[fixed];
    double residualBuffer[fixed];
    double squaresBuffer[fixed * fixed];
    double sumBuffer[fixed];
    double* mean = P > 0 ? meanBuffer : m_mean.data();
    double* residual = P > 0 ? residualBuffer : m_residual.data();
    double* squares = P > 0 ? squaresBuffer : m_sumSquaresE.data();
    double* unitSum = P > 0 ? sumBuffer : m_unitSum.data();
    for (std::size_t a = 0; a < p1 * p1; ++a)
        squares[a] = 0.0;
    double* xz = m_xzRows.data(); // column-major K1 x P1, drawn values only
    const std::uint8_t* drawn = m_drawn.data();
    std::fill(m_xzRows.begin(), m_xzRows.end(), 0.0);
    const bool twoLevel = m_design.twoLevel();
    const std::size_t unitCount = twoLevel ? m_units : 1;
    for (std::size_t j = 0; j < unitCount; ++j) {
        const std::size_t begin = twoLevel ? m_design.unitStart(j) : 0;
        const std::size_t end = twoLevel ? m_design.unitStart(j + 1) : m_n;
        const double* u = twoLevel ? &m_u[j * p1] : nullptr;
        double* shiftLow = twoLevel ? &m_shiftLow[j * p1] : nullptr;
        double* shiftHigh = twoLevel ? &m_shiftHigh[j * p1] : nullptr;
        double offset[fixed];
        double* base = P > 0 ? offset : m_unitOffset.data();
        for (std::size_t d = 0; d < p1; ++d) {
            base[d] = u ? u[d] : 0.0;
            unitSum[d] = 0.0;
            if (shiftLow) {
                shiftLow[d] = -infinity;
                shiftHigh[d] = infinity;
            }
        }
        for (std::size_t i = begin; i < end; ++i) {
            const double* xi = x + i * k1;
            double* zi = &m_z1[i * p1];
            for (std::size_t d = 0; d < p1; ++d)
                mean[d] = base[d];
            for (std::size_t c = 0; c < k1; ++c) {
                const double value = xi[c];
                const double* row = betaDense + c * p1;
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] += value * row[d];
            }
            for (std::size_t d = 0; d < p1; ++d)
                residual[d] = zi[d] - mean[d];
            if (needsDraw[i])
                drawLevel1Row<P>(i, mean, residual, zi, shiftLow, shiftHigh);
            for (std::size_t a = 0; a < p1; ++a)
                for (std::size_t b = 0; b <= a; ++b)
                    squares[b * p1 + a] += residual[a] * residual[b];
            for (std::size_t d = 0; d < p1; ++d)
                unitSum[d] += zi[d];
            if (needsDraw[i])
                for (std::size_t d = 0; d < p1; ++d) {
                    if (!drawn[i * p1 + d])
                        continue;
                    const double value = zi[d];
                    double* column = xz + d * k1;
                    for (std::size_t c = 0; c < k1; ++c)
                        column[c] += xi[c] * value;
                }
        }
        if (twoLevel)
            for (std::size_t d = 0; d < p1; ++d)
                m_zsum(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(d)) = unitSum[d];
    }
    for (std::size_t a = 0; a < p1; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            const double value = squares[b * p1 + a];
            m_sumSquaresE(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = value;
            m_sumSquaresE(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = value;
        }
}

// Level-1 blocks of the beta precision and right-hand side: precision(d,k) * XX[cols_d, cols_k]
// and rhs_d += sum_k precision(d,k) * sums[cols_d, k].
void JointImputationSampler::addLevel1Blocks(const Eigen::Ref<const Eigen::MatrixXd>& precision,
                                             const Eigen::Ref<const Eigen::MatrixXd>& crossProducts,
                                             const Eigen::Ref<const Eigen::MatrixXd>& sums)
{
    const auto& dims = m_design.level1Dims();
    for (int d = 0; d < m_p1; ++d) {
        const DesignDimension& a = dims[static_cast<std::size_t>(d)];
        const Eigen::Index ka = static_cast<Eigen::Index>(a.terms.size());
        for (int k = 0; k < m_p1; ++k) {
            const DesignDimension& b = dims[static_cast<std::size_t>(k)];
            const Eigen::Index kb = static_cast<Eigen::Index>(b.terms.size());
            m_betaPrecision.block(a.firstCoefficient, b.firstCoefficient, ka, kb) +=
                precision(d, k) * crossProducts.block(a.firstColumn, b.firstColumn, ka, kb);
            m_betaRhs.segment(a.firstCoefficient, ka) +=
                precision(d, k) * sums.block(a.firstColumn, k, ka, 1);
        }
    }
}

void JointImputationSampler::updateBeta(bool marginal)
{
    const int coefficients = m_design.twoLevel() ? m_k : m_k1;
    m_betaPrecision.setZero();
    m_betaRhs.setZero();
    const auto& dims2 = m_design.level2Dims();
    const std::size_t k2 = static_cast<std::size_t>(m_k2);
    const Eigen::Index p1 = m_p1;
    const Eigen::Index p2 = m_p2;

    if (!m_design.twoLevel()) {
        addLevel1Blocks(m_precisionE, m_xx1, m_xz);
    } else if (!marginal) {
        // beta | u: level-1 part uses z - u; level-2 part r_j | u_j ~ N(B u_j, Omega_r|u).
        // X'(Z - U): minus sum_j n_j xbar_j u_j' (a loop: the product expression would
        // allocate a temporary for the scaled effects).
        m_work1 = m_xz;
        for (std::size_t j = 0; j < m_units; ++j) {
            const double size = m_unitSize(static_cast<Eigen::Index>(j));
            for (Eigen::Index d = 0; d < p1; ++d) {
                const double weighted =
                    size * m_u[j * static_cast<std::size_t>(p1) + static_cast<std::size_t>(d)];
                for (Eigen::Index c = 0; c < m_k1; ++c)
                    m_work1(c, d) -= m_xbar(static_cast<Eigen::Index>(j), c) * weighted;
            }
        }
        addLevel1Blocks(m_precisionE, m_xx1, m_work1);
        if (p2 > 0) {
            const auto lambda = m_precisionU.bottomRightCorner(p2, p2);
            for (std::size_t j = 0; j < m_units; ++j) {
                const Eigen::Map<const Eigen::VectorXd> z2(&m_z2[j * static_cast<std::size_t>(p2)],
                                                           p2);
                const Eigen::Map<const Eigen::VectorXd> u(&m_u[j * static_cast<std::size_t>(p1)],
                                                          p1);
                m_unitVector2.noalias() = lambda * z2;
                m_unitVector2.noalias() += m_precisionU.bottomLeftCorner(p2, p1) * u;
                const double* x2 = &m_design.x2()[j * k2];
                for (Eigen::Index d = 0; d < p2; ++d) {
                    const DesignDimension& dim = dims2[static_cast<std::size_t>(d)];
                    for (std::size_t c = 0; c < dim.terms.size(); ++c)
                        m_betaRhs(dim.firstCoefficient + static_cast<Eigen::Index>(c)) +=
                            x2[static_cast<std::size_t>(dim.firstColumn) + c] * m_unitVector2(d);
                }
            }
            for (Eigen::Index d = 0; d < p2; ++d) {
                const DesignDimension& a = dims2[static_cast<std::size_t>(d)];
                for (Eigen::Index k = 0; k < p2; ++k) {
                    const DesignDimension& b = dims2[static_cast<std::size_t>(k)];
                    m_betaPrecision.block(a.firstCoefficient, b.firstCoefficient,
                                          static_cast<Eigen::Index>(a.terms.size()),
                                          static_cast<Eigen::Index>(b.terms.size())) +=
                        lambda(d, k) * m_xx2.block(a.firstColumn, b.firstColumn,
                                                   static_cast<Eigen::Index>(a.terms.size()),
                                                   static_cast<Eigen::Index>(b.terms.size()));
                }
            }
        }
    } else {
        // u integrated out. Within-unit part with X'Z minus its unit-mean part.
        m_work1 = m_xz;
        m_work1.noalias() -= m_xbar.transpose() * m_zsum;
        addLevel1Blocks(m_precisionE, m_within1, m_work1);
        // Omega_u|r = (Q_uu)^{-1}, A = Omega_ur Omega_rr^{-1} = -Q_uu^{-1} Q_ur.
        m_factorSmall.compute(m_precisionU.topLeftCorner(p1, p1));
        m_omegaUGivenR.setIdentity();
        m_factorSmall.solveInPlace(m_omegaUGivenR);
        // A second factor for the P2 x P2 block: re-using one of another size would reallocate.
        if (p2 > 0) {
            m_aMatrix.noalias() = -m_omegaUGivenR * m_precisionU.topRightCorner(p1, p2);
            m_factorSmall2.compute(m_omegaU.bottomRightCorner(p2, p2));
            m_precisionRR.setIdentity();
            m_factorSmall2.solveInPlace(m_precisionRR);
        }
        for (std::size_t j = 0; j < m_units; ++j) {
            const Eigen::Index jj = static_cast<Eigen::Index>(j);
            const double size = m_unitSize(jj);
            m_unitCovariance = m_omegaUGivenR;
            m_unitCovariance.noalias() += m_omegaE / size;
            if (!smallCholesky(m_unitCovariance, m_smallLower))
                throw Error("the covariance of a unit's mean residual is not positive definite");
            smallCholeskyInverse(m_smallLower, m_smallWork, m_unitInverse);
            // H_j = [Xbar_j | -A X2_j] = T_j-scaled columns with T = [I | -A] (P1 x Q): column
            // of coefficient a is T(:, dim(a)) times its covariate value v_a. So H'WH(a,b) =
            // v_a v_b G(dim a, dim b) with G = T'WT, and H'W c = v_a (T'W c)(dim a), where
            // c_j = zbar_j - A z2_j and W = V_j^{-1}. Only the lower triangle is accumulated
            // (the LLT below reads that one).
            m_unitVector1 = m_zsum.row(jj).transpose() / size;
            const double* x2 = p2 > 0 ? &m_design.x2()[j * k2] : nullptr;
            if (p2 > 0) {
                const Eigen::Map<const Eigen::VectorXd> z2(&m_z2[j * static_cast<std::size_t>(p2)],
                                                           p2);
                m_unitVector1.noalias() -= m_aMatrix.lazyProduct(z2);
                m_unitVector2.noalias() = m_precisionRR.lazyProduct(z2);
                for (Eigen::Index d = 0; d < p2; ++d) {
                    const DesignDimension& dim = dims2[static_cast<std::size_t>(d)];
                    for (std::size_t c = 0; c < dim.terms.size(); ++c)
                        m_betaRhs(dim.firstCoefficient + static_cast<Eigen::Index>(c)) +=
                            x2[static_cast<std::size_t>(dim.firstColumn) + c] * m_unitVector2(d);
                }
            }
            // WT = W T (P1 x Q), G = T' WT (Q x Q), t = T' W c (Q).
            const Eigen::Index q = m_q;
            for (Eigen::Index col = 0; col < q; ++col)
                for (Eigen::Index d = 0; d < p1; ++d) {
                    double value = 0.0;
                    if (col < p1)
                        value = m_unitInverse(d, col);
                    else
                        for (Eigen::Index e = 0; e < p1; ++e)
                            value -= m_unitInverse(d, e) * m_aMatrix(e, col - p1);
                    m_unitWt(d, col) = value;
                }
            for (Eigen::Index row = 0; row < q; ++row) {
                for (Eigen::Index col = 0; col <= row; ++col) {
                    double value = 0.0;
                    if (row < p1)
                        value = m_unitWt(row, col);
                    else
                        for (Eigen::Index d = 0; d < p1; ++d)
                            value -= m_aMatrix(d, row - p1) * m_unitWt(d, col);
                    m_unitG(row, col) = value;
                    m_unitG(col, row) = value;
                }
                double value = 0.0;
                for (Eigen::Index d = 0; d < p1; ++d)
                    value += m_unitWt(d, row) * m_unitVector1(d);
                m_unitT(row) = value;
            }
            for (Eigen::Index c = 0; c < m_k; ++c) {
                const std::size_t cc = static_cast<std::size_t>(c);
                m_coefValues[cc] = m_coefLevel2[cc]
                                       ? x2[m_coefColumn[cc]]
                                       : m_xbar(jj, static_cast<Eigen::Index>(m_coefColumn[cc]));
            }
            for (Eigen::Index a = 0; a < m_k; ++a) {
                const std::size_t aa = static_cast<std::size_t>(a);
                const double va = m_coefValues[aa];
                if (va == 0.0)
                    continue;
                const Eigen::Index da = m_coefDimIndex[aa];
                m_betaRhs(a) += va * m_unitT(da);
                for (Eigen::Index b = 0; b <= a; ++b) {
                    const std::size_t bb = static_cast<std::size_t>(b);
                    m_betaPrecision(a, b) +=
                        va * m_coefValues[bb] * m_unitG(da, m_coefDimIndex[bb]);
                }
            }
        }
        for (Eigen::Index d = 0; d < p2; ++d) {
            const DesignDimension& a = dims2[static_cast<std::size_t>(d)];
            for (Eigen::Index k = 0; k < p2; ++k) {
                const DesignDimension& b = dims2[static_cast<std::size_t>(k)];
                m_betaPrecision.block(a.firstCoefficient, b.firstCoefficient,
                                      static_cast<Eigen::Index>(a.terms.size()),
                                      static_cast<Eigen::Index>(b.terms.size())) +=
                    m_precisionRR(d, k) * m_xx2.block(a.firstColumn, b.firstColumn,
                                                      static_cast<Eigen::Index>(a.terms.size()),
                                                      static_cast<Eigen::Index>(b.terms.size()));
            }
        }
    }

    const Eigen::Index k = coefficients;
    m_betaFactor.compute(m_betaPrecision.topLeftCorner(k, k));
    if (m_betaFactor.info() != Eigen::Success)
        throw Error(
            "the fixed effects are not identified: an explanatory variable is constant "
            "or a linear combination of others (or a category of a :cat variable is empty)");
    for (Eigen::Index c = 0; c < k; ++c)
        m_normals(c) = drawNormal(m_rng);
    // beta = P^{-1} rhs + L^{-T} xi with P = L L'.
    m_betaFactor.solveInPlace(m_betaRhs.head(k));
    m_betaFactor.matrixU().solveInPlace(m_normals.head(k));
    m_beta.head(k) = m_betaRhs.head(k) + m_normals.head(k);
}

void JointImputationSampler::updateUnits()
{
    const Eigen::Index p1 = m_p1;
    const Eigen::Index p2 = m_p2;
    const std::size_t k2 = static_cast<std::size_t>(m_k2);
    const auto& dims1 = m_design.level1Dims();
    const auto& dims2 = m_design.level2Dims();
    const auto& responses2 = m_design.level2Responses();
    const std::size_t r2 = responses2.size();
    m_sumSquaresU.setZero();
    const auto quu = m_precisionU.topLeftCorner(p1, p1);
    for (std::size_t j = 0; j < m_units; ++j) {
        const Eigen::Index jj = static_cast<Eigen::Index>(j);
        const double size = m_unitSize(jj);
        // Mean level-1 residual without u: ebar = zbar - Xbar beta.
        for (Eigen::Index d = 0; d < p1; ++d) {
            const DesignDimension& dim = dims1[static_cast<std::size_t>(d)];
            double fitted = 0.0;
            for (std::size_t c = 0; c < dim.terms.size(); ++c)
                fitted += m_xbar(jj, dim.firstColumn + static_cast<Eigen::Index>(c)) *
                          m_beta(dim.firstCoefficient + static_cast<Eigen::Index>(c));
            m_unitVector1(d) = m_zsum(jj, d) / size - fitted;
        }
        // Level-2 mean and residual r_j = z2_j - X2_j beta.
        double* z2 = p2 > 0 ? &m_z2[j * static_cast<std::size_t>(p2)] : nullptr;
        const double* x2 = p2 > 0 ? &m_design.x2()[j * k2] : nullptr;
        for (Eigen::Index d = 0; d < p2; ++d) {
            const DesignDimension& dim = dims2[static_cast<std::size_t>(d)];
            double fitted = 0.0;
            for (std::size_t c = 0; c < dim.terms.size(); ++c)
                fitted += x2[static_cast<std::size_t>(dim.firstColumn) + c] *
                          m_beta(dim.firstCoefficient + static_cast<Eigen::Index>(c));
            m_mean[static_cast<std::size_t>(d)] = fitted;
            m_unitVectorQ(p1 + d) = z2[d] - fitted;
        }
        // u_j | r_j, data: precision Q_uu + n_j Q_e; b = -Q_ur r_j + n_j Q_e ebar.
        m_unitPrecision = quu;
        m_unitPrecision.noalias() += size * m_precisionE;
        m_unitVector1b.noalias() = size * m_precisionE.lazyProduct(m_unitVector1);
        if (p2 > 0)
            m_unitVector1b.noalias() -=
                m_precisionU.topRightCorner(p1, p2).lazyProduct(m_unitVectorQ.tail(p2));
        if (!smallCholesky(m_unitPrecision, m_smallLower))
            throw Error("the precision of a unit's level-2 effects is not positive definite");
        smallCholeskySolve(m_smallLower, m_unitVector1b);
        for (Eigen::Index d = 0; d < p1; ++d)
            m_unitVector1(d) = drawNormal(m_rng);
        smallUpperSolve(m_smallLower, m_unitVector1);
        m_unitVectorQ.head(p1) = m_unitVector1b + m_unitVector1;
        Eigen::Map<Eigen::VectorXd>(&m_u[j * static_cast<std::size_t>(p1)], p1) =
            m_unitVectorQ.head(p1);
        shiftUnitLatents(j);

        // Latent and missing level-2 values given u_j and the unit's other level-2 residuals.
        for (std::size_t r = 0; r < r2; ++r) {
            const DesignResponse& response = responses2[r];
            const double observed = m_design.y2()[j * r2 + r];
            const bool missing = std::isnan(observed);
            if (!missing && !response.isLatent())
                continue;
            const int q = response.dimCount;
            const int c = missing ? -1 : static_cast<int>(observed);
            for (int k = 0; k < q; ++k) {
                const Eigen::Index d = response.firstDim + k;
                const Eigen::Index v = p1 + d;
                const double diagonal = m_precisionU(v, v);
                double shift = 0.0;
                for (Eigen::Index l = 0; l < m_q; ++l)
                    if (l != v)
                        shift += m_precisionU(v, l) * m_unitVectorQ(l);
                const double centre = m_mean[static_cast<std::size_t>(d)] - shift / diagonal;
                const double sd = 1.0 / std::sqrt(diagonal);
                double value = 0.0;
                if (missing) {
                    value = centre + sd * drawNormal(m_rng);
                } else if (response.type == ResponseType::Unordered) {
                    if (c == q) {
                        value = drawTruncatedNormalFast(m_rng, centre, sd, -infinity, 0.0);
                    } else if (c == k) {
                        double lower = 0.0;
                        for (int l = 0; l < q; ++l)
                            if (l != k)
                                lower = std::max(lower, z2[response.firstDim + l]);
                        value = drawTruncatedNormalFast(m_rng, centre, sd, lower, infinity);
                    } else {
                        value = drawTruncatedNormalFast(m_rng, centre, sd, -infinity,
                                                        z2[response.firstDim + c]);
                    }
                } else {
                    const std::vector<double>& gamma = m_thresholds2[r];
                    const double lower = c > 0 ? gamma[static_cast<std::size_t>(c - 1)] : -infinity;
                    const double upper = c < static_cast<int>(gamma.size())
                                             ? gamma[static_cast<std::size_t>(c)]
                                             : infinity;
                    value = drawTruncatedNormalFast(m_rng, centre, sd, lower, upper);
                }
                z2[d] = value;
                m_unitVectorQ(v) = value - m_mean[static_cast<std::size_t>(d)];
            }
        }
        m_sumSquaresU.noalias() += m_unitVectorQ * m_unitVectorQ.transpose();
    }
}

// The shift move of step 4 (see the class comment) for unit j, after u_j is drawn: needs the
// unit's level-2 residuals in m_unitVectorQ and the shift intervals from the level-1 pass.
void JointImputationSampler::shiftUnitLatents(std::size_t unit)
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    for (const int dim : m_shiftDims) {
        const std::size_t d = static_cast<std::size_t>(dim);
        const double low = m_shiftLow[unit * p1 + d];
        const double high = m_shiftHigh[unit * p1 + d];
        if (!(low < high))
            continue;
        const Eigen::Index v = dim;
        const double diagonal = m_precisionU(v, v);
        double shift = 0.0;
        for (Eigen::Index l = 0; l < m_q; ++l)
            if (l != v)
                shift += m_precisionU(v, l) * m_unitVectorQ(l);
        const double centre = -shift / diagonal;
        const double sd = 1.0 / std::sqrt(diagonal);
        const double current = m_unitVectorQ(v);
        const double next =
            drawTruncatedNormalFast(m_rng, centre, sd, current + low, current + high);
        const double delta = next - current;
        m_unitVectorQ(v) = next;
        m_u[unit * p1 + d] = next;
        const std::size_t begin = m_design.unitStart(unit);
        const std::size_t end = m_design.unitStart(unit + 1);
        for (std::size_t i = begin; i < end; ++i)
            m_z1[i * p1 + d] += delta;
        // Keep the unit's statistics in step with its moved latents.
        m_shiftLow[unit * p1 + d] = low - delta;
        m_shiftHigh[unit * p1 + d] = high - delta;
        m_zsum(static_cast<Eigen::Index>(unit), v) += static_cast<double>(end - begin) * delta;
        m_xz.col(v) += (static_cast<double>(end - begin) * delta) *
                       m_xbar.row(static_cast<Eigen::Index>(unit)).transpose();
    }
}

// Cowles (1996): propose every free threshold from a normal truncated to keep the order,
// accept with the latents integrated out (their category probabilities), return the log ratio.
double JointImputationSampler::cowlesStep(std::vector<double>& thresholds, double& step,
                                          const double* means, const int* categories,
                                          std::size_t count, double sd, bool& accepted)
{
    const std::size_t m = thresholds.size(); // gamma_0 .. gamma_{m-1}, gamma_0 = 0 fixed
    accepted = false;
    if (m < 2)
        return 0.0;
    // Proposal gamma*_k ~ N(gamma_k, step) truncated to (gamma*_{k-1}, gamma_{k+1}).
    double proposal[64];
    const std::size_t limit = std::min<std::size_t>(m, 64);
    proposal[0] = 0.0;
    double logRatio = 0.0;
    for (std::size_t k = 1; k < limit; ++k) {
        const double upper = k + 1 < m ? thresholds[k + 1] : infinity;
        proposal[k] = drawTruncatedNormalFast(m_rng, thresholds[k], step, proposal[k - 1], upper);
    }
    for (std::size_t k = 1; k < limit; ++k) {
        const double upper = k + 1 < m ? thresholds[k + 1] : infinity;
        const double upperStar = k + 1 < m ? proposal[k + 1] : infinity;
        const double forward = normalCdf((upper - thresholds[k]) / step) -
                               normalCdf((proposal[k - 1] - thresholds[k]) / step);
        const double backward = normalCdf((upperStar - proposal[k]) / step) -
                                normalCdf((thresholds[k - 1] - proposal[k]) / step);
        logRatio += std::log(forward) - std::log(backward);
    }
    for (std::size_t i = 0; i < count; ++i) {
        const int c = categories[i];
        const double mean = means[i];
        const auto probability = [&](const double* gamma) {
            const double upper = c < static_cast<int>(m) ? normalCdf((gamma[c] - mean) / sd) : 1.0;
            const double lower = c > 0 ? normalCdf((gamma[c - 1] - mean) / sd) : 0.0;
            return upper - lower;
        };
        logRatio += std::log(probability(proposal)) - std::log(probability(thresholds.data()));
    }
    ++m_thresholdProposed;
    if (std::log(m_rng.uniform()) < logRatio) {
        std::copy(proposal, proposal + limit, thresholds.begin());
        accepted = true;
        ++m_thresholdAccepted;
    }
    return logRatio;
}

void JointImputationSampler::updateThresholds(bool adapting)
{
    const auto& responses1 = m_design.level1Responses();
    const std::size_t r1 = responses1.size();
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    const std::size_t k1 = static_cast<std::size_t>(m_k1);
    const auto& dims1 = m_design.level1Dims();
    for (std::size_t r = 0; r < r1; ++r) {
        const DesignResponse& response = responses1[r];
        if (response.type != ResponseType::Ordered || response.categories < 3)
            continue;
        // Conditional mean of the latent given the row's other residuals, for observed rows.
        const std::size_t d = static_cast<std::size_t>(response.firstDim);
        std::size_t count = 0;
        for (std::size_t i = 0; i < m_n; ++i) {
            const double observed = m_design.y1()[i * r1 + r];
            if (std::isnan(observed))
                continue;
            m_cowlesRows[count] = i;
            m_cowlesCategories[count] = static_cast<int>(observed);
            ++count;
        }
        // Unit of each sorted row: walk the unit boundaries alongside the rows.
        std::size_t unit = 0;
        for (std::size_t n = 0; n < count; ++n) {
            const std::size_t i = m_cowlesRows[n];
            if (m_design.twoLevel())
                while (m_design.unitStart(unit + 1) <= i)
                    ++unit;
            const double* xi = &m_design.x1()[i * k1];
            const double* zi = &m_z1[i * p1];
            double shift = 0.0;
            double meanD = 0.0;
            for (std::size_t a = 0; a < p1; ++a) {
                const DesignDimension& dim = dims1[a];
                double fitted = m_design.twoLevel() ? m_u[unit * p1 + a] : 0.0;
                for (std::size_t c = 0; c < dim.terms.size(); ++c)
                    fitted += xi[static_cast<std::size_t>(dim.firstColumn) + c] *
                              m_beta(dim.firstCoefficient + static_cast<Eigen::Index>(c));
                if (a == d)
                    meanD = fitted;
                else
                    shift +=
                        m_conditionalE(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(a)) *
                        (zi[a] - fitted);
            }
            m_cowlesMeans[n] = meanD - shift;
        }
        const double sd = m_conditionalSdE(static_cast<Eigen::Index>(d));
        bool accepted = false;
        cowlesStep(m_thresholds1[r], m_thresholdStep1[r], m_cowlesMeans.data(),
                   m_cowlesCategories.data(), count, sd, accepted);
        if (accepted) {
            // Joint move: the latents follow the new thresholds at once.
            const std::vector<double>& gamma = m_thresholds1[r];
            for (std::size_t n = 0; n < count; ++n) {
                const int c = m_cowlesCategories[n];
                const double lower = c > 0 ? gamma[static_cast<std::size_t>(c - 1)] : -infinity;
                const double upper = c < static_cast<int>(gamma.size())
                                         ? gamma[static_cast<std::size_t>(c)]
                                         : infinity;
                m_z1[m_cowlesRows[n] * p1 + d] =
                    drawTruncatedNormalFast(m_rng, m_cowlesMeans[n], sd, lower, upper);
            }
        }
        if (adapting)
            m_thresholdStep1[r] *= accepted ? 1.02 : 0.985; // settles near 40% acceptance
    }

    if (!m_design.twoLevel())
        return;
    const auto& responses2 = m_design.level2Responses();
    const std::size_t r2 = responses2.size();
    const std::size_t p2 = static_cast<std::size_t>(m_p2);
    const std::size_t k2 = static_cast<std::size_t>(m_k2);
    const auto& dims2 = m_design.level2Dims();
    for (std::size_t r = 0; r < r2; ++r) {
        const DesignResponse& response = responses2[r];
        if (response.type != ResponseType::Ordered || response.categories < 3)
            continue;
        const std::size_t d = static_cast<std::size_t>(response.firstDim);
        const Eigen::Index v = static_cast<Eigen::Index>(p1 + d);
        const double diagonal = m_precisionU(v, v);
        std::size_t count = 0;
        for (std::size_t j = 0; j < m_units; ++j) {
            const double observed = m_design.y2()[j * r2 + r];
            if (std::isnan(observed))
                continue;
            const double* x2 = &m_design.x2()[j * k2];
            double shift = 0.0;
            double meanD = 0.0;
            for (std::size_t a = 0; a < p1; ++a)
                shift += m_precisionU(v, static_cast<Eigen::Index>(a)) * m_u[j * p1 + a];
            for (std::size_t a = 0; a < p2; ++a) {
                const DesignDimension& dim = dims2[a];
                double fitted = 0.0;
                for (std::size_t c = 0; c < dim.terms.size(); ++c)
                    fitted += x2[static_cast<std::size_t>(dim.firstColumn) + c] *
                              m_beta(dim.firstCoefficient + static_cast<Eigen::Index>(c));
                if (a == d)
                    meanD = fitted;
                else
                    shift += m_precisionU(v, static_cast<Eigen::Index>(p1 + a)) *
                             (m_z2[j * p2 + a] - fitted);
            }
            m_cowlesRows[count] = j;
            m_cowlesMeans[count] = meanD - shift / diagonal;
            m_cowlesCategories[count] = static_cast<int>(observed);
            ++count;
        }
        const double sd = 1.0 / std::sqrt(diagonal);
        bool accepted = false;
        cowlesStep(m_thresholds2[r], m_thresholdStep2[r], m_cowlesMeans.data(),
                   m_cowlesCategories.data(), count, sd, accepted);
        if (accepted) {
            const std::vector<double>& gamma = m_thresholds2[r];
            for (std::size_t n = 0; n < count; ++n) {
                const int c = m_cowlesCategories[n];
                const double lower = c > 0 ? gamma[static_cast<std::size_t>(c - 1)] : -infinity;
                const double upper = c < static_cast<int>(gamma.size())
                                         ? gamma[static_cast<std::size_t>(c)]
                                         : infinity;
                m_z2[m_cowlesRows[n] * p2 + d] =
                    drawTruncatedNormalFast(m_rng, m_cowlesMeans[n], sd, lower, upper);
            }
        }
        if (adapting)
            m_thresholdStep2[r] *= accepted ? 1.02 : 0.985;
    }
}

double JointImputationSampler::thresholdAcceptanceRate() const
{
    return m_thresholdProposed > 0
               ? static_cast<double>(m_thresholdAccepted) / static_cast<double>(m_thresholdProposed)
               : 1.0;
}

double JointImputationSampler::correlationAcceptanceRate() const
{
    return std::min(m_samplerE.acceptanceRate(), m_samplerU.acceptanceRate());
}

} // namespace grove
