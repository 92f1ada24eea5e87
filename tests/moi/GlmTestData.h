// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Simulated Binomial and Poisson data for the GLM short-run tests (GlmShortRunTest) and the
// disabled 40-seed survey of their gaps (GlmShortRunSurvey).
#include "MoiTestData.h"

#include "core/moi/ModelOfInterest.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace grove::moitest {

struct GlmCase {
    const char* name;
    MoiDistribution distribution;
    bool twoLevel;
    bool randomSlope;
    int maxTrials; ///< Binomial denominators cycle 1..maxTrials (1: binary)
};

/// The true fixed effects of `simulate` for a case: (b0, b1, b2).
inline std::array<double, 3> glmTruth(const GlmCase& c)
{
    const bool poisson = c.distribution == MoiDistribution::Poisson;
    return {poisson ? 0.5 : -0.3, poisson ? 0.3 : 0.8, -0.4};
}

/// Simulated data: y ~ family(eta), eta = b0 + b1 x1 + b2 w + u0 + u1 x1, with x1 a level-1
/// N(0,1) variable and w a level-2 N(0,1) variable.
inline Dataset simulate(const GlmCase& c, std::uint64_t seed)
{
    const auto [b0, b1, b2] = glmTruth(c);
    RandomStream rng(seed, 0);
    // 1 level: 1000 one-row "units", so that w is a second row-level variable.
    const int units = c.twoLevel ? 50 : 1000;
    const int size = c.twoLevel ? 20 : 1;
    Dataset data = simulatedFrame(rng, units, size);
    const Column& x1 = data.column("x1");
    const Column& w = data.column("w");
    std::vector<double> y(data.rowCount()), n(data.rowCount());
    for (int j = 0; j < units; ++j) {
        const double u0 = c.twoLevel ? std::sqrt(0.4) * rng.normal() : 0.0;
        const double u1 = c.randomSlope ? std::sqrt(0.1) * rng.normal() : 0.0;
        for (int i = 0; i < size; ++i) {
            const std::size_t row = static_cast<std::size_t>(j * size + i);
            const double eta = b0 + (b1 + u1) * x1.values[row] + b2 * w.values[row] + u0;
            if (c.distribution == MoiDistribution::Binomial) {
                n[row] = 1.0 + static_cast<double>(row % static_cast<std::size_t>(c.maxTrials));
                const double p = 1.0 / (1.0 + std::exp(-eta));
                double successes = 0.0;
                for (int t = 0; t < static_cast<int>(n[row]); ++t)
                    successes += rng.uniform() < p ? 1.0 : 0.0;
                y[row] = successes;
            } else {
                y[row] = drawPoisson(rng, std::exp(eta));
            }
        }
    }
    data.addColumn(Column("y", y));
    data.addColumn(Column("n", n));
    return data;
}

inline MoiSpec specFor(const GlmCase& c, long burnin, long iterations)
{
    MoiSpec spec;
    spec.responses = {"y"};
    spec.distribution = c.distribution;
    spec.explanatory = {{"cons", false}, {"x1", false}, {"w", false}};
    spec.twoLevel = c.twoLevel;
    spec.level2Id = "id";
    if (c.randomSlope)
        spec.randomSlopes = {"x1"};
    if (c.distribution == MoiDistribution::Binomial && c.maxTrials > 1)
        spec.denominator = "n";
    spec.burnin = burnin;
    spec.iterations = iterations;
    return spec;
}

/// The seven designs of the short-run tests: 1 and 2 levels, random intercepts and slopes.
inline std::vector<GlmCase> glmCases()
{
    return {GlmCase{"BinaryOneLevel", MoiDistribution::Binomial, false, false, 1},
            GlmCase{"BinomialOneLevel", MoiDistribution::Binomial, false, false, 4},
            GlmCase{"BinaryRandomIntercept", MoiDistribution::Binomial, true, false, 1},
            GlmCase{"BinomialRandomSlope", MoiDistribution::Binomial, true, true, 3},
            GlmCase{"PoissonOneLevel", MoiDistribution::Poisson, false, false, 1},
            GlmCase{"PoissonRandomIntercept", MoiDistribution::Poisson, true, false, 1},
            GlmCase{"PoissonRandomSlope", MoiDistribution::Poisson, true, true, 1}};
}

} // namespace grove::moitest
