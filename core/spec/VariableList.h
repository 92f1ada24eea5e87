// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// One entry of a variable-list answer: a variable name (or, in the one-pass template, a term
/// such as `a*b` or `a^2`) and whether it was marked `:cat` (categorical: dummies for every
/// category but the last, which is the reference).
struct VariableTerm {
    std::string name;
    bool categorical = false;

    bool operator==(const VariableTerm& other) const = default;
};

/// Parses a comma-separated variable list, e.g. `cons,vrband:cat`. Spaces around names are
/// ignored; an empty text is an empty list. Throws Error for an empty entry (`a,,b`) or an
/// unknown suffix (`a:xyz`).
std::vector<VariableTerm> parseVariableList(std::string_view text);

/// The canonical text of a list: names joined by commas, `:cat` where categorical.
std::string joinVariableList(const std::vector<VariableTerm>& terms);

/// The names of the terms, in order.
std::vector<std::string> termNames(const std::vector<VariableTerm>& terms);

/// The names in a comma-separated list (suffixes dropped); never throws, skips bad entries.
/// Used where a flow needs the names of an answer it has already validated.
std::vector<std::string> listNames(std::string_view text);

} // namespace grove
