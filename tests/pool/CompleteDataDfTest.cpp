// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/CompleteDataDf.h"
#include "core/common/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(CompleteDataDf, BetweenWithinRule)
{
    // 300 pupils in 12 schools; columns cons, a pupil covariate, a pupil binary, a school
    // covariate: p1 = 2 vary within schools, p2 = 1 besides the intercept is constant.
    const FixedEffectDesign design{300, 12, {false, true, true, false}};
    const std::vector<double> dfs = completeDataDfs({}, design);
    ASSERT_EQ(dfs.size(), 4u);
    EXPECT_DOUBLE_EQ(dfs[0], 12.0 - 1.0 - 1.0);   // J - p2 - 1
    EXPECT_DOUBLE_EQ(dfs[1], 300.0 - 12.0 - 2.0); // N - J - p1
    EXPECT_DOUBLE_EQ(dfs[2], 286.0);
    EXPECT_DOUBLE_EQ(dfs[3], 10.0);
}

TEST(CompleteDataDf, SingleLevelIsNMinusP)
{
    const FixedEffectDesign design{50, 1, {false, true, true}};
    for (double df : completeDataDfs({}, design))
        EXPECT_DOUBLE_EQ(df, 47.0);
}

TEST(CompleteDataDf, NeverBelowOne)
{
    // 3 schools and 3 school-level columns: J - p2 - 1 = 0 would leave no t reference.
    const FixedEffectDesign design{30, 3, {false, false, false}};
    for (double df : completeDataDfs({}, design))
        EXPECT_DOUBLE_EQ(df, 1.0);
}

TEST(CompleteDataDf, InfiniteAndFixed)
{
    const FixedEffectDesign design{300, 12, {false, true}};
    for (double df : completeDataDfs(parseCompleteDataDf("inf"), design))
        EXPECT_TRUE(std::isinf(df));
    for (double df : completeDataDfs(parseCompleteDataDf("25.5"), design))
        EXPECT_DOUBLE_EQ(df, 25.5);
}

TEST(CompleteDataDf, PosteriorVarianceToSquaredSe)
{
    // A t with 10 df and scale 1 has variance 10/8: the squared standard error is 8/10 of it.
    EXPECT_DOUBLE_EQ(posteriorVarianceToSquaredSe(10.0), 0.8);
    EXPECT_DOUBLE_EQ(posteriorVarianceToSquaredSe(std::numeric_limits<double>::infinity()), 1.0);
    EXPECT_DOUBLE_EQ(posteriorVarianceToSquaredSe(2.0), 1.0) << "no variance to convert";
}

TEST(CompleteDataDf, ParsesAndPrints)
{
    EXPECT_EQ(parseCompleteDataDf("between-within").rule, CompleteDataDf::Rule::BetweenWithin);
    EXPECT_EQ(parseCompleteDataDf("infinite").rule, CompleteDataDf::Rule::Infinite);
    EXPECT_EQ(parseCompleteDataDf("40").text(), "40");
    EXPECT_EQ(parseCompleteDataDf("inf").text(), "inf");
    EXPECT_EQ(CompleteDataDf{}.text(), "between-within");
    for (const char* bad : {"", "0", "-3", "abc", "12x", "nan"})
        EXPECT_THROW(parseCompleteDataDf(bad), Error) << bad;
}

} // namespace
} // namespace grove
