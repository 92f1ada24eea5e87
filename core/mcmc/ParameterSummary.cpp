// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/ParameterSummary.h"

#include <algorithm>
#include <cmath>

namespace grove {

ParameterSummary summarizeDraws(const std::vector<std::vector<double>>& chains)
{
    ParameterSummary summary;
    double sum = 0.0;
    long count = 0;
    std::size_t shortest = 0;
    bool first = true;
    for (const auto& chain : chains) {
        if (chain.empty())
            continue;
        for (double x : chain)
            sum += x;
        count += static_cast<long>(chain.size());
        shortest = first ? chain.size() : std::min(shortest, chain.size());
        first = false;
    }
    summary.draws = count;
    if (count == 0)
        return summary;
    const double mean = sum / static_cast<double>(count);
    double squares = 0.0;
    for (const auto& chain : chains)
        for (double x : chain)
            squares += (x - mean) * (x - mean);
    summary.mean = mean;
    const double variance = count > 1 ? squares / static_cast<double>(count - 1) : 0.0;
    summary.sd = std::sqrt(variance);
    if (!(variance > 0.0) || shortest < 4) {
        summary.ess = variance > 0.0 ? static_cast<double>(count) : 0.0;
        return summary;
    }
    // Autocorrelation at lag t averaged over chains (each about the pooled mean).
    const auto autocorrelation = [&](std::size_t lag) {
        double total = 0.0;
        double n = 0.0;
        for (const auto& chain : chains) {
            if (chain.size() <= lag)
                continue;
            for (std::size_t i = lag; i < chain.size(); ++i)
                total += (chain[i] - mean) * (chain[i - lag] - mean);
            n += static_cast<double>(chain.size());
        }
        return n > 0.0 ? total / n / variance : 0.0;
    };
    double tau = -1.0; // -1 + 2 * sum of pairs = 1 + 2 sum rho_t
    double previousPair = INFINITY;
    for (std::size_t lag = 0; lag + 1 < shortest; lag += 2) {
        double pair = autocorrelation(lag) + autocorrelation(lag + 1);
        if (pair <= 0.0)
            break;
        pair = std::min(pair, previousPair);
        previousPair = pair;
        tau += 2.0 * pair;
    }
    tau = std::max(tau, 1.0 / std::log10(static_cast<double>(count) + 10.0));
    summary.ess = static_cast<double>(count) / tau;
    return summary;
}

} // namespace grove
