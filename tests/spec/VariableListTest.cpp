// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/VariableList.h"
#include "core/common/Error.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(VariableList, ParsesNamesAndCategoricalSuffix)
{
    const std::vector<VariableTerm> terms = parseVariableList("cons, vrband:cat ,girlmiss");
    ASSERT_EQ(terms.size(), 3u);
    EXPECT_EQ(terms[0], (VariableTerm{"cons", false}));
    EXPECT_EQ(terms[1], (VariableTerm{"vrband", true}));
    EXPECT_EQ(terms[2], (VariableTerm{"girlmiss", false}));
    EXPECT_EQ(joinVariableList(terms), "cons,vrband:cat,girlmiss");
    EXPECT_EQ(termNames(terms), (std::vector<std::string>{"cons", "vrband", "girlmiss"}));
}

TEST(VariableList, KeepsInteractionAndPowerTermsAsNames)
{
    const auto terms = parseVariableList("cons,standlrtmiss*girlmiss,standlrt^2");
    EXPECT_EQ(terms[1].name, "standlrtmiss*girlmiss");
    EXPECT_EQ(terms[2].name, "standlrt^2");
}

TEST(VariableList, EmptyTextIsAnEmptyList)
{
    EXPECT_TRUE(parseVariableList("").empty());
    EXPECT_TRUE(parseVariableList("  ").empty());
}

TEST(VariableList, RejectsEmptyEntriesAndUnknownSuffixes)
{
    EXPECT_THROW(parseVariableList("a,,b"), Error);
    EXPECT_THROW(parseVariableList("a,"), Error);
    try {
        parseVariableList("vrband:categorical");
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(
            e.what(),
            "unknown suffix ':categorical' on 'vrband'; only ':cat' (categorical) is allowed");
    }
}

TEST(VariableList, ListNamesNeverThrows)
{
    EXPECT_EQ(listNames("a:cat,,b"), (std::vector<std::string>{"a", "b"}));
}

} // namespace
} // namespace grove
