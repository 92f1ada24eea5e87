// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run --dry-run with the seeds' input strings (reference/seed_input_strings.txt: the
// strings printed in the seeds, OCR slips corrected), through --inputs and through --command.
#include "CliRunner.h"

#include <gtest/gtest.h>

namespace {

const std::string seed000ImputeString =
    "{'want2': 'Yes', 'MOIlevel': '2 levels', 'bin1_3': 'Binary', 'bin1_2': 'Normal', 'bin1_1': "
    "'Normal', 'iterations': '250', 'imputefirst': '1000', 'yimp2': 'schgendmiss', 'numlevs': "
    "'Yes', 'MOIslope': 'No', 'condmarg': 'Yes', 'L2ID': 'school', 'burnin': '100', 'yimp1': "
    "'normexam,standlrtmiss,girlmiss', 'numimpute': '4', 'imputeevery': '50', "
    "'ncatsschgendmiss': '3', 'ximp2_0_0': 'cons', 'ximp1_1': 'cons,vrband:cat', 'ximp1_0': "
    "'cons', 'ximp1_2': 'cons', 'MOIdist': 'Normal', 'y': 'normexam', 'x': "
    "'cons,standlrtmiss,girlmiss,schgendmiss:cat', 'ximp2_0_1': 'cons', 'bin2_1': 'Unordered'}";

const std::string seed001ImputeString =
    "{'want2': 'Yes', 'MOIlevel': '2 levels', 'bin1_3': 'Binary', 'bin1_2': 'Normal', 'bin1_1': "
    "'Normal', 'impute1st': '1000', 'yimp2': 'schgendmiss', 'numlevs': 'Yes', 'MOIslope': 'No', "
    "'condmarg': 'Yes', 'L2ID': 'school', 'burnin': '100', 'yimp1': "
    "'normexam,standlrtmiss,girlmiss', 'numimpute': '4', 'imputeevery': '50', 'bin2_1': "
    "'Unordered', 'ximp1_1': 'cons,vrband:cat', 'ximp1_0': 'cons', 'ximp1_2': 'cons', 'MOIdist': "
    "'Normal', 'y': 'normexam', 'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', "
    "'ncatsschgendmiss': '3', 'ximp2_0_1': 'cons', 'ximp2_0_0': 'cons'}";

const std::string seedOnePassInteraction =
    "{'D': 'Normal', 'makepred': 'No', 'storeresid': 'No', 'x2vars': 'cons', 'priors2': "
    "'Uniform', 'nchains': '3', 'defaultalg': 'Yes', 'iterations': '2000', 'outdata': 'out', "
    "'ximp2': 'cons', 'ximp1': 'cons', 'bin1': 'Normal', 'seed': '1', 'numpoly': '0', "
    "'defaultsv': 'Yes', 'imputeiters': '0', 'L2ID': 'school', 'burnin': '500', 'xinter0': "
    "'standlrtmiss,girlmiss', 'numinter': '1', 'L1resp': 'Yes', 'xvars': "
    "'cons,standlrtmiss,girlmiss,standlrtmiss*girlmiss', 'L2imp': 'Yes', 'L2resp': 'No', "
    "'thinning': '1', 'yimp': 'standlrtmiss,girlmiss', 'y': 'normexam', 'priorsint': 'Uniform', "
    "'L2int': 'Yes', 'L2IDimp': 'school', 'bin2': 'Binary'}";

const std::string seedOnePassAppendix =
    "{'imputeiters': '0', 'L2int': 'Yes', 'D': 'Normal', 'storeresid': 'No', 'L2IDimp': "
    "'school', 'x2vars': 'cons', 'y': 'normexam', 'nchains': '3', 'defaultalg': 'Yes', "
    "'iterations': '2000', 'ximp2_1': 'cons', 'outdata': 'out', 'burnin': '500', 'ximp1': "
    "'cons', 'seed': '1', 'numpoly': '0', 'defaultsv': 'Yes', 'L2Data': 'tutmiss_lev2', 'L2ID': "
    "'school', 'yimp2': 'avslrtmiss', 'numinter': '0', 'L1resp': 'Yes', 'makepred': 'No', "
    "'L2imp': 'Yes', 'L2resp': 'Yes', 'thinning': '1', 'yimp': 'girlmiss', 'priors2': "
    "'Uniform', 'priorsint': 'Uniform', 'bin1': 'Binary', 'bin2_1': 'Normal', 'xvars': "
    "'cons,standlrt,girlmiss,avslrtmiss'}";

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
    expectCompleteAndRoundTrip("2LevelImpute", seed000ImputeString);
}

TEST(DryRun, Seed001StringLacksIterations)
{
    const CliOutcome outcome = runGroveRun({"--dataset", "tutmiss", "--template", "2LevelImpute",
                                            "--inputs", seed001ImputeString, "--dry-run"});
    EXPECT_EQ(outcome.status, 2);
    EXPECT_EQ(outcome.output,
              "grove-run: 'iterations' (Number of iterations for MOI) is not answered\n");
}

TEST(DryRun, OnePassInteractionStringIsComplete)
{
    expectCompleteAndRoundTrip("2LevelMissingOnePass", seedOnePassInteraction);
}

TEST(DryRun, OnePassAppendixStringFindsTheLevel2Dataset)
{
    expectCompleteAndRoundTrip("2LevelMissingOnePass", seedOnePassAppendix);
}

TEST(DryRun, OnePassEstimationKeysGoToEstoptions)
{
    const CliOutcome outcome =
        runGroveRun({"--dataset", "tutmiss", "--template", "2LevelMissingOnePass", "--inputs",
                     seedOnePassInteraction, "--dry-run"});
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
