// SPDX-License-Identifier: GPL-3.0-or-later
// Multivariate Normal MOI: recovery of simulated 2 x 2 covariances (tolerance 3.5 posterior
// sds: one dataset's estimation error is ~1 sd; chance failure < 1e-3 per parameter).
#include "MoiTestData.h"

#include "core/moi/ModelOfInterest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

namespace grove {
namespace {

using moitest::parameter;

void expectRecovered(const MoiFit& fit, const std::string& name, double truth)
{
    const MoiParameterSummary& summary = parameter(fit, name);
    std::cout << "[mvn] " << name << " (" << summary.term << ") truth " << truth << " mean "
              << summary.mean << " sd " << summary.sd << " z "
              << (summary.mean - truth) / summary.sd << "\n";
    SCOPED_TRACE(name + ": truth " + std::to_string(truth) + ", mean " +
                 std::to_string(summary.mean) + ", sd " + std::to_string(summary.sd));
    EXPECT_NEAR(summary.mean, truth, 3.5 * summary.sd);
}

/// Two responses y1, y2 = B' (cons, x1, w) + u_j + e with the given Cholesky factors.
Dataset mvData(RandomStream& rng, int units, int size, const double lu[3], const double le[3])
{
    Dataset data = moitest::simulatedFrame(rng, units, size);
    std::vector<double> y1(data.rowCount()), y2(data.rowCount());
    const Column& x1 = data.column("x1");
    const Column& w = data.column("w");
    for (int j = 0; j < units; ++j) {
        const double a = rng.normal(), b = rng.normal();
        const double u1 = lu[0] * a, u2 = lu[1] * a + lu[2] * b;
        for (int i = 0; i < size; ++i) {
            const std::size_t row = static_cast<std::size_t>(j * size + i);
            const double c = rng.normal(), d = rng.normal();
            y1[row] = 1.0 + 0.5 * x1.values[row] + 0.2 * w.values[row] + u1 + le[0] * c;
            y2[row] =
                -1.0 + 0.3 * x1.values[row] - 0.4 * w.values[row] + u2 + le[1] * c + le[2] * d;
        }
    }
    data.addColumn(Column("y1", y1));
    data.addColumn(Column("y2", y2));
    return data;
}

MoiSpec mvSpec(bool twoLevel)
{
    MoiSpec spec;
    spec.responses = {"y1", "y2"};
    spec.distribution = MoiDistribution::MultivariateNormal;
    spec.explanatory = {{"cons", false}, {"x1", false}, {"w", false}};
    spec.twoLevel = twoLevel;
    spec.level2Id = "id";
    spec.burnin = 300;
    spec.iterations = 3000;
    return spec;
}

TEST(MvNormalMoi, TwoLevelRecoversCovariances)
{
    // Omega_u = [[0.4, 0.1], [0.1, 0.2]], Omega_e = [[1.0, 0.3], [0.3, 0.5]].
    const double lu[3] = {std::sqrt(0.4), 0.1 / std::sqrt(0.4), std::sqrt(0.2 - 0.01 / 0.4)};
    const double le[3] = {1.0, 0.3, std::sqrt(0.5 - 0.09)};
    RandomStream rng(606, 0);
    const Dataset data = mvData(rng, 150, 20, lu, le);
    const MoiFit fit = fitModelOfInterest(data, mvSpec(true), 9, 0, {});
    ASSERT_EQ(fit.summary.size(), 12u);
    EXPECT_EQ(fit.fixedEffectCount, 6u);
    EXPECT_EQ(fit.summary[0].term, "y1:cons");
    EXPECT_EQ(fit.summary[4].term, "y2:x1");
    EXPECT_EQ(fit.summary[6].name, "omega_u_0");
    EXPECT_EQ(fit.summary[9].name, "omega_e_0");
    const double betas[6] = {1.0, 0.5, 0.2, -1.0, 0.3, -0.4};
    for (int k = 0; k < 6; ++k)
        expectRecovered(fit, "beta_" + std::to_string(k), betas[k]);
    expectRecovered(fit, "omega_u_0", 0.4);
    expectRecovered(fit, "omega_u_1", 0.1);
    expectRecovered(fit, "omega_u_2", 0.2);
    expectRecovered(fit, "omega_e_0", 1.0);
    expectRecovered(fit, "omega_e_1", 0.3);
    expectRecovered(fit, "omega_e_2", 0.5);
}

TEST(MvNormalMoi, OneLevelRecoversCovariance)
{
    const double lu[3] = {0.0, 0.0, 0.0};
    const double le[3] = {1.0, 0.3, std::sqrt(0.5 - 0.09)};
    RandomStream rng(707, 0);
    const Dataset data = mvData(rng, 100, 20, lu, le);
    const MoiFit fit = fitModelOfInterest(data, mvSpec(false), 9, 0, {});
    ASSERT_EQ(fit.summary.size(), 9u);
    EXPECT_EQ(fit.summary[6].name, "omega_e_0");
    const double betas[6] = {1.0, 0.5, 0.2, -1.0, 0.3, -0.4};
    for (int k = 0; k < 6; ++k)
        expectRecovered(fit, "beta_" + std::to_string(k), betas[k]);
    expectRecovered(fit, "omega_e_0", 1.0);
    expectRecovered(fit, "omega_e_1", 0.3);
    expectRecovered(fit, "omega_e_2", 0.5);
}

// The short-run mixing requirement for the Multivariate Normal MOI: with burn-in 100 and 250
// iterations every parameter's posterior mean (fixed effects, Omega_u, Omega_e) lies within 0.1
// posterior sd of a 20,000-iteration run, for five short-run seeds (see MoiTestData.h). The
// Rao-Blackwellised means (MvNormalSampler.h) carry a Monte Carlo error of a few hundredths of
// an sd, against 0.063 sd for the mean of 250 independent draws.
TEST(MvNormalMoi, TwoLevelShortRunMatchesLongRun)
{
    const double lu[3] = {std::sqrt(0.4), 0.1 / std::sqrt(0.4), std::sqrt(0.2 - 0.01 / 0.4)};
    const double le[3] = {1.0, 0.3, std::sqrt(0.5 - 0.09)};
    RandomStream rng(808, 0);
    const Dataset data = mvData(rng, 50, 20, lu, le);
    moitest::expectShortRunMatchesLongRun("mvn 2 levels",
                                          [&](long burnin, long iterations, std::uint64_t seed) {
                                              MoiSpec spec = mvSpec(true);
                                              spec.burnin = burnin;
                                              spec.iterations = iterations;
                                              return fitModelOfInterest(data, spec, seed, 0, {});
                                          },
                                          {1u, 2u, 3u, 4u, 5u});
}

TEST(MvNormalMoi, OneLevelShortRunMatchesLongRun)
{
    const double lu[3] = {0.0, 0.0, 0.0};
    const double le[3] = {1.0, 0.3, std::sqrt(0.5 - 0.09)};
    RandomStream rng(909, 0);
    const Dataset data = mvData(rng, 50, 20, lu, le);
    moitest::expectShortRunMatchesLongRun("mvn 1 level",
                                          [&](long burnin, long iterations, std::uint64_t seed) {
                                              MoiSpec spec = mvSpec(false);
                                              spec.burnin = burnin;
                                              spec.iterations = iterations;
                                              return fitModelOfInterest(data, spec, seed, 0, {});
                                          },
                                          {1u, 2u, 3u, 4u, 5u});
}

} // namespace
} // namespace grove
