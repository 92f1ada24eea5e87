// SPDX-License-Identifier: GPL-3.0-or-later
// `defaultsv` No: every chain starts from its own over-dispersed values, drawn from (seed,
// chain); Yes starts all chains from the same defaults. The start must not change the posterior.
#include "OnePassTestSupport.h"

#include "core/onepass/OnePass.h"
#include "core/onepass/OnePassChain.h"
#include "core/onepass/OnePassDesign.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

namespace grove::onepass {
namespace {

/// 40 clusters of 20: x Normal and b Binary covariates, each missing ~20% (more often for large
/// y, so completely-at-random fills would be biased), y = 0.5 + 0.7 x - 0.4 b + 0.3 x b + u + e.
Dataset simulatedData()
{
    RandomStream rng(424242, 0);
    std::vector<double> school, cons, y, x, b;
    for (int j = 0; j < 40; ++j) {
        const double u = 0.5 * rng.normal();
        const double level2 = 0.4 * rng.normal();
        for (int i = 0; i < 20; ++i) {
            const double xv = level2 + rng.normal();
            const double bv = 0.3 * rng.normal() + 0.5 * xv + 0.2 > 0.0 ? 1.0 : 0.0;
            const double response = 0.5 + 0.7 * xv - 0.4 * bv + 0.3 * xv * bv + u + rng.normal();
            const double missing = response > 1.0 ? 0.3 : 0.1;
            school.push_back(j + 1);
            cons.push_back(1.0);
            y.push_back(response);
            x.push_back(rng.uniform() < missing ? missingValue : xv);
            b.push_back(rng.uniform() < missing ? missingValue : bv);
        }
    }
    Dataset data("simulated");
    data.addColumn(Column("school", school));
    data.addColumn(Column("cons", cons));
    data.addColumn(Column("y", y));
    data.addColumn(Column("x", x));
    data.addColumn(Column("b", b));
    return data;
}

OnePassSpec simulatedSpec(bool defaultStart)
{
    OnePassSpec spec;
    spec.response = "y";
    spec.level2Id = "school";
    spec.terms = {{"cons", {{"cons", 1}}},
                  {"x", {{"x", 1}}},
                  {"b", {{"b", 1}}},
                  {"x*b", {{"x", 1}, {"b", 1}}}};
    spec.randomCoefficients = {"cons"};
    spec.level1Responses = {{"x", CovariateKind::Normal, {"cons"}},
                            {"b", CovariateKind::Binary, {"cons"}}};
    spec.imputationLevel2 = true;
    spec.chains = 3;
    spec.seed = 5;
    spec.burnin = 500;
    spec.iterations = 1500;
    spec.adaptIterations = 500;
    spec.defaultStartingValues = defaultStart;
    return spec;
}

std::vector<double> startOf(const OnePassDesign& design, const Dataset& data, std::uint64_t chain)
{
    std::size_t resultCount = 0;
    std::vector<double> values(OnePassChain::parameters(design, resultCount).size());
    const OnePassChain sampler(design, data, nullptr, chain);
    sampler.writeParameters(values.data());
    return values;
}

TEST(StartingValues, OverDispersedStartsDifferAcrossChainsAndFromTheDefaults)
{
    const Dataset data = simulatedData();
    const OnePassDesign defaults(data, nullptr, simulatedSpec(true));
    const OnePassDesign dispersed(data, nullptr, simulatedSpec(false));
    std::size_t resultCount = 0;
    const std::vector<ParameterInfo> parameters = OnePassChain::parameters(defaults, resultCount);
    const std::vector<double> defaultStart = startOf(defaults, data, 0);
    EXPECT_EQ(startOf(defaults, data, 1), defaultStart) << "Yes: every chain from the defaults";
    std::vector<std::vector<double>> starts;
    for (std::uint64_t chain = 0; chain < 4; ++chain)
        starts.push_back(startOf(dispersed, data, chain));
    EXPECT_EQ(startOf(dispersed, data, 2), starts[2]) << "a chain's start depends on (seed, chain)";
    // Every parameter the start sets (the MOI's, Omega_u and the Normal component's Sigma_e)
    // differs between chains and from the default; alpha (beta2imp) is drawn before it is used
    // and the Binary latent's variance (omega_e_2) is fixed at 1.
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        const std::string& name = parameters[p].name;
        if (name.starts_with("beta2imp") || name == "omega_e_1" || name == "omega_e_2" ||
            name == "omega_u_1")
            continue; // not set, fixed, or an off-diagonal covariance (zero at the start)
        for (std::size_t c = 0; c < starts.size(); ++c) {
            EXPECT_NE(starts[c][p], defaultStart[p]) << name << " chain " << c;
            for (std::size_t d = c + 1; d < starts.size(); ++d)
                EXPECT_NE(starts[c][p], starts[d][p]) << name << " chains " << c << ", " << d;
        }
    }
    // The spread is a spread, not a shift by a rounding error: the chains' starting fixed
    // effects lie more than 0.1 apart for the slope of x.
    const std::size_t slope = testing::indexOf(ChainSet{parameters, {}, {}}, "beta_1");
    double low = starts[0][slope];
    double high = low;
    for (const auto& start : starts) {
        low = std::min(low, start[slope]);
        high = std::max(high, start[slope]);
    }
    EXPECT_GT(high - low, 0.1);

    // The first stored draws differ too.
    OnePassSpec shortRun = simulatedSpec(false);
    shortRun.burnin = 0;
    shortRun.iterations = 2;
    shortRun.adaptIterations = 0;
    const OnePassResult first = runOnePass(data, nullptr, shortRun, 1, RunControl{});
    shortRun.defaultStartingValues = true;
    const OnePassResult firstDefault = runOnePass(data, nullptr, shortRun, 1, RunControl{});
    for (std::size_t p = 0; p < first.results.parameterCount(); ++p) {
        EXPECT_NE(first.results.draws[0][p][0], first.results.draws[1][p][0]);
        EXPECT_NE(first.results.draws[0][p][0], firstDefault.results.draws[0][p][0]);
    }
}

TEST(StartingValues, OverDispersedStartsAreReproducibleWhateverTheThreadCount)
{
    const Dataset data = simulatedData();
    OnePassSpec spec = simulatedSpec(false);
    spec.burnin = 20;
    spec.iterations = 30;
    spec.imputeIterations = {30};
    const OnePassResult one = runOnePass(data, nullptr, spec, 1, RunControl{});
    const OnePassResult three = runOnePass(data, nullptr, spec, 3, RunControl{});
    EXPECT_EQ(one.parameters.draws, three.parameters.draws);
    ASSERT_EQ(one.imputed.size(), three.imputed.size());
    for (std::size_t k = 0; k < one.imputed.size(); ++k)
        EXPECT_EQ(one.imputed[k].level1.column("x").values,
                  three.imputed[k].level1.column("x").values);
}

TEST(StartingValues, OverDispersedStartsReachTheSamePosterior)
{
    const Dataset data = simulatedData();
    const OnePassResult defaults = runOnePass(data, nullptr, simulatedSpec(true), 2, RunControl{});
    const OnePassResult dispersed =
        runOnePass(data, nullptr, simulatedSpec(false), 2, RunControl{});
    for (std::size_t p = 0; p < defaults.parameters.parameterCount(); ++p) {
        const std::string& name = defaults.parameters.parameters[p].name;
        if (name == "omega_e_2")
            continue; // fixed at 1
        const auto a = testing::posterior(defaults.parameters, name);
        const auto b = testing::posterior(dispersed.parameters, name);
        const double rhat = testing::splitRhat(dispersed.parameters, p);
        // Both runs sample the same posterior: their means differ by Monte Carlo error only.
        // 4 combined batch-means standard errors (plus 2% of a posterior sd, for batch means'
        // own noise) fail a correct sampler with probability well under 0.1% per parameter.
        const double tolerance = 4.0 * std::hypot(a.mcse, b.mcse) + 0.02 * a.sd;
        std::cout << name << ": defaults " << a.mean << " (mcse " << a.mcse << "), over-dispersed "
                  << b.mean << " (mcse " << b.mcse << "), tolerance " << tolerance
                  << ", split R-hat " << rhat << "\n";
        EXPECT_NEAR(b.mean, a.mean, tolerance) << name;
        // 1.1: the usual threshold; after 500 burn-in iterations the starts are forgotten.
        EXPECT_LT(rhat, 1.1) << name;
    }
}

} // namespace
} // namespace grove::onepass
