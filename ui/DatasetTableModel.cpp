// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetTableModel.h"

#include "core/run/DatasetDescription.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <map>

namespace grove {

void DatasetTableModel::setDataset(std::shared_ptr<const Dataset> dataset,
                                   std::shared_ptr<const Dataset> original)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_original = std::move(original);
    findImputed();
    endResetModel();
}

void DatasetTableModel::findImputed()
{
    m_imputed.clear();
    m_imputedCount = 0;
    if (!m_dataset || !m_original || m_dataset.get() == m_original.get())
        return;
    const Dataset& shown = *m_dataset;
    const Dataset& original = *m_original;
    m_imputed.resize(shown.columnCount());

    // Row r of the shown dataset stands for these rows of the original: the same row for a
    // completed dataset, and every row of the unit for a level-2 dataset (one row per unit,
    // its first column the unit identifier that the original also has).
    std::vector<std::vector<std::size_t>> sources(shown.rowCount());
    if (shown.rowCount() == original.rowCount()) {
        for (std::size_t r = 0; r < shown.rowCount(); ++r)
            sources[r] = {r};
    } else if (shown.columnCount() > 0 && original.hasColumn(shown.column(0).name)) {
        const Column& originalId = original.column(shown.column(0).name);
        std::map<double, std::vector<std::size_t>> rowsOfUnit;
        for (std::size_t r = 0; r < original.rowCount(); ++r)
            if (!originalId.isMissing(r))
                rowsOfUnit[originalId.values[r]].push_back(r);
        const Column& shownId = shown.column(0);
        for (std::size_t r = 0; r < shown.rowCount(); ++r)
            if (!shownId.isMissing(r))
                if (const auto found = rowsOfUnit.find(shownId.values[r]);
                    found != rowsOfUnit.end())
                    sources[r] = found->second;
    } else {
        return;
    }

    for (std::size_t c = 0; c < shown.columnCount(); ++c) {
        const Column& column = shown.column(c);
        const auto originalIndex = original.indexOf(column.name);
        if (!originalIndex)
            continue;
        const Column& before = original.column(*originalIndex);
        std::vector<bool> imputed(shown.rowCount(), false);
        bool any = false;
        for (std::size_t r = 0; r < shown.rowCount(); ++r) {
            if (column.isMissing(r) || sources[r].empty())
                continue;
            // Imputed when no row it stands for had the value observed.
            bool observed = false;
            for (std::size_t source : sources[r])
                observed = observed || !before.isMissing(source);
            if (!observed) {
                imputed[r] = true;
                any = true;
                ++m_imputedCount;
            }
        }
        if (any)
            m_imputed[c] = std::move(imputed);
    }
}

bool DatasetTableModel::isImputed(int row, int column) const
{
    if (row < 0 || column < 0 || static_cast<std::size_t>(column) >= m_imputed.size())
        return false;
    const std::vector<bool>& marks = m_imputed[static_cast<std::size_t>(column)];
    return static_cast<std::size_t>(row) < marks.size() && marks[static_cast<std::size_t>(row)];
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

QColor DatasetTableModel::imputedBackground()
{
    return QColor(214, 236, 255);
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_dataset || !index.isValid())
        return {};
    const Column& column = m_dataset->column(static_cast<std::size_t>(index.column()));
    const auto row = static_cast<std::size_t>(index.row());
    const bool missing = column.isMissing(row);
    const bool imputed = !missing && isImputed(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return missing ? QStringLiteral(".")
                       : QString::fromStdString(formatNumber(column.values[row]));
    case Qt::BackgroundRole:
        if (missing)
            return QBrush(missingBackground());
        if (imputed)
            return QBrush(imputedBackground());
        return {};
    case Qt::FontRole:
        if (imputed) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        if (missing)
            return tr("%1: missing").arg(QString::fromStdString(column.name));
        QString tip;
        const auto label = column.valueLabels.find(column.values[row]);
        if (label != column.valueLabels.end())
            tip = QString::fromStdString(label->second);
        if (imputed)
            tip = tr("%1: imputed (missing in the original dataset)")
                      .arg(QString::fromStdString(column.name)) +
                  (tip.isEmpty() ? QString() : QStringLiteral("; ") + tip);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    default: return {};
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
