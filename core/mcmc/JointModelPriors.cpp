// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointModelPriors.h"

#include <cmath>

namespace grove {

namespace {

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

} // namespace

std::vector<bool> level2Latent(const ImputationDesign& design)
{
    if (!design.twoLevel())
        return {};
    std::vector<bool> latent(static_cast<std::size_t>(design.level1DimCount()), false);
    for (const DesignDimension& dim : design.level2Dims())
        latent.push_back(dim.latent);
    return latent;
}

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
    return classificationGroups(design, 0);
}

std::vector<int> classificationGroups(const ImputationDesign& design, std::size_t c)
{
    return latentGroups(design.classificationResponses(c).dims,
                        static_cast<std::size_t>(design.level1DimCount() + design.dimsBelow(c)));
}

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
    return classificationPriorScale(design, 0);
}

Eigen::MatrixXd classificationPriorScale(const ImputationDesign& design, std::size_t c)
{
    std::vector<double> scales =
        dimensionScales(design.level1Responses(), design.level1Dims(), design.y1());
    const auto add = [&](std::size_t classification) {
        const ClassificationResponses& block = design.classificationResponses(classification);
        const std::vector<double> more = dimensionScales(block.responses, block.dims, block.y);
        scales.insert(scales.end(), more.begin(), more.end());
    };
    if (design.effectsAbove())
        for (std::size_t below = 0; below < c; ++below)
            add(below);
    add(c);
    const Eigen::Index q = static_cast<Eigen::Index>(scales.size());
    Eigen::MatrixXd scale = Eigen::MatrixXd::Zero(q, q);
    // A tenth of the total variance: level-2 variances are usually a fraction of it, and with
    // few units a unit-scale matrix would pull them up noticeably.
    for (Eigen::Index d = 0; d < q; ++d)
        scale(d, d) = 0.1 * scales[static_cast<std::size_t>(d)];
    return scale;
}

} // namespace grove
