// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/MissingSummary.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace grove {

MissingSummary summarizeMissing(const Dataset& dataset, const std::string& unitVariable)
{
    MissingSummary summary;
    const std::size_t rows = dataset.rowCount();
    std::vector<std::size_t> incompleteIndex;
    for (std::size_t c = 0; c < dataset.columnCount(); ++c) {
        const Column& column = dataset.column(c);
        VariableMissing variable;
        variable.name = column.name;
        variable.rows = rows;
        variable.missing = column.missingCount();
        summary.variables.push_back(variable);
        if (variable.missing > 0) {
            summary.incomplete.push_back(column.name);
            incompleteIndex.push_back(c);
        }
    }

    std::map<std::vector<bool>, std::size_t> patterns;
    for (std::size_t r = 0; r < rows; ++r) {
        std::vector<bool> pattern(incompleteIndex.size());
        for (std::size_t k = 0; k < incompleteIndex.size(); ++k)
            pattern[k] = dataset.column(incompleteIndex[k]).isMissing(r);
        ++patterns[pattern];
    }
    for (auto& [pattern, count] : patterns)
        summary.patterns.push_back({pattern, count});
    std::stable_sort(
        summary.patterns.begin(), summary.patterns.end(),
        [](const MissingPattern& a, const MissingPattern& b) { return a.rows > b.rows; });

    const auto unitIndex = dataset.indexOf(unitVariable);
    if (unitVariable.empty() || !unitIndex)
        return summary;
    summary.unitVariable = unitVariable;
    const Column& unitColumn = dataset.column(*unitIndex);
    std::map<double, UnitMissing> units;
    // Per unit and variable: missing cells, to count units with some / all missing.
    std::map<double, std::vector<std::size_t>> allVariables;
    for (std::size_t r = 0; r < rows; ++r) {
        if (unitColumn.isMissing(r))
            continue;
        const double id = unitColumn.values[r];
        UnitMissing& unit = units[id];
        if (unit.rows == 0) {
            unit.unit = id;
            unit.missing.assign(incompleteIndex.size(), 0);
            allVariables[id].assign(dataset.columnCount(), 0);
        }
        ++unit.rows;
        bool complete = true;
        for (std::size_t k = 0; k < incompleteIndex.size(); ++k) {
            if (dataset.column(incompleteIndex[k]).isMissing(r)) {
                ++unit.missing[k];
                complete = false;
            }
        }
        if (complete)
            ++unit.completeRows;
        std::vector<std::size_t>& perVariable = allVariables[id];
        for (std::size_t k = 0; k < incompleteIndex.size(); ++k)
            if (dataset.column(incompleteIndex[k]).isMissing(r))
                ++perVariable[incompleteIndex[k]];
    }
    for (auto& [id, unit] : units) {
        const std::vector<std::size_t>& perVariable = allVariables[id];
        for (std::size_t c = 0; c < dataset.columnCount(); ++c) {
            if (perVariable[c] > 0)
                ++summary.variables[c].unitsWithMissing;
            if (perVariable[c] == unit.rows)
                ++summary.variables[c].unitsAllMissing;
        }
        summary.units.push_back(std::move(unit));
    }
    return summary;
}

std::string guessUnitVariable(const Dataset& dataset)
{
    const std::size_t rows = dataset.rowCount();
    for (std::size_t c = 0; c < dataset.columnCount(); ++c) {
        const Column& column = dataset.column(c);
        if (column.hasMissing())
            continue;
        if (!std::all_of(column.values.begin(), column.values.end(),
                         [](double value) { return std::floor(value) == value; }))
            continue;
        const std::size_t distinct = column.distinctValues().size();
        if (distinct > 1 && distinct < rows)
            return column.name;
    }
    return {};
}

std::size_t MissingSummary::completeRowCount() const
{
    std::size_t complete = 0;
    for (const MissingPattern& pattern : patterns)
        if (std::none_of(pattern.missing.begin(), pattern.missing.end(), [](bool m) { return m; }))
            complete += pattern.rows;
    return complete;
}

std::size_t MissingSummary::completeUnitCount() const
{
    return static_cast<std::size_t>(std::count_if(
        units.begin(), units.end(), [](const UnitMissing& u) { return u.completeRows == u.rows; }));
}

} // namespace grove
