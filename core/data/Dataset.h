// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// Per-column summary, as the Stat-JR manual's dataset view shows it.
struct ColumnSummary {
    std::string name;
    std::size_t count = 0;   ///< observed values
    std::size_t missing = 0; ///< missing values
    double min = missingValue;
    double max = missingValue;
    double mean = missingValue;
    double sd = missingValue;
    VariableKind kind = VariableKind::EmptyVariable;
};

/// A rectangular table of variables, stored by column. Cheap to move; copying copies the data.
class Dataset {
public:
    Dataset() = default;
    explicit Dataset(std::string name) : m_name(std::move(name)) {}

    const std::string& name() const { return m_name; }
    void setName(std::string name) { m_name = std::move(name); }

    std::size_t rowCount() const { return m_columns.empty() ? 0 : m_columns.front().size(); }
    std::size_t columnCount() const { return m_columns.size(); }

    /// Appends a column. Throws Error if the name is taken, empty, or the length differs.
    void addColumn(Column column);
    /// Replaces the column of the same name, or appends it.
    void setColumn(Column column);
    void removeColumn(std::string_view name);

    const Column& column(std::size_t index) const { return m_columns.at(index); }
    Column& column(std::size_t index) { return m_columns.at(index); }
    /// Throws Error "dataset 'x' has no variable 'y'" when absent.
    const Column& column(std::string_view name) const;
    Column& column(std::string_view name);
    std::optional<std::size_t> indexOf(std::string_view name) const;
    bool hasColumn(std::string_view name) const { return indexOf(name).has_value(); }
    std::vector<std::string> columnNames() const;
    const std::vector<Column>& columns() const { return m_columns; }

    /// A new dataset with the given rows, in the given order.
    Dataset selectRows(std::span<const std::size_t> rows) const;
    /// A new dataset with the named columns only, in the given order.
    Dataset selectColumns(std::span<const std::string> names) const;
    /// Rows with no missing value in any of the named columns.
    std::vector<std::size_t> completeRows(std::span<const std::string> names) const;

    ColumnSummary summary(std::size_t index) const;
    std::size_t missingCount() const;

private:
    std::string m_name;
    std::vector<Column> m_columns;
};

} // namespace grove
