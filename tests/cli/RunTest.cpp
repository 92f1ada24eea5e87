// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run running the seeds' worked example end to end, as a user would.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

const std::string workedExample =
    "{'numlevs': 'Yes', 'L2ID': 'school', 'MOIlevel': '2 levels', 'MOIdist': 'Normal', "
    "'MOIslope': 'No', 'y': 'normexam', 'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', "
    "'yimp1': 'normexam,standlrtmiss,girlmiss', 'bin1_1': 'Normal', 'bin1_2': 'Normal', "
    "'bin1_3': 'Binary', 'ximp1_0': 'cons', 'ximp1_1': 'cons,vrband:cat', 'ximp1_2': 'cons', "
    "'want2': 'Yes', 'yimp2': 'schgendmiss', 'bin2_1': 'Unordered', 'ncatsschgendmiss': '3', "
    "'ximp2_0_0': 'cons', 'ximp2_0_1': 'cons', 'condmarg': 'Yes', 'numimpute': '4', "
    "'imputefirst': '1000', 'imputeevery': '50', 'burnin': '100', 'iterations': '250'}";

std::string readFile(const fs::path& path)
{
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(GroveRunRun, WorkedExampleWritesEveryOutput)
{
    const fs::path out = fs::temp_directory_path() / ("grove-cli-run-" + std::to_string(::getpid()));
    fs::remove_all(out);
    const CliOutcome outcome = runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs",
                                            workedExample, "--seed", "1", "--chains", "2", "--out",
                                            out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("ResultsTable:Imputation\nparameter"), std::string::npos) << outcome.output;
    EXPECT_NE(outcome.output.find("ResultsTable:CompleteCases\nparameter"), std::string::npos);
    for (const char* file :
         {"ResultsTable_Imputation.csv", "ResultsTable_CompleteCases.csv", "Imputation_Model_ModelResults.csv",
          "Imputation_Model_out.csv", "CombinedResults.csv", "Model1_ModelResults.csv", "Model4_out.csv",
          "Imputation_Model_impute_datafile_chain0_iter1000.dta",
          "Imputation_Model_impute_datafile_chain1_iter1050.dta",
          "Imputation_Model_impute_L2Data_chain0_iter1000.dta", "Inputs.txt", "Command.txt"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    EXPECT_EQ(readFile(out / "ResultsTable_Imputation.csv").rfind("parameter,term,estimate,se,df,riv,fmi,", 0), 0u);
    EXPECT_EQ(readFile(out / "Command.txt").rfind("RunStatJR(template='2LevelImpute', dataset='tutmiss'", 0), 0u);
    for (const auto& entry : fs::directory_iterator(out))
        EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
    // The completed datasets are real .dta files grove-run can describe.
    const CliOutcome described = runGroveRun(
        {"--dataset", (out / "Imputation_Model_impute_datafile_chain0_iter1000.dta").string(), "--describe"});
    EXPECT_EQ(described.status, 0);
    EXPECT_NE(described.output.find("standlrtmiss     4059        0"), std::string::npos) << described.output;
    // The run joins the history that Template > Set Inputs > History lists.
    const std::string history = readFile(testHistoryFile());
    EXPECT_EQ(history.rfind("2LevelImpute\ttutmiss\t{'numlevs': 'Yes', 'L2ID': 'school'", 0), 0u) << history;
    fs::remove(testHistoryFile());
    fs::remove_all(out);
}

TEST(GroveRunRun, BadInputsStopBeforeAnythingIsWritten)
{
    const fs::path out = fs::temp_directory_path() / ("grove-cli-bad-" + std::to_string(::getpid()));
    fs::remove_all(out);
    std::string bad = workedExample;
    bad.replace(bad.find("'ncatsschgendmiss': '3'"), 23, "'ncatsschgendmiss': '4'");
    const CliOutcome outcome = runGroveRun(
        {"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs", bad, "--out", out.string()});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_NE(outcome.output.find("'schgendmiss' has 3 categories (0,1,2) in the data, not 4"), std::string::npos)
        << outcome.output;
    EXPECT_FALSE(fs::exists(out));
}

} // namespace
