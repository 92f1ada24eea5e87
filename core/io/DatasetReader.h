// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace grove {

/// Reads a dataset, choosing the format by extension: .dta (Stata 8 to 18, through ReadStat),
/// .csv/.txt (header row; empty cell, `.` and `NA` are missing), .sav/.zsav/.por (SPSS) and
/// .sas7bdat (SAS). The dataset is named after the file's stem. Text variables cannot be
/// analysed, so they are left out and named in `notes` (when given). Throws Error with one line
/// naming the file and the problem for a missing, corrupt, truncated or non-numeric file.
Dataset readDataset(const std::filesystem::path& path, std::vector<std::string>* notes = nullptr);

/// The extensions readDataset understands, lower case with the dot.
const std::vector<std::string>& readableExtensions();

} // namespace grove
