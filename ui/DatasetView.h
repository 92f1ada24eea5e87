// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTableView;
class QTableWidget;

namespace grove {

class DatasetTableModel;

/// The dataset viewer: a header line (name, rows, variables, missing values), the values with
/// missing cells marked, and the per-variable summary the seeds show (count, missing, min, max).
class DatasetView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetView(QWidget* parent = nullptr);
    void setDataset(std::shared_ptr<const Dataset> dataset);
    const Dataset* dataset() const;
    QTableWidget* summaryTable() const { return m_summary; }
    QTableView* valuesTable() const { return m_values; }

private:
    QLabel* m_title = nullptr;
    QTableView* m_values = nullptr;
    QTableWidget* m_summary = nullptr;
    DatasetTableModel* m_model = nullptr;
};

} // namespace grove
