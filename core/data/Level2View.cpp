// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Level2View.h"

#include "core/common/Error.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace grove {

namespace {

std::string formatNumber(double value)
{
    std::ostringstream out;
    out.precision(10);
    out << value;
    return out.str();
}

} // namespace

Level2View::Level2View(const Dataset& dataset, std::string_view idVariable)
    : m_idVariable(idVariable)
{
    const Column& id = dataset.column(idVariable);
    if (id.hasMissing())
        throw Error("ID variable '" + m_idVariable + "' has " + std::to_string(id.missingCount()) +
                    " missing values; every row needs a unit of '" + m_idVariable + "'");
    std::map<double, std::size_t> indexOfId;
    for (double value : id.values)
        indexOfId.emplace(value, 0);
    m_unitIds.reserve(indexOfId.size());
    for (auto& [value, index] : indexOfId) {
        index = m_unitIds.size();
        m_unitIds.push_back(value);
    }
    m_rowsOfUnit.resize(m_unitIds.size());
    m_unitOfRow.resize(id.size());
    for (std::size_t row = 0; row < id.size(); ++row) {
        const std::size_t unit = indexOfId[id.values[row]];
        m_unitOfRow[row] = unit;
        m_rowsOfUnit[unit].push_back(row);
    }
}

std::vector<std::size_t> Level2View::rowsByUnit() const
{
    std::vector<std::size_t> rows;
    rows.reserve(m_unitOfRow.size());
    for (const auto& unitRows : m_rowsOfUnit)
        rows.insert(rows.end(), unitRows.begin(), unitRows.end());
    return rows;
}

std::string ConstancyReport::message(std::string_view idVariable) const
{
    if (constant())
        return {};
    std::ostringstream out;
    out << "variable '" << variable << "' is not constant within " << idVariable << " in "
        << varyingUnits.size() << (varyingUnits.size() == 1 ? " unit" : " units") << ": ";
    const std::size_t shown = std::min<std::size_t>(varyingUnits.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) {
        const VaryingUnit& u = varyingUnits[i];
        if (i > 0)
            out << "; ";
        out << idVariable << " " << formatNumber(u.unitId);
        if (u.observed > 0 && u.minimum != u.maximum)
            out << " (values " << formatNumber(u.minimum) << " to " << formatNumber(u.maximum)
                << ")";
        if (u.missing > 0 && u.observed > 0)
            out << " (" << u.missing << " of " << (u.missing + u.observed) << " rows missing)";
    }
    if (shown < varyingUnits.size())
        out << "; and " << (varyingUnits.size() - shown) << " more";
    return out.str();
}

ConstancyReport checkConstantWithinUnits(const Dataset& dataset, const Level2View& units,
                                         std::string_view variable)
{
    const Column& column = dataset.column(variable);
    ConstancyReport report;
    report.variable = std::string(variable);
    for (std::size_t unit = 0; unit < units.unitCount(); ++unit) {
        VaryingUnit u;
        u.unitId = units.unitId(unit);
        for (std::size_t row : units.rowsOf(unit)) {
            if (column.isMissing(row)) {
                ++u.missing;
                continue;
            }
            const double v = column.values[row];
            if (u.observed == 0) {
                u.minimum = v;
                u.maximum = v;
            } else {
                u.minimum = std::min(u.minimum, v);
                u.maximum = std::max(u.maximum, v);
            }
            ++u.observed;
        }
        const bool differs = u.observed > 0 && u.minimum != u.maximum;
        const bool partlyMissing = u.observed > 0 && u.missing > 0;
        if (differs || partlyMissing)
            report.varyingUnits.push_back(u);
    }
    return report;
}

Dataset level2Dataset(const Dataset& dataset, const Level2View& units,
                      std::span<const std::string> variables)
{
    Dataset result(dataset.name() + "_L2");
    result.addColumn(Column(units.idVariable(), units.unitIds()));
    for (const std::string& name : variables) {
        if (name == units.idVariable())
            continue;
        const ConstancyReport report = checkConstantWithinUnits(dataset, units, name);
        if (!report.constant())
            throw Error(report.message(units.idVariable()));
        const Column& source = dataset.column(name);
        Column target(name, std::vector<double>(units.unitCount(), missingValue));
        target.missing.assign(units.unitCount(), 1);
        target.label = source.label;
        target.valueLabels = source.valueLabels;
        target.valueLabelSetName = source.valueLabelSetName;
        for (std::size_t unit = 0; unit < units.unitCount(); ++unit) {
            for (std::size_t row : units.rowsOf(unit)) {
                if (!source.isMissing(row)) {
                    target.setValue(unit, source.values[row]);
                    break;
                }
            }
        }
        result.addColumn(std::move(target));
    }
    return result;
}

} // namespace grove
