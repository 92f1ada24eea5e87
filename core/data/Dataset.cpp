// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace grove {

void Dataset::addColumn(Column column)
{
    if (column.name.empty())
        throw Error("a variable must have a name");
    if (hasColumn(column.name))
        throw Error("dataset '" + m_name + "' already has a variable '" + column.name + "'");
    if (!m_columns.empty() && column.size() != rowCount())
        throw Error("variable '" + column.name + "' has " + std::to_string(column.size()) +
                    " values but the dataset has " + std::to_string(rowCount()) + " rows");
    if (column.missing.size() != column.values.size())
        column.missing.resize(column.values.size(), 0);
    m_columns.push_back(std::move(column));
}

void Dataset::setColumn(Column column)
{
    if (const auto index = indexOf(column.name)) {
        if (column.size() != rowCount())
            throw Error("variable '" + column.name + "' has " + std::to_string(column.size()) +
                        " values but the dataset has " + std::to_string(rowCount()) + " rows");
        m_columns[*index] = std::move(column);
        return;
    }
    addColumn(std::move(column));
}

void Dataset::removeColumn(std::string_view name)
{
    const auto index = indexOf(name);
    if (!index)
        throw Error("dataset '" + m_name + "' has no variable '" + std::string(name) + "'");
    m_columns.erase(m_columns.begin() + static_cast<std::ptrdiff_t>(*index));
}

std::optional<std::size_t> Dataset::indexOf(std::string_view name) const
{
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (m_columns[i].name == name)
            return i;
    }
    return std::nullopt;
}

const Column& Dataset::column(std::string_view name) const
{
    const auto index = indexOf(name);
    if (!index)
        throw Error("dataset '" + m_name + "' has no variable '" + std::string(name) + "'");
    return m_columns[*index];
}

Column& Dataset::column(std::string_view name)
{
    return const_cast<Column&>(std::as_const(*this).column(name));
}

std::vector<std::string> Dataset::columnNames() const
{
    std::vector<std::string> names;
    names.reserve(m_columns.size());
    for (const Column& c : m_columns)
        names.push_back(c.name);
    return names;
}

Dataset Dataset::selectRows(std::span<const std::size_t> rows) const
{
    Dataset result(m_name);
    for (const Column& source : m_columns) {
        Column target;
        target.name = source.name;
        target.label = source.label;
        target.valueLabels = source.valueLabels;
        target.valueLabelSetName = source.valueLabelSetName;
        target.values.reserve(rows.size());
        target.missing.reserve(rows.size());
        for (std::size_t row : rows) {
            if (row >= source.size())
                throw Error("row " + std::to_string(row) + " is outside dataset '" + m_name + "'");
            target.values.push_back(source.values[row]);
            target.missing.push_back(source.missing[row]);
        }
        result.m_columns.push_back(std::move(target));
    }
    return result;
}

Dataset Dataset::selectColumns(std::span<const std::string> names) const
{
    Dataset result(m_name);
    for (const std::string& name : names)
        result.addColumn(column(name));
    return result;
}

std::vector<std::size_t> Dataset::completeRows(std::span<const std::string> names) const
{
    std::vector<const Column*> used;
    for (const std::string& name : names)
        used.push_back(&column(name));
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < rowCount(); ++row) {
        const bool complete = std::none_of(used.begin(), used.end(),
                                           [row](const Column* c) { return c->isMissing(row); });
        if (complete)
            rows.push_back(row);
    }
    return rows;
}

ColumnSummary Dataset::summary(std::size_t index) const
{
    const Column& c = column(index);
    ColumnSummary s;
    s.name = c.name;
    s.kind = c.kind();
    double sum = 0.0;
    for (std::size_t row = 0; row < c.size(); ++row) {
        if (c.isMissing(row)) {
            ++s.missing;
            continue;
        }
        const double v = c.values[row];
        if (s.count == 0) {
            s.min = v;
            s.max = v;
        } else {
            s.min = std::min(s.min, v);
            s.max = std::max(s.max, v);
        }
        sum += v;
        ++s.count;
    }
    if (s.count > 0) {
        s.mean = sum / static_cast<double>(s.count);
        double squares = 0.0;
        for (std::size_t row = 0; row < c.size(); ++row) {
            if (!c.isMissing(row))
                squares += (c.values[row] - s.mean) * (c.values[row] - s.mean);
        }
        s.sd = s.count > 1 ? std::sqrt(squares / static_cast<double>(s.count - 1)) : 0.0;
    }
    return s;
}

std::size_t Dataset::missingCount() const
{
    std::size_t total = 0;
    for (const Column& c : m_columns)
        total += c.missingCount();
    return total;
}

} // namespace grove
