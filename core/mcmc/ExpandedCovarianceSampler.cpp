// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/ExpandedCovarianceSampler.h"

#include "core/common/Error.h"
#include "core/random/Distributions.h"

#include <cmath>

namespace grove {

namespace {

// The scalable dimensions become free ones of the conditional draw; the rest keep their group.
std::vector<int> heldGroups(const std::vector<int>& latentGroup, const std::vector<bool>& scalable)
{
    std::vector<int> groups = latentGroup;
    for (std::size_t d = 0; d < groups.size(); ++d)
        if (scalable[d])
            groups[d] = -1;
    return groups;
}

bool isProperDiagonal(double df, const Eigen::Ref<const Eigen::MatrixXd>& scale)
{
    const Eigen::Index p = scale.rows();
    if (!(df > static_cast<double>(p) - 1.0))
        return false;
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            if (a == b ? !(scale(a, a) > 0.0) : scale(a, b) != 0.0)
                return false;
    return true;
}

} // namespace

ExpandedCovarianceSampler::ExpandedCovarianceSampler(
    const std::vector<int>& latentGroup, const std::vector<bool>& scalable, double priorDf,
    const Eigen::Ref<const Eigen::MatrixXd>& priorScale)
    : m_dimension(static_cast<int>(latentGroup.size())), m_scalable(scalable), m_priorDf(priorDf),
      m_priorScale(priorScale), m_sameWorkingPrior(isProperDiagonal(priorDf, priorScale)),
      m_conditional(heldGroups(latentGroup, scalable),
                    m_sameWorkingPrior ? priorDf : static_cast<double>(latentGroup.size()) + 1.0,
                    m_sameWorkingPrior
                        ? Eigen::MatrixXd(priorScale)
                        : Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(latentGroup.size()),
                                                    static_cast<Eigen::Index>(latentGroup.size())))
{
    const Eigen::Index p = m_dimension;
    m_workingDf = m_sameWorkingPrior ? priorDf : static_cast<double>(p) + 1.0;
    m_workingScale =
        m_sameWorkingPrior ? Eigen::VectorXd(priorScale.diagonal()) : Eigen::VectorXd::Ones(p);
    // One Unordered response (a single latent group) is expanded by a common scale.
    int groupCount = 0;
    int group = -2;
    for (std::size_t d = 0; d < latentGroup.size(); ++d)
        if (latentGroup[d] >= 0 && !scalable[d] && latentGroup[d] != group) {
            bool seen = false;
            for (std::size_t e = 0; e < d; ++e)
                seen = seen || (latentGroup[e] == latentGroup[d] && !scalable[e]);
            if (!seen) {
                ++groupCount;
                group = latentGroup[d];
            }
        }
    m_scaled = scalable;
    if (groupCount == 1)
        for (std::size_t d = 0; d < latentGroup.size(); ++d)
            if (latentGroup[d] == group && !scalable[d]) {
                m_group.push_back(static_cast<int>(d));
                m_scaled[d] = true;
            }
    const double m = static_cast<double>(m_group.size());
    m_groupShape = 0.5 * (m * (m_workingDf + m + 1.0) - 2.0);
    m_alpha.assign(static_cast<std::size_t>(p), 1.0);
    m_scale.assign(static_cast<std::size_t>(p), 1.0);
    m_expandedSums.resize(p, p);
    m_candidate.resize(p, p);
    m_inverse.resize(p, p);
    m_factor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p, p));
}

// log of (target prior / working IW) at the identified matrix, less log v of the working
// prior: the part of the expanded model's density that the conjugate proposal leaves out.
double ExpandedCovarianceSampler::logPriorTerm(const Eigen::Ref<const Eigen::MatrixXd>& sigma)
{
    m_factor.compute(sigma);
    if (m_factor.info() != Eigen::Success)
        return -INFINITY;
    m_inverse.setIdentity();
    m_factor.solveInPlace(m_inverse);
    const Eigen::Index p = m_dimension;
    double value = 0.0;
    for (Eigen::Index d = 0; d < p; ++d) {
        if (!m_scalable[static_cast<std::size_t>(d)])
            continue;
        const double inverseDiagonal = m_inverse(d, d);
        value -= 0.5 * m_workingScale(d) * inverseDiagonal -
                 0.5 * m_workingDf * std::log(inverseDiagonal);
    }
    if (!m_group.empty()) {
        double groupRate = 0.0;
        for (int d : m_group)
            groupRate += m_workingScale(d) * m_inverse(d, d);
        value -= 0.5 * groupRate - m_groupShape * std::log(groupRate);
    }
    if (!m_sameWorkingPrior) {
        double logDet = 0.0;
        for (Eigen::Index i = 0; i < p; ++i)
            logDet += 2.0 * std::log(m_factor.matrixLLT()(i, i));
        const double pp = static_cast<double>(p);
        double traceTarget = 0.0;
        double traceWorking = 0.0;
        for (Eigen::Index a = 0; a < p; ++a) {
            traceWorking += m_workingScale(a) * m_inverse(a, a);
            for (Eigen::Index b = 0; b < p; ++b)
                traceTarget += m_priorScale(a, b) * m_inverse(b, a);
        }
        value += -0.5 * (m_priorDf + pp + 1.0) * logDet - 0.5 * traceTarget +
                 0.5 * (m_workingDf + pp + 1.0) * logDet + 0.5 * traceWorking;
    }
    return value;
}

double ExpandedCovarianceSampler::propose(RandomStream& rng,
                                          const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares,
                                          double count,
                                          const Eigen::Ref<const Eigen::MatrixXd>& sigma)
{
    const Eigen::Index p = m_dimension;
    const double current = logPriorTerm(sigma); // leaves sigma^{-1} in m_inverse
    for (Eigen::Index d = 0; d < p; ++d) {
        const std::size_t ud = static_cast<std::size_t>(d);
        m_alpha[ud] = 1.0;
        if (m_scalable[ud]) {
            const double rate = 0.5 * m_workingScale(d) * m_inverse(d, d);
            m_alpha[ud] = std::sqrt(rate / drawGamma(rng, 0.5 * m_workingDf));
        }
    }
    if (!m_group.empty()) {
        double groupRate = 0.0;
        for (int d : m_group)
            groupRate += m_workingScale(d) * m_inverse(d, d);
        const double alpha = std::sqrt(0.5 * groupRate / drawGamma(rng, m_groupShape));
        for (int d : m_group)
            m_alpha[static_cast<std::size_t>(d)] = alpha;
    }
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b) {
            const double scale =
                m_alpha[static_cast<std::size_t>(a)] * m_alpha[static_cast<std::size_t>(b)];
            m_expandedSums(a, b) = scale * sumOfSquares(a, b);
            m_candidate(a, b) = scale * sigma(a, b);
        }
    if (!m_group.empty()) {
        // The group's block s I given the rescaled residuals (the Bartlett marginal of the
        // latent block under IW(nu, Psi) has nu - |F| degrees of freedom, |F| = p - m).
        const double m = static_cast<double>(m_group.size());
        double rate = 0.0;
        for (int d : m_group)
            rate += m_workingScale(d) + m_expandedSums(d, d);
        const double df = m_workingDf - (static_cast<double>(p) - m);
        const double shape = 0.5 * (df + m + 1.0) * m + 0.5 * count * m - 1.0;
        const double block = 0.5 * rate / drawGamma(rng, shape);
        for (int d : m_group)
            m_candidate(d, d) = block;
    }
    m_conditional.drawGivenLatentBlock(rng, m_expandedSums, count, m_candidate);
    for (Eigen::Index d = 0; d < p; ++d) {
        const std::size_t ud = static_cast<std::size_t>(d);
        const double alphaNew = m_scaled[ud] ? std::sqrt(m_candidate(d, d)) : 1.0;
        m_scale[ud] = m_alpha[ud] / alphaNew;
        m_alpha[ud] = alphaNew;
    }
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            m_candidate(a, b) /=
                m_alpha[static_cast<std::size_t>(a)] * m_alpha[static_cast<std::size_t>(b)];
    for (Eigen::Index d = 0; d < p; ++d)
        if (m_scaled[static_cast<std::size_t>(d)])
            m_candidate(d, d) = 1.0;
    return logPriorTerm(m_candidate) - current;
}

void ExpandedCovarianceSampler::accept(Eigen::Ref<Eigen::MatrixXd> sigma)
{
    sigma = m_candidate;
    ++m_proposed;
    ++m_accepted;
}

double ExpandedCovarianceSampler::acceptanceRate() const
{
    return m_proposed > 0 ? static_cast<double>(m_accepted) / static_cast<double>(m_proposed) : 1.0;
}

} // namespace grove
