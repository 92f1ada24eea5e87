// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/ValueScreen.h"
#include "core/common/Error.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace grove {
namespace {

Dataset scores(double extreme)
{
    Dataset ds("scores");
    ds.addColumn(Column("id", {1, 2, 3, 4, 5, 6}));
    ds.addColumn(Column("score", {0.5, -1.0, missingValue, 2.0, extreme, 1.5}));
    ds.addColumn(Column("flag", {0, 0, 0, 0, 0, 1}));
    return ds;
}

std::string refusal(const Dataset& ds, const std::vector<std::string>& variables)
{
    try {
        refuseUnmodellableValues(ds, variables);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

TEST(ValueScreen, ValuesTooLargeToModelAreRefusedByVariableRowAndValue)
{
    const std::vector<std::string> variables{"id", "score", "flag", "absent"};
    EXPECT_EQ(refusal(scores(1e300), variables),
              "variable 'score' has the value 1e+300 (row 5), too large to model (at most 1e100 "
              "in magnitude): rescale the variable, or set the value missing if it is a "
              "missing-value code");
    EXPECT_NE(refusal(scores(-2e150), variables).find("the value -2e+150 (row 5)"),
              std::string::npos);
    EXPECT_EQ(refusal(scores(1e100), variables), "");
    EXPECT_EQ(refusal(scores(1e300), {"id", "flag"}), "") << "only the modelled variables count";
}

TEST(ValueScreen, ValuesMillionsOfInterquartileRangesOutAreWarnedAbout)
{
    const std::vector<std::string> variables{"score", "flag", "score"};
    EXPECT_EQ(extremeValueWarnings(scores(9999999), variables),
              (std::vector<std::string>{
                  "Variable 'score' has the value 9999999 (row 5), 6.67e+06 interquartile "
                  "ranges from its median: check that it is not a missing-value code or a "
                  "data-entry error."}));
    EXPECT_TRUE(extremeValueWarnings(scores(9999), variables).empty())
        << "a long tail is data, not an error";
    EXPECT_TRUE(extremeValueWarnings(scores(-3.0), variables).empty());
    // flag's interquartile range is 0: no scale to judge by.
    Dataset ds = scores(1.0);
    ds.setColumn(Column("flag", {0, 0, 0, 0, 0, 1e9}));
    EXPECT_TRUE(extremeValueWarnings(ds, variables).empty());
}

} // namespace
} // namespace grove
