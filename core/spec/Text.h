// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// Small string helpers for answers (internal to core/spec).

/// `text` without leading and trailing whitespace.
std::string trimmed(std::string_view text);
/// Splits on `separator`, keeping empty parts.
std::vector<std::string> splitOn(std::string_view text, char separator);
/// Joins with `separator`.
std::string joined(const std::vector<std::string>& parts, std::string_view separator);
/// A whole number written with digits only (no sign, no spaces); nothing otherwise.
std::optional<long long> parseWholeNumber(std::string_view text);
/// A number as the user would write it: 3, 0.5, -1.25 (no trailing zeros).
std::string formatValue(double value);
/// The values as "0,1,2".
std::string formatValues(const std::vector<double>& values);

} // namespace grove
