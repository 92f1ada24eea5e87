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

/// Classic split R-hat (Gelman et al., BDA3 11.4): every chain halved, between- against
/// within-half variance.
inline double splitRhat(const ChainSet& chains, std::size_t parameter)
{
    std::vector<std::vector<double>> halves;
    for (const auto& chain : chains.draws) {
        const std::vector<double>& draws = chain[parameter];
        const std::size_t half = draws.size() / 2;
        halves.emplace_back(draws.begin(), draws.begin() + static_cast<long>(half));
        halves.emplace_back(draws.begin() + static_cast<long>(half),
                            draws.begin() + static_cast<long>(2 * half));
    }
    const auto n = static_cast<double>(halves.front().size());
    const auto m = static_cast<double>(halves.size());
    std::vector<double> means;
    double within = 0.0;
    for (const auto& h : halves) {
        double mean = 0.0;
        for (double v : h)
            mean += v;
        mean /= n;
        double variance = 0.0;
        for (double v : h)
            variance += (v - mean) * (v - mean);
        within += variance / (n - 1.0) / m;
        means.push_back(mean);
    }
    double grand = 0.0;
    for (double mean : means)
        grand += mean / m;
    double between = 0.0;
    for (double mean : means)
        between += (mean - grand) * (mean - grand);
    between *= n / (m - 1.0);
    return std::sqrt(((n - 1.0) / n * within + between / n) / within);
}

/// Seed 000's interaction model on tutmiss: normexam ~ standlrtmiss * girlmiss + (1 | school),
/// standlrtmiss Normal and girlmiss Binary imputation components with school effects. Chains,
/// seed and lengths are left to the caller.
inline OnePassSpec tutmissInteractionSpec()
{
    OnePassSpec spec;
    spec.response = "normexam";
    spec.level2Id = "school";
    spec.terms = {{"cons", {{"cons", 1}}},
                  {"standlrtmiss", {{"standlrtmiss", 1}}},
                  {"girlmiss", {{"girlmiss", 1}}},
                  {"standlrtmiss*girlmiss", {{"standlrtmiss", 1}, {"girlmiss", 1}}}};
    spec.randomCoefficients = {"cons"};
    spec.level1Responses = {{"standlrtmiss", CovariateKind::Normal, {"cons"}},
                            {"girlmiss", CovariateKind::Binary, {"cons"}}};
    spec.imputationLevel2 = true;
    return spec;
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
