// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/Autocorrelation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(Autocorrelation, SmallVectorByHand)
{
    // x = 1..5, mean 3, deviations -2 -1 0 1 2, divisor n = 5:
    // c0 = 10/5 = 2, c1 = (2 + 0 + 0 + 2)/5 = 0.8, c2 = (0 - 1 + 0)/5 = -0.2,
    // c3 = (-2 - 2)/5 = -0.8, c4 = -4/5 = -0.8.
    const std::vector<double> x{1, 2, 3, 4, 5};
    const std::vector<double> acf = autocorrelation(x, 10); // lags clamp to n - 1 = 4
    ASSERT_EQ(acf.size(), 5u);
    EXPECT_DOUBLE_EQ(acf[0], 1.0);
    EXPECT_DOUBLE_EQ(acf[1], 0.4);
    EXPECT_DOUBLE_EQ(acf[2], -0.1);
    EXPECT_DOUBLE_EQ(acf[3], -0.4);
    EXPECT_DOUBLE_EQ(acf[4], -0.4);

    // Durbin-Levinson by hand: phi11 = r1 = 0.4; phi22 = (r2 - r1^2) / (1 - r1^2)
    // = (-0.1 - 0.16) / 0.84.
    const std::vector<double> pacf = partialAutocorrelation(acf);
    EXPECT_DOUBLE_EQ(pacf[0], 1.0);
    EXPECT_DOUBLE_EQ(pacf[1], 0.4);
    EXPECT_NEAR(pacf[2], -0.26 / 0.84, 1e-15);
    // phi21 = phi11 - phi22 phi11; phi33 = (r3 - phi21 r2 - phi22 r1) / (1 - phi21 r1 - phi22 r2)
    const double phi22 = -0.26 / 0.84;
    const double phi21 = 0.4 - phi22 * 0.4;
    const double phi33 = (-0.4 - phi21 * -0.1 - phi22 * 0.4) / (1 - phi21 * 0.4 - phi22 * -0.1);
    EXPECT_NEAR(pacf[3], phi33, 1e-15);
}

TEST(Autocorrelation, FftPathMatchesDirectSums)
{
    // n * lags = 5000 * 1001 is above the direct-sum limit, so this takes the FFT path; the
    // reference is the defining sum written out here. FFT rounding is ~1e-13 of c0.
    const std::vector<double> x = test::simulateAr1(5000, 0.8, 11, 3.0, 2.0);
    const std::vector<double> acov = autocovariance(x, 1000);
    ASSERT_EQ(acov.size(), 1001u);
    double mean = 0.0;
    for (double v : x) {
        mean += v;
    }
    mean /= 5000.0;
    for (std::size_t k : {0u, 1u, 7u, 500u, 1000u}) {
        double sum = 0.0;
        for (std::size_t t = 0; t + k < x.size(); ++t) {
            sum += (x[t] - mean) * (x[t + k] - mean);
        }
        EXPECT_NEAR(acov[k], sum / 5000.0, 1e-11) << "lag " << k;
    }
}

TEST(Autocorrelation, Ar1ClosedForms)
{
    // AR(1), rho = 0.7, n = 200000. Bartlett: sd(r_k) <= sqrt((1 + rho^2) / ((1 - rho^2) n))
    // = 0.0038, so 0.02 is over 5 sd. PACF beyond lag 1 has sd ~ 1/sqrt(n) = 0.0022; 0.015 is
    // ~7 sd, safe over 9 lags.
    const double rho = 0.7;
    const std::vector<std::vector<double>> chains{test::simulateAr1(200000, rho, 42)};
    const AutocorrelationResult result = chainAutocorrelation(chains, 10);
    ASSERT_TRUE(result.emptyReason.empty()) << result.emptyReason;
    ASSERT_EQ(result.acf.size(), 11u);
    ASSERT_EQ(result.pacf.size(), 11u);
    for (int k = 1; k <= 5; ++k) {
        EXPECT_NEAR(result.acf[static_cast<std::size_t>(k)], std::pow(rho, k), 0.02) << k;
    }
    EXPECT_NEAR(result.pacf[1], rho, 0.01);
    for (std::size_t k = 2; k <= 10; ++k) {
        EXPECT_NEAR(result.pacf[k], 0.0, 0.015) << k;
    }
    EXPECT_EQ(result.sampleSize, 200000u);
    EXPECT_DOUBLE_EQ(result.significanceBand, 1.96 / std::sqrt(200000.0));
}

TEST(Autocorrelation, Ar2HasSignificantPacfAtLag2)
{
    // x_t = 0.5 x_{t-1} + 0.3 x_{t-2} + e_t: the PACF at lag 2 is phi_2 = 0.3 exactly and 0
    // beyond, which is what Parker & Goldstein 2019 say the panel is for.
    std::mt19937_64 engine(7);
    std::normal_distribution<double> normal;
    std::vector<double> x(100000, 0.0);
    for (std::size_t t = 2; t < x.size(); ++t) {
        x[t] = 0.5 * x[t - 1] + 0.3 * x[t - 2] + normal(engine);
    }
    const std::vector<std::vector<double>> chains{x};
    const AutocorrelationResult result = chainAutocorrelation(chains, 5);
    // 0.02 ~ 6 sd of a PACF estimate at n = 1e5
    EXPECT_NEAR(result.pacf[2], 0.3, 0.02);
    EXPECT_GT(std::abs(result.pacf[2]), result.significanceBand);
    EXPECT_NEAR(result.pacf[3], 0.0, 0.02);
}

TEST(Autocorrelation, ChainsAreJoined)
{
    const std::vector<std::vector<double>> chains{{1.0, 3.0, 2.0}, {5.0, 4.0}};
    const AutocorrelationResult result = chainAutocorrelation(chains, 3);
    const std::vector<double> joined{1.0, 3.0, 2.0, 5.0, 4.0};
    const std::vector<double> expected = autocorrelation(joined, 3);
    ASSERT_EQ(result.acf.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        EXPECT_DOUBLE_EQ(result.acf[k], expected[k]);
    }
    EXPECT_EQ(result.sampleSize, 5u);
}

TEST(Autocorrelation, DegenerateInputsSayWhy)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<std::vector<std::vector<double>>> cases{
        {}, {{}}, {{1.0}}, {{1.0, 2.0}}, {{4.0, 4.0, 4.0, 4.0}}, {{1.0, nan, 3.0, 4.0}}};
    for (const auto& chains : cases) {
        const AutocorrelationResult result = chainAutocorrelation(chains, 5);
        EXPECT_FALSE(result.emptyReason.empty());
        EXPECT_TRUE(result.acf.empty());
        EXPECT_TRUE(result.pacf.empty());
    }
    EXPECT_EQ(
        chainAutocorrelation(std::vector<std::vector<double>>{{4.0, 4.0, 4.0}}, 2).emptyReason,
        "the chains are constant, so the ACF is undefined");
    EXPECT_TRUE(autocorrelation(std::vector<double>{}, 3).empty());
    EXPECT_TRUE(std::isnan(autocorrelation(std::vector<double>{2.0, 2.0}, 1)[1]));
    // Length 3 is the least that works.
    const AutocorrelationResult three =
        chainAutocorrelation(std::vector<std::vector<double>>{{1.0, 2.0, 4.0}}, 5);
    EXPECT_TRUE(three.emptyReason.empty());
    EXPECT_EQ(three.acf.size(), 3u);
}

} // namespace
} // namespace grove
