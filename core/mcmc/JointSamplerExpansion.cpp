// SPDX-License-Identifier: GPL-3.0-or-later
// The covariance steps of JointImputationSampler: Omega_e, and Omega_u in each level-2 sweep.
// Where a Binary or Ordered response has a latent at that level, by parameter expansion
// (ExpandedCovarianceSampler): a proposal on a rescaled latent scale, accepted with the ratio of
// the priors of everything the rescaling moves, so the posterior is the one the random-walk
// sampler (ConstrainedCovarianceSampler alone) targets; that one stays selectable.
#include "core/mcmc/JointImputationSampler.h"

#include "core/mcmc/JointModelPriors.h"

#include <cmath>

namespace grove {

namespace {

// Per dimension: scalable (a Binary or Ordered latent), and the number of its parameters with a
// flat prior that a rescaling multiplies (its coefficients and free thresholds), whose
// Jacobian enters the acceptance ratio as c^count (an Unordered latent, rescaled with its
// group when ExpandedCovarianceSampler expands that: its coefficients).
void scalableDims(const std::vector<DesignResponse>& responses,
                  const std::vector<DesignDimension>& dims, std::vector<bool>& scalable,
                  std::vector<int>& flatCount)
{
    for (const DesignDimension& dim : dims) {
        const DesignResponse& response = responses[static_cast<std::size_t>(dim.response)];
        const bool scales =
            response.type == ResponseType::Binary || response.type == ResponseType::Ordered;
        scalable.push_back(scales);
        flatCount.push_back(static_cast<int>(dim.terms.size()) +
                            (scales ? response.categories - 2 : 0));
    }
}

} // namespace

void JointImputationSampler::setUpExpansion(bool parameterExpansion)
{
    if (!parameterExpansion)
        return;
    std::vector<bool> scalable1;
    scalableDims(m_design.level1Responses(), m_design.level1Dims(), scalable1, m_flatCount1);
    m_expandE = std::make_unique<ExpandedCovarianceSampler>(level1Groups(m_design), scalable1,
                                                            m_design.level1DimCount() + 1.0,
                                                            level1PriorScale(m_design));
    if (!m_expandE->expandsAny())
        m_expandE.reset();
    if (!m_design.twoLevel())
        return;
    const Eigen::MatrixXd scaleU = level2PriorScale(m_design);
    m_priorDfU = static_cast<double>(m_q) + 1.0;
    m_priorScaleU = scaleU.diagonal();
    // Not for the first classification's latents when effects from above act on them (their
    // rescaling would have to move those too); the random-walk sampler serves them.
    if (m_design.effectsAbove() && m_p2 > 0)
        return;
    std::vector<bool> scalable2(static_cast<std::size_t>(m_p1), false);
    m_flatCount2.assign(static_cast<std::size_t>(m_p1), 0);
    scalableDims(m_design.level2Responses(), m_design.level2Dims(), scalable2, m_flatCount2);
    m_expandU = std::make_unique<ExpandedCovarianceSampler>(level2Groups(m_design), scalable2,
                                                            m_priorDfU, scaleU);
    if (!m_expandU->expandsAny())
        m_expandU.reset();
}

void JointImputationSampler::drawLevel1Covariance()
{
    if (!m_expandE || m_expandE->holdsFreeCorrelations())
        m_samplerE.draw(m_rng, m_sumSquaresE, static_cast<double>(m_n), m_omegaE);
    if (!m_expandE)
        return;
    double logRatio = m_expandE->propose(m_rng, m_sumSquaresE, static_cast<double>(m_n), m_omegaE);
    const std::vector<double>& scale = m_expandE->scales();
    for (int d = 0; d < m_p1; ++d)
        if (m_expandE->isScaled(d)) {
            const double logScale = std::log(scale[static_cast<std::size_t>(d)]);
            logRatio += m_flatCount1[static_cast<std::size_t>(d)] * logScale;
            if (m_design.twoLevel()) {
                // Omega_u's rows and columns of u_d scale by c_d: IW(nu_u, Psi_u) density at
                // C Omega_u C times the Jacobian c_d^(q+1), Psi_u diagonal.
                const double c = scale[static_cast<std::size_t>(d)];
                logRatio -= m_priorDfU * logScale +
                            0.5 * m_priorScaleU(d) * m_precisionU(d, d) * (1.0 / (c * c) - 1.0);
            }
            logRatio += furtherPriorLogRatio(d, scale[static_cast<std::size_t>(d)]);
        }
    if (!(std::log(m_rng.uniform()) < logRatio)) {
        m_expandE->reject();
        return;
    }
    m_expandE->accept(m_omegaE);
    rescaleLevel1(scale);
}

// `expand`: also the expanded step (once per iteration, in the last level-2 sweep: the other
// sweeps' random-walk-free conjugate draws keep the rest of Omega_u moving at a third of the
// cost, and the expansion's gain is in the scales, which one move per iteration serves).
void JointImputationSampler::drawLevel2Covariance(bool expand)
{
    if (!m_expandU || !expand || m_expandU->holdsFreeCorrelations())
        m_samplerU.draw(m_rng, m_sumSquaresU, static_cast<double>(m_units), m_omegaU);
    if (!m_expandU || !expand)
        return;
    double logRatio =
        m_expandU->propose(m_rng, m_sumSquaresU, static_cast<double>(m_units), m_omegaU);
    const std::vector<double>& scale = m_expandU->scales();
    for (int v = m_p1; v < m_q; ++v)
        if (m_expandU->isScaled(v))
            logRatio += m_flatCount2[static_cast<std::size_t>(v)] *
                        std::log(scale[static_cast<std::size_t>(v)]);
    if (!(std::log(m_rng.uniform()) < logRatio)) {
        m_expandU->reject();
        return;
    }
    m_expandU->accept(m_omegaU);
    rescaleLevel2(scale);
}

// Multiplies everything on a level-1 latent dimension's scale by its c_d: the latents, the
// dimension's coefficients, thresholds and unit effects, Omega_u's row and column, and the row
// pass's statistics that the rest of the iteration reads. Runs right after the row pass, which
// has added and cleared every pending unit shift.
void JointImputationSampler::rescaleLevel1(const std::vector<double>& scale)
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    const std::size_t columns = m_rowProgram.columnCount();
    const auto& dims = m_design.level1Dims();
    for (std::size_t d = 0; d < p1; ++d) {
        const double c = scale[d];
        if (c == 1.0)
            continue;
        for (std::size_t i = 0; i < m_n; ++i)
            m_z1[i * p1 + d] *= c;
        const DesignDimension& dim = dims[d];
        m_beta.segment(dim.firstCoefficient, static_cast<Eigen::Index>(dim.terms.size())) *= c;
        for (double& threshold : m_thresholds1[static_cast<std::size_t>(dim.response)])
            threshold *= c; // none for an Unordered response
        for (std::size_t k = 0; k < columns; ++k) {
            m_xzRows[k * p1 + d] *= c;
            m_xbarZsum[k * p1 + d] *= c;
            m_xsumU[k * p1 + d] *= c;
        }
        if (!m_design.twoLevel())
            continue;
        for (std::size_t j = 0; j < m_units; ++j) {
            m_u[j * p1 + d] *= c;
            m_shiftLow[j * p1 + d] *= c;
            m_shiftHigh[j * p1 + d] *= c;
        }
        m_zsum.col(static_cast<Eigen::Index>(d)) *= c;
        m_omegaU.row(static_cast<Eigen::Index>(d)) *= c;
        m_omegaU.col(static_cast<Eigen::Index>(d)) *= c;
    }
    if (m_design.twoLevel())
        refreshPrecisionU();
    rescaleFurtherClassifications(scale);
}

// The same for a level-2 latent dimension: its values, coefficients and thresholds (Omega_u is
// the matrix just drawn; the caller refreshes its precision).
void JointImputationSampler::rescaleLevel2(const std::vector<double>& scale)
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    const std::size_t p2 = static_cast<std::size_t>(m_p2);
    const auto& dims = m_design.level2Dims();
    for (std::size_t d = 0; d < p2; ++d) {
        const double c = scale[p1 + d];
        if (c == 1.0)
            continue;
        for (std::size_t j = 0; j < m_units; ++j)
            m_z2[j * p2 + d] *= c;
        const DesignDimension& dim = dims[d];
        m_beta.segment(dim.firstCoefficient, static_cast<Eigen::Index>(dim.terms.size())) *= c;
        for (double& threshold : m_thresholds2[static_cast<std::size_t>(dim.response)])
            threshold *= c;
    }
}

double JointImputationSampler::correlationAcceptanceRate() const
{
    double rate = std::min(m_samplerE.acceptanceRate(), m_samplerU.acceptanceRate());
    if (m_expandE)
        rate = std::min(rate, m_expandE->acceptanceRate());
    if (m_expandU)
        rate = std::min(rate, m_expandU->acceptanceRate());
    return rate;
}

} // namespace grove
