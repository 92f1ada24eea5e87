// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// Missingness of one variable, over rows and (with a unit variable) over level-2 units.
struct VariableMissing {
    std::string name;
    std::size_t missing = 0;          ///< missing cells
    std::size_t rows = 0;             ///< all rows
    std::size_t unitsWithMissing = 0; ///< units with at least one missing cell
    std::size_t unitsAllMissing = 0;  ///< units where every cell is missing
};

/// Missingness in one level-2 unit, for the variables that have missing values anywhere.
struct UnitMissing {
    double unit = 0.0; ///< the unit's value of the unit variable
    std::size_t rows = 0;
    std::size_t completeRows = 0;     ///< rows with none of those variables missing
    std::vector<std::size_t> missing; ///< per incomplete variable, missing cells here
};

/// One missing-data pattern: which incomplete variables are missing, and in how many rows.
struct MissingPattern {
    std::vector<bool> missing; ///< per incomplete variable
    std::size_t rows = 0;
};

/// A dataset's missing-data summary, as the dataset viewer shows it.
struct MissingSummary {
    std::vector<VariableMissing> variables; ///< every variable, in dataset order
    std::vector<std::string> incomplete;    ///< the variables with a missing value
    std::string unitVariable;               ///< "" when no unit variable is used
    std::vector<UnitMissing> units;         ///< ascending unit value
    std::vector<MissingPattern> patterns;   ///< most frequent first

    /// Rows with no missing value (the complete cases).
    std::size_t completeRowCount() const;
    /// Units whose every row is complete (0 without a unit variable).
    std::size_t completeUnitCount() const;
};

/// Summarises `dataset`'s missing values per variable, per pattern and, when `unitVariable`
/// names a column of it, per level-2 unit (rows whose unit value is missing are left out of
/// the per-unit figures).
MissingSummary summarizeMissing(const Dataset& dataset, const std::string& unitVariable);

/// A good first guess for the unit variable of a dataset: the first fully observed
/// whole-number variable that repeats (fewer distinct values than rows, more than one), or "".
std::string guessUnitVariable(const Dataset& dataset);

} // namespace grove
