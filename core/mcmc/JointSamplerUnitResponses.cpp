// SPDX-License-Identifier: GPL-3.0-or-later
// The steps of JointImputationSampler on the responses of a classification (one value per unit),
// the same for every classification: their fitted values and residuals, their latent and
// missing values given the unit's effects, their coefficients, their thresholds.
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/LatentDraw.h"
#include "core/random/Distributions.h"
#include "core/random/TruncatedNormal.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;

JointImputationSampler::UnitResponses JointImputationSampler::unitResponses(std::size_t c)
{
    UnitResponses block;
    block.classification = c;
    block.block = &m_design.classificationResponses(c);
    block.p = block.block->dims.size();
    if (c == 0) {
        block.z = m_z2.data();
        block.offsets = m_offsets2.empty() ? nullptr : m_offsets2.data();
        block.thresholds = &m_thresholds2;
        block.thresholdSteps = &m_thresholdStep2;
        block.q = static_cast<std::size_t>(m_q);
        block.conditional = m_conditionalU.data();
        block.conditionalSd = m_conditionalSdU.data();
        block.precision = &m_precisionU;
        block.effects = m_u.data();
    } else {
        FurtherClassification& further = m_further[c - 1];
        block.z = further.z.data();
        block.offsets = further.offsets.empty() ? nullptr : further.offsets.data();
        block.thresholds = &further.thresholds;
        block.thresholdSteps = &further.thresholdSteps;
        block.q = further.q;
        block.conditional = further.conditional.data();
        block.conditionalSd = further.conditionalSd.data();
        block.precision = &further.precision;
        block.effects = further.u.data();
    }
    block.first = block.q - block.p;
    return block;
}

void JointImputationSampler::unitFitted(const UnitResponses& block, std::size_t unit,
                                        double* fitted) const
{
    const ClassificationResponses& responses = *block.block;
    const double* x = &responses.x[unit * static_cast<std::size_t>(responses.columns)];
    for (std::size_t d = 0; d < block.p; ++d) {
        const DesignDimension& dim = responses.dims[d];
        const int offset = dim.firstCoefficient - dim.firstColumn;
        const int end = dim.firstColumn + static_cast<int>(dim.terms.size());
        double value = 0.0;
        for (int c = dim.firstColumn; c < end; ++c)
            value += x[c] * m_beta(c + offset);
        if (block.offsets)
            value += block.offsets[unit * block.p + d];
        fitted[d] = value;
    }
}

void JointImputationSampler::unitResidual(const UnitResponses& block, std::size_t unit,
                                          double* fitted, double* residual) const
{
    unitFitted(block, unit, fitted);
    const double* effects = block.effects + unit * block.first;
    for (std::size_t a = 0; a < block.first; ++a)
        residual[a] = effects[a];
    const double* z = block.z + unit * block.p;
    for (std::size_t d = 0; d < block.p; ++d)
        residual[block.first + d] = z[d] - fitted[d];
}

double JointImputationSampler::conditionalShift(const double* conditional, std::size_t q,
                                                std::size_t v, const double* residual)
{
    const double* coefficient = &conditional[v * q]; // zero at v
    double shift = 0.0;
    for (std::size_t l = 0; l < q; ++l)
        shift += coefficient[l] * residual[l];
    return -shift;
}

// The unit's latent and missing values given its effects and its other residuals (`residual`,
// the unit's full vector, kept in step); `fitted` are their means.
void JointImputationSampler::drawUnitValues(const UnitResponses& block, std::size_t unit,
                                            const double* fitted, double* residual)
{
    const auto& responses = block.block->responses;
    const std::size_t count = responses.size();
    double* z = block.z + unit * block.p;
    for (std::size_t r = 0; r < count; ++r) {
        const DesignResponse& response = responses[r];
        const double observed = block.block->y[unit * count + r];
        const bool missing = std::isnan(observed);
        if (!missing && !response.isLatent())
            continue;
        const int dims = response.dimCount;
        const int c = missing ? -1 : static_cast<int>(observed);
        for (int k = 0; k < dims; ++k) {
            const std::size_t d = static_cast<std::size_t>(response.firstDim + k);
            const std::size_t v = block.first + d;
            const double centre =
                fitted[d] + conditionalShift(block.conditional, block.q, v, residual);
            const double sd = block.conditionalSd[v];
            double value = 0.0;
            if (missing) {
                value = centre + sd * drawNormal(m_rng);
            } else if (response.type == ResponseType::Unordered) {
                if (c == dims) {
                    value = drawNormalBelow(m_rng, centre, sd, 0.0);
                } else if (c == k) {
                    double lower = 0.0;
                    for (int l = 0; l < dims; ++l)
                        if (l != k)
                            lower = std::max(lower, z[response.firstDim + l]);
                    value = drawNormalAbove(m_rng, centre, sd, lower);
                } else {
                    value = drawNormalBelow(m_rng, centre, sd, z[response.firstDim + c]);
                }
            } else {
                double lower = 0.0;
                double upper = 0.0;
                categoryBounds((*block.thresholds)[r], c, lower, upper);
                value = drawTruncatedNormalQuick(m_rng, centre, sd, lower, upper);
            }
            z[d] = value;
            residual[v] = value - fitted[d];
        }
    }
}

// The coefficients of a classification's own responses given its units' effects (blocked
// Gibbs, flat prior): z_k - o_k = X_k beta + r_k with r_k | effects ~ N(-Q_oo^{-1} Q_oe u_k,
// Q_oo^{-1}), so the precision is sum_k X_k' Q_oo X_k and the right-hand side
// sum_k X_k' (Q_oo (z_k - o_k) + Q_oe u_k). For the classifications after the first (the first
// classification's are drawn with level 1's, JointSamplerBeta.cpp).
void JointImputationSampler::drawOwnCoefficients(const UnitResponses& block)
{
    FurtherClassification& further = m_further[block.classification - 1];
    const ClassificationResponses& responses = *block.block;
    const Eigen::MatrixXd& precision = *block.precision;
    const std::size_t p = block.p;
    const std::size_t first = block.first;
    const std::size_t columns = static_cast<std::size_t>(responses.columns);
    const int base = responses.dims.front().firstCoefficient;
    double* t = further.work.data() + further.q * further.q; // P
    further.betaPrecision.setZero();
    further.betaRhs.setZero();
    const std::size_t units = m_design.classificationUnitCount(block.classification);
    for (std::size_t k = 0; k < units; ++k) {
        const double* z = block.z + k * p;
        const double* u = block.effects + k * first;
        const double* x = &responses.x[k * columns];
        for (std::size_t d = 0; d < p; ++d) {
            const Eigen::Index v = static_cast<Eigen::Index>(first + d);
            double value = 0.0;
            for (std::size_t o = 0; o < p; ++o)
                value += precision(v, static_cast<Eigen::Index>(first + o)) *
                         (z[o] - (block.offsets ? block.offsets[k * p + o] : 0.0));
            for (std::size_t a = 0; a < first; ++a)
                value += precision(v, static_cast<Eigen::Index>(a)) * u[a];
            t[d] = value;
        }
        for (std::size_t d = 0; d < p; ++d) {
            const DesignDimension& a = responses.dims[d];
            for (std::size_t i = 0; i < a.terms.size(); ++i) {
                const Eigen::Index row = a.firstCoefficient - base + static_cast<Eigen::Index>(i);
                const double xa = x[static_cast<std::size_t>(a.firstColumn) + i];
                further.betaRhs(row) += xa * t[d];
                for (std::size_t o = 0; o < p; ++o) {
                    const DesignDimension& b = responses.dims[o];
                    const double weight = xa * precision(static_cast<Eigen::Index>(first + d),
                                                         static_cast<Eigen::Index>(first + o));
                    for (std::size_t j = 0; j < b.terms.size(); ++j)
                        further.betaPrecision(row, b.firstCoefficient - base +
                                                       static_cast<Eigen::Index>(j)) +=
                            weight * x[static_cast<std::size_t>(b.firstColumn) + j];
                }
            }
        }
    }
    further.betaFactor.compute(further.betaPrecision);
    if (further.betaFactor.info() != Eigen::Success)
        throw Error("the fixed effects of the responses at classification '" +
                    m_design.classificationId(block.classification) +
                    "' are not identified: an explanatory variable is constant or a linear "
                    "combination of others");
    for (Eigen::Index c = 0; c < further.betaNormals.size(); ++c)
        further.betaNormals(c) = drawNormal(m_rng);
    further.betaFactor.solveInPlace(further.betaRhs);
    further.betaFactor.matrixU().solveInPlace(further.betaNormals);
    m_beta.segment(base, further.betaRhs.size()) = further.betaRhs + further.betaNormals;
}

// Cowles steps for a classification's Ordered responses: each observed latent's conditional
// mean given the unit's effects and other residuals.
void JointImputationSampler::updateUnitThresholds(const UnitResponses& block, bool adapting)
{
    const auto& responses = block.block->responses;
    const std::size_t count = responses.size();
    const std::size_t units = m_design.classificationUnitCount(block.classification);
    const Eigen::MatrixXd& precision = *block.precision;
    double* fitted = m_mean.data();
    double* residual = m_residual.data();
    for (std::size_t r = 0; r < count; ++r) {
        const DesignResponse& response = responses[r];
        if (response.type != ResponseType::Ordered || response.categories < 3)
            continue;
        const std::size_t d = static_cast<std::size_t>(response.firstDim);
        const Eigen::Index v = static_cast<Eigen::Index>(block.first + d);
        const double diagonal = precision(v, v);
        std::size_t observedCount = 0;
        for (std::size_t j = 0; j < units; ++j) {
            const double observed = block.block->y[j * count + r];
            if (std::isnan(observed))
                continue;
            unitResidual(block, j, fitted, residual);
            double shift = 0.0;
            for (std::size_t a = 0; a < block.q; ++a)
                if (static_cast<Eigen::Index>(a) != v)
                    shift += precision(v, static_cast<Eigen::Index>(a)) * residual[a];
            m_cowlesRows[observedCount] = j;
            m_cowlesMeans[observedCount] = fitted[d] - shift / diagonal;
            m_cowlesCategories[observedCount] = static_cast<int>(observed);
            ++observedCount;
        }
        const double sd = 1.0 / std::sqrt(diagonal);
        moveThresholds((*block.thresholds)[r], (*block.thresholdSteps)[r], observedCount, sd,
                       block.z + d, block.p, adapting);
    }
}

} // namespace grove
