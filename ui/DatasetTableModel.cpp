// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetTableModel.h"

#include "core/run/DatasetDescription.h"

#include <QBrush>
#include <QColor>

namespace grove {

void DatasetTableModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    endResetModel();
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_dataset ? 0 : static_cast<int>(m_dataset->rowCount());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_dataset ? 0 : static_cast<int>(m_dataset->columnCount());
}

QColor DatasetTableModel::missingBackground()
{
    return QColor(255, 224, 224);
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_dataset || !index.isValid())
        return {};
    const Column& column = m_dataset->column(static_cast<std::size_t>(index.column()));
    const auto row = static_cast<std::size_t>(index.row());
    const bool missing = column.isMissing(row);
    switch (role) {
    case Qt::DisplayRole:
        return missing ? QStringLiteral(".") : QString::fromStdString(formatNumber(column.values[row]));
    case Qt::BackgroundRole:
        return missing ? QBrush(missingBackground()) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        if (missing)
            return tr("%1: missing").arg(QString::fromStdString(column.name));
        const auto label = column.valueLabels.find(column.values[row]);
        if (label != column.valueLabels.end())
            return QString::fromStdString(label->second);
        return {};
    }
    default:
        return {};
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || !m_dataset)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return QString::fromStdString(m_dataset->column(static_cast<std::size_t>(section)).name);
}

} // namespace grove
