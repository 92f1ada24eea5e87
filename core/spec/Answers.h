// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace grove {

/// A template's answers: input keys mapped to string values, in insertion order.
///
/// The order matters because Grove prints input strings in the order the questions were asked
/// (Template::validate returns answers in that order), while a pasted string may come in any
/// order. Keys are unique; setting an existing key replaces its value in place.
class Answers {
public:
    using Entry = std::pair<std::string, std::string>;

    Answers() = default;
    Answers(std::initializer_list<Entry> entries);

    /// The value of `key`, or nothing when it is not answered.
    std::optional<std::string> get(std::string_view key) const;
    /// The value of `key`, or `fallback` when it is not answered.
    std::string valueOr(std::string_view key, std::string_view fallback) const;
    bool contains(std::string_view key) const;
    /// Sets `key` to `value`: replaces the value in place or appends a new entry.
    void set(std::string_view key, std::string_view value);
    /// Removes `key`; returns whether it was there.
    bool remove(std::string_view key);

    std::vector<std::string> keys() const;
    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    const std::vector<Entry>& entries() const { return m_entries; }
    std::vector<Entry>::const_iterator begin() const { return m_entries.begin(); }
    std::vector<Entry>::const_iterator end() const { return m_entries.end(); }

    /// Same keys with the same values, in the same order.
    bool operator==(const Answers& other) const = default;
    /// Same keys with the same values, whatever the order.
    bool sameAs(const Answers& other) const;

private:
    std::vector<Entry> m_entries;
};

} // namespace grove
