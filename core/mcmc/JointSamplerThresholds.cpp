// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/math/NormalDistribution.h"
#include "core/mcmc/LatentDraw.h"
#include "core/random/Distributions.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;
using detail::infinity;

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
        const double forward = standardNormalCdf((upper - thresholds[k]) / step) -
                               standardNormalCdf((proposal[k - 1] - thresholds[k]) / step);
        const double backward = standardNormalCdf((upperStar - proposal[k]) / step) -
                                standardNormalCdf((thresholds[k - 1] - proposal[k]) / step);
        logRatio += std::log(forward) - std::log(backward);
    }
    for (std::size_t i = 0; i < count; ++i) {
        const int c = categories[i];
        const double mean = means[i];
        const auto probability = [&](const double* gamma) {
            const double upper =
                c < static_cast<int>(m) ? standardNormalCdf((gamma[c] - mean) / sd) : 1.0;
            const double lower = c > 0 ? standardNormalCdf((gamma[c - 1] - mean) / sd) : 0.0;
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

// One Cowles step on a response's thresholds from the conditional means and categories of its
// observed latents (m_cowlesMeans, m_cowlesCategories; latent n is latents[m_cowlesRows[n] *
// stride]). On acceptance the latents follow the new thresholds at once (a joint move).
void JointImputationSampler::moveThresholds(std::vector<double>& thresholds, double& step,
                                            std::size_t count, double sd, double* latents,
                                            std::size_t stride, bool adapting)
{
    bool accepted = false;
    cowlesStep(thresholds, step, m_cowlesMeans.data(), m_cowlesCategories.data(), count, sd,
               accepted);
    if (accepted)
        for (std::size_t n = 0; n < count; ++n) {
            double lower = 0.0;
            double upper = 0.0;
            categoryBounds(thresholds, m_cowlesCategories[n], lower, upper);
            latents[m_cowlesRows[n] * stride] =
                drawTruncatedNormalFast(m_rng, m_cowlesMeans[n], sd, lower, upper);
        }
    if (adapting)
        step *= accepted ? 1.02 : 0.985; // settles near 40% acceptance
}

void JointImputationSampler::updateThresholds(bool adapting)
{
    if (m_hasLevel1Cowles)
        applyPendingShifts(); // the step reads and redraws level-1 latents
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
                if (!m_rowOffsets.empty())
                    fitted += m_rowOffsets[i * p1 + a];
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
        moveThresholds(m_thresholds1[r], m_thresholdStep1[r], count, sd, &m_z1[d], p1, adapting);
    }

    for (std::size_t c = 0; c < m_design.classificationCount(); ++c)
        updateUnitThresholds(unitResponses(c), adapting);
}

} // namespace grove
