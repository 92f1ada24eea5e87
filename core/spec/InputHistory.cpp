// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/InputHistory.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace grove {

namespace {

// Input strings never hold tabs or newlines once normalised; replace any that slip in, so
// one line stays one entry.
std::string oneLine(std::string text)
{
    std::replace(text.begin(), text.end(), '\t', ' ');
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

} // namespace

InputHistory::InputHistory(std::filesystem::path file, std::size_t capacity)
    : m_file(std::move(file)), m_capacity(capacity)
{
}

std::filesystem::path InputHistory::defaultFile()
{
    if (const char* explicitFile = std::getenv("GROVE_HISTORY_FILE"); explicitFile && *explicitFile)
        return explicitFile;
    if (const char* dataHome = std::getenv("XDG_DATA_HOME"); dataHome && *dataHome)
        return std::filesystem::path(dataHome) / "grove" / "history.tsv";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "grove" /
           "history.tsv";
}

std::vector<HistoryEntry> InputHistory::entries() const
{
    std::vector<HistoryEntry> result;
    std::ifstream in(m_file);
    std::string line;
    while (std::getline(in, line)) {
        const auto first = line.find('\t');
        const auto second = first == std::string::npos ? first : line.find('\t', first + 1);
        if (second == std::string::npos)
            continue; // not one of ours: skip rather than fail the whole history
        result.push_back({line.substr(0, first), line.substr(first + 1, second - first - 1),
                          line.substr(second + 1)});
    }
    return result;
}

void InputHistory::add(const HistoryEntry& entry)
{
    const HistoryEntry clean{oneLine(entry.templateName), oneLine(entry.datasetName),
                             oneLine(entry.inputString)};
    std::vector<HistoryEntry> all = entries();
    all.erase(std::remove(all.begin(), all.end(), clean), all.end());
    all.insert(all.begin(), clean);
    if (all.size() > m_capacity)
        all.resize(m_capacity);
    save(all);
}

void InputHistory::clear()
{
    save({});
}

void InputHistory::save(const std::vector<HistoryEntry>& entries) const
{
    std::error_code error;
    if (m_file.has_parent_path())
        std::filesystem::create_directories(m_file.parent_path(), error);
    std::ostringstream text;
    for (const HistoryEntry& e : entries)
        text << e.templateName << '\t' << e.datasetName << '\t' << e.inputString << '\n';
    // Temporary name and rename, so a crash never leaves a half-written history.
    std::filesystem::path temporary = m_file;
    temporary += ".partial-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << text.str();
        if (!out)
            throw Error("cannot write the run history '" + m_file.string() + "'");
    }
    std::filesystem::rename(temporary, m_file, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw Error("cannot write the run history '" + m_file.string() + "'");
    }
}

} // namespace grove
