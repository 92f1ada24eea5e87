// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// The level-2 units of a dataset: the distinct values of an ID variable, in ascending order,
/// with the rows that belong to each. The ID variable must have no missing value.
class Level2View {
public:
    Level2View(const Dataset& dataset, std::string_view idVariable);

    const std::string& idVariable() const { return m_idVariable; }
    std::size_t unitCount() const { return m_unitIds.size(); }
    std::size_t rowCount() const { return m_unitOfRow.size(); }
    double unitId(std::size_t unit) const { return m_unitIds[unit]; }
    const std::vector<double>& unitIds() const { return m_unitIds; }
    std::span<const std::size_t> rowsOf(std::size_t unit) const { return m_rowsOfUnit[unit]; }
    std::size_t unitOf(std::size_t row) const { return m_unitOfRow[row]; }
    /// Rows ordered by unit (stable within a unit): the order samplers want.
    std::vector<std::size_t> rowsByUnit() const;

private:
    std::string m_idVariable;
    std::vector<double> m_unitIds;
    std::vector<std::vector<std::size_t>> m_rowsOfUnit;
    std::vector<std::size_t> m_unitOfRow;
};

/// A level-2 unit in which a variable is not constant.
struct VaryingUnit {
    double unitId = 0.0;
    double minimum = 0.0;     ///< smallest observed value in the unit
    double maximum = 0.0;     ///< largest observed value in the unit
    std::size_t observed = 0; ///< rows with a value
    std::size_t missing = 0;  ///< rows without one
};

/// Which units break "constant within each level-2 unit". A unit varies when its observed
/// values differ, or when some of its rows are missing and others are not.
struct ConstancyReport {
    std::string variable;
    std::vector<VaryingUnit> varyingUnits;
    bool constant() const { return varyingUnits.empty(); }
    /// One line for the user, naming the variable and the first few units that vary.
    std::string message(std::string_view idVariable) const;
};

ConstancyReport checkConstantWithinUnits(const Dataset& dataset, const Level2View& units,
                                         std::string_view variable);

/// One row per level-2 unit: the ID variable and the named variables, each taking its unit's
/// value (missing where the unit has no observed value). Throws Error naming the units when a
/// variable is not constant within units.
Dataset level2Dataset(const Dataset& dataset, const Level2View& units,
                      std::span<const std::string> variables);

} // namespace grove
