// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace grove {

/// One earlier run, for Template > Set Inputs > History.
struct HistoryEntry {
    std::string templateName;
    std::string datasetName;
    std::string inputString;
    bool operator==(const HistoryEntry& other) const = default;
};

/// The input strings of earlier runs, newest first, kept in a text file per user so the GUI
/// and grove-run share them across sessions: `$GROVE_HISTORY_FILE`, else
/// `$XDG_DATA_HOME/grove/history.tsv`, else `~/.local/share/grove/history.tsv`. One run per
/// line: template, dataset and input string separated by tabs. Not thread-safe.
class InputHistory {
public:
    explicit InputHistory(std::filesystem::path file = defaultFile(), std::size_t capacity = 50);

    static std::filesystem::path defaultFile();

    /// Newest first. A missing or unreadable file is an empty history.
    std::vector<HistoryEntry> entries() const;
    /// Adds a run at the top (an identical earlier entry moves up) and keeps at most
    /// `capacity` entries. Written atomically; throws Error if the file cannot be written.
    void add(const HistoryEntry& entry);
    void clear();
    const std::filesystem::path& file() const { return m_file; }

private:
    void save(const std::vector<HistoryEntry>& entries) const;

    std::filesystem::path m_file;
    std::size_t m_capacity;
};

} // namespace grove
