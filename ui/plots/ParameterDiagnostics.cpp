// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ParameterDiagnostics.h"

#include <cmath>
#include <stdexcept>

namespace grove {

namespace {

// The stored iteration of draw k (0-based) of a chain, or k + 1 when the chain set does not
// record iterations for that chain (tests and live runs may leave them out).
double storedIteration(const ChainSet& chains, std::size_t chain, std::size_t k)
{
    if (chain < chains.iterations.size() && k < chains.iterations[chain].size())
        return static_cast<double>(chains.iterations[chain][k]);
    return static_cast<double>(k + 1);
}

// Curves indexed by "number of draws per chain used" (1-based, possibly fractional grid
// points rounded by core) are re-labelled with chain 0's stored iteration numbers.
void mapToIterations(const ChainSet& chains, std::vector<double>& xs)
{
    for (double& x : xs) {
        if (!(x >= 1.0))
            continue;
        const auto k = static_cast<std::size_t>(std::llround(x)) - 1;
        x = storedIteration(chains, 0, k);
    }
}

} // namespace

ParameterDiagnostics ParameterDiagnostics::compute(const ChainSet& chains,
                                                   std::size_t parameterIndex)
{
    if (parameterIndex >= chains.parameterCount())
        throw std::out_of_range("ParameterDiagnostics: no parameter " +
                                std::to_string(parameterIndex));
    ParameterDiagnostics result;
    result.parameter = chains.parameters[parameterIndex];
    result.chains = chains.chainsOf(parameterIndex);
    const ChainsView view(result.chains);

    std::size_t totalDraws = 0;
    result.traceX.resize(result.chains.size());
    for (std::size_t c = 0; c < result.chains.size(); ++c) {
        const std::size_t n = result.chains[c].size();
        totalDraws += n;
        result.traceX[c].resize(n);
        for (std::size_t k = 0; k < n; ++k)
            result.traceX[c][k] = storedIteration(chains, c, k);
    }
    if (result.chains.empty())
        result.traceEmptyReason = "no chains";
    else if (totalDraws == 0)
        result.traceEmptyReason = "no draws stored yet";

    result.summary = chainTableRow(view);
    result.density = chainKernelDensity(view);
    result.autocorrelation = chainAutocorrelation(view);
    result.mcse = mcseCurve(view);
    result.bgr = brooksGelmanRubin(view);
    mapToIterations(chains, result.mcse.iterations);
    mapToIterations(chains, result.bgr.iterations);
    return result;
}

} // namespace grove
