// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/DatasetLibrary.h"
#include "core/run/RunOutput.h"

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace grove {

class DatasetView;
class LiveDiagnosticsPanel;
class QuestionPane;
class ResultsPane;
class RunController;
class RunProgressPanel;
class SetInputsDialog;

/// Grove's main window, laid out like Stat-JR's TREE: a menu bar with Start again, Dataset,
/// Template, the status gauge, Settings, About and Debug; the template's question pane (with
/// the run's progress) above, and the current dataset and the results pane below.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(DatasetLibrary library, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Makes the named dataset current. Returns false (and says why in the log and a message
    /// box when interactive) if it cannot be read.
    bool useDataset(const QString& name);
    /// Reads a file, adds it to the library under its file name and makes it current.
    bool uploadDataset(const QString& path);
    /// Writes the current dataset as .dta, adding the extension when it is missing.
    bool downloadDataset(const QString& path);

    /// Template > name: chooses the template and clears the answers.
    void chooseTemplate(const QString& name);
    /// A Set Inputs dialog for the current template (not shown); applySetInputs uses it.
    SetInputsDialog* createSetInputsDialog();
    /// "Use": loads the dialog's answers (and a command's template and dataset) into the pane.
    void applySetInputs(const SetInputsDialog& dialog);
    /// Run: validates the answers and, for 2LevelImpute, starts the run on a worker thread.
    void runTemplate();
    bool isRunning() const;
    /// Start again: clears the answers.
    void startAgain();
    /// Dataset > View: the current dataset in a window of its own, with its missing-data
    /// patterns per variable and per level-2 unit. Returns the window (owned by this one).
    QWidget* viewDataset();
    /// Popout of the live diagnostics: a window of its own following the current (or last)
    /// run's chains. Returns it (owned by this window, deleted when closed).
    LiveDiagnosticsPanel* popoutLiveDiagnostics();
    /// The model of interest of the current answers as LaTeX ("" until it is specified).
    QString modelEquation() const;

    QString currentDatasetName() const;
    QuestionPane* questionPane() const { return m_questionPane; }
    ResultsPane* resultsPane() const { return m_resultsPane; }
    RunProgressPanel* progressPanel() const { return m_progress; }
    QTabWidget* lowerTabs() const { return m_lowerTabs; }
    DatasetView* datasetView() const { return m_datasetView; }
    LiveDiagnosticsPanel* livePanel() const { return m_livePanel; }
    QPlainTextEdit* modelBox() const { return m_modelBox; }
    QLabel* statusGauge() const { return m_statusGauge; }
    DatasetLibrary& library() { return m_library; }

    /// Errors go to a message box unless this is off (tests and scripted screenshots).
    void setInteractive(bool interactive) { m_interactive = interactive; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildMenus();
    void fillChooseMenu();
    void showSetInputs();
    void runFinished(std::shared_ptr<const RunResult> result);
    void runEnded(const QString& message, bool error);
    void showSettings();
    void showAbout();
    void reloadDatasets();
    void log(const QString& line);
    void reportError(const QString& title, const QString& message);
    void setStatus(bool working);
    void answersChanged();

    DatasetLibrary m_library;
    std::shared_ptr<const Dataset> m_current;
    std::shared_ptr<const Dataset> m_runDataset; ///< the dataset of the run working or last run
    QString m_runEquation;                       ///< the model equation of that run
    QString m_runTemplate, m_runInputString;     ///< for the run history, once the run succeeds
    DatasetView* m_datasetView = nullptr;
    QLabel* m_statusGauge = nullptr;
    QuestionPane* m_questionPane = nullptr;
    RunProgressPanel* m_progress = nullptr;
    ResultsPane* m_resultsPane = nullptr;
    LiveDiagnosticsPanel* m_livePanel = nullptr;
    QWidget* m_modelPage = nullptr;
    QPlainTextEdit* m_modelBox = nullptr;
    QTabWidget* m_lowerTabs = nullptr;
    QSplitter* m_splitter = nullptr;
    bool m_splitterPlaced = false;
    RunController* m_runner = nullptr;
    QActionGroup* m_templateGroup = nullptr;
    QMenu* m_chooseMenu = nullptr;
    QPlainTextEdit* m_log = nullptr;
    bool m_interactive = true;
};

} // namespace grove
