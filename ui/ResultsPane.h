// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/StackedExport.h"
#include "core/run/RunOutput.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

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

/// TREE's results pane: the run's outputs by the Stat-JR manual's names, and the selected one shown
/// as a sortable table, a dataset, a chains summary or text. Download writes them all to a folder.
class ResultsPane : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPane(QWidget* parent = nullptr);

    /// Shows a run's outputs; `original` is the dataset the run imputed, so the completed
    /// datasets mark the values that were missing in it.
    void setResult(std::shared_ptr<const RunResult> result,
                   std::shared_ptr<const Dataset> original = nullptr);
    const RunResult* result() const { return m_result.get(); }
    /// Shows the output of that name; false when there is none.
    bool showOutput(const QString& name);
    QStringList outputNames() const;
    QListWidget* outputList() const { return m_list; }
    CopyableTableView* tableView() const { return m_tableView; }
    DatasetView* datasetView() const { return m_datasetView; }
    /// Download: writes every output into `folder` (writeRunOutputs: tables and chains as CSV,
    /// datasets as .dta, texts as .txt), the completed datasets stacked for Stata, SPSS and R
    /// (exportTo; a format that cannot take the names is left out and named in the error) and, as
    /// grove-run does, a six-panel diagnostics SVG per parameter of the combined MOI chains and of
    /// the imputation model, and one imputed-versus-observed SVG per variable. `progress` (GUI
    /// thread) is told the steps done of the total between files; returning false cancels.
    /// Returns the error, or empty.
    QString downloadTo(const QString& folder,
                       const std::function<bool(int done, int total)>& progress = {}) const;
    /// Export: writes the completed datasets stacked for `formats` into `folder`
    /// (writeStackedOutputs: Stata mi flong + .do, SPSS .sav, R long .csv + .R). Returns the
    /// error, or empty.
    QString exportTo(const QString& folder, const std::vector<ExportFormat>& formats) const;
    /// Popout: opens the output shown (or the named one) in a window of its own, which the pane
    /// owns; returns it, or null when there is no such output.
    QWidget* popout(const QString& name = {});
    /// The popout windows still open.
    QList<QWidget*> popouts() const;
    QPushButton* popoutButton() const { return m_popout; }
    /// The run's warnings (RunResult::warnings), shown above the outputs; hidden when none.
    QLabel* warningsLabel() const { return m_warnings; }
    /// The convergence verdict (RunResult::convergence) at the top; hidden when there is none.
    QLabel* convergenceBanner() const { return m_convergence; }

    /// A viewer for one output, as the pane shows it (table, dataset, chains with the
    /// six-panel figure, or text), for popout windows.
    static QWidget* createViewer(const RunOutput& output, std::shared_ptr<const Dataset> original,
                                 QWidget* parent);

    /// A per-parameter summary of chains (parameter, term, mean, sd, draws), shown until the
    /// six-panel diagnostics figure takes the chains page.
    static Table chainsSummary(const ChainSet& chains);

signals:
    void message(const QString& line);

private:
    struct DownloadStep {
        const RunOutput* output;
        std::size_t parameter; ///< or the variable of an imputed-versus-observed figure
    };
    std::vector<DownloadStep> downloadSteps() const;
    void showIndex(int index);
    void download();

    std::shared_ptr<const RunResult> m_result;
    std::shared_ptr<const Dataset> m_original;
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
    QWidget* m_comparisonPage = nullptr; ///< holds the imputed-versus-observed viewer
    QPushButton* m_download = nullptr;
    QPushButton* m_popout = nullptr;
    QLabel* m_warnings = nullptr;
    QLabel* m_convergence = nullptr;
};

} // namespace grove
