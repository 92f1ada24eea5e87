// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ImputedVsObserved.h"

#include "core/common/Error.h"

#include <gtest/gtest.h>

#include <cmath>

namespace grove {
namespace {

// Two units of three rows: z continuous (row 2 and 5 missing), c categorical (row 0 missing),
// w constant within units (unit 2's missing).
Dataset original()
{
    Dataset data("original");
    data.addColumn(Column("unit", {1, 1, 1, 2, 2, 2}));
    Column z("z", {0.0, 1.0, 0.0, 5.0, 5.5, 0.0});
    z.setMissing(2);
    z.setMissing(5);
    data.addColumn(z);
    Column c("c", {0, 1, 0, 0, 1, 1});
    c.setMissing(0);
    data.addColumn(c);
    Column w("w", {3, 3, 3, 0, 0, 0});
    for (std::size_t r = 3; r < 6; ++r)
        w.setMissing(r);
    data.addColumn(w);
    return data;
}

Dataset completed(double zUnit1, double zUnit2, double c0, double w2)
{
    Dataset data("completed");
    data.addColumn(Column("unit", {1, 1, 1, 2, 2, 2}));
    data.addColumn(Column("z", {0.0, 1.0, zUnit1, 5.0, 5.5, zUnit2}));
    data.addColumn(Column("c", {c0, 1, 0, 0, 1, 1}));
    data.addColumn(Column("w", {3, 3, 3, w2, w2, w2}));
    return data;
}

TEST(ImputedVsObserved, TablesCountEveryImputationAndFlagFarUnits)
{
    const Dataset data = original();
    const Dataset first = completed(0.5, 20.0, 1, 4);
    const Dataset second = completed(0.7, 22.0, 0, 6);
    const std::vector<const Dataset*> filled{&first, &second};
    const ImputedVsObserved result = compareImputedWithObserved(
        data, filled,
        {{"z", false, "unit", false}, {"c", true, "unit", false}, {"w", false, "unit", true}});
    ASSERT_EQ(result.variables.size(), 3u);

    const ImputedVariableComparison& z = result.variables[0];
    EXPECT_EQ(z.observed.size(), 4u);
    ASSERT_EQ(z.imputed.size(), 2u);
    EXPECT_EQ(z.imputed[1], std::vector<double>({0.7, 22.0}));
    ASSERT_EQ(z.units.size(), 2u);
    EXPECT_FALSE(z.units[0].flagged) << "0.6 lies within [0, 1] widened by the within sd";
    EXPECT_DOUBLE_EQ(z.units[0].imputedMean, 0.6);
    EXPECT_TRUE(z.units[1].flagged) << "21 is far above unit 2's 5 to 5.5";
    EXPECT_DOUBLE_EQ(z.units[1].observedMean, 5.25);

    const ImputedVariableComparison& c = result.variables[1];
    EXPECT_EQ(c.categories, std::vector<double>({0, 1}));
    EXPECT_DOUBLE_EQ(c.observedShare[1], 0.6);
    EXPECT_DOUBLE_EQ(c.imputedShare[0][1], 1.0);
    EXPECT_DOUBLE_EQ(c.imputedShare[1][0], 1.0);

    const ImputedVariableComparison& w = result.variables[2];
    EXPECT_EQ(w.rows, 2u) << "one row per unit";
    EXPECT_EQ(w.observed, std::vector<double>({3}));
    EXPECT_EQ(w.imputed[0], std::vector<double>({4}));
    EXPECT_TRUE(w.units.empty()) << "no per-unit view for a unit-level variable";

    const Table table = result.table();
    EXPECT_EQ(table.columns[9], "difference");
    // z: observed + 2 imputations; c: 2 categories x 3; w: 3.
    EXPECT_EQ(table.rows.size(), 3u + 6u + 3u);
    EXPECT_EQ(std::get<std::string>(table.rows[1][2]), "imputed");
    EXPECT_DOUBLE_EQ(std::get<double>(table.rows[1][6]), 10.25);
    EXPECT_EQ(std::get<std::string>(table.rows[3][1]), "1");
    EXPECT_EQ(std::get<std::string>(table.rows.back()[1]), "2");
    const Table units = result.unitTable();
    ASSERT_EQ(units.rows.size(), 2u);
    EXPECT_NE(std::get<std::string>(units.rows[1][8]), "");
}

TEST(ImputedVsObserved, UnknownVariableIsAOneLineError)
{
    const Dataset data = original();
    const std::vector<const Dataset*> none;
    EXPECT_THROW(compareImputedWithObserved(data, none, {{"nope", false, "", false}}), Error);
}

} // namespace
} // namespace grove
