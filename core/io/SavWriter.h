// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace grove {

/// Writes a dataset as an SPSS .sav file through ReadStat: numbers as doubles, missing values as
/// system missing, value and variable labels kept, written atomically. Throws Error naming the
/// first variable SPSS cannot take (see spssNameProblem) or on any write failure.
void writeSav(const Dataset& dataset, const std::filesystem::path& path);

/// Why SPSS cannot take `name` as a variable name, or empty when it can: at most 64 bytes, a
/// letter or @ first, then letters, digits and . _ @ # $, no final period, not a reserved word
/// (ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH).
std::string spssNameProblem(std::string_view name);

} // namespace grove
