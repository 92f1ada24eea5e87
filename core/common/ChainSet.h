// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// A monitored parameter: its name as Stat-JR prints it (`beta_0`, `sigma2`, `omega_u_1`) and
/// the term it belongs to (the explanatory variable for a coefficient, `cons` for an intercept,
/// the parameter's own name for a variance).
struct ParameterInfo {
    std::string name;
    std::string term;
};

/// Stored draws of several parameters over several chains: draws[chain][parameter][iteration].
/// Chains keep the iteration numbers at which draws were stored (after burn-in, thinned).
struct ChainSet {
    std::vector<ParameterInfo> parameters;
    std::vector<std::vector<std::vector<double>>> draws;
    std::vector<std::vector<long>> iterations; ///< iterations[chain][k], the iteration of draw k

    std::size_t chainCount() const { return draws.size(); }
    std::size_t parameterCount() const { return parameters.size(); }
    /// The chains of one parameter, one vector per chain (copies, for diagnostics).
    std::vector<std::vector<double>> chainsOf(std::size_t parameter) const
    {
        std::vector<std::vector<double>> result;
        result.reserve(draws.size());
        for (const auto& chain : draws)
            result.push_back(chain.at(parameter));
        return result;
    }
};

} // namespace grove
