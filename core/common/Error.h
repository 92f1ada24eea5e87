// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace grove {

/// The one exception type that crosses core/ boundaries. Its message is a single line meant
/// for the user: it names the problem (the variable, key, file or value) and, where it can,
/// what to do about it. Entry points (grove-run, the GUI) print it as it is.
class Error : public std::runtime_error {
public:
    /// Line breaks and other control characters in the message (from echoed user text: a
    /// value pasted with a newline, a binary file's header) are shown as `\n`, `\xNN`, so the
    /// message stays one line.
    explicit Error(const std::string& message) : std::runtime_error(oneLine(message)) {}

private:
    static std::string oneLine(const std::string& message)
    {
        std::string line;
        line.reserve(message.size());
        for (const char c : message) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '\n')
                line += "\\n";
            else if (c == '\r')
                line += "\\r";
            else if (c == '\t')
                line += "\\t";
            else if (byte < 0x20 || byte == 0x7f) {
                static constexpr char digits[] = "0123456789abcdef";
                line += "\\x";
                line += digits[byte >> 4];
                line += digits[byte & 0xf];
            } else
                line += c;
        }
        return line;
    }
};

} // namespace grove
