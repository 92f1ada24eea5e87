// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/VariableList.h"

#include "core/common/Error.h"
#include "core/spec/Text.h"

namespace grove {

std::vector<VariableTerm> parseVariableList(std::string_view text)
{
    std::vector<VariableTerm> terms;
    if (trimmed(text).empty())
        return terms;
    for (const std::string& part : splitOn(text, ',')) {
        std::string entry = trimmed(part);
        if (entry.empty())
            throw Error("empty entry in the variable list '" + std::string(text) + "'");
        VariableTerm term;
        const std::size_t colon = entry.find(':');
        if (colon != std::string::npos) {
            const std::string suffix = trimmed(entry.substr(colon + 1));
            if (suffix != "cat")
                throw Error("unknown suffix ':" + suffix + "' on '" +
                            trimmed(entry.substr(0, colon)) +
                            "'; only ':cat' (categorical) is allowed");
            term.categorical = true;
            entry = trimmed(entry.substr(0, colon));
            if (entry.empty())
                throw Error("':cat' without a variable name in the list '" + std::string(text) +
                            "'");
        }
        term.name = entry;
        terms.push_back(term);
    }
    return terms;
}

std::string joinVariableList(const std::vector<VariableTerm>& terms)
{
    std::string out;
    for (const VariableTerm& term : terms) {
        if (!out.empty())
            out += ',';
        out += term.name;
        if (term.categorical)
            out += ":cat";
    }
    return out;
}

std::vector<std::string> termNames(const std::vector<VariableTerm>& terms)
{
    std::vector<std::string> names;
    names.reserve(terms.size());
    for (const VariableTerm& term : terms)
        names.push_back(term.name);
    return names;
}

std::vector<std::string> listNames(std::string_view text)
{
    std::vector<std::string> names;
    for (const std::string& part : splitOn(text, ',')) {
        std::string entry = trimmed(part);
        const std::size_t colon = entry.find(':');
        if (colon != std::string::npos)
            entry = trimmed(entry.substr(0, colon));
        if (!entry.empty())
            names.push_back(entry);
    }
    return names;
}

} // namespace grove
