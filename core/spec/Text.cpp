// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/Text.h"

#include <cstdio>

namespace grove {

std::string trimmed(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> splitOn(std::string_view text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(separator, start);
        if (at == std::string_view::npos) {
            parts.emplace_back(text.substr(start));
            return parts;
        }
        parts.emplace_back(text.substr(start, at - start));
        start = at + 1;
    }
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

std::optional<long long> parseWholeNumber(std::string_view text)
{
    if (text.empty() || text.size() > 15)
        return std::nullopt;
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string formatValue(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

std::string formatValues(const std::vector<double>& values)
{
    // Long lists (a continuous variable) are cut: a message names a few values, not thousands.
    const std::size_t shown = values.size() > 10 ? 10 : values.size();
    std::string out;
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0)
            out += ',';
        out += formatValue(values[i]);
    }
    if (shown < values.size())
        out += ",... (" + std::to_string(values.size()) + " values)";
    return out;
}

} // namespace grove
