// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/RankNormalization.h"

#include "core/math/NormalDistribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace grove {

ChainMatrix truncateToCommonLength(ChainsView chains)
{
    const std::size_t length = shortestChainLength(chains);
    ChainMatrix result;
    result.reserve(chains.size());
    for (const auto& chain : chains) {
        result.emplace_back(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(length));
    }
    return result;
}

ChainMatrix splitChains(ChainsView chains)
{
    const std::size_t length = shortestChainLength(chains);
    const std::size_t half = length / 2;
    const std::size_t secondStart = length - half; // skips the middle draw when length is odd
    ChainMatrix result;
    result.reserve(2 * chains.size());
    for (const auto& chain : chains) {
        result.emplace_back(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(half));
        result.emplace_back(chain.begin() + static_cast<std::ptrdiff_t>(secondStart),
                            chain.begin() + static_cast<std::ptrdiff_t>(length));
    }
    return result;
}

ChainMatrix rankNormalize(ChainsView chains)
{
    struct Draw {
        double value;
        std::size_t chain;
        std::size_t index;
    };
    std::vector<Draw> draws;
    for (std::size_t c = 0; c < chains.size(); ++c) {
        for (std::size_t i = 0; i < chains[c].size(); ++i) {
            draws.push_back({chains[c][i], c, i});
        }
    }
    std::sort(draws.begin(), draws.end(),
              [](const Draw& a, const Draw& b) { return a.value < b.value; });

    ChainMatrix result;
    result.reserve(chains.size());
    for (const auto& chain : chains) {
        result.emplace_back(chain.size(), 0.0);
    }
    const double total = static_cast<double>(draws.size());
    std::size_t start = 0;
    while (start < draws.size()) {
        std::size_t end = start + 1;
        while (end < draws.size() && draws[end].value == draws[start].value) {
            ++end;
        }
        // 1-based ranks start+1 .. end share their average.
        const double averageRank =
            0.5 * (static_cast<double>(start + 1) + static_cast<double>(end));
        const double z = standardNormalQuantile((averageRank - 0.375) / (total + 0.25));
        for (std::size_t k = start; k < end; ++k) {
            result[draws[k].chain][draws[k].index] = z;
        }
        start = end;
    }
    return result;
}

ChainMatrix foldAroundMedian(ChainsView chains)
{
    const std::vector<double> joined = joinChains(chains);
    const double median = sampleQuantile(joined, 0.5);
    ChainMatrix result;
    result.reserve(chains.size());
    for (const auto& chain : chains) {
        std::vector<double> folded(chain.size());
        std::transform(chain.begin(), chain.end(), folded.begin(),
                       [median](double x) { return std::abs(x - median); });
        result.push_back(std::move(folded));
    }
    return result;
}

} // namespace grove
