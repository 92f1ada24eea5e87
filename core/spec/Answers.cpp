// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/Answers.h"

#include <algorithm>

namespace grove {

Answers::Answers(std::initializer_list<Entry> entries)
{
    for (const Entry& e : entries)
        set(e.first, e.second);
}

std::optional<std::string> Answers::get(std::string_view key) const
{
    for (const Entry& e : m_entries) {
        if (e.first == key)
            return e.second;
    }
    return std::nullopt;
}

std::string Answers::valueOr(std::string_view key, std::string_view fallback) const
{
    const std::optional<std::string> value = get(key);
    return value ? *value : std::string(fallback);
}

bool Answers::contains(std::string_view key) const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [key](const Entry& e) { return e.first == key; });
}

void Answers::set(std::string_view key, std::string_view value)
{
    for (Entry& e : m_entries) {
        if (e.first == key) {
            e.second = std::string(value);
            return;
        }
    }
    m_entries.emplace_back(std::string(key), std::string(value));
}

bool Answers::remove(std::string_view key)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [key](const Entry& e) { return e.first == key; });
    if (it == m_entries.end())
        return false;
    m_entries.erase(it);
    return true;
}

std::vector<std::string> Answers::keys() const
{
    std::vector<std::string> result;
    result.reserve(m_entries.size());
    for (const Entry& e : m_entries)
        result.push_back(e.first);
    return result;
}

bool Answers::sameAs(const Answers& other) const
{
    if (size() != other.size())
        return false;
    return std::all_of(m_entries.begin(), m_entries.end(),
                       [&other](const Entry& e) { return other.get(e.first) == e.second; });
}

} // namespace grove
