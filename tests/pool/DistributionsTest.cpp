// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/FDistribution.h"
#include "core/pool/SpecialFunctions.h"
#include "core/pool/StudentT.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace grove {
namespace {

const double inf = std::numeric_limits<double>::infinity();

TEST(IncompleteBeta, ClosedForms)
{
    // I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_{1/2}(a, a) = 1/2.
    for (double x : {0.001, 0.1, 0.37, 0.5, 0.9, 0.999}) {
        for (double a : {0.5, 1.0, 2.5, 30.0}) {
            EXPECT_NEAR(regularizedIncompleteBeta(a, 1.0, x), std::pow(x, a), 1e-14) << a << x;
            EXPECT_NEAR(regularizedIncompleteBeta(1.0, a, x), 1.0 - std::pow(1.0 - x, a), 1e-14);
        }
    }
    for (double a : {0.5, 3.0, 1000.0}) {
        EXPECT_NEAR(regularizedIncompleteBeta(a, a, 0.5), 0.5, 1e-13) << a;
    }
    EXPECT_DOUBLE_EQ(regularizedIncompleteBeta(2.0, 3.0, 0.0), 0.0);
    EXPECT_DOUBLE_EQ(regularizedIncompleteBeta(2.0, 3.0, 1.0), 1.0);
    EXPECT_TRUE(std::isnan(regularizedIncompleteBeta(-1.0, 3.0, 0.5)));
    EXPECT_TRUE(std::isnan(regularizedIncompleteBeta(1.0, 3.0, 1.5)));
}

TEST(IncompleteBeta, LogBetaKeepsDigitsForHugeArguments)
{
    // B(a, 1/2) for large a ~ sqrt(pi / a) (1 + 1/(8a) + ...): log B = 0.5 log(pi/a) + 1/(8a).
    const double a = 5e8;
    EXPECT_NEAR(logBeta(a, 0.5), 0.5 * std::log(std::numbers::pi / a) + 1.0 / (8.0 * a), 1e-13);
    // Small arguments: B(2, 3) = 1! 2! / 4! = 1/12.
    EXPECT_NEAR(logBeta(2.0, 3.0), std::log(1.0 / 12.0), 1e-15);
    // Both >= 10: B(10, 12) = 9! 11! / 21!.
    EXPECT_NEAR(logBeta(10.0, 12.0), std::lgamma(10.0) + std::lgamma(12.0) - std::lgamma(22.0),
                1e-12);
}

TEST(UpperGamma, ChiSquareClosedForms)
{
    // Q(1, x) = exp(-x) (chi-square with 2 df at 2x); Q(1/2, x) = erfc(sqrt x).
    for (double x : {0.01, 0.5, 1.0, 3.0, 20.0, 200.0}) {
        EXPECT_NEAR(regularizedUpperGamma(1.0, x) / std::exp(-x), 1.0, 1e-13) << x;
        EXPECT_NEAR(regularizedUpperGamma(0.5, x) / std::erfc(std::sqrt(x)), 1.0, 1e-12) << x;
    }
    EXPECT_DOUBLE_EQ(regularizedUpperGamma(2.0, 0.0), 1.0);
}

TEST(StudentT, KnownQuantiles)
{
    // Tabulated values (R qt / Abramowitz & Stegun 26.10), 10 significant digits.
    EXPECT_NEAR(studentTQuantile(0.975, 10), 2.228138852, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.975, 1), 12.70620474, 1e-8);
    EXPECT_NEAR(studentTQuantile(0.975, inf), 1.959963985, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.975, 2), 4.302652730, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.975, 5), 2.570581836, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.975, 30), 2.042272456, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.995, 10), 3.169272673, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.95, 3), 2.353363435, 1e-9);
    EXPECT_NEAR(studentTQuantile(0.025, 10), -2.228138852, 1e-9);
    EXPECT_DOUBLE_EQ(studentTQuantile(0.5, 7), 0.0);
    EXPECT_TRUE(std::isnan(studentTQuantile(0.0, 7)));
    EXPECT_TRUE(std::isnan(studentTQuantile(0.5, 0.0)));
}

TEST(StudentT, CdfMatchesClosedForms)
{
    // df = 1: 1/2 + atan(t)/pi; df = 2: 1/2 + t / (2 sqrt(2 + t^2));
    // df = 3: 1/2 + (t / (sqrt3 (1 + t^2/3)) + atan(t / sqrt3)) / pi.
    for (double t : {-30.0, -4.0, -1.0, -0.1, 0.0, 0.3, 1.0, 2.5, 7.0, 100.0}) {
        EXPECT_NEAR(studentTCdf(t, 1), 0.5 + std::atan(t) / std::numbers::pi, 1e-14) << t;
        EXPECT_NEAR(studentTCdf(t, 2), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-14) << t;
        const double s3 = std::sqrt(3.0);
        EXPECT_NEAR(studentTCdf(t, 3),
                    0.5 + (t / (s3 * (1 + t * t / 3)) + std::atan(t / s3)) / std::numbers::pi,
                    1e-14)
            << t;
    }
    // Far tail keeps relative precision: P(T_1 > 1e6) = atan(1e-6) / pi.
    EXPECT_NEAR(studentTUpperTail(1e6, 1) / (std::atan(1e-6) / std::numbers::pi), 1.0, 1e-10);
    EXPECT_NEAR(studentTTwoSidedPValue(-2.228138852, 10), 0.05, 1e-9);
}

TEST(StudentT, QuantileInvertsCdfIncludingHugeDf)
{
    for (double df : {1.5, 3.0, 4.0, 9.7, 60.0, 1e4, 3.9e5, 4.1e5, 1e9}) {
        for (double p : {1e-8, 0.001, 0.05, 0.3, 0.6, 0.975, 0.9999}) {
            const double t = studentTQuantile(p, df);
            EXPECT_NEAR(studentTCdf(t, df) / p, 1.0, 1e-11) << df << " " << p;
        }
    }
    // For df = 1e9 the quantile is z + (z^3 + z) / (4 df) to O(df^-2).
    const double z = normalQuantile(0.975);
    EXPECT_NEAR(studentTQuantile(0.975, 1e9), z + (z * z * z + z) / 4e9, 1e-13);
    EXPECT_NEAR(studentTUpperTail(1.96, 1e12) / normalCdf(-1.96), 1.0, 1e-9);
    // Large df keep their digits. Reference: R 4.2.2,
    // sprintf("%.17g", pt(2.5, c(4e5 - 1, 4e5 + 1, 1e7, 1e9), lower.tail = FALSE)).
    const std::pair<double, double> largeDf[] = {{4e5 - 1, 0.0062098638902632966},
                                                 {4e5 + 1, 0.0062098638892704771},
                                                 {1e7, 0.0062096732682892274},
                                                 {1e9, 0.0062096654052012585}};
    for (const auto& [df, tail] : largeDf)
        EXPECT_NEAR(studentTUpperTail(2.5, df) / tail, 1.0, 1e-12) << df;
}

TEST(FDistribution, ClosedFormsAndKnownQuantiles)
{
    for (double x : {0.01, 0.5, 1.0, 2.7, 10.0, 80.0}) {
        // d1 = 2: P(F > x) = (1 + 2x/d2)^(-d2/2).
        for (double d2 : {1.0, 4.0, 9.1875, 250.0}) {
            EXPECT_NEAR(fUpperTail(x, 2, d2) / std::pow(1 + 2 * x / d2, -d2 / 2), 1.0, 1e-12);
        }
        // d2 = 2: P(F <= x) = (d1 x / (d1 x + 2))^(d1/2).
        for (double d1 : {1.0, 3.0, 7.0}) {
            EXPECT_NEAR(fCdf(x, d1, 2), std::pow(d1 * x / (d1 * x + 2), d1 / 2), 1e-13);
        }
        // d2 infinite, d1 = 2: chi-square_2 / 2, P(F > x) = exp(-x).
        EXPECT_NEAR(fUpperTail(x, 2, inf) / std::exp(-x), 1.0, 1e-12);
        // F(1, nu) = T_nu^2.
        EXPECT_NEAR(fUpperTail(x, 1, 12), 2 * studentTUpperTail(std::sqrt(x), 12), 1e-14);
    }
    // Table values: F_0.95(2, 10) = 4.102821, F_0.95(3, 20) = 3.098391, chi2_0.95(5) = 11.0705,
    // chi2_0.95(1) = 3.841459 (6-7 digits, hence 1e-6).
    EXPECT_NEAR(fUpperTail(4.102821, 2, 10), 0.05, 1e-6);
    EXPECT_NEAR(fUpperTail(3.098391, 3, 20), 0.05, 1e-6);
    EXPECT_NEAR(fUpperTail(11.0705 / 5, 5, inf), 0.05, 1e-6);
    EXPECT_NEAR(fUpperTail(3.841459, 1, inf), 0.05, 1e-6);
    // Either side of the switch to the chi-square limit at d2 = 1e8.
    EXPECT_NEAR(fUpperTail(2.0, 3, 0.99e8) / fUpperTail(2.0, 3, 1.01e8), 1.0, 1e-7);
    EXPECT_DOUBLE_EQ(fUpperTail(0.0, 3, 5), 1.0);
    EXPECT_DOUBLE_EQ(fCdf(-1.0, 3, 5), 0.0);
    EXPECT_TRUE(std::isnan(fUpperTail(1.0, 0.0, 5)));
    EXPECT_NEAR(fCdf(2.0, 4, 9) + fUpperTail(2.0, 4, 9), 1.0, 1e-15);
}

} // namespace
} // namespace grove
