// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/ClassificationsSampler.h"

#include "core/common/Error.h"
#include "core/moi/GlmSampler.h"
#include "core/moi/MvNormalSampler.h"
#include "core/moi/NormalSampler.h"

namespace grove {

namespace {

/// Streams of the classifications' samplers: apart from each other (SplitMix64 seeding makes
/// nearby seeds independent).
constexpr std::uint64_t kStreamStep = 0x9E3779B97F4A7C15ULL;

Eigen::Index level2Count(const MoiDesign& design, MoiDistribution distribution)
{
    const Eigen::Index dim = distribution == MoiDistribution::MultivariateNormal
                                 ? design.y.cols()
                                 : design.randomCount();
    return dim * (dim + 1) / 2;
}

std::vector<std::unique_ptr<MoiSampler>> makeSamplers(const std::vector<MoiDesign>& designs,
                                                      MoiDistribution distribution,
                                                      std::uint64_t seed, int chain)
{
    if (designs.size() < 2)
        throw Error("model of interest: a composed sampler needs at least 2 classifications");
    std::vector<std::unique_ptr<MoiSampler>> samplers;
    for (std::size_t c = 0; c < designs.size(); ++c)
        samplers.push_back(makeMoiSampler(designs[c], distribution, seed + kStreamStep * c, chain));
    return samplers;
}

std::vector<ParameterInfo> combinedParameters(const std::vector<MoiDesign>& designs,
                                              MoiDistribution distribution,
                                              const std::vector<std::unique_ptr<MoiSampler>>& s)
{
    const std::vector<ParameterInfo>& first = s.front()->parameters();
    const auto fixed = static_cast<std::size_t>(s.front()->fixedEffectCount());
    std::vector<ParameterInfo> parameters(first.begin(),
                                          first.begin() + static_cast<std::ptrdiff_t>(fixed));
    for (std::size_t c = 0; c < s.size(); ++c) {
        const std::vector<ParameterInfo>& own = s[c]->parameters();
        const auto count = static_cast<std::size_t>(level2Count(designs[c], distribution));
        for (std::size_t k = 0; k < count; ++k)
            parameters.push_back(own[fixed + k]);
    }
    const auto level1Start =
        fixed + static_cast<std::size_t>(level2Count(designs.front(), distribution));
    for (std::size_t k = level1Start; k < first.size(); ++k)
        parameters.push_back(first[k]);
    return parameters;
}

} // namespace

std::unique_ptr<MoiSampler> makeMoiSampler(const MoiDesign& design, MoiDistribution distribution,
                                           std::uint64_t seed, int chain)
{
    switch (distribution) {
    case MoiDistribution::Normal: return std::make_unique<NormalSampler>(design, seed, chain);
    case MoiDistribution::Binomial:
    case MoiDistribution::Poisson:
        return std::make_unique<GlmSampler>(design, distribution, seed, chain);
    case MoiDistribution::MultivariateNormal:
        return std::make_unique<MvNormalSampler>(design, seed, chain);
    }
    throw Error("model of interest: unknown distribution");
}

ClassificationsSampler::ClassificationsSampler(const std::vector<MoiDesign>& designs,
                                               MoiDistribution distribution, std::uint64_t seed,
                                               int chain)
    : ClassificationsSampler(designs, distribution,
                             makeSamplers(designs, distribution, seed, chain))
{
}

ClassificationsSampler::ClassificationsSampler(const std::vector<MoiDesign>& designs,
                                               MoiDistribution distribution,
                                               std::vector<std::unique_ptr<MoiSampler>> samplers)
    : MoiSampler(combinedParameters(designs, distribution, samplers),
                 samplers.front()->fixedEffectCount()),
      m_designs(designs), m_samplers(std::move(samplers))
{
    const Eigen::Index rows = designs.front().rows();
    const Eigen::Index responses = designs.front().y.cols();
    for (const MoiDesign& design : designs) {
        m_level2Count.push_back(level2Count(design, distribution));
        m_parts.push_back(Eigen::MatrixXd::Zero(rows, responses));
    }
    m_offset.setZero(rows, responses);
    m_designOrder.setZero(rows, responses);
    for (const std::unique_ptr<MoiSampler>& sampler : m_samplers)
        m_values.emplace_back(sampler->parameters().size());
    // Every classification starts from the first one's fixed effects and level-1 parameters
    // and from zero random effects; the first sweeps move them together.
    m_samplers.front()->exportShared(m_shared);
}

void ClassificationsSampler::iterate(bool sampling)
{
    const std::size_t count = m_samplers.size();
    for (std::size_t c = 0; c < count; ++c) {
        const std::vector<Eigen::Index>& dataRow = m_designs[c].dataRow;
        const auto rows = static_cast<Eigen::Index>(dataRow.size());
        m_offset.setZero();
        for (std::size_t other = 0; other < count; ++other)
            if (other != c)
                m_offset += m_parts[other];
        for (Eigen::Index i = 0; i < rows; ++i)
            m_designOrder.row(i) = m_offset.row(dataRow[static_cast<std::size_t>(i)]);
        MoiSampler& sampler = *m_samplers[c];
        sampler.importShared(m_shared);
        sampler.setOffset(m_designOrder);
        sampler.step(sampling);
        sampler.exportShared(m_shared);
        m_designOrder.setZero();
        sampler.addRandomPart(m_designOrder);
        for (Eigen::Index i = 0; i < rows; ++i)
            m_parts[c].row(dataRow[static_cast<std::size_t>(i)]) = m_designOrder.row(i);
    }
}

void ClassificationsSampler::writeValues(double* out) const
{
    for (std::size_t c = 0; c < m_samplers.size(); ++c)
        m_samplers[c]->currentValues(m_values[c].data());
    // The shared parameters as the last classification's sampler left them.
    const std::vector<double>& last = m_values.back();
    const auto fixed = static_cast<std::size_t>(fixedEffectCount());
    for (std::size_t k = 0; k < fixed; ++k)
        *out++ = last[k];
    for (std::size_t c = 0; c < m_samplers.size(); ++c)
        for (Eigen::Index k = 0; k < m_level2Count[c]; ++k)
            *out++ = m_values[c][fixed + static_cast<std::size_t>(k)];
    for (std::size_t k = fixed + static_cast<std::size_t>(m_level2Count.back()); k < last.size();
         ++k)
        *out++ = last[k];
}

std::vector<std::pair<std::string, double>> ClassificationsSampler::acceptanceRates() const
{
    std::vector<std::pair<std::string, double>> rates;
    for (std::size_t c = 0; c < m_samplers.size(); ++c)
        for (auto& [name, rate] : m_samplers[c]->acceptanceRatesOf())
            rates.emplace_back(name + " (" + m_designs[c].randomEffectLabel + ")", rate);
    return rates;
}

} // namespace grove
