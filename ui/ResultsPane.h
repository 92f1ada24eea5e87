// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/RunOutput.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;

namespace grove {

class CopyableTableView;
class DatasetView;
class RunTableModel;
class DiagnosticsFigure;

/// TREE's results pane: the run's outputs by the seeds' names, and the selected one shown as
/// a sortable table, a dataset, a chains summary or text. Download writes them all to a folder.
class ResultsPane : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPane(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const RunResult> result);
    const RunResult* result() const { return m_result.get(); }
    /// Shows the output of that name; false when there is none.
    bool showOutput(const QString& name);
    QStringList outputNames() const;
    QListWidget* outputList() const { return m_list; }
    CopyableTableView* tableView() const { return m_tableView; }
    DatasetView* datasetView() const { return m_datasetView; }
    /// Writes every output into `folder` (writeRunOutputs); returns the error, or empty.
    QString downloadTo(const QString& folder) const;

    /// A per-parameter summary of chains (parameter, term, mean, sd, draws), shown until the
    /// six-panel diagnostics figure takes the chains page.
    static Table chainsSummary(const ChainSet& chains);

signals:
    void message(const QString& line);

private:
    void showIndex(int index);
    void download();

    std::shared_ptr<const RunResult> m_result;
    QListWidget* m_list = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    CopyableTableView* m_tableView = nullptr;
    RunTableModel* m_tableModel = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    DatasetView* m_datasetView = nullptr;
    QWidget* m_chainsPage = nullptr;
    CopyableTableView* m_chainsView = nullptr;
    RunTableModel* m_chainsModel = nullptr;
    DiagnosticsFigure* m_figure = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPushButton* m_download = nullptr;
};

} // namespace grove
