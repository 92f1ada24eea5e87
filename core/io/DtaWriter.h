// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>

namespace grove {

/// Writes a dataset as a Stata 13 (format 117) .dta file, readable by Stata 13 and later and
/// by R's haven and readstata13. Whole-number columns are stored as the smallest Stata integer
/// type that holds them exactly, others as double, so values round-trip exactly. Missing values
/// become Stata's system missing `.`; value labels and variable labels are kept. The file is
/// written atomically and carries a fixed timestamp, so the same dataset gives the same bytes.
/// Throws Error for names Stata cannot take or on any write failure.
void writeDta(const Dataset& dataset, const std::filesystem::path& path);

/// True when `name` is a valid Stata variable name (1-32 characters, letters, digits and `_`,
/// not starting with a digit).
bool isValidStataName(std::string_view name);

} // namespace grove
