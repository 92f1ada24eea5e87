// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run running 2LevelMissingOnePass end to end with the Stat-JR manual's input strings (made
// short).
#include "CliRunner.h"

#include "common/SeedStrings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

// The seed string with 2 chains of 40 + 60 iterations and a completed dataset at iteration 60.
std::string shortened(std::string text)
{
    text = replaced(text, "'nchains': '3'", "'nchains': '2'");
    text = replaced(text, "'burnin': '500'", "'burnin': '40'");
    text = replaced(text, "'iterations': '2000'", "'iterations': '60'");
    return replaced(text, "'imputeiters': '0'", "'imputeiters': '60'");
}

// The missing count `--describe` prints for `variable` ("variable count missing ..."); -1 if
// absent.
long missingIn(const std::string& described, const std::string& variable)
{
    std::istringstream lines(described);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string name;
        long count = 0;
        long missing = 0;
        if (fields >> name >> count >> missing && name == variable)
            return missing;
    }
    return -1;
}

fs::path freshFolder(const std::string& tag)
{
    const fs::path out =
        fs::temp_directory_path() / ("grove-cli-onepass-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(out);
    return out;
}

TEST(GroveRunOnePass, SeedInteractionStringEndToEnd)
{
    const fs::path out = freshFolder("interaction");
    const CliOutcome outcome = runGroveRun(
        {"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
         shortened(grove::test::seedOnePassInteraction), "--threads", "2", "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("ModelResults\nparameter     term"), std::string::npos)
        << outcome.output;
    for (const char* row :
         {"\nomega_u_0 ", "\nbeta_3 ", "standlrtmiss*girlmiss", "\nomega_uint_0 ", "\nsigma2 "})
        EXPECT_NE(outcome.output.find(row), std::string::npos) << row;
    for (const char* file :
         {"ModelResults.csv", "ModelParameters.csv", "out.csv", "Notes.txt", "Inputs.txt",
          "Command.txt", "impute_datafile_chain0_iter60.dta", "impute_datafile_chain1_iter60.dta"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    EXPECT_EQ(readFile(out / "ModelResults.csv")
                  .rfind("parameter,term,mean,sd,lower95,upper95,mcse,ess,rhat,flag\n", 0),
              0u);
    EXPECT_EQ(readFile(out / "out.csv").rfind("chain,iteration,", 0), 0u);
    EXPECT_EQ(readFile(out / "Command.txt")
                  .rfind("RunStatJR(template='2LevelMissingOnePass', dataset='tutmiss'", 0),
              0u);
    // Six-panel SVGs for every parameter of the chains, when grove-run is built with plots.
    std::size_t svgs = 0;
    for (const auto& entry : fs::directory_iterator(out)) {
        EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos)
            << entry.path();
        svgs += entry.path().extension() == ".svg" ? 1 : 0;
    }
#ifdef GROVE_CLI_WITH_PLOTS
    EXPECT_TRUE(fs::exists(out / "out_beta_3.svg"));
    EXPECT_TRUE(fs::exists(out / "out_omega_uint_0.svg"));
    EXPECT_TRUE(fs::exists(out / "out_sigma2.svg"));
    EXPECT_GE(svgs, 9u) << "one per parameter of out";
#else
    EXPECT_EQ(svgs, 0u) << "grove-run without plots writes no SVG";
#endif
    // The completed dataset is a real .dta file with the covariates filled in.
    const CliOutcome described = runGroveRun(
        {"--dataset", (out / "impute_datafile_chain0_iter60.dta").string(), "--describe"});
    EXPECT_EQ(described.status, 0);
    EXPECT_EQ(missingIn(described.output, "standlrtmiss"), 0) << described.output;
    EXPECT_EQ(missingIn(described.output, "girlmiss"), 0) << described.output;
    fs::remove(testHistoryFile());
    fs::remove_all(out);
}

TEST(GroveRunOnePass, SeedAppendixStringWithLevel2Data)
{
    const fs::path out = freshFolder("appendix");
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
                     shortened(grove::test::seedOnePassLevel2), "--out", out.string()});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("ModelResults\nparameter"), std::string::npos) << outcome.output;
    EXPECT_NE(outcome.output.find("avslrtmiss"), std::string::npos) << outcome.output;
    for (const char* file : {"ModelResults.csv", "impute_L2Data_chain0_iter60.dta",
                             "impute_datafile_chain1_iter60.dta"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    const CliOutcome described = runGroveRun(
        {"--dataset", (out / "impute_L2Data_chain0_iter60.dta").string(), "--describe"});
    EXPECT_EQ(missingIn(described.output, "avslrtmiss"), 0) << described.output;
    EXPECT_NE(described.output.find("(65 rows"), std::string::npos) << described.output;
    fs::remove(testHistoryFile());
    fs::remove_all(out);
}

TEST(GroveRunOnePass, BadStringExitsWithOneLine)
{
    const fs::path out = freshFolder("bad");
    // girlmiss has missing values and is in the MOI, but is no longer imputed.
    std::string bad = replaced(grove::test::seedOnePassInteraction,
                               "'yimp': 'standlrtmiss,girlmiss'", "'yimp': 'standlrtmiss'");
    bad = replaced(bad, ", 'bin2': 'Binary'", "");
    bad = replaced(bad, ", 'ximp2': 'cons'", "");
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs", bad,
                     "--out", out.string()});
    EXPECT_EQ(outcome.status, 2) << outcome.output;
    EXPECT_EQ(outcome.output.rfind("grove-run: ", 0), 0u) << outcome.output;
    EXPECT_EQ(std::count(outcome.output.begin(), outcome.output.end(), '\n'), 1) << outcome.output;
    EXPECT_NE(outcome.output.find("girlmiss"), std::string::npos) << outcome.output;
    EXPECT_FALSE(fs::exists(out));

    // A level-2 dataset that does not exist.
    const std::string noData =
        replaced(grove::test::seedOnePassLevel2, "'L2Data': 'tutmiss_lev2'", "'L2Data': 'nosuch'");
    const CliOutcome missing =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
                     noData, "--out", out.string()});
    EXPECT_EQ(missing.status, 2) << missing.output;
    EXPECT_NE(missing.output.find("nosuch"), std::string::npos) << missing.output;
    EXPECT_EQ(std::count(missing.output.begin(), missing.output.end(), '\n'), 1) << missing.output;
    EXPECT_FALSE(fs::exists(out));
}

} // namespace
