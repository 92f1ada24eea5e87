// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace grove {

/// A read-only table over a Dataset: one column per variable, missing values shown as "." on
/// a tinted background so they stand out; value labels appear in the tooltip. Given the
/// original dataset a completed (imputed) dataset was made from, the cells that were missing
/// there and have a value here are marked as imputed (their own tint and tooltip).
class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit DatasetTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    /// Shows `dataset`; `original` (may be null) is what it was imputed from.
    void setDataset(std::shared_ptr<const Dataset> dataset,
                    std::shared_ptr<const Dataset> original = nullptr);
    const Dataset* dataset() const { return m_dataset.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Whether a cell holds an imputed value (see the class comment).
    bool isImputed(int row, int column) const;
    /// How many cells are marked as imputed.
    std::size_t imputedCount() const { return m_imputedCount; }

    static QColor missingBackground();
    static QColor imputedBackground();

private:
    void findImputed();

    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const Dataset> m_original;
    std::vector<std::vector<bool>> m_imputed; ///< [column][row], empty for unmarked columns
    std::size_t m_imputedCount = 0;
};

} // namespace grove
