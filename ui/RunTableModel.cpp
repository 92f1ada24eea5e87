// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RunTableModel.h"

#include <cmath>

namespace grove {

void RunTableModel::setTable(Table table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

int RunTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const auto& row = m_table.rows.at(static_cast<std::size_t>(index.row()));
    const auto column = static_cast<std::size_t>(index.column());
    if (column >= row.size())
        return {};
    const TableCell& cell = row[column];
    const double* number = std::get_if<double>(&cell);
    switch (role) {
    case Qt::DisplayRole:
        if (!number)
            return QString::fromStdString(std::get<std::string>(cell));
        if (std::isnan(*number))
            return QStringLiteral(".");
        return QString::number(*number, 'g', 5);
    case Qt::EditRole: // what copying and sorting see: the full value
        if (!number)
            return QString::fromStdString(std::get<std::string>(cell));
        return *number;
    case Qt::ToolTipRole: return number ? QString::number(*number, 'g', 12) : QVariant();
    case Qt::TextAlignmentRole:
        return number ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                      : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return QString::fromStdString(m_table.columns.at(static_cast<std::size_t>(section)));
}

} // namespace grove
