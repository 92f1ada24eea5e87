// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run running the Stat-JR manual's worked example end to end, as a user would.
#include "CliRunner.h"

#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;

TEST(GroveRunRun, WorkedExampleWritesEveryOutput)
{
    const fs::path out =
        fs::temp_directory_path() / ("grove-cli-run-" + std::to_string(::getpid()));
    fs::remove_all(out);
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs",
                     workedExampleInputs, "--seed", "1", "--chains", "2", "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("ResultsTable:Imputation\nparameter"), std::string::npos)
        << outcome.output;
    EXPECT_NE(outcome.output.find("ResultsTable:CompleteCases\nparameter"), std::string::npos);
    for (const char* file :
         {"ResultsTable_Imputation.csv", "ResultsTable_CompleteCases.csv",
          "Imputation_Model_ModelResults.csv", "Imputation_Model_out.csv", "CombinedResults.csv",
          "Model1_ModelResults.csv", "Model4_out.csv",
          "Imputation_Model_impute_datafile_chain0_iter1000.dta",
          "Imputation_Model_impute_datafile_chain1_iter1050.dta",
          "Imputation_Model_impute_L2Data_chain0_iter1000.dta", "Inputs.txt", "Command.txt"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    EXPECT_EQ(readFile(out / "ResultsTable_Imputation.csv")
                  .rfind("parameter,term,estimate,se,df,df_complete,riv,fmi,", 0),
              0u);
    EXPECT_EQ(readFile(out / "Imputation_Model_Spacing.csv")
                  .rfind("parameter,term,acf_at_imputeevery,imputeevery_needed,flag,note", 0),
              0u);
    EXPECT_EQ(readFile(out / "Command.txt")
                  .rfind("RunStatJR(template='2LevelImpute', dataset='tutmiss'", 0),
              0u);
    for (const auto& entry : fs::directory_iterator(out))
        EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos)
            << entry.path();
    // The completed datasets are real .dta files grove-run can describe.
    const CliOutcome described = runGroveRun(
        {"--dataset", (out / "Imputation_Model_impute_datafile_chain0_iter1000.dta").string(),
         "--describe"});
    EXPECT_EQ(described.status, 0);
    EXPECT_NE(described.output.find("standlrtmiss     4059        0"), std::string::npos)
        << described.output;
    // The run joins the history that Template > Set Inputs > History lists.
    const std::string history = readFile(testHistoryFile());
    EXPECT_EQ(history.rfind("2LevelImpute\ttutmiss\t{'numlevs': 'Yes', 'L2ID': 'school'", 0), 0u)
        << history;
    EXPECT_NE(history.find("'}\t20"), std::string::npos) << "dated (UTC, ISO 8601): " << history;
    fs::remove(testHistoryFile());
    fs::remove_all(out);
}

TEST(GroveRunRun, CompleteDfAndOneChainPerImputation)
{
    const fs::path out = fs::temp_directory_path() / ("grove-cli-df-" + std::to_string(::getpid()));
    fs::remove_all(out);
    const CliOutcome outcome = runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute",
                                            "--inputs", workedExampleInputs, "--complete-df", "inf",
                                            "--chain-per-imputation", "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const std::string pooled = readFile(out / "ResultsTable_Imputation.csv");
    EXPECT_NE(pooled.find("\nbeta_0,cons,"), std::string::npos) << pooled;
    // df_complete is infinite for every coefficient.
    const std::size_t row = pooled.find("\nbeta_1,");
    ASSERT_NE(row, std::string::npos);
    EXPECT_NE(pooled.find(",Inf,", row), std::string::npos) << pooled;
    // One chain per imputation: four chains, each giving its dataset at imputefirst, and no
    // spacing warning (no chain gives two datasets).
    for (const char* file : {"Imputation_Model_impute_datafile_chain0_iter1000.dta",
                             "Imputation_Model_impute_datafile_chain3_iter1000.dta"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    EXPECT_EQ(outcome.output.find("too close"), std::string::npos) << outcome.output;
    fs::remove_all(out);
}

TEST(GroveRunRun, BadInputsStopBeforeAnythingIsWritten)
{
    const fs::path out =
        fs::temp_directory_path() / ("grove-cli-bad-" + std::to_string(::getpid()));
    fs::remove_all(out);
    std::string bad = workedExampleInputs;
    bad.replace(bad.find("'ncatsschgendmiss': '3'"), 23, "'ncatsschgendmiss': '4'");
    const CliOutcome outcome = runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute",
                                            "--inputs", bad, "--out", out.string()});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_NE(outcome.output.find("'schgendmiss' has 3 categories (0,1,2) in the data, not 4"),
              std::string::npos)
        << outcome.output;
    EXPECT_FALSE(fs::exists(out));
}

// tutmiss with one intake score (row 5 of standlrtmiss, an imputed variable) replaced.
fs::path tutmissWithIntakeScore(const std::string& value, const fs::path& folder)
{
    std::ifstream in(std::string(GROVE_DATASETS_DIR) + "/csv/tutmiss.csv");
    std::ostringstream text;
    std::string line;
    for (int number = 0; std::getline(in, line); ++number) {
        if (number == 5) {
            std::vector<std::string> fields;
            std::stringstream cells(line);
            for (std::string cell; std::getline(cells, cell, ',');)
                fields.push_back(cell);
            fields.at(12) = value; // standlrtmiss
            line.clear();
            for (const std::string& cell : fields)
                line += (line.empty() ? "" : ",") + cell;
        }
        text << line << "\n";
    }
    fs::create_directories(folder);
    const fs::path path = folder / "tutmiss_extreme.csv";
    std::ofstream(path) << text.str();
    return path;
}

TEST(GroveRunRun, ExtremeValuesAreNamedNotLeftToTheSampler)
{
    const fs::path folder =
        fs::temp_directory_path() / ("grove-cli-extreme-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    const fs::path out = folder / "out";
    const CliOutcome refused =
        runGroveRun({"--dataset", tutmissWithIntakeScore("1e300", folder).string(), "--template",
                     "2LevelImpute", "--inputs", workedExampleInputs, "--out", out.string()});
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.output.find("variable 'standlrtmiss' has the value 1e+300 (row 5), too "
                                  "large to model"),
              std::string::npos)
        << refused.output;
    EXPECT_FALSE(fs::exists(out));

    std::string shortRun = workedExampleInputs;
    shortRun.replace(shortRun.find("'imputefirst': '1000'"), 21, "'imputefirst': '100'");
    shortRun.replace(shortRun.find("'imputeevery': '50'"), 19, "'imputeevery': '10'");
    const CliOutcome warned =
        runGroveRun({"--dataset", tutmissWithIntakeScore("999999999", folder).string(),
                     "--template", "2LevelImpute", "--inputs", shortRun, "--out", out.string()});
    EXPECT_EQ(warned.status, 0) << warned.output;
    EXPECT_NE(warned.output.find("Variable 'standlrtmiss' has the value 999999999 (row 5)"),
              std::string::npos)
        << warned.output;
    fs::remove_all(folder);
}

TEST(GroveRunRun, ListingConsAmongRandomCoefficientsAsTheHelpSaysRuns)
{
    const fs::path out =
        fs::temp_directory_path() / ("grove-cli-slopes-" + std::to_string(::getpid()));
    fs::remove_all(out);
    std::string inputs = workedExampleInputs;
    inputs.replace(inputs.find("'MOIslope': 'No'"), 16,
                   "'MOIslope': 'Yes', 'xslope': 'cons,standlrtmiss'");
    inputs.replace(inputs.find("'imputefirst': '1000'"), 21, "'imputefirst': '100'");
    const CliOutcome outcome = runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute",
                                            "--inputs", inputs, "--out", out.string()});
    EXPECT_EQ(outcome.status, 0) << outcome.output;
    std::ifstream table(out / "ResultsTable_Imputation.csv");
    std::stringstream text;
    text << table.rdbuf();
    EXPECT_NE(text.str().find("cov(cons,standlrtmiss)"), std::string::npos) << text.str();
    EXPECT_EQ(text.str().find("var(cons)", text.str().find("var(cons)") + 1), std::string::npos)
        << "one random intercept";
    fs::remove_all(out);
}

} // namespace
