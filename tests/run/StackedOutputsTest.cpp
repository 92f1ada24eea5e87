// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/StackedOutputs.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(StackedOutputs, StemsOfTheCompletedDatasets)
{
    EXPECT_EQ(stackedExportStem("Imputation_Model_impute_datafile_chain0_iter1000"),
              "Imputation_Model");
    EXPECT_EQ(stackedExportStem("Imputation_Model_impute_L2Data_chain1_iter1050"),
              "Imputation_Model_L2Data");
    EXPECT_EQ(stackedExportStem("Imputation_Model_impute_L3Data_chain12_iter7"),
              "Imputation_Model_L3Data");
    EXPECT_EQ(stackedExportStem("impute_datafile_chain0_iter60"), "impute");
    EXPECT_EQ(stackedExportStem("impute_L2Data_chain2_iter60"), "impute_L2Data");
    for (const char* other :
         {"Prediction", "Imputation_Model_out", "ResultsTable:Imputation",
          "Imputation_Model_impute_datafile_chain0", "impute_LData_chain0_iter1"})
        EXPECT_EQ(stackedExportStem(other), "") << other;
}

TEST(StackedOutputs, UnitsBeforeImputationFollowTheCompletedUnitsOrder)
{
    Dataset pupils("pupils");
    pupils.addColumn(Column("school", {2, 2, 1, 3, 3}));
    Column size("size", {missingValue, missingValue, 10, 30, 30});
    size.setMissing(0);
    size.setMissing(1);
    pupils.addColumn(size);
    Dataset units("units");
    units.addColumn(Column("school", {3, 1, 2}));
    units.addColumn(Column("size", {30, 10, 20}));
    const Dataset before = unitsBeforeImputation(pupils, units, "school");
    ASSERT_EQ(before.columnNames(), units.columnNames());
    EXPECT_EQ(before.column("school").values, (std::vector<double>{3, 1, 2}));
    EXPECT_EQ(before.column("size").values[0], 30.0);
    EXPECT_EQ(before.column("size").values[1], 10.0);
    EXPECT_TRUE(before.column("size").isMissing(2));
}

} // namespace
} // namespace grove
