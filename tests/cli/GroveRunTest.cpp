// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run as a user runs it: a real process, its exit status, stdout and stderr.
#include "CliRunner.h"

#include <gtest/gtest.h>

namespace {

TEST(GroveRun, DescribePrintsTheSeedsDatasetSummary)
{
    const CliOutcome outcome = runGroveRun({"--dataset", "tutmiss", "--describe"});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(
        outcome.output.find("Dataset: tutmiss (4059 rows, 15 variables, 2251 missing values)"),
        std::string::npos)
        << outcome.output;
    // Missing counts of the CSV: schgendmiss 496, avslrtmiss 424, standlrtmiss 400, girlmiss 435.
    for (const char* line : {"schgendmiss      3563      496", "avslrtmiss       3635      424",
                             "standlrtmiss     3659      400", "girlmiss         3624      435"})
        EXPECT_NE(outcome.output.find(line), std::string::npos) << line << "\n" << outcome.output;
}

TEST(GroveRun, DescribeReadsFilesByPath)
{
    const CliOutcome outcome = runGroveRun(
        {"--dataset", std::string(GROVE_DATASETS_DIR) + "/csv/tutmiss_lev2.csv", "--describe"});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("Dataset: tutmiss_lev2 (65 rows, 8 variables"),
              std::string::npos);
}

TEST(GroveRun, HelpAndVersion)
{
    const CliOutcome help = runGroveRun({"--help"});
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.output.find("Usage:"), std::string::npos);
    EXPECT_NE(help.output.find("--complete-df between-within|inf|N"), std::string::npos);
    EXPECT_NE(help.output.find("--chain-per-imputation"), std::string::npos);
    const CliOutcome version = runGroveRun({"--version"});
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.output.rfind("grove-run ", 0), 0u);
}

// Each bad invocation exits non-zero with exactly one line naming the problem.
TEST(GroveRun, BadArgumentsGiveOneLineErrors)
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--describe"}, "grove-run: --describe needs --dataset NAME|PATH\n"},
        {{"--dataset", "nosuch", "--describe"},
         "grove-run: unknown dataset 'nosuch' (bundled datasets: "},
        {{"--dataset", "/no/such/file.dta", "--describe"},
         "grove-run: no such file: '/no/such/file.dta'\n"},
        {{"--frobnicate"}, "grove-run: unknown option '--frobnicate' (see grove-run --help)\n"},
        {{"stray"},
         "grove-run: unexpected argument 'stray' (options start with --; see grove-run --help)\n"},
        {{"--dataset"}, "grove-run: option --dataset needs a value\n"},
        {{"--seed", "abc", "--dataset", "tutmiss", "--describe"},
         "grove-run: --seed needs a whole number from 0 to 4294967295, not 'abc'\n"},
        {{"--threads", "0", "--dataset", "tutmiss", "--describe"},
         "grove-run: --threads needs a whole number from 1 to 256, not '0'\n"},
        {{"--dataset", "a", "--dataset", "b", "--describe"},
         "grove-run: option --dataset is given twice\n"},
        {{"--describe", "--dry-run", "--dataset", "tutmiss"},
         "grove-run: choose one of --dry-run, --describe, --list-datasets, --list-templates, "
         "--help and --version\n"},
        {{"--dataset", "tutmiss", "--inputs", "{}", "--out", "x"},
         "grove-run: no template: give --template NAME (see grove-run --list-templates)\n"},
        {{"--template", "2LevelImpute", "--inputs", "{}", "--out", "x"},
         "grove-run: no dataset: give --dataset NAME|PATH (or a whole --command)\n"},
        {{"--dataset", "tutmiss", "--template", "2LevelImpute", "--out", "x"},
         "grove-run: no inputs: give --inputs \"{...}\" (the template's input string)\n"},
        {{"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs", "{}"},
         "grove-run: no output folder: give --out DIR (or --dry-run to only validate)\n"},
        {{"--command", "RunStatJR()", "--template", "x", "--out", "d"},
         "grove-run: --command already holds the template, inputs and estoptions; do not also give "
         "--template, --inputs or --estoptions\n"},
        {{"--help=yes"}, "grove-run: option --help takes no value\n"},
        {{"--complete-df", "0", "--dataset", "tutmiss", "--describe"},
         "grove-run: --complete-df needs between-within, inf or a positive number, not '0'\n"},
        {{"--chains", "2", "--chain-per-imputation", "--dataset", "tutmiss", "--describe"},
         "grove-run: --chain-per-imputation and --chains both set the number of chains; give "
         "one\n"},
    };
    for (const auto& [arguments, expected] : cases) {
        const CliOutcome outcome = runGroveRun(arguments);
        EXPECT_EQ(outcome.status, 2) << outcome.output;
        EXPECT_EQ(outcome.output.rfind(expected, 0), 0u) << "got: " << outcome.output;
        EXPECT_EQ(outcome.output.find('\n'), outcome.output.size() - 1)
            << "one line: " << outcome.output;
    }
}

} // namespace
