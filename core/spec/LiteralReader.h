// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace grove {

/// Reads the Python-like literals of input strings and commands from text that users paste,
/// often from a PDF: either quote style, curly quotes (‘ ’ “ ”), non-breaking spaces,
/// markdown-escaped `\_` and `\*`, bare words where quotes were lost. Errors are grove::Error
/// with a one-line message "<what>: <problem> at character N" (N counts characters, from 1).
///
/// Shared by parseInputString and parseCommand so both accept exactly the same dictionaries.
class LiteralReader {
public:
    /// `what` prefixes every error message, e.g. "input string" or "command".
    LiteralReader(std::string_view text, std::string_view what);

    void skipSpace();
    bool atEnd() const { return m_pos >= m_text.size(); }
    /// True (and consumes it) when the next non-space text is `token`.
    bool accept(std::string_view token);
    /// Consumes `token` or throws "expected '<token>' <context> at character N".
    void expect(std::string_view token, std::string_view context);
    /// A quoted string (any quote style) or a bare word of [A-Za-z0-9_.+-].
    std::string readValue(std::string_view context);
    /// An identifier such as an argument name; throws when there is none.
    std::string readIdentifier(std::string_view context);
    /// `{ key: value, ... }` with an optional trailing comma; duplicate keys are an error.
    Answers readDict();
    /// Throws unless only spaces remain.
    void expectEnd();

    /// The 1-based character (not byte) position of the current byte offset.
    std::size_t characterPosition() const { return characterAt(m_pos); }
    [[noreturn]] void fail(const std::string& problem) const;
    [[noreturn]] void failAt(std::size_t byteOffset, const std::string& problem) const;

private:
    std::size_t characterAt(std::size_t byteOffset) const;
    /// Length in bytes of an opening quote at m_pos (0 when none); sets `singleStyle`.
    std::size_t quoteAt(std::size_t offset, bool& singleStyle) const;
    std::string readQuoted();
    std::string describeNext() const;

    std::string_view m_text;
    std::string m_what;
    std::size_t m_pos = 0;
};

/// Python's repr() of a string: single quotes unless the text holds a ' and no ", with
/// backslashes, the chosen quote and control characters escaped.
std::string pythonQuote(std::string_view text);

} // namespace grove
