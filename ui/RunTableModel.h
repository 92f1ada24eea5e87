// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/RunOutput.h"

#include <QAbstractTableModel>

namespace grove {

/// A read-only results table: numbers right-aligned with 4 significant decimals shown (full
/// precision in the tooltip and when copied), text left-aligned. Sorting (through a proxy)
/// uses the numbers, not their text.
class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit RunTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setTable(Table table);
    const Table& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Table m_table;
};

} // namespace grove
