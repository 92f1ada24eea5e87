// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "core/common/Error.h"
#include "core/data/Categorical.h"
#include "core/data/Level2View.h"

#include <gtest/gtest.h>

#include <cmath>

namespace grove {
namespace {

Dataset smallClustered()
{
    Dataset ds("small");
    ds.addColumn(Column("school", {1, 1, 2, 2, 2, 3}));
    ds.addColumn(Column("score", {0.5, -1.0, 2.0, missingValue, 1.5, 0.0}));
    ds.addColumn(Column("schgend", {0, 0, 2, 2, 2, 1}));
    ds.addColumn(Column("size", {10, 10, 20, 20, 20, 30}));
    return ds;
}

TEST(Column, MissingCodeAndNanAreMissing)
{
    Column c("x", {1.0, -9.999e29, std::nan(""), static_cast<double>(-9.999e29f), 2.0});
    EXPECT_EQ(c.missingCount(), 3u);
    EXPECT_TRUE(c.isMissing(1));
    EXPECT_TRUE(c.isMissing(3));
    EXPECT_TRUE(std::isnan(c.values[1]));
    EXPECT_FALSE(isMissingCode(-9.9e29));
}

TEST(Column, KindIsInferredFromObservedValues)
{
    EXPECT_EQ(Column("c", {1, 1, 1}).kind(), VariableKind::ConstantVariable);
    EXPECT_EQ(Column("b", {0, 1, missingValue}).kind(), VariableKind::BinaryVariable);
    EXPECT_EQ(Column("i", {0, 1, 2}).kind(), VariableKind::IntegerVariable);
    EXPECT_EQ(Column("d", {0.5, 1}).kind(), VariableKind::ContinuousVariable);
    EXPECT_EQ(Column("e", {missingValue}).kind(), VariableKind::EmptyVariable);
}

TEST(Dataset, LookupByNameAndClearErrors)
{
    Dataset ds = smallClustered();
    EXPECT_EQ(ds.rowCount(), 6u);
    EXPECT_EQ(ds.columnCount(), 4u);
    EXPECT_EQ(ds.column("score").missingCount(), 1u);
    EXPECT_EQ(*ds.indexOf("schgend"), 2u);
    try {
        (void)ds.column("nosuch");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "dataset 'small' has no variable 'nosuch'");
    }
    EXPECT_THROW(ds.addColumn(Column("score", {1, 2, 3, 4, 5, 6})), Error);
    EXPECT_THROW(ds.addColumn(Column("short", {1, 2})), Error);
}

TEST(Dataset, SelectRowsKeepsMissingMaskAndOrder)
{
    const Dataset ds = smallClustered();
    const std::vector<std::size_t> rows{3, 0};
    const Dataset sub = ds.selectRows(rows);
    ASSERT_EQ(sub.rowCount(), 2u);
    EXPECT_TRUE(sub.column("score").isMissing(0));
    EXPECT_DOUBLE_EQ(sub.column("score").values[1], 0.5);
    EXPECT_THROW((void)ds.selectRows(std::vector<std::size_t>{99}), Error);
}

TEST(Dataset, CompleteRowsAndSummary)
{
    const Dataset ds = smallClustered();
    const std::vector<std::string> vars{"score", "school"};
    EXPECT_EQ(ds.completeRows(vars), (std::vector<std::size_t>{0, 1, 2, 4, 5}));
    const ColumnSummary s = ds.summary(1);
    EXPECT_EQ(s.count, 5u);
    EXPECT_EQ(s.missing, 1u);
    EXPECT_DOUBLE_EQ(s.min, -1.0);
    EXPECT_DOUBLE_EQ(s.max, 2.0);
    EXPECT_DOUBLE_EQ(s.mean, 0.6);
}

TEST(Level2View, GroupsRowsByUnit)
{
    const Dataset ds = smallClustered();
    const Level2View units(ds, "school");
    ASSERT_EQ(units.unitCount(), 3u);
    EXPECT_EQ(units.rowsOf(1).size(), 3u);
    EXPECT_EQ(units.unitOf(5), 2u);
    EXPECT_DOUBLE_EQ(units.unitId(2), 3.0);
}

TEST(Level2View, ConstancyCheckNamesTheUnitsThatVary)
{
    Dataset ds = smallClustered();
    const Level2View units(ds, "school");
    EXPECT_TRUE(checkConstantWithinUnits(ds, units, "schgend").constant());
    const ConstancyReport report = checkConstantWithinUnits(ds, units, "score");
    ASSERT_EQ(report.varyingUnits.size(), 2u);
    EXPECT_DOUBLE_EQ(report.varyingUnits[0].unitId, 1.0);
    EXPECT_DOUBLE_EQ(report.varyingUnits[0].minimum, -1.0);
    EXPECT_DOUBLE_EQ(report.varyingUnits[0].maximum, 0.5);
    EXPECT_EQ(report.varyingUnits[1].missing, 1u);
    const std::string message = report.message("school");
    EXPECT_NE(message.find("'score' is not constant within school in 2 units"), std::string::npos)
        << message;
    EXPECT_NE(message.find("school 1 (values -1 to 0.5)"), std::string::npos) << message;
}

TEST(Level2View, Level2DatasetHasOneRowPerUnit)
{
    const Dataset ds = smallClustered();
    const Level2View units(ds, "school");
    const std::vector<std::string> vars{"schgend", "size"};
    const Dataset l2 = level2Dataset(ds, units, vars);
    ASSERT_EQ(l2.rowCount(), 3u);
    EXPECT_EQ(l2.columnNames(), (std::vector<std::string>{"school", "schgend", "size"}));
    EXPECT_DOUBLE_EQ(l2.column("size").values[2], 30.0);
    const std::vector<std::string> bad{"score"};
    EXPECT_THROW((void)level2Dataset(ds, units, bad), Error);
}

TEST(Level2View, MissingIdIsAnError)
{
    Dataset ds("d");
    ds.addColumn(Column("id", {1, missingValue}));
    EXPECT_THROW(Level2View(ds, "id"), Error);
}

TEST(Categorical, DummiesForAllButTheLastCategory)
{
    const Dataset ds = smallClustered();
    const Categories cats = categoriesOf(ds.column("schgend"), true);
    ASSERT_EQ(cats.count(), 3u);
    const std::vector<Column> dummies = dummyColumns(ds.column("schgend"), cats);
    ASSERT_EQ(dummies.size(), 2u);
    EXPECT_EQ(dummies[0].name, "schgend_0");
    EXPECT_EQ(dummies[1].name, "schgend_1");
    EXPECT_EQ(dummies[0].values, (std::vector<double>{1, 1, 0, 0, 0, 0}));
    EXPECT_EQ(dummies[1].values, (std::vector<double>{0, 0, 0, 0, 0, 1}));
}

TEST(Categorical, NonSequentialCategoriesNameTheValuesFound)
{
    const Column c("vrband", {1, 2, 3, 2});
    try {
        (void)categoriesOf(c, true);
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_STREQ(
            e.what(),
            "categories of 'vrband' must be numbered 0,1,2,... in steps of one; found 1,2,3");
    }
    EXPECT_EQ(categoriesOf(c, false).count(), 3u);
    EXPECT_THROW((void)categoriesOf(Column("f", {0.5, 1}), false), Error);
    EXPECT_THROW((void)categoriesOf(Column("m", {missingValue}), false), Error);
}

TEST(Categorical, DummiesKeepMissing)
{
    const Column c("g", {0, missingValue, 1});
    const std::vector<Column> d = dummyColumns(c, categoriesOf(c, true));
    ASSERT_EQ(d.size(), 1u);
    EXPECT_TRUE(d[0].isMissing(1));
    EXPECT_DOUBLE_EQ(d[0].values[0], 1.0);
}

} // namespace
} // namespace grove
