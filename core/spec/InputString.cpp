// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/InputString.h"

#include "core/spec/LiteralReader.h"

namespace grove {

Answers parseInputString(std::string_view text)
{
    LiteralReader reader(text, "input string");
    reader.skipSpace();
    if (reader.atEnd())
        reader.fail("the text is empty; expected '{'");
    Answers answers = reader.readDict();
    reader.expectEnd();
    return answers;
}

std::string printInputString(const Answers& answers)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : answers) {
        if (!first)
            out += ", ";
        first = false;
        out += pythonQuote(key);
        out += ": ";
        out += pythonQuote(value);
    }
    out += "}";
    return out;
}

} // namespace grove
