// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/InputHistory.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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

// The tab-separated fields of one line of the history file.
std::vector<std::string> fieldsOf(const std::string& line)
{
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
        if (tab == std::string::npos)
            return fields;
        start = tab + 1;
    }
}

} // namespace

bool HistoryEntry::sameRunAs(const HistoryEntry& other) const
{
    return templateName == other.templateName && datasetName == other.datasetName &&
           inputString == other.inputString;
}

std::vector<HistoryEntry> historyFor(const std::vector<HistoryEntry>& entries,
                                     const std::string& templateName,
                                     const std::string& datasetName)
{
    std::vector<HistoryEntry> matching;
    for (const HistoryEntry& entry : entries)
        if ((templateName.empty() || entry.templateName == templateName) &&
            (datasetName.empty() || entry.datasetName == datasetName))
            matching.push_back(entry);
    return matching;
}

std::string historyHeading(const HistoryEntry& entry)
{
    std::string when = "date not recorded";
    const std::string& t = entry.recorded;
    if (t.size() >= 16 && t[10] == 'T')
        when = t.substr(0, 10) + " " + t.substr(11, 5) + " UTC";
    else if (!t.empty())
        when = t;
    return (entry.templateName.empty() ? std::string("no template") : entry.templateName) + " · " +
           (entry.datasetName.empty() ? std::string("no dataset") : entry.datasetName) + " · " +
           when;
}

std::string historyTimestampNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

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
    while (result.size() < m_capacity && std::getline(in, line)) {
        std::vector<std::string> fields = fieldsOf(line);
        // Three fields: written before runs were dated. Other counts are not ours: skip the
        // line rather than fail the whole history.
        if (fields.size() == 3)
            fields.emplace_back();
        if (fields.size() != 4)
            continue;
        result.push_back({fields[0], fields[1], fields[2], fields[3]});
    }
    return result;
}

void InputHistory::add(const HistoryEntry& entry)
{
    const HistoryEntry clean{
        oneLine(entry.templateName), oneLine(entry.datasetName), oneLine(entry.inputString),
        entry.recorded.empty() ? historyTimestampNow() : oneLine(entry.recorded)};
    std::vector<HistoryEntry> all = entries();
    std::erase_if(all, [&](const HistoryEntry& e) { return e.sameRunAs(clean); });
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
        text << e.templateName << '\t' << e.datasetName << '\t' << e.inputString << '\t'
             << e.recorded << '\n';
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
