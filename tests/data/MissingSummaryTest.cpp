// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/MissingSummary.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

Dataset twoUnitsWithMissing()
{
    // Two units; y missing in rows 1 and 3, z missing in all of unit 2.
    Dataset data("small");
    data.addColumn(Column("unit", {1, 1, 2, 2}));
    Column y("y", {0.5, 0.0, 1.5, 0.0});
    y.setMissing(1);
    y.setMissing(3);
    data.addColumn(std::move(y));
    Column z("z", {1, 0, 0, 0});
    z.setMissing(2);
    z.setMissing(3);
    data.addColumn(std::move(z));
    return data;
}

TEST(MissingSummary, PerVariablePatternAndUnit)
{
    const Dataset data = twoUnitsWithMissing();
    EXPECT_EQ(guessUnitVariable(data), "unit");
    const MissingSummary summary = summarizeMissing(data, "unit");
    EXPECT_EQ(summary.incomplete, (std::vector<std::string>{"y", "z"}));
    ASSERT_EQ(summary.variables.size(), 3u);
    EXPECT_EQ(summary.variables[1].missing, 2u);
    EXPECT_EQ(summary.variables[1].unitsWithMissing, 2u);
    EXPECT_EQ(summary.variables[1].unitsAllMissing, 0u);
    EXPECT_EQ(summary.variables[2].unitsWithMissing, 1u);
    EXPECT_EQ(summary.variables[2].unitsAllMissing, 1u);
    // Patterns (y, z): complete once, y only once, z only once, both once.
    ASSERT_EQ(summary.patterns.size(), 4u);
    std::size_t rows = 0;
    for (const MissingPattern& pattern : summary.patterns)
        rows += pattern.rows;
    EXPECT_EQ(rows, 4u);
    ASSERT_EQ(summary.units.size(), 2u);
    EXPECT_EQ(summary.units[0].completeRows, 1u);
    EXPECT_EQ(summary.units[1].completeRows, 0u);
    EXPECT_EQ(summary.units[1].missing, (std::vector<std::size_t>{1, 2}));
    EXPECT_TRUE(summarizeMissing(data, "").units.empty());
    EXPECT_EQ(summary.completeRowCount(), 1u);
    EXPECT_EQ(summary.completeUnitCount(), 0u);
}

TEST(MissingSummary, CompleteUnitsHaveEveryRowComplete)
{
    Dataset data("three");
    data.addColumn(Column("unit", {1, 1, 2, 2, 3}));
    Column y("y", {1, 2, 3, 4, 5});
    y.setMissing(2);
    data.addColumn(std::move(y));
    const MissingSummary summary = summarizeMissing(data, "unit");
    EXPECT_EQ(summary.completeRowCount(), 4u);
    EXPECT_EQ(summary.completeUnitCount(), 2u) << "units 1 and 3";
}

} // namespace
} // namespace grove
