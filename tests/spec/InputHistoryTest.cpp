// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/InputHistory.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <unistd.h>

namespace grove {
namespace {

// A fresh directory per test, removed afterwards.
class InputHistoryFile : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() /
                ("grove-history-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::filesystem::path file() const { return m_dir / "sub" / "history.tsv"; }

    static std::size_t lineCount(const std::filesystem::path& path)
    {
        std::ifstream in(path);
        std::size_t lines = 0;
        for (std::string line; std::getline(in, line);)
            ++lines;
        return lines;
    }

private:
    std::filesystem::path m_dir;
};

TEST_F(InputHistoryFile, NewestFirstDeduplicatedAndBounded)
{
    InputHistory history(file(), 3);
    EXPECT_TRUE(history.entries().empty()) << "no file yet: an empty history";
    history.add({"2LevelImpute", "tutmiss", "{'numlevs': 'Yes'}", "2026-01-01T10:00:00Z"});
    history.add({"2LevelMissingOnePass", "tutmiss", "{'y': 'normexam'}", "2026-01-02T10:00:00Z"});
    history.add({"2LevelImpute", "tutmiss", "{'numlevs': 'Yes'}", "2026-01-03T10:00:00Z"});
    std::vector<HistoryEntry> entries = InputHistory(file(), 3).entries();
    ASSERT_EQ(entries.size(), 2u) << "a repeated run moves up instead of appearing twice";
    EXPECT_EQ(entries[0].inputString, "{'numlevs': 'Yes'}");
    EXPECT_EQ(entries[0].recorded, "2026-01-03T10:00:00Z") << "and takes the new date";
    EXPECT_EQ(entries[1].templateName, "2LevelMissingOnePass");
    history.add({"a", "d", "{1}", ""});
    history.add({"b", "d\tx", "{2}\twith a tab", ""});
    entries = history.entries();
    ASSERT_EQ(entries.size(), 3u) << "capacity";
    EXPECT_EQ(entries[0].inputString, "{2} with a tab");
    EXPECT_EQ(entries[0].datasetName, "d x");
    EXPECT_EQ(entries[2].inputString, "{'numlevs': 'Yes'}");
    history.clear();
    EXPECT_TRUE(history.entries().empty());
}

TEST_F(InputHistoryFile, EachRunIsDatedWhenAdded)
{
    InputHistory history(file());
    const std::string before = historyTimestampNow();
    history.add({"2LevelImpute", "tutmiss", "{'numlevs': 'Yes'}", ""});
    const std::string after = historyTimestampNow();
    const std::vector<HistoryEntry> entries = InputHistory(file()).entries();
    ASSERT_EQ(entries.size(), 1u);
    const std::string& recorded = entries[0].recorded;
    EXPECT_TRUE(std::regex_match(recorded, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
        << recorded;
    // ISO 8601 timestamps order as strings do.
    EXPECT_LE(before, recorded);
    EXPECT_LE(recorded, after);
    EXPECT_EQ(historyHeading(entries[0]), "2LevelImpute · tutmiss · " + recorded.substr(0, 10) +
                                              " " + recorded.substr(11, 5) + " UTC");
}

TEST_F(InputHistoryFile, OldFilesWithoutDatesAreReadAndKept)
{
    std::filesystem::create_directories(file().parent_path());
    {
        std::ofstream out(file());
        out << "2LevelImpute\ttutmiss\t{'numlevs': 'Yes'}\n"
            << "a line that is not one of ours\n"
            << "2LevelMissingOnePass\ttutorial\t{'y': 'normexam'}\n";
    }
    InputHistory history(file());
    std::vector<HistoryEntry> entries = history.entries();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0],
              (HistoryEntry{"2LevelImpute", "tutmiss", "{'numlevs': 'Yes'}", std::string()}));
    EXPECT_EQ(entries[1].datasetName, "tutorial");
    EXPECT_EQ(historyHeading(entries[1]), "2LevelMissingOnePass · tutorial · date not recorded");

    history.add({"2LevelImpute", "tutmiss", "{'numlevs': 'No'}", "2026-12-03T19:30:05Z"});
    entries = InputHistory(file()).entries();
    ASSERT_EQ(entries.size(), 3u) << "old entries survive a new run";
    EXPECT_EQ(historyHeading(entries[0]), "2LevelImpute · tutmiss · 2026-12-03 19:30 UTC");
    EXPECT_TRUE(entries[1].recorded.empty());
    EXPECT_EQ(entries[2].inputString, "{'y': 'normexam'}");
}

TEST_F(InputHistoryFile, ABatchOverManyDatasetsIsCappedAtTheDefaultCapacity)
{
    ASSERT_EQ(InputHistory::defaultCapacity, 200u);
    InputHistory history(file());
    EXPECT_EQ(history.capacity(), InputHistory::defaultCapacity);
    for (int i = 0; i < 250; ++i)
        history.add({"2LevelImpute", "data" + std::to_string(i), "{'numlevs': 'Yes'}", ""});
    const std::vector<HistoryEntry> entries = history.entries();
    ASSERT_EQ(entries.size(), 200u);
    EXPECT_EQ(entries.front().datasetName, "data249");
    EXPECT_EQ(entries.back().datasetName, "data50");
    EXPECT_EQ(lineCount(file()), 200u) << "the file itself stays capped";

    // A longer file (edited by hand, or from a larger cap) is read only up to the cap.
    {
        std::ofstream out(file(), std::ios::app);
        for (int i = 0; i < 100; ++i)
            out << "t\td\t{" << i << "}\n";
    }
    EXPECT_EQ(InputHistory(file()).entries().size(), 200u);
    history.add({"t", "d", "{new}", ""});
    EXPECT_EQ(lineCount(file()), 200u);
}

TEST(InputHistoryFilter, KeepsTheCurrentTemplateAndDatasetInOrder)
{
    const std::vector<HistoryEntry> entries{
        {"2LevelImpute", "tutmiss", "{1}", ""},
        {"2LevelImpute", "tutorial", "{2}", ""},
        {"2LevelMissingOnePass", "tutmiss", "{3}", ""},
        {"2LevelImpute", "tutmiss", "{4}", ""},
    };
    const std::vector<HistoryEntry> both = historyFor(entries, "2LevelImpute", "tutmiss");
    ASSERT_EQ(both.size(), 2u);
    EXPECT_EQ(both[0].inputString, "{1}");
    EXPECT_EQ(both[1].inputString, "{4}");
    EXPECT_EQ(historyFor(entries, "2LevelImpute", "").size(), 3u) << "no dataset open yet";
    EXPECT_EQ(historyFor(entries, "", "tutmiss").size(), 3u) << "no template chosen yet";
    EXPECT_EQ(historyFor(entries, "", "").size(), 4u);
    EXPECT_TRUE(historyFor(entries, "NLevelImpute", "tutmiss").empty());
}

} // namespace
} // namespace grove
