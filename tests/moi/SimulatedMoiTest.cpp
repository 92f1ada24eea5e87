// SPDX-License-Identifier: GPL-3.0-or-later
// Recovery of simulated parameters. Each test states its truth, its tolerance and why; the
// tolerances are in posterior sds (the estimation error of one dataset is ~1 sd, Monte Carlo
// error adds a little), so 3.5 sd fails by chance with probability < 1e-3 per parameter.
#include "MoiTestData.h"

#include "core/moi/ModelOfInterest.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>

namespace grove {
namespace {

using moitest::expectRecovered;
using moitest::parameter;

TEST(SimulatedMoi, NormalRandomSlopesRecoverCovariance)
{
    RandomStream rng(101, 0);
    const int units = 150;
    const int size = 25;
    Dataset data = moitest::simulatedFrame(rng, units, size);
    // y = 1 + 0.5 x1 - 0.3 w + u0 + u1 x1 + e; Omega = [[0.3, 0.05], [0.05, 0.1]], sigma2 0.5.
    const double omega00 = 0.3, omega10 = 0.05, omega11 = 0.1, sigma2 = 0.5;
    const double l00 = std::sqrt(omega00), l10 = omega10 / l00,
                 l11 = std::sqrt(omega11 - l10 * l10);
    std::vector<double> y(data.rowCount());
    const Column& x1 = data.column("x1");
    const Column& w = data.column("w");
    for (int j = 0; j < units; ++j) {
        const double a = rng.normal(), b = rng.normal();
        const double u0 = l00 * a, u1 = l10 * a + l11 * b;
        for (int i = 0; i < size; ++i) {
            const std::size_t row = static_cast<std::size_t>(j * size + i);
            y[row] = 1.0 + 0.5 * x1.values[row] - 0.3 * w.values[row] + u0 + u1 * x1.values[row] +
                     std::sqrt(sigma2) * rng.normal();
        }
    }
    data.addColumn(Column("y", y));
    MoiSpec spec;
    spec.responses = {"y"};
    spec.explanatory = {{"cons", false}, {"x1", false}, {"w", false}};
    spec.twoLevel = true;
    spec.level2Id = "id";
    spec.randomSlopes = {"x1"};
    spec.burnin = 500;
    spec.iterations = 3000;
    const MoiFit fit = fitModelOfInterest(data, spec, 11, 0, {});
    ASSERT_EQ(fit.summary.size(), 7u);
    EXPECT_EQ(fit.summary[3].name, "omega_u_0");
    EXPECT_EQ(fit.summary[5].name, "omega_u_2");
    EXPECT_EQ(fit.summary[6].name, "sigma2_e");
    expectRecovered(fit, "beta_0", 1.0);
    expectRecovered(fit, "beta_1", 0.5);
    expectRecovered(fit, "beta_2", -0.3);
    expectRecovered(fit, "omega_u_0", omega00);
    expectRecovered(fit, "omega_u_1", omega10);
    expectRecovered(fit, "omega_u_2", omega11);
    expectRecovered(fit, "sigma2_e", sigma2);
}

Dataset glmData(RandomStream& rng, int units, int size, bool binomial, double intercept,
                double slope, double level2, double sigma2u)
{
    Dataset data = moitest::simulatedFrame(rng, units, size);
    std::vector<double> y(data.rowCount());
    const Column& x1 = data.column("x1");
    const Column& w = data.column("w");
    for (int j = 0; j < units; ++j) {
        const double u = std::sqrt(sigma2u) * rng.normal();
        for (int i = 0; i < size; ++i) {
            const std::size_t row = static_cast<std::size_t>(j * size + i);
            const double eta = intercept + slope * x1.values[row] + level2 * w.values[row] + u;
            if (binomial) {
                y[row] = rng.uniform() < 1.0 / (1.0 + std::exp(-eta)) ? 1.0 : 0.0;
            } else {
                y[row] = moitest::drawPoisson(rng, std::exp(eta));
            }
        }
    }
    data.addColumn(Column("y", y));
    return data;
}

MoiSpec glmSpec(MoiDistribution distribution, bool twoLevel)
{
    MoiSpec spec;
    spec.responses = {"y"};
    spec.distribution = distribution;
    spec.explanatory = {{"cons", false}, {"x1", false}, {"w", false}};
    spec.twoLevel = twoLevel;
    spec.level2Id = "id";
    spec.burnin = 300;
    spec.iterations = 2000;
    return spec;
}

/// Lag-1 autocorrelation of a parameter's stored draws.
double lag1(const MoiFit& fit, std::size_t parameter)
{
    const std::vector<double>& draws = fit.chains.draws[0][parameter];
    double mean = 0.0;
    for (double v : draws)
        mean += v;
    mean /= static_cast<double>(draws.size());
    double c0 = 0.0, c1 = 0.0;
    for (std::size_t i = 0; i < draws.size(); ++i) {
        c0 += (draws[i] - mean) * (draws[i] - mean);
        if (i > 0)
            c1 += (draws[i] - mean) * (draws[i - 1] - mean);
    }
    return c1 / c0;
}

void expectAcceptance(const MoiFit& fit)
{
    // Mixing: with IWLS blocks and the shift move, fixed effects (including the intercept and
    // the level-2 coefficient, which trade off against the random effects) should be close to
    // independent draws; the level-2 variance a little slower.
    for (std::size_t k = 0; k < fit.summary.size(); ++k) {
        const double rho = lag1(fit, k);
        std::cout << "[recovery] lag-1 autocorrelation " << fit.summary[k].name << " " << rho
                  << "\n";
        EXPECT_LT(rho, k < fit.fixedEffectCount ? 0.5 : 0.7) << fit.summary[k].name;
    }
    // IWLS proposals approximate the conditional posteriors closely: low acceptance would mean
    // a broken proposal density, not bad luck.
    for (const auto& [step, rate] : fit.acceptanceRates) {
        std::cout << "[recovery] acceptance " << step << " " << rate << "\n";
        EXPECT_GT(rate, 0.5) << step;
    }
}

TEST(SimulatedMoi, BinaryOneLevel)
{
    RandomStream rng(202, 0);
    const Dataset data = glmData(rng, 100, 30, true, -0.5, 1.0, -0.7, 0.0);
    const MoiFit fit =
        fitModelOfInterest(data, glmSpec(MoiDistribution::Binomial, false), 3, 0, {});
    ASSERT_EQ(fit.summary.size(), 3u);
    expectRecovered(fit, "beta_0", -0.5);
    expectRecovered(fit, "beta_1", 1.0);
    expectRecovered(fit, "beta_2", -0.7);
    expectAcceptance(fit);
}

TEST(SimulatedMoi, BinaryTwoLevel)
{
    RandomStream rng(303, 0);
    const Dataset data = glmData(rng, 150, 30, true, -0.5, 1.0, -0.7, 0.5);
    const MoiFit fit = fitModelOfInterest(data, glmSpec(MoiDistribution::Binomial, true), 3, 0, {});
    ASSERT_EQ(fit.summary.size(), 4u);
    EXPECT_EQ(fit.summary[3].name, "sigma2_u");
    expectRecovered(fit, "beta_0", -0.5);
    expectRecovered(fit, "beta_1", 1.0);
    expectRecovered(fit, "beta_2", -0.7);
    expectRecovered(fit, "sigma2_u", 0.5);
    expectAcceptance(fit);
}

TEST(SimulatedMoi, PoissonOneLevel)
{
    RandomStream rng(404, 0);
    const Dataset data = glmData(rng, 100, 30, false, 0.8, 0.4, -0.3, 0.0);
    const MoiFit fit = fitModelOfInterest(data, glmSpec(MoiDistribution::Poisson, false), 5, 0, {});
    expectRecovered(fit, "beta_0", 0.8);
    expectRecovered(fit, "beta_1", 0.4);
    expectRecovered(fit, "beta_2", -0.3);
    expectAcceptance(fit);
}

TEST(SimulatedMoi, PoissonTwoLevel)
{
    RandomStream rng(505, 0);
    const Dataset data = glmData(rng, 150, 30, false, 0.8, 0.4, -0.3, 0.3);
    const MoiFit fit = fitModelOfInterest(data, glmSpec(MoiDistribution::Poisson, true), 5, 0, {});
    expectRecovered(fit, "beta_0", 0.8);
    expectRecovered(fit, "beta_1", 0.4);
    expectRecovered(fit, "beta_2", -0.3);
    expectRecovered(fit, "sigma2_u", 0.3);
    expectAcceptance(fit);
}

TEST(SimulatedMoi, BinomialWithDenominator)
{
    // 1-level Binomial with 1..6 trials per row, logit(p) = -0.2 + 0.6 x1 + 0.3 w.
    RandomStream rng(808, 0);
    Dataset data = moitest::simulatedFrame(rng, 50, 20);
    std::vector<double> y(data.rowCount()), n(data.rowCount());
    const Column& x1 = data.column("x1");
    const Column& w = data.column("w");
    for (std::size_t row = 0; row < y.size(); ++row) {
        n[row] = 1.0 + static_cast<double>(row % 6);
        const double p =
            1.0 / (1.0 + std::exp(-(-0.2 + 0.6 * x1.values[row] + 0.3 * w.values[row])));
        double successes = 0.0;
        for (int t = 0; t < static_cast<int>(n[row]); ++t)
            successes += rng.uniform() < p ? 1.0 : 0.0;
        y[row] = successes;
    }
    data.addColumn(Column("y", y));
    data.addColumn(Column("n", n));
    MoiSpec spec = glmSpec(MoiDistribution::Binomial, false);
    spec.denominator = "n";
    const MoiFit fit = fitModelOfInterest(data, spec, 3, 0, {});
    expectRecovered(fit, "beta_0", -0.2);
    expectRecovered(fit, "beta_1", 0.6);
    expectRecovered(fit, "beta_2", 0.3);
    expectAcceptance(fit);
}

TEST(SimulatedMoi, TutorialBinaryShortRunNearLongRun)
{
    // Binary MOI on the tutorial data: (normexam > 0) ~ cons + standlrt + girl + schgend:cat,
    // random intercept. The Polya-Gamma sampler's Rao-Blackwellised means carry a Monte Carlo
    // error of a few hundredths of an sd after 250 iterations (measured gaps <= 0.025 sd), so
    // the requirement, 0.1 sd of the long run, is checked as it is.
    const std::optional<Dataset> tutorial = moitest::tutorial();
    if (!tutorial)
        GTEST_SKIP() << "datasets/csv/tutorial.csv not found";
    Dataset data = *tutorial;
    std::vector<double> above(data.rowCount());
    const Column& normexam = data.column("normexam");
    for (std::size_t row = 0; row < above.size(); ++row)
        above[row] = normexam.values[row] > 0.0 ? 1.0 : 0.0;
    data.addColumn(Column("above", above));
    MoiSpec spec;
    spec.responses = {"above"};
    spec.distribution = MoiDistribution::Binomial;
    spec.explanatory = {{"cons", false}, {"standlrt", false}, {"girl", false}, {"schgend", true}};
    spec.twoLevel = true;
    spec.level2Id = "school";
    spec.burnin = 500;
    spec.iterations = 5000;
    const auto start = std::chrono::steady_clock::now();
    const MoiFit longRun = fitModelOfInterest(data, spec, 1, 0, {});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[tutorial binary] " << 5500.0 / seconds << " iterations/s\n";
    expectAcceptance(longRun);
    spec.burnin = 100;
    spec.iterations = 250;
    const MoiFit shortRun = fitModelOfInterest(data, spec, 2, 0, {});
    for (std::size_t k = 0; k < longRun.fixedEffectCount; ++k) {
        const double gap =
            (shortRun.summary[k].mean - longRun.summary[k].mean) / longRun.summary[k].sd;
        std::cout << "[tutorial binary] " << longRun.summary[k].name << " ("
                  << longRun.summary[k].term << ") long " << longRun.summary[k].mean << " sd "
                  << longRun.summary[k].sd << " short-long gap " << gap << " sd\n";
        EXPECT_LT(std::abs(gap), 0.1) << longRun.summary[k].name;
    }
}

} // namespace
} // namespace grove
