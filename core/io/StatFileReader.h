// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace grove {

/// The statistical-package formats ReadStat parses for Grove.
enum class StatFileFormat { StataDta, SpssSav, SpssPor, SasSas7bdat };

/// Reads a Stata, SPSS or SAS file through ReadStat. Stata's missing values (., .a to .z),
/// SPSS user-defined missing values and SAS missing values all become missing; value labels
/// are kept for numeric variables; text variables are skipped and reported in `notes`.
Dataset readStatFile(const std::filesystem::path& path, StatFileFormat format,
                     std::vector<std::string>* notes);

} // namespace grove
