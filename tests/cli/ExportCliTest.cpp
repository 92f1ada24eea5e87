// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run --export: the completed datasets stacked for Stata, SPSS and R, read back with
// ReadStat and compared with the run's own completed datasets.
#include "CliRunner.h"

#include "common/SeedStrings.h"
#include "common/WorkedExample.h"
#include "core/io/DatasetReader.h"
#include "core/io/DtaWriter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using grove::Dataset;

fs::path freshFolder(const std::string& tag)
{
    const fs::path out =
        fs::temp_directory_path() / ("grove-cli-export-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(out);
    return out;
}

// Rows m*n .. (m+1)*n-1 of `stack` equal `block` in every column of `block`, bit for bit.
void expectBlock(const Dataset& stack, std::size_t m, const Dataset& block)
{
    const std::size_t n = block.rowCount();
    for (const grove::Column& column : block.columns()) {
        const grove::Column& stacked = stack.column(column.name);
        for (std::size_t row = 0; row < n; ++row) {
            ASSERT_EQ(stacked.isMissing(m * n + row), column.isMissing(row))
                << column.name << " m " << m << " row " << row;
            if (!column.isMissing(row)) {
                ASSERT_EQ(stacked.values[m * n + row], column.values[row])
                    << column.name << " m " << m << " row " << row;
            }
        }
    }
}

TEST(GroveRunExport, WorkedExampleStacksForStataSpssAndR)
{
    const fs::path out = freshFolder("worked");
    const CliOutcome outcome = runGroveRun(
        {"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs", workedExampleInputs,
         "--seed", "1", "--chains", "2", "--export", "stata,spss,r", "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const std::string stem : {"Imputation_Model", "Imputation_Model_L2Data"})
        for (const char* suffix :
             {"_mi_flong.dta", "_mi_import.do", "_stacked.sav", "_long.csv", "_mids.R"})
            EXPECT_TRUE(fs::exists(out / (stem + suffix))) << stem + suffix;

    // m = 0 is tutmiss itself, m = 1..4 the completed datasets in imputation order.
    const Dataset flong = grove::readDataset(out / "Imputation_Model_mi_flong.dta");
    const Dataset sav = grove::readDataset(out / "Imputation_Model_stacked.sav");
    const Dataset csv = grove::readDataset(out / "Imputation_Model_long.csv");
    const Dataset tutmiss = grove::readDataset(fs::path(GROVE_DATASETS_DIR) / "tutmiss.dta");
    ASSERT_EQ(flong.rowCount(), 5 * tutmiss.rowCount());
    const char* completed[] = {"chain0_iter1000", "chain1_iter1000", "chain0_iter1050",
                               "chain1_iter1050"};
    for (const Dataset* stack : {&flong, &sav, &csv}) {
        expectBlock(*stack, 0, tutmiss);
        for (std::size_t m = 1; m <= 4; ++m)
            expectBlock(*stack, m,
                        grove::readDataset(out / ("Imputation_Model_impute_datafile_" +
                                                  std::string(completed[m - 1]) + ".dta")));
    }
    const Dataset level2 = grove::readDataset(out / "Imputation_Model_L2Data_mi_flong.dta");
    ASSERT_EQ(level2.rowCount(), 5u * 65u);
    EXPECT_GT(level2.column("schgendmiss").missingCount(), 0u);
    for (std::size_t m = 1; m <= 4; ++m)
        expectBlock(level2, m,
                    grove::readDataset(out / ("Imputation_Model_impute_L2Data_" +
                                              std::string(completed[m - 1]) + ".dta")));
    EXPECT_NE(readFile(out / "Imputation_Model_mi_import.do")
                  .find("mi import flong, m(grove_m) id(grove_id) imputed(schgendmiss "
                        "standlrtmiss girlmiss) clear"),
              std::string::npos)
        << readFile(out / "Imputation_Model_mi_import.do");
    EXPECT_NE(readFile(out / "Imputation_Model_L2Data_mi_import.do").find("imputed(schgendmiss)"),
              std::string::npos);
    fs::remove(testHistoryFile());
    fs::remove_all(out);
}

TEST(GroveRunExport, OnePassCompletedDatasetsStackWithTheirKeptRows)
{
    const fs::path out = freshFolder("onepass");
    std::string inputs = grove::test::seedOnePassLevel2;
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"'burnin': '500'", "'burnin': '40'"},
          {"'iterations': '2000'", "'iterations': '60'"},
          {"'imputeiters': '0'", "'imputeiters': '30,60'"}}) {
        ASSERT_NE(inputs.find(from), std::string::npos) << from;
        inputs.replace(inputs.find(from), from.size(), to);
    }
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
                     inputs, "--export", "r,stata", "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const char* file : {"impute_mi_flong.dta", "impute_long.csv", "impute_L2Data_mi_flong.dta",
                             "impute_L2Data_mids.R"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    EXPECT_FALSE(fs::exists(out / "impute_stacked.sav"));
    const Dataset stack = grove::readDataset(out / "impute_mi_flong.dta");
    const Dataset first = grove::readDataset(out / "impute_datafile_chain0_iter30.dta");
    const std::size_t n = first.rowCount();
    ASSERT_EQ(stack.rowCount() % n, 0u);
    const std::size_t imputations = stack.rowCount() / n - 1;
    EXPECT_GE(imputations, 2u);
    expectBlock(stack, 1, first);
    const Dataset level2 = grove::readDataset(out / "impute_L2Data_mi_flong.dta");
    expectBlock(level2, 1, grove::readDataset(out / "impute_L2Data_chain0_iter30.dta"));
    EXPECT_GT(level2.column("avslrtmiss").missingCount(), 0u); // m = 0 as it was
    fs::remove(testHistoryFile());
    fs::remove_all(out);
}

TEST(GroveRunExport, BadFormatsAndNamesStopWithOneLineAndNoFile)
{
    const fs::path out = freshFolder("bad");
    CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs",
                     workedExampleInputs, "--export", "stata,sas", "--out", out.string()});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output,
              "grove-run: --export: unknown export format 'sas' (choose from stata, spss, r)\n");

    // A name Stata takes and SPSS does not: refused before the run, nothing written.
    const fs::path folder = freshFolder("data");
    fs::create_directories(folder);
    Dataset data = grove::readDataset(fs::path(GROVE_DATASETS_DIR) / "tutmiss.dta");
    data.addColumn(grove::Column("_extra", std::vector<double>(data.rowCount(), 1.0)));
    grove::writeDta(data, folder / "extra.dta");
    outcome =
        runGroveRun({"--dataset", (folder / "extra.dta").string(), "--template", "2LevelImpute",
                     "--inputs", workedExampleInputs, "--export", "r,spss", "--out", out.string()});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output, "grove-run: cannot export dataset 'extra' for SPSS: variable "
                              "'_extra' does not start with a letter, as SPSS variable names "
                              "must\n");
    EXPECT_FALSE(fs::exists(out));
    fs::remove_all(folder);
}

} // namespace
