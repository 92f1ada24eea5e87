// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/SeedStrings.h"

#include "core/common/Error.h"
#include "core/spec/Command.h"
#include "core/spec/InputString.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

std::string commandError(std::string_view text)
{
    try {
        parseCommand(text);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Command, ParsesAndPrintsTheSeedsCommand)
{
    const std::string text =
        "RunStatJR(template='2LevelImpute', dataset='tutmiss', invars = {'L2ID': 'school', "
        "'numlevs': 'Yes'}, estoptions = {})";
    const Command c = parseCommand(text);
    EXPECT_EQ(c.templateName, "2LevelImpute");
    EXPECT_EQ(c.datasetName, "tutmiss");
    EXPECT_EQ(c.invars, (Answers{{"L2ID", "school"}, {"numlevs", "Yes"}}));
    EXPECT_TRUE(c.estoptions.empty());
    EXPECT_EQ(printCommand(c), text);
}

TEST(Command, AcceptsUnquotedNamesAnyOrderAndFreeSpacing)
{
    const Command c =
        parseCommand("  RunStatJR ( dataset = tutmiss ,template=2LevelMissingOnePass,\n "
                     "estoptions={'burnin': '500'},"
                     " invars={\xE2\x80\x98y\xE2\x80\x99: \xE2\x80\x98normexam\xE2\x80\x99} ) ");
    EXPECT_EQ(c.templateName, "2LevelMissingOnePass");
    EXPECT_EQ(c.datasetName, "tutmiss");
    EXPECT_EQ(c.invars.get("y"), "normexam");
    EXPECT_EQ(c.estoptions.get("burnin"), "500");
    EXPECT_EQ(printCommand(c),
              "RunStatJR(template='2LevelMissingOnePass', dataset='tutmiss', invars = "
              "{'y': 'normexam'}, estoptions = {'burnin': '500'})");
}

TEST(Command, EstoptionsMayBeLeftOut)
{
    const Command c =
        parseCommand("RunStatJR(template='2LevelImpute', dataset='tutmiss', invars = {})");
    EXPECT_TRUE(c.invars.empty());
    EXPECT_TRUE(c.estoptions.empty());
}

TEST(Command, CompleteSeedStringRoundTripsThroughACommand)
{
    Command c;
    c.templateName = "2LevelImpute";
    c.datasetName = "tutmiss";
    c.invars = parseInputString(test::seed2LevelImpute);
    const Command back = parseCommand(printCommand(c));
    EXPECT_EQ(back, c);
    EXPECT_EQ(printCommand(back), printCommand(c));
}

TEST(Command, AllAnswersJoinsInvarsAndEstoptions)
{
    const Command c = parseCommand(
        "RunStatJR(template=a, dataset=b, invars={'y': 'v'}, estoptions={'seed': '1'})");
    EXPECT_EQ(c.allAnswers(), (Answers{{"y", "v"}, {"seed", "1"}}));
    const Command both = parseCommand(
        "RunStatJR(template=a, dataset=b, invars={'seed': '2'}, estoptions={'seed': '1'})");
    EXPECT_THROW(both.allAnswers(), Error);
}

TEST(Command, ErrorsSayWhatAndWhere)
{
    EXPECT_EQ(commandError("Run(template='a')"),
              "command: expected 'RunStatJR(' but found 'Run' at character 4");
    EXPECT_EQ(commandError("RunStatJR(template='a', dataset='b', invars = {'a': 'b'}, extra = {})"),
              "command: unknown argument 'extra' at character 59; expected template, dataset, "
              "invars or estoptions");
    EXPECT_EQ(commandError("RunStatJR(dataset='b', invars = {})"),
              "command: no template given (template='...')");
    EXPECT_EQ(commandError("RunStatJR(template='a', invars = {})"),
              "command: no dataset given (dataset='...')");
    EXPECT_EQ(commandError("RunStatJR(template='a', template='b')"),
              "command: argument 'template' is given twice at character 25");
    EXPECT_EQ(commandError("RunStatJR(template='a', dataset='b', invars = {'a' 'b'})"),
              "command: expected ':' after key 'a' at character 52");
    EXPECT_EQ(commandError("RunStatJR(template='a' dataset='b')"),
              "command: expected ',' or ')' between arguments at character 24");
    EXPECT_EQ(commandError("RunStatJR(template='a', dataset='b')x"),
              "command: unexpected text 'x' after the end at character 37");
}

} // namespace
} // namespace grove
