// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>
#include <istream>
#include <string>

namespace grove {

/// Reads delimited text with a header row of variable names. The delimiter is the first of
/// tab, comma or semicolon found in the header; with none, runs of spaces separate fields.
/// Fields may be double-quoted. An empty field, `.` and `NA` are missing, as is -9.999e29.
/// A field that is not a number is an Error naming the line, the variable and the text.
Dataset readCsv(std::istream& input, const std::string& datasetName, const std::string& fileName);
Dataset readCsv(const std::filesystem::path& path);

} // namespace grove
