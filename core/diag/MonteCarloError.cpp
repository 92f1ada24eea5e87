// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/MonteCarloError.h"

#include "core/diag/EffectiveSampleSize.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t minimumDraws = 4;

double batchMeansMcse(std::span<const double> series)
{
    const std::size_t n = series.size();
    const auto batchSize = static_cast<std::size_t>(std::floor(std::sqrt(static_cast<double>(n))));
    const std::size_t batches = n / batchSize;
    // Drop the remainder from the start, where a chain is least likely to have converged.
    const std::size_t offset = n - batches * batchSize;
    std::vector<double> means(batches);
    for (std::size_t b = 0; b < batches; ++b) {
        means[b] = sampleMean(series.subspan(offset + b * batchSize, batchSize));
    }
    return std::sqrt(sampleVariance(means) / static_cast<double>(batches));
}

} // namespace

double mcseOfMean(std::span<const double> series, McseMethod method)
{
    if (series.size() < minimumDraws) {
        return notANumber;
    }
    for (double x : series) {
        if (!std::isfinite(x)) {
            return notANumber;
        }
    }
    if (std::all_of(series.begin(), series.end(), [&](double x) { return x == series[0]; })) {
        return 0.0;
    }
    switch (method) {
    case McseMethod::BatchMeans: return batchMeansMcse(series);
    case McseMethod::InitialMonotoneSequence: {
        const double ess = effectiveSampleSize(series);
        return std::sqrt(sampleVariance(series) / ess);
    }
    }
    return notANumber;
}

double chainMcseOfMean(ChainsView chains, McseMethod method)
{
    if (!chainsProblem(chains, 0).empty()) {
        return notANumber;
    }
    return mcseOfMean(joinChains(chains), method);
}

McseCurve mcseCurve(ChainsView chains, std::size_t points, McseMethod method)
{
    McseCurve curve;
    curve.emptyReason = chainsProblem(chains, 0);
    if (!curve.emptyReason.empty()) {
        return curve;
    }
    std::size_t longest = 0;
    std::size_t total = 0;
    for (const auto& chain : chains) {
        longest = std::max(longest, chain.size());
        total += chain.size();
    }
    if (total < minimumDraws) {
        curve.emptyReason =
            "the MCSE needs at least 4 draws; the chains have " + std::to_string(total);
        return curve;
    }
    points = std::max<std::size_t>(points, 1);
    std::vector<double> joined;
    std::size_t previous = 0;
    for (std::size_t j = 1; j <= points; ++j) {
        // Evenly spaced lengths ending exactly at the longest chain.
        const std::size_t k = (longest * j + points - 1) / points;
        if (k == previous) {
            continue;
        }
        previous = k;
        joined.clear();
        for (const auto& chain : chains) {
            const std::size_t used = std::min(k, chain.size());
            joined.insert(joined.end(), chain.begin(),
                          chain.begin() + static_cast<std::ptrdiff_t>(used));
        }
        if (joined.size() < minimumDraws) {
            continue;
        }
        curve.iterations.push_back(static_cast<double>(k));
        curve.mcse.push_back(mcseOfMean(joined, method));
    }
    return curve;
}

} // namespace grove
