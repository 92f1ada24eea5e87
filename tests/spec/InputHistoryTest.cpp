// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/InputHistory.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace grove {
namespace {

TEST(InputHistory, NewestFirstDeduplicatedAndBounded)
{
    const auto dir =
        std::filesystem::temp_directory_path() / ("grove-history-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const auto file = dir / "sub" / "history.tsv";
    InputHistory history(file, 3);
    EXPECT_TRUE(history.entries().empty()) << "no file yet: an empty history";
    history.add({"2LevelImpute", "tutmiss", "{'numlevs': 'Yes'}"});
    history.add({"2LevelMissingOnePass", "tutmiss", "{'y': 'normexam'}"});
    history.add({"2LevelImpute", "tutmiss", "{'numlevs': 'Yes'}"});
    std::vector<HistoryEntry> entries = InputHistory(file, 3).entries();
    ASSERT_EQ(entries.size(), 2u) << "a repeated run moves up instead of appearing twice";
    EXPECT_EQ(entries[0].inputString, "{'numlevs': 'Yes'}");
    EXPECT_EQ(entries[1].templateName, "2LevelMissingOnePass");
    history.add({"a", "d", "{1}"});
    history.add({"b", "d", "{2}\twith a tab"});
    entries = history.entries();
    ASSERT_EQ(entries.size(), 3u) << "capacity";
    EXPECT_EQ(entries[0].inputString, "{2} with a tab");
    EXPECT_EQ(entries[2].inputString, "{'numlevs': 'Yes'}");
    history.clear();
    EXPECT_TRUE(history.entries().empty());
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace grove
