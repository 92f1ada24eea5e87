// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/WaldTest.h"
#include "core/common/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace grove {
namespace {

Eigen::VectorXd vec(double a, double b)
{
    Eigen::VectorXd v(2);
    v << a, b;
    return v;
}

Eigen::MatrixXd mat(double a, double b, double c, double d)
{
    Eigen::MatrixXd m(2, 2);
    m << a, b, c, d;
    return m;
}

TEST(WaldTest, HandComputedKEquals2)
{
    // k = 2, M = 3. Estimates (1,2), (2,2), (3,5): Qbar = (2, 3); deviations (-1,-1), (0,-1),
    // (1,2); B = 1/2 [[1+0+1, 1+0+2], [3, 1+1+4]] = [[1, 1.5], [1.5, 3]].
    // Covariances I, [[2,.5],[.5,1]], [[3,-.5],[-.5,4]]: Ubar = 2 I, Ubar^-1 = I/2.
    // r1 = (1 + 1/3) tr(B Ubar^-1) / k = 4/3 * (1 + 3)/2 / 2 = 4/3.
    // D1 = Qbar' Ubar^-1 Qbar / (k (1 + r1)) = (4 + 9)/2 / (2 * 7/3) = 6.5 / (14/3) = 39/28.
    // t = k (M - 1) = 4 <= 4, so df = t (1 + 1/k) (1 + 1/r1)^2 / 2 = 4 * 1.5 * 1.75^2 / 2
    //   = 9.1875.
    // p = P(F(2, 9.1875) > 39/28) = (1 + 2 D1 / df)^(-df/2) (closed form for d1 = 2).
    const std::vector<Eigen::VectorXd> q{vec(1, 2), vec(2, 2), vec(3, 5)};
    const std::vector<Eigen::MatrixXd> u{mat(1, 0, 0, 1), mat(2, 0.5, 0.5, 1),
                                         mat(3, -0.5, -0.5, 4)};
    const WaldTestResult result = pooledWaldTest(q, u);
    EXPECT_TRUE(result.note.empty()) << result.note;
    EXPECT_EQ(result.parameters, 2u);
    EXPECT_EQ(result.imputations, 3u);
    EXPECT_NEAR(result.riv, 4.0 / 3.0, 1e-14);
    EXPECT_NEAR(result.statistic, 39.0 / 28.0, 1e-14);
    EXPECT_DOUBLE_EQ(result.numeratorDf, 2.0);
    EXPECT_NEAR(result.denominatorDf, 9.1875, 1e-12);
    EXPECT_NEAR(result.pValue, std::pow(1.0 + 2.0 * (39.0 / 28.0) / 9.1875, -9.1875 / 2.0), 1e-13);
    EXPECT_EQ(result.denominatorMethod, WaldDenominatorDf::LiRaghunathanRubin1991);

    // Against a null value Q0 = (2, 3) = Qbar the statistic is 0 and p = 1.
    const WaldTestResult atNull = pooledWaldTest(q, u, vec(2, 3));
    EXPECT_NEAR(atNull.statistic, 0.0, 1e-15);
    EXPECT_NEAR(atNull.pValue, 1.0, 1e-15);
}

TEST(WaldTest, LiDfForLargerTAndReiterDf)
{
    // M = 4 estimates (0,0), (1,0), (0,1), (1,1), all covariances I:
    // Qbar = (.5, .5), B = I/3 (cross terms cancel), r1 = 5/4 * (2/3) / 2 = 5/12,
    // D1 = 0.5 / (2 * 17/12) = 3/17. t = 6 > 4: df = 4 + (6 - 4) (1 + (1 - 2/6) / r1)^2
    // = 4 + 2 (1 + 1.6)^2 = 17.52.
    const std::vector<Eigen::VectorXd> q{vec(0, 0), vec(1, 0), vec(0, 1), vec(1, 1)};
    const std::vector<Eigen::MatrixXd> u(4, Eigen::MatrixXd::Identity(2, 2));
    const WaldTestResult li = pooledWaldTest(q, u);
    EXPECT_NEAR(li.riv, 5.0 / 12.0, 1e-15);
    EXPECT_NEAR(li.statistic, 3.0 / 17.0, 1e-15);
    EXPECT_NEAR(li.denominatorDf, 17.52, 1e-12);
    EXPECT_NEAR(li.pValue, std::pow(1.0 + 2.0 * (3.0 / 17.0) / 17.52, -17.52 / 2.0), 1e-13);

    // Reiter (2007) with complete-data df 50, step by step:
    //   a = r t / (t - 2) = 5/12 * 6/4 = 0.625; v* = 51/53 * 50
    //   c0 = 1/(t - 4) = 1/2; c1 = v* - 2 (1 + a); c2 = v* - 4 (1 + a)
    //   z = 1/c2 + c0 a^2 c1 / ((1+a)^2 c2) + c0 (8 a^2 c1 / ((1+a) c2^2) + 4 a^2 / ((1+a) c2))
    //       + c0 (4 a^2 / (c2 c1) + 16 a^2 c1 / c2^3) + c0 8 a^2 / c2^2;  df = 4 + 1/z
    const double a = 0.625;
    const double vStar = 51.0 / 53.0 * 50.0;
    const double c0 = 0.5;
    const double c1 = vStar - 2 * (1 + a);
    const double c2 = vStar - 4 * (1 + a);
    const double z = 1 / c2 + c0 * a * a * c1 / ((1 + a) * (1 + a) * c2) +
                     c0 * (8 * a * a * c1 / ((1 + a) * c2 * c2) + 4 * a * a / ((1 + a) * c2)) +
                     c0 * (4 * a * a / (c2 * c1) + 16 * a * a * c1 / (c2 * c2 * c2)) +
                     c0 * 8 * a * a / (c2 * c2);
    const WaldTestResult reiter = pooledWaldTest(q, u, 50.0);
    EXPECT_EQ(reiter.denominatorMethod, WaldDenominatorDf::Reiter2007);
    EXPECT_NEAR(reiter.denominatorDf, 4 + 1 / z, 1e-10);
    EXPECT_LT(reiter.denominatorDf, li.denominatorDf);
    // As the complete-data df grow, Reiter's df tend to Li et al.'s.
    EXPECT_NEAR(pooledWaldTest(q, u, 1e12).denominatorDf / li.denominatorDf, 1.0, 1e-6);
}

TEST(WaldTest, NoBetweenVarianceUsesChiSquare)
{
    // Identical estimates (1, 1), Ubar = I: r1 = 0, df infinite, D1 = 2/2 = 1,
    // p = P(chi2_2 / 2 > 1) = exp(-1).
    const std::vector<Eigen::VectorXd> q(3, vec(1, 1));
    const std::vector<Eigen::MatrixXd> u(3, Eigen::MatrixXd::Identity(2, 2));
    const WaldTestResult result = pooledWaldTest(q, u);
    EXPECT_DOUBLE_EQ(result.riv, 0.0);
    EXPECT_TRUE(std::isinf(result.denominatorDf));
    EXPECT_NEAR(result.statistic, 1.0, 1e-15);
    EXPECT_NEAR(result.pValue, std::exp(-1.0), 1e-14);
}

TEST(WaldTest, DegenerateInputsSayWhy)
{
    const std::vector<Eigen::VectorXd> one{vec(1, 2)};
    const std::vector<Eigen::MatrixXd> oneU{Eigen::MatrixXd::Identity(2, 2)};
    const WaldTestResult single = pooledWaldTest(one, oneU);
    EXPECT_TRUE(std::isnan(single.statistic));
    EXPECT_FALSE(single.note.empty());

    const std::vector<Eigen::VectorXd> q{vec(1, 2), vec(2, 1)};
    const std::vector<Eigen::MatrixXd> singular(2, mat(1, 1, 1, 1));
    const WaldTestResult flat = pooledWaldTest(q, singular);
    EXPECT_TRUE(std::isnan(flat.pValue));
    EXPECT_NE(flat.note.find("singular"), std::string::npos);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<Eigen::VectorXd> withNan{vec(1, 2), vec(nan, 1)};
    const std::vector<Eigen::MatrixXd> u(2, Eigen::MatrixXd::Identity(2, 2));
    EXPECT_EQ(pooledWaldTest(withNan, u).note,
              "imputation 2 has a non-finite estimate or covariance");

    const std::vector<Eigen::VectorXd> none;
    const std::vector<Eigen::MatrixXd> noneU;
    EXPECT_FALSE(pooledWaldTest(none, noneU).note.empty());

    // Mismatched sizes are programming errors.
    EXPECT_THROW(pooledWaldTest(q, oneU), Error);
    const std::vector<Eigen::MatrixXd> wrongSize(2, Eigen::MatrixXd::Identity(3, 3));
    EXPECT_THROW(pooledWaldTest(q, wrongSize), Error);
    EXPECT_THROW(pooledWaldTest(q, u, -1.0), Error);

    // Reiter needs t > 4: with k = 2, M = 3 (t = 4) Li et al. is used and the note says so.
    const std::vector<Eigen::VectorXd> q3{vec(1, 2), vec(2, 2), vec(3, 5)};
    const std::vector<Eigen::MatrixXd> u3(3, Eigen::MatrixXd::Identity(2, 2));
    const WaldTestResult fallback = pooledWaldTest(q3, u3, 100.0);
    EXPECT_EQ(fallback.denominatorMethod, WaldDenominatorDf::LiRaghunathanRubin1991);
    EXPECT_FALSE(fallback.note.empty());
}

} // namespace
} // namespace grove
