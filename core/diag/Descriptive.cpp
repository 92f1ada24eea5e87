// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/Descriptive.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
}

double sampleMean(std::span<const double> sample)
{
    if (sample.empty()) {
        return notANumber;
    }
    // Two-pass mean: a first pass, then a correction with the residuals, so that chains
    // sitting far from zero (e.g. 1e6 + small noise) keep their digits.
    double sum = 0.0;
    for (double x : sample) {
        sum += x;
    }
    const double n = static_cast<double>(sample.size());
    const double first = sum / n;
    double correction = 0.0;
    for (double x : sample) {
        correction += x - first;
    }
    return first + correction / n;
}

double sampleVariance(std::span<const double> sample)
{
    if (sample.size() < 2) {
        return notANumber;
    }
    const double mean = sampleMean(sample);
    double sumSquares = 0.0;
    double sum = 0.0;
    for (double x : sample) {
        const double d = x - mean;
        sumSquares += d * d;
        sum += d;
    }
    const double n = static_cast<double>(sample.size());
    // Corrected two-pass formula (Chan, Golub & LeVeque 1983).
    return std::max(0.0, (sumSquares - sum * sum / n) / (n - 1.0));
}

double sortedQuantile(std::span<const double> sorted, double p)
{
    if (sorted.empty() || !(p >= 0.0 && p <= 1.0)) {
        return notANumber;
    }
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const double lowerIndex = std::floor(h);
    const auto lower = static_cast<std::size_t>(lowerIndex);
    if (lower + 1 >= sorted.size()) {
        return sorted.back();
    }
    return sorted[lower] + (h - lowerIndex) * (sorted[lower + 1] - sorted[lower]);
}

double sampleQuantile(std::span<const double> sample, double p)
{
    std::vector<double> sorted(sample.begin(), sample.end());
    std::sort(sorted.begin(), sorted.end());
    return sortedQuantile(sorted, p);
}

std::vector<double> joinChains(ChainsView chains)
{
    std::size_t total = 0;
    for (const auto& chain : chains) {
        total += chain.size();
    }
    std::vector<double> joined;
    joined.reserve(total);
    for (const auto& chain : chains) {
        joined.insert(joined.end(), chain.begin(), chain.end());
    }
    return joined;
}

std::string chainProblem(std::span<const double> chain, std::size_t chainIndex,
                         std::size_t minLength)
{
    const std::string name = "chain " + std::to_string(chainIndex);
    if (chain.size() < minLength) {
        return name + " has " + std::to_string(chain.size()) + " draws; at least " +
               std::to_string(minLength) + " are needed";
    }
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (!std::isfinite(chain[i])) {
            return name + " has a non-finite value at iteration " + std::to_string(i + 1);
        }
    }
    return {};
}

std::string chainsProblem(ChainsView chains, std::size_t minLength)
{
    if (chains.empty()) {
        return "no chains";
    }
    for (std::size_t c = 0; c < chains.size(); ++c) {
        std::string problem = chainProblem(chains[c], c, minLength);
        if (!problem.empty()) {
            return problem;
        }
    }
    return {};
}

std::size_t shortestChainLength(ChainsView chains)
{
    if (chains.empty()) {
        return 0;
    }
    std::size_t shortest = chains.front().size();
    for (const auto& chain : chains) {
        shortest = std::min(shortest, chain.size());
    }
    return shortest;
}

bool chainsAreConstant(ChainsView chains)
{
    bool seen = false;
    double first = 0.0;
    for (const auto& chain : chains) {
        for (double x : chain) {
            if (!seen) {
                first = x;
                seen = true;
            } else if (x != first) {
                return false;
            }
        }
    }
    return true;
}

} // namespace grove
