// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace grove {

/// A CSV field: the text as it is, or double-quoted (inner quotes doubled) when it holds a
/// comma, a quote or a line break (RFC 4180).
inline std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

} // namespace grove
