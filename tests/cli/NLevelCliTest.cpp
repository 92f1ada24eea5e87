// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run with NLevelImpute as a user would run it: a small simulated 3-level dataset (pupils
// in schools in districts) written as CSV.
#include "CliRunner.h"

#include "core/random/RandomStream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

/// 12 districts x 4 schools x 20 pupils: y = 1 + 0.5 x + v_district + u_school + e (variances
/// 0.2, 0.3, 1), x missing at random (more often when y is high), 960 rows.
fs::path writeThreeLevelCsv(const fs::path& folder)
{
    fs::create_directories(folder);
    const fs::path path = folder / "threelevel.csv";
    std::ofstream out(path);
    out << "district,school,cons,x,y\n";
    grove::RandomStream rng(41, 0);
    for (int d = 0; d < 12; ++d) {
        const double v = std::sqrt(0.2) * rng.normal();
        for (int s = 0; s < 4; ++s) {
            const double u = std::sqrt(0.3) * rng.normal();
            for (int i = 0; i < 20; ++i) {
                const double x = rng.normal();
                const double y = 1.0 + 0.5 * x + v + u + rng.normal();
                const bool missing = rng.uniform() < (y > 1.0 ? 0.3 : 0.1);
                out << d + 1 << "," << d * 4 + s + 1 << ",1,";
                if (!missing)
                    out << x;
                out << "," << y << "\n";
            }
        }
    }
    return path;
}

const std::string threeLevelInputs =
    "{'numclass': '2', 'classid_1': 'school', 'classid_2': 'district', 'structure': 'Nested', "
    "'MOIclass_1': 'Yes', 'MOIclass_2': 'Yes', 'MOIdist': 'Normal', 'MOIslope': 'No', "
    "'y': 'y', 'x': 'cons,x', 'yimp1': 'y,x', 'bin1_1': 'Normal', 'bin1_2': 'Normal', "
    "'ximp1_0': 'cons', 'ximp1_1': 'cons', 'want2': 'No', 'want3': 'No', 'numimpute': '3', "
    "'imputefirst': '200', 'imputeevery': '20', 'burnin': '100', 'iterations': '250'}";

TEST(GroveRunNLevel, ThreeLevelDataRunEndToEnd)
{
    const fs::path folder =
        fs::temp_directory_path() / ("grove-cli-nlevel-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    const fs::path data = writeThreeLevelCsv(folder);
    const fs::path out = folder / "out";
    const CliOutcome dry = runGroveRun({"--dataset", data.string(), "--template", "NLevelImpute",
                                        "--inputs", threeLevelInputs, "--dry-run"});
    EXPECT_EQ(dry.status, 0) << dry.output;
    EXPECT_NE(dry.output.find("RunStatJR(template='NLevelImpute'"), std::string::npos)
        << dry.output;
    const CliOutcome outcome =
        runGroveRun({"--dataset", data.string(), "--template", "NLevelImpute", "--inputs",
                     threeLevelInputs, "--seed", "1", "--chains", "2", "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    for (const char* file :
         {"ResultsTable_Imputation.csv", "ResultsTable_CompleteCases.csv",
          "Imputation_Model_ModelResults.csv", "Imputation_Model_out.csv", "CombinedResults.csv",
          "Model1_ModelResults.csv", "Model3_out.csv",
          "Imputation_Model_impute_datafile_chain0_iter200.dta",
          "Imputation_Model_impute_datafile_chain1_iter200.dta",
          "Imputation_Model_impute_datafile_chain0_iter220.dta", "Inputs.txt", "Command.txt"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    // The pooled MOI has a variance for each classification, named after it.
    const std::string pooled = readFile(out / "ResultsTable_Imputation.csv");
    EXPECT_NE(pooled.find("sigma2_school,"), std::string::npos) << pooled;
    EXPECT_NE(pooled.find("sigma2_district,"), std::string::npos) << pooled;
    // And so has the imputation model.
    const std::string imputation = readFile(out / "Imputation_Model_ModelResults.csv");
    EXPECT_NE(imputation.find("district"), std::string::npos) << imputation;
    fs::remove(testHistoryFile());
    fs::remove_all(folder);
}

} // namespace
