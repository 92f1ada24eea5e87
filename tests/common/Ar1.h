// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace grove::test {

/// A stationary Gaussian AR(1) chain x_t = mean + rho (x_{t-1} - mean) + sd sqrt(1 - rho^2) e_t,
/// started from its stationary distribution, so every closed form (ACF rho^k, ESS
/// n (1 - rho) / (1 + rho), Var(mean) = sd^2 (1 + rho) / ((1 - rho) n)) holds from the first draw.
/// Fixed seeds make the statistical tests deterministic.
inline std::vector<double> simulateAr1(std::size_t n, double rho, std::uint64_t seed,
                                       double mean = 0.0, double sd = 1.0)
{
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> chain(n);
    double x = normal(engine);
    const double innovation = std::sqrt(1.0 - rho * rho);
    for (std::size_t t = 0; t < n; ++t) {
        if (t > 0) {
            x = rho * x + innovation * normal(engine);
        }
        chain[t] = mean + sd * x;
    }
    return chain;
}

inline std::vector<std::vector<double>> simulateAr1Chains(std::size_t chains, std::size_t n,
                                                          double rho, std::uint64_t seed)
{
    std::vector<std::vector<double>> result;
    for (std::size_t c = 0; c < chains; ++c) {
        result.push_back(simulateAr1(n, rho, seed + 1000 * c));
    }
    return result;
}

} // namespace grove::test
