// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/RHat.h"

#include "core/diag/RankNormalization.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
}

double basicRhat(ChainsView chains)
{
    if (chains.size() < 2) {
        return notANumber;
    }
    const std::size_t n = chains.front().size();
    if (n < 2) {
        return notANumber;
    }
    std::vector<double> means;
    double within = 0.0;
    for (const auto& chain : chains) {
        if (chain.size() != n) {
            return notANumber;
        }
        means.push_back(sampleMean(chain));
        within += sampleVariance(chain);
    }
    within /= static_cast<double>(chains.size());
    const double nDouble = static_cast<double>(n);
    const double between = nDouble * sampleVariance(means);
    if (!(within > 0.0)) {
        return notANumber;
    }
    return std::sqrt((between / within + nDouble - 1.0) / nDouble);
}

RhatResult rankNormalizedSplitRhat(ChainsView chains)
{
    RhatResult result;
    result.rhat = result.bulkRhat = result.tailRhat = notANumber;
    result.emptyReason = chainsProblem(chains, 4);
    if (result.emptyReason.empty() && chainsAreConstant(chains)) {
        result.emptyReason = "the chains are constant, so R-hat is undefined";
    }
    if (!result.emptyReason.empty()) {
        return result;
    }
    const ChainMatrix split = splitChains(chains);
    result.bulkRhat = basicRhat(rankNormalize(split));
    result.tailRhat = basicRhat(rankNormalize(foldAroundMedian(split)));
    result.rhat = std::max(result.bulkRhat, result.tailRhat);
    if (std::isnan(result.bulkRhat) || std::isnan(result.tailRhat)) {
        result.rhat = notANumber;
        result.emptyReason = "R-hat is undefined: a split half-chain has no spread";
    }
    return result;
}

} // namespace grove
