// SPDX-License-Identifier: GPL-3.0-or-later
// Moments of each draw against their closed forms. Tolerances are about 5 Monte Carlo standard
// errors for the sample sizes used, so a correct sampler fails with probability < 1e-6.
#include "core/random/Distributions.h"

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <vector>

namespace grove {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

struct Moments {
    double mean = 0.0;
    double variance = 0.0;
};

template <typename Draw> Moments momentsOf(int n, Draw draw)
{
    double sum = 0.0;
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = draw();
        sum += x;
        squares += x * x;
    }
    const double mean = sum / n;
    return {mean, squares / n - mean * mean};
}

double normalPdf(double x)
{
    return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI);
}
double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// Mean and variance of N(0,1) truncated to (a, b).
Moments truncatedMoments(double a, double b)
{
    const double z = normalCdf(b) - normalCdf(a);
    const double pa = std::isfinite(a) ? normalPdf(a) : 0.0;
    const double pb = std::isfinite(b) ? normalPdf(b) : 0.0;
    const double apa = std::isfinite(a) ? a * pa : 0.0;
    const double bpb = std::isfinite(b) ? b * pb : 0.0;
    const double mean = (pa - pb) / z;
    return {mean, 1.0 + (apa - bpb) / z - mean * mean};
}

TEST(RandomStream, SameSeedAndChainGiveTheSameStream)
{
    RandomStream a(42, 3);
    RandomStream b(42, 3);
    RandomStream c(42, 4);
    for (int i = 0; i < 100; ++i) {
        const auto x = a();
        EXPECT_EQ(x, b());
        EXPECT_NE(x, c());
    }
}

TEST(RandomStream, UniformAndNormalMoments)
{
    RandomStream rng(1, 0);
    const Moments u = momentsOf(400000, [&] { return rng.uniform(); });
    EXPECT_NEAR(u.mean, 0.5, 0.003);
    EXPECT_NEAR(u.variance, 1.0 / 12.0, 0.001);
    const Moments z = momentsOf(400000, [&] { return rng.normal(); });
    EXPECT_NEAR(z.mean, 0.0, 0.008);
    EXPECT_NEAR(z.variance, 1.0, 0.012);
}

TEST(Distributions, GammaAndChiSquareMoments)
{
    RandomStream rng(2, 0);
    for (double shape : {0.3, 1.0, 2.5, 40.0}) {
        const Moments g = momentsOf(200000, [&] { return drawGamma(rng, shape); });
        EXPECT_NEAR(g.mean, shape, 5.0 * std::sqrt(shape / 200000.0)) << shape;
        EXPECT_NEAR(g.variance / shape, 1.0, 0.06) << shape;
    }
    const Moments c = momentsOf(200000, [&] { return drawChiSquare(rng, 7.0); });
    EXPECT_NEAR(c.mean, 7.0, 0.05);
}

TEST(Distributions, TruncatedNormalMatchesClosedFormMoments)
{
    RandomStream rng(3, 0);
    const std::vector<std::pair<double, double>> intervals{
        {0.0, infinity}, {-infinity, -1.2}, {2.5, infinity}, {6.0, infinity}, {-0.3, 0.4},
        {1.0, 1.3},      {-5.0, -4.9},      {-2.0, 3.0},     {0.2, 0.9},      {-infinity, 8.0}};
    for (const auto& [a, b] : intervals) {
        const Moments expected = truncatedMoments(a, b);
        const int n = 100000;
        bool inside = true;
        const Moments got = momentsOf(n, [&] {
            const double x = drawTruncatedNormal(rng, a, b);
            inside = inside && x > a && x < b;
            return x;
        });
        EXPECT_TRUE(inside) << a << "," << b;
        const double mcse = std::sqrt(expected.variance / n);
        EXPECT_NEAR(got.mean, expected.mean, 6.0 * mcse + 1e-9) << a << "," << b;
        EXPECT_NEAR(got.variance, expected.variance, 0.05 * expected.variance + 1e-9)
            << a << "," << b;
    }
}

TEST(Distributions, WishartAndInverseWishartMeans)
{
    RandomStream rng(4, 0);
    Eigen::Matrix3d scale;
    scale << 2.0, 0.5, 0.3, 0.5, 1.0, -0.2, 0.3, -0.2, 1.5;
    const double df = 9.0;
    const int n = 40000;
    Eigen::MatrixXd wishartSum = Eigen::MatrixXd::Zero(3, 3);
    Eigen::MatrixXd inverseSum = Eigen::MatrixXd::Zero(3, 3);
    const Eigen::MatrixXd cholesky = Eigen::LLT<Eigen::MatrixXd>(scale).matrixL();
    for (int i = 0; i < n; ++i) {
        wishartSum += drawWishart(rng, df, cholesky);
        inverseSum += drawInverseWishart(rng, df, scale);
    }
    // E[W] = df * S; E[W^{-1}] = S / (df - p - 1) for the inverse-Wishart(df, S).
    const Eigen::MatrixXd wishartMean = wishartSum / n;
    const Eigen::MatrixXd inverseMean = inverseSum / n;
    EXPECT_LT((wishartMean - df * scale).cwiseAbs().maxCoeff(), 0.15);
    EXPECT_LT((inverseMean - scale / (df - 4.0)).cwiseAbs().maxCoeff(), 0.02);
}

} // namespace
} // namespace grove
