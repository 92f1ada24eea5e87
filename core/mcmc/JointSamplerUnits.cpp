// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/LatentDraw.h"
#include "core/mcmc/SmallDenseKernels.h"
#include "core/random/Distributions.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;
using detail::infinity;

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
                    double lower = 0.0;
                    double upper = 0.0;
                    categoryBounds(m_thresholds2[r], c, lower, upper);
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

} // namespace grove
