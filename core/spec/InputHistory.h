// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace grove {

/// One earlier run, for Template > Set Inputs > History.
struct HistoryEntry {
    std::string templateName;
    std::string datasetName;
    std::string inputString;
    /// When the run was recorded, UTC, "YYYY-MM-DDTHH:MM:SSZ"; empty for entries written before
    /// the history kept dates. InputHistory::add fills it in when it is empty.
    std::string recorded{};
    bool operator==(const HistoryEntry& other) const = default;
    /// The same run (template, dataset and input string), whenever it was recorded.
    bool sameRunAs(const HistoryEntry& other) const;
};

/// The entries of `entries` for `templateName` and `datasetName`, in order; an empty name
/// matches every entry (no template chosen or no dataset open yet).
std::vector<HistoryEntry> historyFor(const std::vector<HistoryEntry>& entries,
                                     const std::string& templateName,
                                     const std::string& datasetName);

/// "2LevelImpute · tutmiss · 2026-12-03 19:30 UTC", the heading of an entry in the History
/// list ("date not recorded" for old entries).
std::string historyHeading(const HistoryEntry& entry);

/// The current time as HistoryEntry::recorded holds it.
std::string historyTimestampNow();

/// The input strings of earlier runs, newest first, kept in a text file per user so the GUI
/// and grove-run share them across sessions: `$GROVE_HISTORY_FILE`, else
/// `$XDG_DATA_HOME/grove/history.tsv`, else `~/.local/share/grove/history.tsv`. One run per
/// line: template, dataset, input string and time recorded, separated by tabs; lines of
/// earlier versions, without the time, are read too. Not thread-safe.
class InputHistory {
public:
    /// Room for one run of a batch over 200 datasets each, yet a file read in a blink.
    static constexpr std::size_t defaultCapacity = 200;

    explicit InputHistory(std::filesystem::path file = defaultFile(),
                          std::size_t capacity = defaultCapacity);

    static std::filesystem::path defaultFile();

    /// Newest first, at most `capacity`. A missing or unreadable file is an empty history.
    std::vector<HistoryEntry> entries() const;
    /// Adds a run at the top, stamped now unless `entry.recorded` is set (the same run recorded
    /// earlier moves up), and keeps at most `capacity` entries. Written atomically; throws
    /// Error if the file cannot be written.
    void add(const HistoryEntry& entry);
    void clear();
    const std::filesystem::path& file() const { return m_file; }
    std::size_t capacity() const { return m_capacity; }

private:
    void save(const std::vector<HistoryEntry>& entries) const;

    std::filesystem::path m_file;
    std::size_t m_capacity;
};

} // namespace grove
