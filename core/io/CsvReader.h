// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace grove {

/// Reads delimited text with a header row of variable names. The delimiter is the first of
/// tab, comma or semicolon found in the header; with none, runs of spaces separate fields.
/// Fields may be double-quoted. An empty field, `.` and `NA` are missing, as is -9.999e29.
/// `NaN` is missing too, and said in `notes` (when given) with its count per variable. A field
/// that is not a finite number (text, `Inf`, 1e999) is an Error naming the line, the variable
/// and the text.
Dataset readCsv(std::istream& input, const std::string& datasetName, const std::string& fileName,
                std::vector<std::string>* notes = nullptr);
Dataset readCsv(const std::filesystem::path& path, std::vector<std::string>* notes = nullptr);

} // namespace grove
