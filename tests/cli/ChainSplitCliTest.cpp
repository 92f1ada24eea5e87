// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run --chains K --chain-index k and --merge: chains run as separate processes and merged
// give exactly the single-process outputs; folders that do not belong together are refused.
#include "CliRunner.h"

#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

fs::path freshFolder(const std::string& tag)
{
    const fs::path out =
        fs::temp_directory_path() / ("grove-cli-chains-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(out);
    return out;
}

std::vector<std::string> runArguments(const std::string& seed, const fs::path& out)
{
    return {"--dataset",         "tutmiss", "--template", "2LevelImpute", "--inputs",
            workedExampleInputs, "--seed",  seed,         "--chains",     "2",
            "--export",          "stata,r", "--out",      out.string()};
}

std::vector<std::string> chainArguments(const std::string& seed, int chain, const fs::path& out)
{
    std::vector<std::string> arguments = runArguments(seed, out);
    arguments.insert(arguments.end(), {"--chain-index", std::to_string(chain)});
    return arguments;
}

std::set<std::string> filesIn(const fs::path& folder)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.insert(entry.path().filename().string());
    return names;
}

class ChainSplit : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        root = freshFolder("suite");
        fs::create_directories(root);
        ASSERT_EQ(runGroveRun(runArguments("3", root / "single")).status, 0);
        for (int k = 0; k < 2; ++k)
            ASSERT_EQ(
                runGroveRun(chainArguments("3", k, root / ("chain" + std::to_string(k)))).status,
                0);
    }
    static void TearDownTestSuite()
    {
        fs::remove_all(root);
        fs::remove(testHistoryFile());
    }
    static fs::path root;
};

fs::path ChainSplit::root;

TEST_F(ChainSplit, MergedChainsEqualTheSingleProcessRunBitForBit)
{
    // Given in any order.
    const CliOutcome merged =
        runGroveRun({"--merge", (root / "chain1").string(), (root / "chain0").string(), "--export",
                     "stata,r", "--out", (root / "merged").string()});
    ASSERT_EQ(merged.status, 0) << merged.output;
    EXPECT_NE(merged.output.find("ResultsTable:Imputation\nparameter"), std::string::npos);
    const std::set<std::string> single = filesIn(root / "single");
    EXPECT_EQ(filesIn(root / "merged"), single);
    EXPECT_GT(single.size(), 30u);
    for (const std::string& name : single)
        EXPECT_EQ(readFile(root / "merged" / name), readFile(root / "single" / name)) << name;
    // A chain's folder holds its own imputations only: chain 1 has the 2nd and 4th.
    EXPECT_TRUE(
        fs::exists(root / "chain1" / "Imputation_Model_impute_datafile_chain1_iter1050.dta"));
    EXPECT_FALSE(
        fs::exists(root / "chain1" / "Imputation_Model_impute_datafile_chain0_iter1000.dta"));
}

TEST_F(ChainSplit, FoldersThatDoNotBelongTogetherAreRefused)
{
    const std::string chain0 = (root / "chain0").string();
    const std::string chain1 = (root / "chain1").string();
    const std::string out = (root / "refused").string();
    CliOutcome outcome = runGroveRun({"--merge", chain0, "--out", out});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output, "grove-run: chain 1 of 2 is missing: run grove-run ... --chains 2 "
                              "--chain-index 1 and give its folder too\n");
    outcome = runGroveRun({"--merge", chain0, chain0, chain1, "--out", out});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output,
              "grove-run: chain 0 is given twice ('" + chain0 + "' and '" + chain0 + "')\n");

    const fs::path otherSeed = root / "seed4";
    ASSERT_EQ(runGroveRun(chainArguments("4", 1, otherSeed)).status, 0);
    outcome = runGroveRun({"--merge", chain0, otherSeed.string(), "--out", out});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output, "grove-run: cannot merge '" + otherSeed.string() + "' with '" +
                                  chain0 + "': different seed (4, 3)\n");

    outcome = runGroveRun({"--merge", chain0, (root / "single").string(), "--out", out});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output, "grove-run: '" + (root / "single").string() +
                                  "' is not a partial output folder of grove-run --chain-index "
                                  "(no grove-partial.txt)\n");
    EXPECT_FALSE(fs::exists(out));

    outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs",
                     workedExampleInputs, "--chains", "2", "--chain-index", "2", "--out", out});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output,
              "grove-run: --chain-index 2 is not below --chains 2 (chains are numbered from 0)\n");
}

} // namespace
