// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/ConstrainedCovarianceSampler.h"

#include "core/common/Error.h"
#include "core/random/Distributions.h"

#include <cmath>

namespace grove {

ConstrainedCovarianceSampler::ConstrainedCovarianceSampler(
    const std::vector<int>& latentGroup, double priorDf,
    const Eigen::Ref<const Eigen::MatrixXd>& priorScale)
    : m_dimension(static_cast<int>(latentGroup.size())), m_priorDf(priorDf)
{
    for (int d = 0; d < m_dimension; ++d)
        if (latentGroup[static_cast<std::size_t>(d)] >= 0) {
            m_order.push_back(d);
            m_group.push_back(latentGroup[static_cast<std::size_t>(d)]);
        }
    m_latentCount = static_cast<int>(m_order.size());
    for (int a = 0; a < m_latentCount; ++a)
        for (int b = 0; b < a; ++b)
            if (m_group[static_cast<std::size_t>(a)] != m_group[static_cast<std::size_t>(b)])
                ++m_freeCorrelations;
    for (int d = 0; d < m_dimension; ++d)
        if (latentGroup[static_cast<std::size_t>(d)] < 0)
            m_order.push_back(d);
    const Eigen::Index p = m_dimension;
    const Eigen::Index l = m_latentCount;
    const Eigen::Index c = p - l;
    m_priorScale.resize(p, p);
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            m_priorScale(a, b) = priorScale(m_order[static_cast<std::size_t>(a)],
                                            m_order[static_cast<std::size_t>(b)]);
    m_posteriorScale.resize(p, p);
    m_bartlett.resize(p, p);
    m_inverseBartlett.resize(p, p);
    m_left.resize(p, p);
    m_draw.resize(p, p);
    m_regression.resize(c, l);
    m_conditional.resize(c, c);
    m_correlation.resize(l, l);
    m_proposal.resize(l, l);
    m_work.resize(l, l);
    m_assembled.resize(p, p);
    m_scaleFactor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p, p));
    m_latentFactor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(l, l));
    // A first step of about a posterior sd for a correlation from a few hundred units.
    m_step = 0.05;
}

double ConstrainedCovarianceSampler::logTarget(const Eigen::Ref<const Eigen::MatrixXd>& correlation,
                                               double power)
{
    m_latentFactor.compute(correlation);
    if (m_latentFactor.info() != Eigen::Success)
        return -INFINITY;
    double logDet = 0.0;
    const auto& factor = m_latentFactor.matrixLLT();
    for (Eigen::Index i = 0; i < factor.rows(); ++i) {
        if (!(factor(i, i) > 0.0))
            return -INFINITY;
        logDet += 2.0 * std::log(factor(i, i));
    }
    const Eigen::Index l = m_latentCount;
    m_work = m_posteriorScale.topLeftCorner(l, l);
    m_latentFactor.solveInPlace(m_work);
    return -0.5 * power * logDet - 0.5 * m_work.trace();
}

void ConstrainedCovarianceSampler::draw(RandomStream& rng,
                                        const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares,
                                        double count, Eigen::Ref<Eigen::MatrixXd> sigma)
{
    drawBlocks(rng, sumOfSquares, count, sigma, true);
}

void ConstrainedCovarianceSampler::drawGivenLatentBlock(
    RandomStream& rng, const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares, double count,
    Eigen::Ref<Eigen::MatrixXd> sigma)
{
    drawBlocks(rng, sumOfSquares, count, sigma, false);
}

void ConstrainedCovarianceSampler::drawBlocks(RandomStream& rng,
                                              const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares,
                                              double count, Eigen::Ref<Eigen::MatrixXd> sigma,
                                              bool moveCorrelations)
{
    const Eigen::Index p = m_dimension;
    const Eigen::Index l = m_latentCount;
    const Eigen::Index c = p - l;
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            m_posteriorScale(a, b) =
                m_priorScale(a, b) + sumOfSquares(m_order[static_cast<std::size_t>(a)],
                                                  m_order[static_cast<std::size_t>(b)]);
    for (Eigen::Index a = 0; a < l; ++a)
        for (Eigen::Index b = 0; b < l; ++b)
            m_correlation(a, b) =
                sigma(m_order[static_cast<std::size_t>(a)], m_order[static_cast<std::size_t>(b)]);

    if (c > 0) {
        // Sigma* ~ IW(nu + n, A): with A = L L' and a Bartlett factor T of Wishart(df, I),
        // Sigma* = L T^{-T} T^{-1} L'.
        m_scaleFactor.compute(m_posteriorScale);
        if (m_scaleFactor.info() != Eigen::Success)
            throw Error("covariance matrix update failed: the residual sums of squares are not "
                        "positive definite (a response may be constant)");
        drawBartlettFactor(rng, m_priorDf + count, m_bartlett);
        m_inverseBartlett.setIdentity();
        m_bartlett.triangularView<Eigen::Lower>().solveInPlace(m_inverseBartlett);
        m_left.noalias() = m_scaleFactor.matrixL() * m_inverseBartlett.transpose();
        m_draw.noalias() = m_left * m_left.transpose();
        if (l > 0) {
            // B* = Sigma*_CL Sigma*_LL^{-1}; Sigma*_C.L = Sigma*_CC - B* Sigma*_LC.
            m_latentFactor.compute(m_draw.topLeftCorner(l, l));
            m_regression = m_draw.bottomLeftCorner(c, l);
            m_latentFactor.matrixL().solveInPlace(m_regression.transpose());
            m_latentFactor.matrixU().solveInPlace(m_regression.transpose());
            m_conditional = m_draw.bottomRightCorner(c, c);
            m_conditional.noalias() -= m_regression * m_draw.topRightCorner(l, c);
        } else {
            m_conditional = m_draw;
        }
    }

    if (moveCorrelations && m_freeCorrelations > 0) {
        // Random walk on every free correlation at once; a few proposals per iteration since
        // each costs O(|L|^3) on the sufficient statistics only.
        const double power =
            count + m_priorDf - static_cast<double>(c) + static_cast<double>(l) + 1.0;
        double current = logTarget(m_correlation, power);
        for (int attempt = 0; attempt < 4; ++attempt) {
            m_proposal = m_correlation;
            bool inside = true;
            for (Eigen::Index a = 1; a < l; ++a) {
                for (Eigen::Index b = 0; b < a; ++b) {
                    if (m_group[static_cast<std::size_t>(a)] ==
                        m_group[static_cast<std::size_t>(b)])
                        continue; // fixed at 0 within an Unordered response
                    const double value = m_correlation(a, b) + m_step * rng.normal();
                    inside = inside && std::abs(value) < 1.0;
                    m_proposal(a, b) = value;
                    m_proposal(b, a) = value;
                }
            }
            ++m_proposed;
            ++m_windowProposed;
            if (!inside)
                continue;
            const double candidate = logTarget(m_proposal, power);
            if (std::log(rng.uniform()) < candidate - current) {
                m_correlation = m_proposal;
                current = candidate;
                ++m_accepted;
                ++m_windowAccepted;
            }
        }
    }

    // Assemble in permuted order: Sigma_LL = R, Sigma_CL = B R, Sigma_CC = Sigma_C.L + B R B'.
    m_assembled.topLeftCorner(l, l) = m_correlation;
    if (c > 0) {
        if (l > 0) {
            m_assembled.bottomLeftCorner(c, l).noalias() = m_regression * m_correlation;
            m_assembled.topRightCorner(l, c) = m_assembled.bottomLeftCorner(c, l).transpose();
            m_assembled.bottomRightCorner(c, c) = m_conditional;
            m_assembled.bottomRightCorner(c, c).noalias() +=
                m_assembled.bottomLeftCorner(c, l) * m_regression.transpose();
        } else {
            m_assembled = m_conditional;
        }
    }
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            sigma(m_order[static_cast<std::size_t>(a)], m_order[static_cast<std::size_t>(b)]) =
                m_assembled(a, b);
}

void ConstrainedCovarianceSampler::adapt()
{
    if (m_windowProposed < 100)
        return;
    const double rate =
        static_cast<double>(m_windowAccepted) / static_cast<double>(m_windowProposed);
    if (rate > 0.40)
        m_step *= 1.25;
    else if (rate < 0.25)
        m_step /= 1.25;
    m_windowProposed = 0;
    m_windowAccepted = 0;
}

double ConstrainedCovarianceSampler::acceptanceRate() const
{
    return m_proposed > 0 ? static_cast<double>(m_accepted) / static_cast<double>(m_proposed) : 1.0;
}

} // namespace grove
