// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/JointModelPriors.h"

#include <algorithm>
#include <cmath>

namespace grove {

namespace {

// The level-2 block (units, their shift moves, level-2 latents, Omega_u, then every coefficient
// given u) is repeated this many times per pass over the rows (see iterate).
constexpr int level2Sweeps = 3;

} // namespace

void JointImputationSampler::currentParameters(double* values) const
{
    std::size_t out = 0;
    const int coefficients = m_design.twoLevel() ? m_kAll : m_k1;
    for (int c = 0; c < coefficients; ++c)
        values[out++] = m_beta(c);
    const auto writeMatrix = [&](const Eigen::MatrixXd& matrix, const std::vector<int>& groups) {
        for (Eigen::Index a = 0; a < matrix.rows(); ++a)
            for (Eigen::Index b = 0; b <= a; ++b)
                if (!isFixedElement(groups, static_cast<int>(a), static_cast<int>(b)))
                    values[out++] = matrix(a, b);
    };
    writeMatrix(m_omegaU, m_groupsU);
    for (const FurtherClassification& further : m_further)
        writeMatrix(further.omega, further.groups);
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
    for (const FurtherClassification& further : m_further)
        writeThresholds(m_design.classificationResponses(&further - m_further.data() + 1).responses,
                        further.thresholds);
}

void JointImputationSampler::refreshPrecisionE()
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
}

void JointImputationSampler::refreshPrecisionU()
{
    if (m_q == 0)
        return;
    m_factorU.compute(m_omegaU);
    if (m_factorU.info() != Eigen::Success)
        throw Error("the level-2 covariance matrix became singular; check for responses "
                    "that are linear combinations of each other");
    m_precisionU.setIdentity();
    m_factorU.solveInPlace(m_precisionU);
    for (Eigen::Index v = 0; v < m_q; ++v) {
        const double diagonal = m_precisionU(v, v);
        m_conditionalSdU[static_cast<std::size_t>(v)] = 1.0 / std::sqrt(diagonal);
        for (Eigen::Index l = 0; l < m_q; ++l)
            m_conditionalU[static_cast<std::size_t>(v * m_q + l)] =
                v == l ? 0.0 : m_precisionU(v, l) / diagonal;
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
    const std::size_t first =
        row * static_cast<std::size_t>(m_p1) + static_cast<std::size_t>(r.firstDim);
    if (!r.isLatent())
        return m_z1[first];
    const std::vector<double>& thresholds = m_thresholds1[static_cast<std::size_t>(response)];
    if (r.type == ResponseType::Unordered || !m_design.twoLevel())
        return static_cast<double>(categoryOf(r, &m_z1[first], thresholds));
    // A Binary/Ordered latent: with the unit's shift moves not yet applied to it.
    std::size_t low = 0;
    std::size_t high = m_units;
    while (high - low > 1) { // the unit j with unitStart(j) <= row < unitStart(j + 1)
        const std::size_t middle = (low + high) / 2;
        if (m_design.unitStart(middle) <= row)
            low = middle;
        else
            high = middle;
    }
    const double latent =
        m_z1[first] +
        m_pendingShift[low * static_cast<std::size_t>(m_p1) + static_cast<std::size_t>(r.firstDim)];
    return static_cast<double>(categoryOf(r, &latent, thresholds));
}

double JointImputationSampler::unitValue(std::size_t c, std::size_t unit, int response) const
{
    const ClassificationResponses& block = m_design.classificationResponses(c);
    const DesignResponse& r = block.responses[static_cast<std::size_t>(response)];
    const std::size_t p = block.dims.size();
    const double* z = (c == 0 ? m_z2.data() : m_further[c - 1].z.data()) + unit * p +
                      static_cast<std::size_t>(r.firstDim);
    if (!r.isLatent())
        return z[0];
    const auto& thresholds = c == 0 ? m_thresholds2 : m_further[c - 1].thresholds;
    return static_cast<double>(categoryOf(r, z, thresholds[static_cast<std::size_t>(response)]));
}

void JointImputationSampler::iterate(bool adapting)
{
    ++m_iteration;
    if (!m_further.empty())
        updateFurtherClassifications();
    updateLevel1();
    drawLevel1Covariance();
    refreshPrecisionE();
    updateBeta(m_marginalBeta);
    if (m_design.twoLevel()) {
        // The level-2 block (units, their shift moves, level-2 latents, Omega_u, then every
        // coefficient given u) costs a unit loop, a fraction of the level-1 pass, and its
        // couplings (u with Omega_u, shifted latents with beta) are what limit the worst
        // parameters: several sweeps per pass buy ESS cheaply (bench/README.md).
        for (int sweep = 0; sweep < level2Sweeps; ++sweep) {
            updateUnits();
            drawLevel2Covariance(sweep + 1 == level2Sweeps);
            refreshPrecisionU();
            updateBeta(false);
        }
    }
    updateThresholds(adapting);
    if (adapting && m_iteration % 50 == 0) {
        m_samplerE.adapt();
        m_samplerU.adapt();
        for (FurtherClassification& further : m_further)
            further.sampler.adapt();
    }
}

double JointImputationSampler::thresholdAcceptanceRate() const
{
    return m_thresholdProposed > 0
               ? static_cast<double>(m_thresholdAccepted) / static_cast<double>(m_thresholdProposed)
               : 1.0;
}

} // namespace grove
