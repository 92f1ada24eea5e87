// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace grove {

class DatasetTableModel;
class MissingPatternPicture;

/// The dataset viewer: a header line (name, rows, variables, missing values), the values with
/// missing cells marked (and imputed cells, for a completed dataset given its original), and
/// beside them three tabs: the per-variable summary the seeds show (count, missing, min, max),
/// the missing-data patterns, and the missingness per level-2 unit of a chosen unit variable.
class DatasetView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetView(QWidget* parent = nullptr);
    /// Shows `dataset`; with `original`, the cells imputed since it are marked.
    void setDataset(std::shared_ptr<const Dataset> dataset,
                    std::shared_ptr<const Dataset> original = nullptr);
    const Dataset* dataset() const;
    std::shared_ptr<const Dataset> sharedDataset() const { return m_dataset; }
    std::shared_ptr<const Dataset> original() const { return m_original; }
    /// The variable whose values are the level-2 units of the per-unit tab ("" for none).
    void setUnitVariable(const QString& name);
    QString unitVariable() const;
    /// Brings the per-unit tab forward and gives the tabs half the width (Dataset > View).
    void showMissingByUnit();

    QTableWidget* summaryTable() const { return m_summary; }
    QTableWidget* patternsTable() const { return m_patterns; }
    /// The patterns as a picture, above the table in the same tab.
    MissingPatternPicture* patternPicture() const { return m_patternPicture; }
    QTableWidget* unitsTable() const { return m_units; }
    QTabWidget* sideTabs() const { return m_tabs; }
    QTableView* valuesTable() const { return m_values; }
    DatasetTableModel* model() const { return m_model; }

private:
    void fillSummary();
    void fillMissing();

    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const Dataset> m_original;
    QLabel* m_title = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_values = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_summary = nullptr;
    QTableWidget* m_patterns = nullptr;
    MissingPatternPicture* m_patternPicture = nullptr;
    QComboBox* m_unitBox = nullptr;
    QTableWidget* m_units = nullptr;
    DatasetTableModel* m_model = nullptr;
};

} // namespace grove
