// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/math/NormalDistribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(NormalDistribution, QuantileKnownValues)
{
    // Reference values: Abramowitz & Stegun table 26.5 / R qnorm, to 15 digits.
    EXPECT_NEAR(standardNormalQuantile(0.975), 1.959963984540054, 1e-14);
    EXPECT_NEAR(standardNormalQuantile(0.025), -1.959963984540054, 1e-14);
    EXPECT_NEAR(standardNormalQuantile(0.9), 1.2815515655446004, 1e-14);
    EXPECT_NEAR(standardNormalQuantile(0.5), 0.0, 1e-15);
    EXPECT_NEAR(standardNormalQuantile(1e-10), -6.361340902404056, 1e-12);
    EXPECT_EQ(standardNormalQuantile(0.0), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(standardNormalQuantile(1.0), std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(standardNormalQuantile(-0.1)));
    for (double p : {1e-300, 1e-20, 0.001, 0.3, 0.7, 0.999}) {
        EXPECT_NEAR(standardNormalCdf(standardNormalQuantile(p)) / p, 1.0, 1e-13) << p;
    }
}

} // namespace
} // namespace grove
