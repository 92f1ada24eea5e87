// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/RubinsRules.h"
#include "core/common/Error.h"
#include "core/pool/StudentT.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

const double inf = std::numeric_limits<double>::infinity();

TEST(RubinsRules, HandComputedExample)
{
    // M = 3 estimates 10, 12, 14 with variances 1.0, 1.5, 2.0.
    //   Qbar = 12; W = 4.5 / 3 = 1.5
    //   B = ((-2)^2 + 0^2 + 2^2) / (3 - 1) = 4
    //   (1 + 1/M) B = 4/3 * 4 = 16/3;  T = 1.5 + 16/3 = 41/6 = 6.8333...
    //   r = (16/3) / 1.5 = 32/9 = 3.5556;  lambda = (16/3) / (41/6) = 32/41 = 0.78049
    //   nu_old = (M - 1) (1 + 1/r)^2 = 2 (1 + 9/32)^2 = 2 (41/32)^2 = 3.283203125
    //   fmi = (r + 2/(nu + 3)) / (1 + r) = (32/9 + 2/6.283203125) / (41/9)
    const std::vector<double> q{10.0, 12.0, 14.0};
    const std::vector<double> u{1.0, 1.5, 2.0};
    const PooledEstimate p = poolScalar(q, u);
    EXPECT_TRUE(p.note.empty()) << p.note;
    EXPECT_EQ(p.imputations, 3u);
    EXPECT_DOUBLE_EQ(p.estimate, 12.0);
    EXPECT_DOUBLE_EQ(p.withinVariance, 1.5);
    EXPECT_DOUBLE_EQ(p.betweenVariance, 4.0);
    EXPECT_NEAR(p.totalVariance, 41.0 / 6.0, 1e-14);
    EXPECT_NEAR(p.standardError, std::sqrt(41.0 / 6.0), 1e-14);
    EXPECT_NEAR(p.riv, 32.0 / 9.0, 1e-14);
    EXPECT_NEAR(p.lambda, 32.0 / 41.0, 1e-15);
    EXPECT_NEAR(p.dfOld, 3.283203125, 1e-12);
    EXPECT_NEAR(p.df, 3.283203125, 1e-12);
    EXPECT_NEAR(p.fmi, (32.0 / 9.0 + 2.0 / 6.283203125) / (41.0 / 9.0), 1e-14);
    // t = 12 / sqrt(41/6) = 4.5906; interval and p-value from t with 3.2832 df (the t
    // functions are checked against tables in DistributionsTest).
    const double t = 12.0 / std::sqrt(41.0 / 6.0);
    EXPECT_NEAR(p.tStatistic, t, 1e-14);
    const double quantile = studentTQuantile(0.975, 3.283203125);
    EXPECT_NEAR(p.lower95, 12.0 - quantile * std::sqrt(41.0 / 6.0), 1e-12);
    EXPECT_NEAR(p.upper95, 12.0 + quantile * std::sqrt(41.0 / 6.0), 1e-12);
    EXPECT_NEAR(p.pValue, 2.0 * studentTUpperTail(t, 3.283203125), 1e-15);
    // Sanity: 3.28 df lies between the 3 and 4 df table values 3.182446 and 2.776445.
    EXPECT_LT(quantile, 3.182446);
    EXPECT_GT(quantile, 2.776445);
}

TEST(RubinsRules, BarnardRubinSmallSampleDf)
{
    // Same data, complete-data df 20:
    //   nu_obs = (20 + 1)/(20 + 3) * 20 * (1 - 32/41) = 420/23 * 9/41 = 3780/943 = 4.00848
    //   nu = nu_old nu_obs / (nu_old + nu_obs)
    const std::vector<double> q{10.0, 12.0, 14.0};
    const std::vector<double> u{1.0, 1.5, 2.0};
    const PooledEstimate p = poolScalar(q, u, 20.0);
    const double nuOld = 3.283203125;
    const double nuObs = 3780.0 / 943.0;
    const double nu = nuOld * nuObs / (nuOld + nuObs);
    EXPECT_NEAR(p.df, nu, 1e-12);
    EXPECT_NEAR(p.dfOld, nuOld, 1e-12);
    EXPECT_NEAR(p.fmi, (32.0 / 9.0 + 2.0 / (nu + 3.0)) / (41.0 / 9.0), 1e-14);
    EXPECT_NEAR(barnardRubinDf(32.0 / 41.0, 3, 20.0), nu, 1e-12);
    // Larger complete-data df moves nu towards nu_old.
    EXPECT_NEAR(barnardRubinDf(0.3, 5, 1e12) / barnardRubinDf(0.3, 5, inf), 1.0, 1e-9);
}

TEST(RubinsRules, NoBetweenVariance)
{
    // Identical estimates: B = 0, r = lambda = 0, df infinite, FMI 0, normal interval.
    const std::vector<double> q{2.0, 2.0, 2.0, 2.0};
    const std::vector<double> u{0.25, 0.25, 0.25, 0.25};
    const PooledEstimate p = poolScalar(q, u);
    EXPECT_TRUE(p.note.empty());
    EXPECT_DOUBLE_EQ(p.betweenVariance, 0.0);
    EXPECT_DOUBLE_EQ(p.riv, 0.0);
    EXPECT_DOUBLE_EQ(p.lambda, 0.0);
    EXPECT_TRUE(std::isinf(p.df));
    EXPECT_DOUBLE_EQ(p.fmi, 0.0);
    EXPECT_NEAR(p.upper95, 2.0 + 1.959963984540054 * 0.5, 1e-12);
    // With complete-data df 10: df = nu_obs = 11/13 * 10 and FMI = 2/(df + 3) by the formula.
    const PooledEstimate small = poolScalar(q, u, 10.0);
    EXPECT_NEAR(small.df, 110.0 / 13.0, 1e-12);
    EXPECT_NEAR(small.fmi, 2.0 / (110.0 / 13.0 + 3.0), 1e-14);
}

TEST(RubinsRules, DegenerateCasesSaySo)
{
    // M = 1: estimate and W, nothing else.
    const PooledEstimate one = poolScalar(std::vector<double>{3.0}, std::vector<double>{0.5});
    EXPECT_DOUBLE_EQ(one.estimate, 3.0);
    EXPECT_DOUBLE_EQ(one.withinVariance, 0.5);
    EXPECT_TRUE(std::isnan(one.betweenVariance));
    EXPECT_TRUE(std::isnan(one.standardError));
    EXPECT_NE(one.note.find("one imputation"), std::string::npos);

    const PooledEstimate none = poolScalar(std::vector<double>{}, std::vector<double>{});
    EXPECT_EQ(none.note, "no imputations to pool");
    EXPECT_TRUE(std::isnan(none.estimate));

    // W = 0, B > 0: r infinite, lambda = FMI = 1, df = M - 1 (infinite complete df).
    const std::vector<double> q{1.0, 2.0, 3.0};
    const std::vector<double> zeros{0.0, 0.0, 0.0};
    const PooledEstimate noWithin = poolScalar(q, zeros);
    EXPECT_TRUE(std::isinf(noWithin.riv));
    EXPECT_DOUBLE_EQ(noWithin.lambda, 1.0);
    EXPECT_DOUBLE_EQ(noWithin.fmi, 1.0);
    EXPECT_DOUBLE_EQ(noWithin.df, 2.0);
    EXPECT_FALSE(noWithin.note.empty());
    EXPECT_FALSE(std::isnan(noWithin.upper95));
    // ... and with finite complete df nu_obs = 0, so df = 0 and no interval.
    const PooledEstimate noWithinSmall = poolScalar(q, zeros, 30.0);
    EXPECT_DOUBLE_EQ(noWithinSmall.df, 0.0);
    EXPECT_TRUE(std::isnan(noWithinSmall.upper95));
    EXPECT_TRUE(std::isnan(noWithinSmall.pValue));

    // W = B = 0.
    const PooledEstimate nothing =
        poolScalar(std::vector<double>{5.0, 5.0}, std::vector<double>{0.0, 0.0});
    EXPECT_DOUBLE_EQ(nothing.standardError, 0.0);
    EXPECT_DOUBLE_EQ(nothing.lower95, 5.0);
    EXPECT_TRUE(std::isnan(nothing.pValue));
    EXPECT_FALSE(nothing.note.empty());

    // Bad numbers are reported, not pooled.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(poolScalar(std::vector<double>{1.0, nan}, std::vector<double>{1.0, 1.0}).note,
              "imputation 2 has a missing, infinite or negative estimate or variance");
    EXPECT_FALSE(
        poolScalar(std::vector<double>{1.0, 2.0}, std::vector<double>{1.0, -1.0}).note.empty());

    EXPECT_THROW(poolScalar(std::vector<double>{1.0, 2.0}, std::vector<double>{1.0}), Error);
    EXPECT_THROW(poolScalar(q, q, 0.0), Error);
}

} // namespace
} // namespace grove
