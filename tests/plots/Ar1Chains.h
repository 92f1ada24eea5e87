// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Ar1.h"
#include "core/common/ChainSet.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace grove::test {

/// The shared generator (tests/common/Ar1.h), under the name the figure tests use.
inline std::vector<double> ar1Chain(std::size_t n, double rho, std::uint64_t seed,
                                    double mean = 0.0, double sd = 1.0)
{
    return simulateAr1(n, rho, seed, mean, sd);
}

/// `chains` chains of `n` draws of three parameters (beta_0/cons, beta_1/x, sigma2), stored
/// from iteration 501 on (as after a burn-in of 500).
inline std::shared_ptr<ChainSet> ar1ChainSet(std::size_t chains, std::size_t n, double rho = 0.6,
                                             std::uint64_t seed = 2024)
{
    auto set = std::make_shared<ChainSet>();
    set->parameters = {{"beta_0", "cons"}, {"beta_1", "x"}, {"sigma2", "sigma2"}};
    for (std::size_t c = 0; c < chains; ++c) {
        set->draws.push_back({ar1Chain(n, rho, seed + 10 * c, 1.0, 0.1),
                              ar1Chain(n, rho, seed + 10 * c + 1, -0.5, 0.05),
                              ar1Chain(n, rho, seed + 10 * c + 2, 2.0, 0.2)});
        std::vector<long> iterations(n);
        for (std::size_t k = 0; k < n; ++k)
            iterations[k] = 501 + static_cast<long>(k);
        set->iterations.push_back(std::move(iterations));
    }
    return set;
}

} // namespace grove::test
