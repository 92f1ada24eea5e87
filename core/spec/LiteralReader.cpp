// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/LiteralReader.h"

#include "core/common/Error.h"

#include <cctype>
#include <cstdio>

namespace grove {
namespace {

// UTF-8 forms of the quotes and spaces a PDF copy produces.
constexpr std::string_view leftSingle = "\xE2\x80\x98";  // ‘
constexpr std::string_view rightSingle = "\xE2\x80\x99"; // ’
constexpr std::string_view leftDouble = "\xE2\x80\x9C";  // “
constexpr std::string_view rightDouble = "\xE2\x80\x9D"; // ”
constexpr std::string_view noBreakSpace = "\xC2\xA0";

bool startsWithAt(std::string_view text, std::size_t offset, std::string_view token)
{
    return text.substr(offset, token.size()) == token;
}

bool isBareChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

bool isIdentifierChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

} // namespace

LiteralReader::LiteralReader(std::string_view text, std::string_view what)
    : m_text(text), m_what(what)
{
}

std::size_t LiteralReader::characterAt(std::size_t byteOffset) const
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < byteOffset && i < m_text.size(); ++i) {
        // Count every byte that is not a UTF-8 continuation byte.
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0U) != 0x80U)
            ++chars;
    }
    return chars + 1;
}

void LiteralReader::fail(const std::string& problem) const
{
    failAt(m_pos, problem);
}

void LiteralReader::failAt(std::size_t byteOffset, const std::string& problem) const
{
    throw Error(m_what + ": " + problem + " at character " +
                std::to_string(characterAt(byteOffset)));
}

void LiteralReader::skipSpace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            ++m_pos;
        else if (startsWithAt(m_text, m_pos, noBreakSpace))
            m_pos += noBreakSpace.size();
        else
            break;
    }
}

bool LiteralReader::accept(std::string_view token)
{
    skipSpace();
    if (!startsWithAt(m_text, m_pos, token))
        return false;
    m_pos += token.size();
    return true;
}

std::string LiteralReader::describeNext() const
{
    if (m_pos >= m_text.size())
        return "the end of the text";
    std::size_t len = 1;
    while (m_pos + len < m_text.size() &&
           (static_cast<unsigned char>(m_text[m_pos + len]) & 0xC0U) == 0x80U)
        ++len;
    // Built piecewise: GCC 12 warns falsely (-Wrestrict) about "'" + std::string(...).
    std::string quoted(1, '\'');
    quoted.append(m_text.substr(m_pos, len));
    quoted += '\'';
    return quoted;
}

void LiteralReader::expect(std::string_view token, std::string_view context)
{
    if (accept(token))
        return;
    std::string problem = "expected '" + std::string(token) + "'";
    if (!context.empty())
        problem += " " + std::string(context);
    fail(problem);
}

std::size_t LiteralReader::quoteAt(std::size_t offset, bool& singleStyle) const
{
    if (offset >= m_text.size())
        return 0;
    if (m_text[offset] == '\'' || m_text[offset] == '"') {
        singleStyle = m_text[offset] == '\'';
        return 1;
    }
    for (std::string_view q : {leftSingle, rightSingle}) {
        if (startsWithAt(m_text, offset, q)) {
            singleStyle = true;
            return q.size();
        }
    }
    for (std::string_view q : {leftDouble, rightDouble}) {
        if (startsWithAt(m_text, offset, q)) {
            singleStyle = false;
            return q.size();
        }
    }
    return 0;
}

std::string LiteralReader::readQuoted()
{
    const std::size_t start = m_pos;
    bool single = true;
    m_pos += quoteAt(m_pos, single);
    std::string value;
    while (m_pos < m_text.size()) {
        bool closingSingle = true;
        const std::size_t q = quoteAt(m_pos, closingSingle);
        // Either straight or curly form closes, as PDFs mix them, but only of the same style.
        if (q > 0 && closingSingle == single) {
            m_pos += q;
            return value;
        }
        const char c = m_text[m_pos];
        if (c == '\\' && m_pos + 1 < m_text.size()) {
            const char next = m_text[m_pos + 1];
            switch (next) {
            case 'n': value += '\n'; break;
            case 't': value += '\t'; break;
            case 'r': value += '\r'; break;
            case '\\':
            case '\'':
            case '"': value += next; break;
            // Markdown escapes that copying from rendered documents adds (bin1\_3, a\*b).
            case '_':
            case '*': value += next; break;
            case 'x':
                if (m_pos + 3 < m_text.size() &&
                    std::isxdigit(static_cast<unsigned char>(m_text[m_pos + 2])) &&
                    std::isxdigit(static_cast<unsigned char>(m_text[m_pos + 3]))) {
                    value += static_cast<char>(
                        std::stoi(std::string(m_text.substr(m_pos + 2, 2)), nullptr, 16));
                    m_pos += 4;
                    continue;
                }
                value += "\\x";
                break;
            default:
                value += '\\';
                value += next;
                break;
            }
            m_pos += 2;
            continue;
        }
        value += c;
        ++m_pos;
    }
    failAt(start, "unterminated quoted text starting");
}

std::string LiteralReader::readValue(std::string_view context)
{
    skipSpace();
    bool single = true;
    if (quoteAt(m_pos, single) > 0)
        return readQuoted();
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && isBareChar(m_text[m_pos]))
        ++m_pos;
    if (m_pos == start)
        fail("expected a quoted value " + std::string(context) + " but found " + describeNext());
    return std::string(m_text.substr(start, m_pos - start));
}

std::string LiteralReader::readIdentifier(std::string_view context)
{
    skipSpace();
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && isIdentifierChar(m_text[m_pos]))
        ++m_pos;
    if (m_pos == start)
        fail("expected " + std::string(context) + " but found " + describeNext());
    return std::string(m_text.substr(start, m_pos - start));
}

Answers LiteralReader::readDict()
{
    expect("{", "to open the dictionary");
    Answers answers;
    if (accept("}"))
        return answers;
    while (true) {
        skipSpace();
        if (atEnd())
            fail("missing '}' to close the dictionary");
        const std::size_t keyStart = m_pos;
        const std::string key = readValue("for a key");
        if (key.empty())
            failAt(keyStart, "empty key");
        if (answers.contains(key))
            failAt(keyStart, "duplicate key '" + key + "'");
        expect(":", "after key '" + key + "'");
        const std::string value = readValue("for key '" + key + "'");
        answers.set(key, value);
        skipSpace();
        if (atEnd())
            fail("missing '}' to close the dictionary");
        if (accept("}"))
            return answers;
        if (!accept(","))
            fail("expected ',' or '}' after the value of '" + key + "' but found " +
                 describeNext());
        if (accept("}")) // a trailing comma
            return answers;
    }
}

void LiteralReader::expectEnd()
{
    skipSpace();
    if (!atEnd())
        fail("unexpected text " + describeNext() + " after the end");
}

std::string pythonQuote(std::string_view text)
{
    const bool hasSingle = text.find('\'') != std::string_view::npos;
    const bool hasDouble = text.find('"') != std::string_view::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    std::string out(1, quote);
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == quote)
            out += std::string("\\") + c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (static_cast<unsigned char>(c) < 0x20U) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02x",
                          static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += buffer;
        } else
            out += c;
    }
    out += quote;
    return out;
}

} // namespace grove
