// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Column.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace grove {

const char* variableKindName(VariableKind kind)
{
    switch (kind) {
    case VariableKind::EmptyVariable: return "empty";
    case VariableKind::ConstantVariable: return "constant";
    case VariableKind::BinaryVariable: return "binary";
    case VariableKind::IntegerVariable: return "integer";
    case VariableKind::ContinuousVariable: return "continuous";
    }
    return "unknown";
}

bool isMissingCode(double value)
{
    if (!std::isfinite(value))
        return true;
    // -9.999e29 is the missing code of MLwiN and Stat-JR; stored as float it becomes
    // -9.99899e29, so compare with a relative tolerance.
    constexpr double code = -9.999e29;
    return std::fabs(value - code) <= 1e-5 * std::fabs(code);
}

Column::Column(std::string columnName, std::vector<double> columnValues)
    : name(std::move(columnName)), values(std::move(columnValues)), missing(values.size(), 0)
{
    for (std::size_t row = 0; row < values.size(); ++row) {
        if (isMissingCode(values[row]))
            setMissing(row);
    }
}

std::size_t Column::missingCount() const
{
    return static_cast<std::size_t>(std::count(missing.begin(), missing.end(), std::uint8_t{1}));
}

void Column::setMissing(std::size_t row)
{
    values[row] = missingValue;
    missing[row] = 1;
}

void Column::setValue(std::size_t row, double value)
{
    if (isMissingCode(value)) {
        setMissing(row);
        return;
    }
    values[row] = value;
    missing[row] = 0;
}

std::vector<double> Column::distinctValues() const
{
    std::set<double> seen;
    for (std::size_t row = 0; row < values.size(); ++row) {
        if (!missing[row])
            seen.insert(values[row]);
    }
    return {seen.begin(), seen.end()};
}

VariableKind Column::kind() const
{
    const std::vector<double> distinct = distinctValues();
    if (distinct.empty())
        return VariableKind::EmptyVariable;
    if (distinct.size() == 1)
        return VariableKind::ConstantVariable;
    if (distinct.size() == 2 && distinct[0] == 0.0 && distinct[1] == 1.0)
        return VariableKind::BinaryVariable;
    const bool whole =
        std::all_of(distinct.begin(), distinct.end(), [](double v) { return v == std::floor(v); });
    return whole ? VariableKind::IntegerVariable : VariableKind::ContinuousVariable;
}

} // namespace grove
