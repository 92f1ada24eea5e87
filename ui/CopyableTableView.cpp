// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CopyableTableView.h"

#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QKeyEvent>

#include <algorithm>
#include <map>

namespace grove {

QString CopyableTableView::selectionText() const
{
    if (!model() || !selectionModel())
        return {};
    QModelIndexList indexes = selectionModel()->selectedIndexes();
    if (indexes.isEmpty())
        return {};
    std::sort(indexes.begin(), indexes.end(), [](const QModelIndex& a, const QModelIndex& b) {
        return a.row() != b.row() ? a.row() < b.row() : a.column() < b.column();
    });
    std::map<int, std::map<int, QString>> cells;
    int firstColumn = indexes.first().column();
    int lastColumn = firstColumn;
    for (const QModelIndex& index : indexes) {
        cells[index.row()][index.column()] = index.data(Qt::EditRole).toString();
        firstColumn = std::min(firstColumn, index.column());
        lastColumn = std::max(lastColumn, index.column());
    }
    QStringList lines;
    const bool wholeRows = firstColumn == 0 && lastColumn == model()->columnCount() - 1;
    if (wholeRows) {
        QStringList header;
        for (int column = firstColumn; column <= lastColumn; ++column)
            header << model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        lines << header.join(QLatin1Char('\t'));
    }
    for (const auto& [row, columns] : cells) {
        QStringList line;
        for (int column = firstColumn; column <= lastColumn; ++column) {
            const auto found = columns.find(column);
            line << (found == columns.end() ? QString() : found->second);
        }
        lines << line.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void CopyableTableView::copySelection() const
{
    QApplication::clipboard()->setText(selectionText());
}

void CopyableTableView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace grove
