// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run --dry-run with the Stat-JR manual's input strings (reference/seed_input_strings.txt:
// the strings printed in the seeds, OCR slips corrected), through --inputs and through --command.
#include "CliRunner.h"
#include "common/SeedStrings.h"

#include <gtest/gtest.h>

namespace {

// "Input string: {...}\nCommand: RunStatJR(...)\n" -> the two lines' payloads.
std::pair<std::string, std::string> splitDryRun(const std::string& output)
{
    const std::string inputTag = "Input string: ";
    const std::string commandTag = "\nCommand: ";
    const auto commandAt = output.find(commandTag);
    if (output.rfind(inputTag, 0) != 0 || commandAt == std::string::npos)
        return {};
    std::string command = output.substr(commandAt + commandTag.size());
    if (!command.empty() && command.back() == '\n')
        command.pop_back();
    return {output.substr(inputTag.size(), commandAt - inputTag.size()), command};
}

void expectCompleteAndRoundTrip(const std::string& templateName, const std::string& inputs)
{
    const CliOutcome first = runGroveRun(
        {"--dataset", "tutmiss", "--template", templateName, "--inputs", inputs, "--dry-run"});
    ASSERT_EQ(first.status, 0) << first.output;
    const auto [inputString, command] = splitDryRun(first.output);
    ASSERT_FALSE(inputString.empty()) << first.output;
    EXPECT_EQ(command.rfind(
                  "RunStatJR(template='" + templateName + "', dataset='tutmiss', invars = {", 0),
              0u)
        << command;

    // The printed string, fed back, prints itself again.
    const CliOutcome again = runGroveRun(
        {"--dataset", "tutmiss", "--template", templateName, "--inputs", inputString, "--dry-run"});
    ASSERT_EQ(again.status, 0) << again.output;
    EXPECT_EQ(again.output, first.output);

    // So does the printed command.
    const CliOutcome viaCommand = runGroveRun({"--command", command, "--dry-run"});
    ASSERT_EQ(viaCommand.status, 0) << viaCommand.output;
    EXPECT_EQ(viaCommand.output, first.output);
}

TEST(DryRun, Seed000TwoLevelImputeStringIsComplete)
{
    expectCompleteAndRoundTrip("2LevelImpute", grove::test::seed2LevelImpute);
}

TEST(DryRun, Seed001StringLacksIterations)
{
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute", "--inputs",
                     grove::test::seed2LevelImputeOld, "--dry-run"});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output,
              "grove-run: 'iterations' (Number of iterations for MOI) is not answered\n");
}

TEST(DryRun, OnePassInteractionStringIsComplete)
{
    expectCompleteAndRoundTrip("2LevelMissingOnePass", grove::test::seedOnePassInteraction);
}

TEST(DryRun, OnePassAppendixStringFindsTheLevel2Dataset)
{
    expectCompleteAndRoundTrip("2LevelMissingOnePass", grove::test::seedOnePassLevel2);
}

TEST(DryRun, OnePassEstimationKeysGoToEstoptions)
{
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
                     grove::test::seedOnePassInteraction, "--dry-run"});
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const std::string command = splitDryRun(outcome.output).second;
    const auto estoptions = command.find("estoptions = {");
    ASSERT_NE(estoptions, std::string::npos);
    for (const char* key : {"'burnin'", "'iterations'", "'thinning'", "'nchains'", "'seed'"})
        EXPECT_GT(command.find(key), estoptions) << key << " belongs in estoptions: " << command;
}

TEST(DryRun, BadInputsNameTheProblem)
{
    const CliOutcome unknownTemplate = runGroveRun(
        {"--dataset", "tutmiss", "--template", "3LevelMagic", "--inputs", "{}", "--dry-run"});
    EXPECT_EQ(unknownTemplate.status, 2);
    EXPECT_EQ(unknownTemplate.output.rfind("grove-run: unknown template '3LevelMagic'", 0), 0u)
        << unknownTemplate.output;
    const CliOutcome malformed = runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute",
                                              "--inputs", "{'numlevs' 'Yes'}", "--dry-run"});
    EXPECT_EQ(malformed.status, 2);
    EXPECT_NE(malformed.output.find("'numlevs'"), std::string::npos) << malformed.output;
    const CliOutcome both =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
                     "{'seed': '1'}", "--estoptions", "{'seed': '2'}", "--dry-run"});
    EXPECT_EQ(both.output,
              "grove-run: input 'seed' is given both in the inputs and in the estoptions\n");
}

} // namespace
