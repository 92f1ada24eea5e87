// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <QAbstractTableModel>

#include <memory>

namespace grove {

/// A read-only table over a Dataset: one column per variable, missing values shown as "." on
/// a tinted background so they stand out; value labels appear in the tooltip.
class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit DatasetTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setDataset(std::shared_ptr<const Dataset> dataset);
    const Dataset* dataset() const { return m_dataset.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QColor missingBackground();

private:
    std::shared_ptr<const Dataset> m_dataset;
};

} // namespace grove
