// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/SeedStrings.h"

#include "core/common/Error.h"
#include "core/spec/InputString.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

std::string parseError(std::string_view text)
{
    try {
        parseInputString(text);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(InputString, ParsesTheSeedsScreenshotString)
{
    const Answers a = parseInputString("{'L2ID': 'school', 'numlevs': 'Yes'}");
    EXPECT_EQ(a.keys(), (std::vector<std::string>{"L2ID", "numlevs"}));
    EXPECT_EQ(a.get("L2ID"), "school");
    EXPECT_EQ(a.get("numlevs"), "Yes");
}

TEST(InputString, PrintsPythonDictStyle)
{
    Answers a;
    a.set("numlevs", "Yes");
    a.set("L2ID", "school");
    EXPECT_EQ(printInputString(a), "{'numlevs': 'Yes', 'L2ID': 'school'}");
    EXPECT_EQ(printInputString(Answers()), "{}");
}

TEST(InputString, RoundTripsEverySeedStringExactly)
{
    for (const char* text : {test::seed2LevelImpute, test::seed2LevelImputeOld,
                             test::seedOnePassInteraction, test::seedOnePassLevel2}) {
        const Answers a = parseInputString(text);
        EXPECT_EQ(printInputString(a), text);
        EXPECT_EQ(parseInputString(printInputString(a)), a);
    }
}

TEST(InputString, AcceptsDoubleCurlyAndBareQuotes)
{
    const Answers expected{{"numlevs", "Yes"}, {"L2ID", "school"}};
    EXPECT_EQ(parseInputString("{\"numlevs\": \"Yes\", \"L2ID\": \"school\"}"), expected);
    EXPECT_EQ(parseInputString("{\xE2\x80\x98numlevs\xE2\x80\x99: \xE2\x80\x98Yes\xE2\x80\x99, "
                               "\xE2\x80\x9CL2ID\xE2\x80\x9D: \xE2\x80\x9Cschool\xE2\x80\x9D}"),
              expected);
    // The Stat-JR manual's screenshots lost the quotes of the first key: {L2ID: 'school', ...}.
    EXPECT_EQ(parseInputString("{numlevs: 'Yes', L2ID: school}"), expected);
    // A PDF may use the right single quote on both sides.
    EXPECT_EQ(parseInputString("{\xE2\x80\x99numlevs\xE2\x80\x99: 'Yes', 'L2ID': 'school'}"),
              expected);
}

TEST(InputString, AcceptsWhitespaceNewlinesTrailingCommaAndEmptyDict)
{
    const Answers expected{{"numlevs", "Yes"}, {"L2ID", "school"}};
    EXPECT_EQ(parseInputString("  {\n  'numlevs' :'Yes' ,\n\t'L2ID':\n 'school',\n}\n "), expected);
    EXPECT_EQ(parseInputString("{'numlevs': 'Yes',\xC2\xA0'L2ID': 'school'}"), expected);
    EXPECT_TRUE(parseInputString("{}").empty());
    EXPECT_TRUE(parseInputString(" { } ").empty());
}

TEST(InputString, UndoesMarkdownEscapesFromRenderedDocuments)
{
    const Answers a = parseInputString("{'bin1\\_3': 'Binary', 'xvars': 'a,b,a\\*b'}");
    EXPECT_EQ(a.get("bin1_3"), "Binary");
    EXPECT_EQ(a.get("xvars"), "a,b,a*b");
}

TEST(InputString, QuotesAndEscapesRoundTrip)
{
    Answers a;
    a.set("note", "it's");
    a.set("both", "say \"it's\"");
    a.set("slash", "a\\b");
    a.set("line", "a\nb");
    const std::string text = printInputString(a);
    EXPECT_EQ(text,
              "{'note': \"it's\", 'both': 'say \"it\\'s\"', 'slash': 'a\\\\b', 'line': 'a\\nb'}");
    EXPECT_EQ(parseInputString(text), a);
}

TEST(InputString, KeysKeepTheOrderOfTheText)
{
    const Answers a = parseInputString("{'b': '1', 'a': '2', 'c': '3'}");
    EXPECT_EQ(a.keys(), (std::vector<std::string>{"b", "a", "c"}));
}

TEST(InputString, ErrorsSayWhatAndWhere)
{
    EXPECT_EQ(parseError("{'numlevs': 'Yes', 'L2ID' 'school'}"),
              "input string: expected ':' after key 'L2ID' at character 27");
    EXPECT_EQ(parseError("{'L2ID' 'school'}"),
              "input string: expected ':' after key 'L2ID' at character 9");
    EXPECT_EQ(parseError("{'a': 'x', 'a': 'y'}"),
              "input string: duplicate key 'a' at character 12");
    EXPECT_EQ(parseError(""), "input string: the text is empty; expected '{' at character 1");
    EXPECT_EQ(parseError("'a': 'b'"),
              "input string: expected '{' to open the dictionary at character 1");
    EXPECT_EQ(parseError("{'a': 'b'"),
              "input string: missing '}' to close the dictionary at character 10");
    EXPECT_EQ(parseError("{'a': 'b}"),
              "input string: unterminated quoted text starting at character 7");
    EXPECT_EQ(
        parseError("{'a': 'b' 'c': 'd'}"),
        "input string: expected ',' or '}' after the value of 'a' but found ''' at character 11");
    EXPECT_EQ(parseError("{'a': 'b'} x"),
              "input string: unexpected text 'x' after the end at character 12");
    EXPECT_EQ(parseError("{'a': }"),
              "input string: expected a quoted value for key 'a' but found '}' at character 7");
    EXPECT_EQ(parseError("{'': 'b'}"), "input string: empty key at character 2");
    EXPECT_EQ(parseError("{'a': 'b',, }"),
              "input string: expected a quoted value for a key but found ',' at character 11");
}

TEST(InputString, CharacterPositionsCountCharactersNotBytes)
{
    // Curly quotes are three bytes each in UTF-8 but one character.
    EXPECT_EQ(parseError("{\xE2\x80\x98L2ID\xE2\x80\x99 'school'}"),
              "input string: expected ':' after key 'L2ID' at character 9");
}

} // namespace
} // namespace grove
