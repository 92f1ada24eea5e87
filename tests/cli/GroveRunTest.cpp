// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run as a user runs it: a real process, its exit status, stdout and stderr.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace {

struct Outcome {
    int status = -1;
    std::string output; // stdout and stderr together
};

std::string quote(const std::string& argument)
{
    std::string quoted = "'";
    for (char c : argument) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

Outcome runGroveRun(const std::vector<std::string>& arguments)
{
    std::string command = GROVE_RUN_EXECUTABLE;
    for (const std::string& argument : arguments)
        command += " " + quote(argument);
    command += " 2>&1";
    Outcome outcome;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    std::size_t read = 0;
    while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        outcome.output.append(buffer.data(), read);
    const int status = pclose(pipe);
    outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

TEST(GroveRun, DescribePrintsTheSeedsDatasetSummary)
{
    const Outcome outcome = runGroveRun({"--dataset", "tutmiss", "--describe"});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("Dataset: tutmiss (4059 rows, 15 variables, 2251 missing values)"),
              std::string::npos)
        << outcome.output;
    // Missing counts of the CSV: schgendmiss 496, avslrtmiss 424, standlrtmiss 400, girlmiss 435.
    for (const char* line : {"schgendmiss      3563      496", "avslrtmiss       3635      424",
                             "standlrtmiss     3659      400", "girlmiss         3624      435"})
        EXPECT_NE(outcome.output.find(line), std::string::npos) << line << "\n" << outcome.output;
}

TEST(GroveRun, DescribeReadsFilesByPath)
{
    const Outcome outcome =
        runGroveRun({"--dataset", std::string(GROVE_DATASETS_DIR) + "/csv/tutmiss_lev2.csv", "--describe"});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("Dataset: tutmiss_lev2 (65 rows, 8 variables"), std::string::npos);
}

TEST(GroveRun, HelpAndVersion)
{
    const Outcome help = runGroveRun({"--help"});
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.output.find("Usage:"), std::string::npos);
    const Outcome version = runGroveRun({"--version"});
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.output.rfind("grove-run ", 0), 0u);
}

// Each bad invocation exits non-zero with exactly one line naming the problem.
TEST(GroveRun, BadArgumentsGiveOneLineErrors)
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--describe"}, "grove-run: --describe needs --dataset NAME|PATH\n"},
        {{"--dataset", "nosuch", "--describe"}, "grove-run: unknown dataset 'nosuch' (bundled datasets: "},
        {{"--dataset", "/no/such/file.dta", "--describe"}, "grove-run: no such file: '/no/such/file.dta'\n"},
        {{"--frobnicate"}, "grove-run: unknown option '--frobnicate' (see grove-run --help)\n"},
        {{"stray"}, "grove-run: unexpected argument 'stray' (options start with --; see grove-run --help)\n"},
        {{"--dataset"}, "grove-run: option --dataset needs a value\n"},
        {{"--seed", "abc", "--dataset", "tutmiss", "--describe"},
         "grove-run: --seed needs a whole number from 0 to 4294967295, not 'abc'\n"},
        {{"--threads", "0", "--dataset", "tutmiss", "--describe"},
         "grove-run: --threads needs a whole number from 1 to 256, not '0'\n"},
        {{"--dataset", "a", "--dataset", "b", "--describe"}, "grove-run: option --dataset is given twice\n"},
        {{"--describe", "--dry-run", "--dataset", "tutmiss"},
         "grove-run: choose one of --dry-run, --describe, --list-datasets, --list-templates, --help and --version\n"},
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
    };
    for (const auto& [arguments, expected] : cases) {
        const Outcome outcome = runGroveRun(arguments);
        EXPECT_EQ(outcome.status, 2) << outcome.output;
        EXPECT_EQ(outcome.output.rfind(expected, 0), 0u) << "got: " << outcome.output;
        EXPECT_EQ(outcome.output.find('\n'), outcome.output.size() - 1) << "one line: " << outcome.output;
    }
}

} // namespace
