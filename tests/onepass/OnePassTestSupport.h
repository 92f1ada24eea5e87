// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared helpers for the one-pass engine's tests: summaries of chains and simulated data.

#include "core/common/ChainSet.h"
#include "core/data/Dataset.h"
#include "core/onepass/OnePass.h"
#include "core/random/RandomStream.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace grove::onepass::testing {

struct Posterior {
    double mean = 0.0;
    double sd = 0.0;
    /// Monte Carlo standard error of the mean from batch means (20 batches per chain).
    double mcse = 0.0;
};

inline std::size_t indexOf(const ChainSet& chains, const std::string& name)
{
    for (std::size_t p = 0; p < chains.parameters.size(); ++p)
        if (chains.parameters[p].name == name)
            return p;
    throw std::runtime_error("no parameter " + name);
}

inline Posterior posterior(const ChainSet& chains, const std::string& name)
{
    const std::size_t p = indexOf(chains, name);
    double sum = 0.0;
    double squares = 0.0;
    double count = 0.0;
    for (const auto& chain : chains.draws)
        for (double v : chain[p]) {
            sum += v;
            squares += v * v;
            count += 1.0;
        }
    Posterior result;
    result.mean = sum / count;
    result.sd = std::sqrt(std::max(0.0, squares / count - result.mean * result.mean));
    std::vector<double> batchMeans;
    for (const auto& chain : chains.draws) {
        const std::size_t size = chain[p].size() / 20;
        for (std::size_t b = 0; b < 20 && size > 0; ++b) {
            double s = 0.0;
            for (std::size_t k = b * size; k < (b + 1) * size; ++k)
                s += chain[p][k];
            batchMeans.push_back(s / static_cast<double>(size));
        }
    }
    double spread = 0.0;
    for (double m : batchMeans)
        spread += (m - result.mean) * (m - result.mean);
    const double batches = static_cast<double>(batchMeans.size());
    result.mcse = std::sqrt(spread / (batches - 1.0) / batches);
    return result;
}

inline Column makeColumn(const std::string& name, const std::vector<double>& values)
{
    return Column(name, values);
}

inline MoiTerm term(const std::string& name, std::vector<TermFactor> factors)
{
    return MoiTerm{name, std::move(factors)};
}

} // namespace grove::onepass::testing
