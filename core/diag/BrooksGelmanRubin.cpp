// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/BrooksGelmanRubin.h"

#include <algorithm>
#include <limits>

namespace grove {

namespace {

constexpr std::size_t minimumLength = 4; // so that a window has at least 2 draws

double intervalWidth(std::vector<double>& values, double lowerP, double upperP)
{
    std::sort(values.begin(), values.end());
    return sortedQuantile(values, upperP) - sortedQuantile(values, lowerP);
}

} // namespace

BrooksGelmanRubinResult brooksGelmanRubin(ChainsView chains, std::size_t points, double coverage)
{
    BrooksGelmanRubinResult result;
    result.coverage = coverage;
    if (chains.size() < 2) {
        result.emptyReason = "BGR needs at least 2 chains; there " +
                             std::string(chains.size() == 1 ? "is 1" : "are 0");
        return result;
    }
    if (!(coverage > 0.0 && coverage < 1.0)) {
        result.emptyReason = "BGR interval coverage must lie strictly between 0 and 1";
        return result;
    }
    result.emptyReason = chainsProblem(chains, minimumLength);
    if (!result.emptyReason.empty()) {
        return result;
    }
    if (chainsAreConstant(chains)) {
        result.emptyReason = "the chains are constant and equal, so BGR is undefined";
        return result;
    }
    const double lowerP = 0.5 * (1.0 - coverage);
    const double upperP = 1.0 - lowerP;
    const std::size_t length = shortestChainLength(chains);
    points = std::max<std::size_t>(points, 1);

    std::vector<double> pooled;
    std::vector<double> single;
    std::size_t previous = 0;
    for (std::size_t j = 1; j <= points; ++j) {
        const std::size_t t = (length * j + points - 1) / points;
        if (t < minimumLength || t == previous) {
            continue;
        }
        previous = t;
        const std::size_t start = t / 2;
        pooled.clear();
        double withinSum = 0.0;
        for (const auto& chain : chains) {
            single.assign(chain.begin() + static_cast<std::ptrdiff_t>(start),
                          chain.begin() + static_cast<std::ptrdiff_t>(t));
            pooled.insert(pooled.end(), single.begin(), single.end());
            withinSum += intervalWidth(single, lowerP, upperP);
        }
        const double between = intervalWidth(pooled, lowerP, upperP);
        const double within = withinSum / static_cast<double>(chains.size());
        result.iterations.push_back(static_cast<double>(t));
        result.between.push_back(between);
        result.within.push_back(within);
        result.ratio.push_back(within > 0.0 ? between / within
                                            : std::numeric_limits<double>::quiet_NaN());
    }
    double largest = 0.0;
    for (std::size_t i = 0; i < result.between.size(); ++i) {
        largest = std::max({largest, result.between[i], result.within[i]});
    }
    for (std::size_t i = 0; i < result.between.size(); ++i) {
        result.betweenScaled.push_back(largest > 0.0 ? result.between[i] / largest : 0.0);
        result.withinScaled.push_back(largest > 0.0 ? result.within[i] / largest : 0.0);
    }
    return result;
}

} // namespace grove
