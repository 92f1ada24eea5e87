// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace grove {

/// What a column holds, as inferred from its observed values (or declared by value labels).
enum class VariableKind {
    EmptyVariable,      ///< no observed value at all
    ConstantVariable,   ///< one observed value (e.g. `cons`)
    BinaryVariable,     ///< observed values are exactly {0, 1}
    IntegerVariable,    ///< whole numbers, more than two of them
    ContinuousVariable, ///< anything else
};

const char* variableKindName(VariableKind kind);

/// One variable: a name, its values as doubles and a missing mask. Values at missing positions
/// are NaN, so arithmetic on them never looks valid by accident.
struct Column {
    std::string name;
    std::string label;                         ///< Stata variable label, may be empty
    std::vector<double> values;                ///< one per row, NaN where missing
    std::vector<std::uint8_t> missing;         ///< 1 where missing
    std::map<double, std::string> valueLabels; ///< Stata value labels (value -> text)
    std::string valueLabelSetName;             ///< Stata's label-set name, if any

    Column() = default;
    Column(std::string columnName, std::vector<double> columnValues);

    std::size_t size() const { return values.size(); }
    bool isMissing(std::size_t row) const { return missing[row] != 0; }
    std::size_t missingCount() const;
    bool hasMissing() const { return missingCount() > 0; }
    void setMissing(std::size_t row);
    void setValue(std::size_t row, double value);

    VariableKind kind() const;
    /// The distinct observed values, ascending.
    std::vector<double> distinctValues() const;
};

/// The value that stands for "missing" in a column: NaN.
inline constexpr double missingValue = std::numeric_limits<double>::quiet_NaN();

/// True for the Stat-JR manual's missing-value code -9.999e29 (also after a round trip through
/// float), NaN and infinities. Stata's own missing values are recognised by the .dta reader.
bool isMissingCode(double value);

} // namespace grove
