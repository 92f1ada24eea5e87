// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "core/common/Error.h"
#include "core/io/DatasetReader.h"
#include "core/io/DtaWriter.h"
#include "core/io/StackedExport.h"
#include "core/spec/InputString.h"
#include "core/spec/Template.h"
#include "core/spec/TemplateRegistry.h"
#include "ui/DatasetView.h"
#include "ui/LiveDiagnosticsPanel.h"
#include "ui/ModelEquation.h"
#include "ui/QuestionPane.h"
#include "ui/ResultsPane.h"
#include "ui/RunController.h"
#include "ui/RunHistory.h"
#include "ui/RunProgressPanel.h"
#include "ui/SetInputsDialog.h"
#include "ui/SettingsDialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace grove {

MainWindow::MainWindow(DatasetLibrary library, QWidget* parent)
    : QMainWindow(parent), m_library(std::move(library))
{
    setWindowTitle(tr("Grove"));
    setWindowIcon(QIcon(QStringLiteral(":/grove/grove.svg")));

    m_questionPane = new QuestionPane(&m_library, this);
    m_questionPane->setObjectName(QStringLiteral("questionPane"));
    connect(m_questionPane, &QuestionPane::runRequested, this, &MainWindow::runTemplate);
    m_progress = new RunProgressPanel(this);
    m_progress->setObjectName(QStringLiteral("progressPanel"));
    m_progress->hide();
    m_runner = new RunController(this);
    connect(m_progress, &RunProgressPanel::cancelRequested, this, [this] {
        m_runner->cancel();
        m_progress->cancelButton()->setEnabled(false);
        log(tr("Cancelling the run"));
    });
    connect(m_progress, &RunProgressPanel::liveRequested, this,
            [this] { m_lowerTabs->setCurrentWidget(m_livePanel); });
    connect(m_runner, &RunController::stageChanged, m_progress, &RunProgressPanel::setStage);
    connect(m_runner, &RunController::progressed, m_progress, &RunProgressPanel::setProgress);
    connect(m_runner, &RunController::finished, this, &MainWindow::runFinished);
    connect(m_runner, &RunController::failed, this, [this](const QString& reason) {
        runEnded(tr("The run failed: %1").arg(reason), true);
    });
    connect(m_runner, &RunController::cancelled, this,
            [this] { runEnded(tr("The run was cancelled; nothing was kept."), true); });

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_questionPane, 1);
    topLayout->addWidget(m_progress);

    m_datasetView = new DatasetView(this);
    m_resultsPane = new ResultsPane(this);
    m_resultsPane->setObjectName(QStringLiteral("resultsPane"));
    connect(m_resultsPane, &ResultsPane::message, this, &MainWindow::log);
    m_lowerTabs = new QTabWidget(this);
    m_lowerTabs->setObjectName(QStringLiteral("lowerTabs"));
    m_lowerTabs->addTab(m_datasetView, tr("Dataset"));
    m_lowerTabs->addTab(m_resultsPane, tr("Results"));
    m_livePanel = new LiveDiagnosticsPanel(this);
    m_livePanel->setObjectName(QStringLiteral("livePanel"));
    m_lowerTabs->addTab(m_livePanel, tr("Live diagnostics"));
    connect(m_livePanel, &LiveDiagnosticsPanel::popoutRequested, this,
            [this] { popoutLiveDiagnostics(); });

    // The model of interest of the current answers, as LaTeX to copy into a paper.
    m_modelPage = new QWidget(this);
    m_modelBox = new QPlainTextEdit(m_modelPage);
    m_modelBox->setObjectName(QStringLiteral("modelEquationBox"));
    m_modelBox->setReadOnly(true);
    m_modelBox->setStyleSheet(QStringLiteral("QPlainTextEdit { font-family: monospace; }"));
    auto* copyModel = new QPushButton(tr("Copy"), m_modelPage);
    copyModel->setObjectName(QStringLiteral("copyModelEquation"));
    connect(copyModel, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_modelBox->toPlainText()); });
    auto* modelHeader = new QHBoxLayout;
    modelHeader->addWidget(new QLabel(tr("<b>Model of interest</b> (LaTeX, for an <tt>amsmath</tt> "
                                         "document)"),
                                      m_modelPage));
    modelHeader->addStretch();
    modelHeader->addWidget(copyModel);
    auto* modelLayout = new QVBoxLayout(m_modelPage);
    modelLayout->setContentsMargins(4, 4, 4, 4);
    modelLayout->addLayout(modelHeader);
    modelLayout->addWidget(m_modelBox, 1);
    m_lowerTabs->addTab(m_modelPage, tr("Model"));
    connect(m_questionPane, &QuestionPane::answersChanged, this, &MainWindow::answersChanged);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_lowerTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    logDock->hide();

    buildMenus();
    // TREE opens with a template chosen; 2LevelImpute is the one that runs.
    chooseTemplate(QStringLiteral("2LevelImpute"));
    resize(1200, 800);
    log(tr("Grove %1 started; datasets from %2 folder(s)")
            .arg(QStringLiteral(GROVE_VERSION))
            .arg(m_library.catalog().folders().size()));
}

void MainWindow::buildMenus()
{
    QMenuBar* bar = menuBar();
    bar->setNativeMenuBar(false);

    QAction* startAgain = bar->addAction(tr("Start again"));
    startAgain->setObjectName(QStringLiteral("startAgainAction"));
    connect(startAgain, &QAction::triggered, this, &MainWindow::startAgain);

    QMenu* datasetMenu = bar->addMenu(tr("&Dataset"));
    datasetMenu->setObjectName(QStringLiteral("datasetMenu"));
    m_chooseMenu = datasetMenu->addMenu(tr("Choose"));
    m_chooseMenu->setObjectName(QStringLiteral("chooseMenu"));
    connect(m_chooseMenu, &QMenu::aboutToShow, this, &MainWindow::fillChooseMenu);
    QAction* view = datasetMenu->addAction(tr("View"));
    view->setObjectName(QStringLiteral("viewDatasetAction"));
    view->setToolTip(tr("The current dataset in its own window, with its missing-data patterns"));
    connect(view, &QAction::triggered, this, [this] { viewDataset(); });
    QAction* upload = datasetMenu->addAction(tr("Upload…"));
    upload->setShortcut(QKeySequence::Open);
    connect(upload, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Upload a dataset"), QString(),
            tr("Datasets (*.dta *.csv *.txt *.sav *.zsav *.por *.sas7bdat);;All files (*)"));
        if (!path.isEmpty())
            uploadDataset(path);
    });
    QAction* download = datasetMenu->addAction(tr("Download…"));
    download->setShortcut(QKeySequence::Save);
    connect(download, &QAction::triggered, this, [this] {
        if (!m_current)
            return;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Download the dataset as Stata .dta"),
            currentDatasetName() + QStringLiteral(".dta"), tr("Stata datasets (*.dta)"));
        if (!path.isEmpty())
            downloadDataset(path);
    });
    // The last run's completed datasets, stacked as each package's multiple-imputation tools
    // read them (the files grove-run --export writes).
    QMenu* exportMenu = datasetMenu->addMenu(tr("Export completed datasets"));
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    const std::pair<QString, ExportFormat> exports[] = {
        {tr("For Stata (mi flong .dta + .do)…"), ExportFormat::Stata},
        {tr("For SPSS (stacked .sav)…"), ExportFormat::Spss},
        {tr("For R (long .csv + mids script)…"), ExportFormat::R}};
    for (const auto& [label, format] : exports) {
        QAction* action = exportMenu->addAction(label);
        connect(action, &QAction::triggered, this, [this, format = format] {
            const QString folder = QFileDialog::getExistingDirectory(
                this, tr("Export the completed datasets into a folder"));
            if (folder.isEmpty())
                return;
            const QString problem = m_resultsPane->exportTo(folder, {format});
            if (problem.isEmpty())
                log(tr("Completed datasets exported to %1").arg(folder));
            else
                reportError(tr("Export"), problem);
        });
    }
    connect(datasetMenu, &QMenu::aboutToShow, this, [this, exportMenu] {
        const RunResult* result = m_resultsPane->result();
        exportMenu->menuAction()->setEnabled(result && !result->originals.empty());
    });

    QMenu* templateMenu = bar->addMenu(tr("&Template"));
    templateMenu->setObjectName(QStringLiteral("templateMenu"));
    m_templateGroup = new QActionGroup(templateMenu);
    for (const std::string& name : templateNames()) {
        const QString label = QString::fromStdString(name);
        QAction* action = templateMenu->addAction(label);
        action->setObjectName(QStringLiteral("template_") + label);
        action->setCheckable(true);
        action->setToolTip(QString::fromStdString(findTemplate(name).description()));
        m_templateGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, label] { chooseTemplate(label); });
    }
    templateMenu->setToolTipsVisible(true);
    templateMenu->addSeparator();
    QAction* setInputs = templateMenu->addAction(tr("Set Inputs…"));
    setInputs->setObjectName(QStringLiteral("setInputsAction"));
    connect(setInputs, &QAction::triggered, this, &MainWindow::showSetInputs);

    m_statusGauge = new QLabel(this);
    m_statusGauge->setObjectName(QStringLiteral("statusGauge"));
    m_statusGauge->setMargin(4);
    m_statusGauge->setAlignment(Qt::AlignCenter);
    // Wide enough for the longer word, so neither state is clipped in the menu bar's corner.
    m_statusGauge->setMinimumWidth(m_statusGauge->fontMetrics().horizontalAdvance(tr("Working")) +
                                   40);
    setStatus(false);

    QAction* settings = bar->addAction(tr("Settings"));
    connect(settings, &QAction::triggered, this, &MainWindow::showSettings);
    QAction* about = bar->addAction(tr("About"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QMenu* debugMenu = bar->addMenu(tr("Debug"));
    QAction* reload = debugMenu->addAction(tr("Reload datasets"));
    connect(reload, &QAction::triggered, this, &MainWindow::reloadDatasets);
    QAction* showLog = debugMenu->addAction(tr("Show log"));
    connect(showLog, &QAction::triggered, this, [this] {
        if (auto* dock = findChild<QDockWidget*>(QStringLiteral("logDock")))
            dock->show();
    });
    bar->setCornerWidget(m_statusGauge, Qt::TopRightCorner);
}

void MainWindow::fillChooseMenu()
{
    m_chooseMenu->clear();
    auto* group = new QActionGroup(m_chooseMenu);
    for (const std::string& name : m_library.names()) {
        const QString label = QString::fromStdString(name);
        QAction* action = m_chooseMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(label == currentDatasetName());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, label] { useDataset(label); });
    }
}

QString MainWindow::currentDatasetName() const
{
    return m_current ? QString::fromStdString(m_current->name()) : QString();
}

bool MainWindow::useDataset(const QString& name)
{
    try {
        m_current = m_library.get(name.toStdString());
    } catch (const Error& error) {
        reportError(tr("Dataset"), QString::fromStdString(error.what()));
        return false;
    }
    m_datasetView->setDataset(m_current);
    m_questionPane->setDataset(m_current);
    m_lowerTabs->setCurrentWidget(m_datasetView);
    setWindowTitle(tr("Grove — %1").arg(name));
    log(tr("Using dataset %1").arg(name));
    return true;
}

bool MainWindow::uploadDataset(const QString& path)
{
    try {
        std::vector<std::string> notes;
        Dataset dataset = readDataset(path.toStdString(), &notes);
        for (const std::string& note : notes)
            log(QString::fromStdString(note));
        const QString name = QString::fromStdString(dataset.name());
        m_library.add(std::move(dataset));
        log(tr("Uploaded %1").arg(path));
        return useDataset(name);
    } catch (const Error& error) {
        reportError(tr("Upload"), QString::fromStdString(error.what()));
        return false;
    }
}

bool MainWindow::downloadDataset(const QString& path)
{
    if (!m_current)
        return false;
    QString target = path;
    if (!target.endsWith(QStringLiteral(".dta"), Qt::CaseInsensitive))
        target += QStringLiteral(".dta");
    try {
        writeDta(*m_current, target.toStdString());
    } catch (const Error& error) {
        reportError(tr("Download"), QString::fromStdString(error.what()));
        return false;
    }
    log(tr("Wrote %1").arg(target));
    return true;
}

MainWindow::~MainWindow() = default;

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_splitterPlaced)
        return;
    // Sizes given before the window has its size are not kept: split the real height once,
    // a little more for the questions than for the dataset and results.
    m_splitterPlaced = true;
    QTimer::singleShot(0, this, [this] {
        const int height = m_splitter->height();
        m_splitter->setSizes({height * 11 / 20, height - height * 11 / 20});
    });
}

QWidget* MainWindow::viewDataset()
{
    if (!m_current)
        return nullptr;
    auto* window = new QWidget(this, Qt::Window);
    window->setObjectName(QStringLiteral("datasetWindow"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(tr("Grove — dataset %1").arg(currentDatasetName()));
    auto* view = new DatasetView(window);
    view->setDataset(m_current);
    const Answers& answers = m_questionPane->answers();
    const QString unit =
        QString::fromStdString(answers.valueOr("L2ID", answers.valueOr("classid_1", "")));
    if (!unit.isEmpty())
        view->setUnitVariable(unit);
    auto* layout = new QVBoxLayout(window);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view);
    window->resize(1200, 720);
    window->show();
    view->showMissingByUnit();
    return window;
}

LiveDiagnosticsPanel* MainWindow::popoutLiveDiagnostics()
{
    auto* panel = new LiveDiagnosticsPanel(this);
    panel->setWindowFlag(Qt::Window);
    panel->setObjectName(QStringLiteral("livePopout"));
    panel->setAttribute(Qt::WA_DeleteOnClose);
    panel->setWindowTitle(tr("Grove — live diagnostics"));
    panel->popoutButton()->hide();
    panel->setSource(m_runner->liveChains());
    if (!isRunning())
        panel->finish(); // the last run's draws, once
    panel->resize(1100, 900);
    panel->show();
    return panel;
}

QString MainWindow::modelEquation() const
{
    const QString name = m_questionPane->templateName();
    return QString::fromStdString(
        modelEquationLatex(name.toStdString(), m_questionPane->answers(), m_current.get()));
}

void MainWindow::answersChanged()
{
    const QString equation = modelEquation();
    m_modelBox->setPlainText(equation.isEmpty()
                                 ? tr("% The model of interest appears here once its response "
                                      "and explanatory variables are answered.")
                                 : equation);
    const Answers& answers = m_questionPane->answers();
    const QString unit =
        QString::fromStdString(answers.valueOr("L2ID", answers.valueOr("classid_1", "")));
    if (!unit.isEmpty() && unit != m_datasetView->unitVariable())
        m_datasetView->setUnitVariable(unit);
}

void MainWindow::startAgain()
{
    if (isRunning())
        return;
    m_questionPane->clearAnswers();
    log(tr("Start again: answers cleared"));
}

void MainWindow::chooseTemplate(const QString& name)
{
    if (isRunning())
        return;
    try {
        m_questionPane->setTemplate(name);
    } catch (const Error& error) {
        reportError(tr("Template"), QString::fromStdString(error.what()));
        return;
    }
    for (QAction* action : m_templateGroup->actions())
        action->setChecked(action->text() == name);
    log(tr("Template %1 chosen").arg(name));
}

SetInputsDialog* MainWindow::createSetInputsDialog()
{
    return new SetInputsDialog(m_questionPane->templateName(), m_questionPane->context(), this);
}

void MainWindow::applySetInputs(const SetInputsDialog& dialog)
{
    if (isRunning())
        return;
    const QString dataset = dialog.commandDataset();
    if (!dataset.isEmpty() && dataset != currentDatasetName() && !useDataset(dataset))
        return;
    const QString name = dialog.commandTemplate();
    if (!name.isEmpty() && name != m_questionPane->templateName())
        chooseTemplate(name);
    if (!m_questionPane->currentTemplate()) {
        reportError(tr("Set Inputs"), tr("Choose a template first (Template menu)."));
        return;
    }
    const QString problem = m_questionPane->setAnswers(dialog.answers());
    log(tr("Inputs set: %1 answer(s) accepted%2")
            .arg(m_questionPane->answers().size())
            .arg(problem.isEmpty() ? QString() : QStringLiteral("; ") + problem));
}

void MainWindow::showSetInputs()
{
    std::unique_ptr<SetInputsDialog> dialog(createSetInputsDialog());
    dialog->setText(m_questionPane->answers().empty() ? QString() : m_questionPane->inputString());
    if (dialog->exec() == QDialog::Accepted)
        applySetInputs(*dialog);
}

bool MainWindow::isRunning() const
{
    return m_runner->isRunning();
}

void MainWindow::runTemplate()
{
    const Template* chosen = m_questionPane->currentTemplate();
    if (!chosen || !m_questionPane->isComplete() || isRunning())
        return;
    Answers validated;
    try {
        validated = chosen->validate(m_questionPane->answers(), m_questionPane->context());
    } catch (const Error& error) {
        m_questionPane->showMessage(QString::fromStdString(error.what()), true);
        return;
    }
    if (!m_current) {
        m_questionPane->showMessage(tr("Choose a dataset first (Dataset > Choose)."), true);
        return;
    }
    NamedDatasets others;
    for (const std::string& name : datasetsNamedBy(chosen->name(), validated)) {
        others[name] = m_library.find(name);
        if (!others[name]) {
            m_questionPane->showMessage(
                tr("Dataset %1 cannot be read.").arg(QString::fromStdString(name)), true);
            return;
        }
    }
    RunSettings settings;
    settings.seed = static_cast<std::uint64_t>(SettingsDialog::defaultSeed());
    settings.threads = SettingsDialog::threads();
    settings.completeDataDf = SettingsDialog::completeDataDf();
    settings.chainPerImputation = SettingsDialog::chainPerImputation();
    m_progress->reset();
    m_progress->show();
    m_questionPane->setRunning(true);
    m_questionPane->showMessage(tr("Working…"), false);
    setStatus(true);
    log(tr("Run started: %1 on %2, seed %3, %4 thread(s)")
            .arg(QString::fromStdString(chosen->name()), currentDatasetName())
            .arg(settings.seed)
            .arg(settings.threads));
    m_runDataset = m_current;
    m_runEquation = modelEquation();
    m_runTemplate = QString::fromStdString(chosen->name());
    m_runInputString = QString::fromStdString(printInputString(validated));
    m_runner->start(chosen->name(), m_current, std::move(others), validated, settings);
    // The samplers publish their stored draws as they go; the live tab follows them.
    m_livePanel->setSource(m_runner->liveChains());
    for (auto* popout : findChildren<LiveDiagnosticsPanel*>(QStringLiteral("livePopout")))
        popout->setSource(m_runner->liveChains());
    m_lowerTabs->setCurrentWidget(m_livePanel);
}

void MainWindow::runFinished(std::shared_ptr<const RunResult> result)
{
    int added = 0;
    for (const RunOutput& output : result->outputs) {
        if (output.kind == RunOutput::Kind::DatasetOutput && output.dataset) {
            // Copies: the library owns its datasets, the results keep theirs for the pane.
            m_library.add(*output.dataset);
            ++added;
        }
    }
    if (!m_runEquation.isEmpty()) {
        // The model equation joins the outputs (and so Download); the rest are shared.
        auto withEquation = std::make_shared<RunResult>(*result);
        withEquation->outputs.push_back(
            RunOutput::makeText("ModelEquation", m_runEquation.toStdString()));
        result = std::move(withEquation);
    }
    // Only a run that succeeded joins the history, as grove-run's do.
    if (!RunHistory::add(m_runTemplate,
                         m_runDataset ? QString::fromStdString(m_runDataset->name()) : QString(),
                         m_runInputString))
        log(tr("The run history could not be written."));
    m_resultsPane->setResult(std::move(result), m_runDataset);
    m_lowerTabs->setCurrentWidget(m_resultsPane);
    runEnded(tr("Finished: %1 output(s); %2 imputed dataset(s) added to Dataset > Choose.")
                 .arg(m_resultsPane->outputNames().size())
                 .arg(added),
             false);
}

void MainWindow::runEnded(const QString& message, bool error)
{
    m_livePanel->finish();
    for (auto* popout : findChildren<LiveDiagnosticsPanel*>(QStringLiteral("livePopout")))
        popout->finish();
    setStatus(false);
    m_progress->hide();
    m_questionPane->setRunning(false);
    m_questionPane->showMessage(message, error);
    log(message);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Grove"),
        tr("<h3>Grove %1</h3><p>Multilevel multiple imputation of missing data, in the manner "
           "of Stat-JR's TREE interface.</p>"
           "<p>Built with Qt %2 (LGPL-3.0), QCustomPlot (GPL-3.0), ReadStat (MIT), "
           "Eigen (MPL-2.0) and GoogleTest (BSD-3-Clause).</p>"
           "<p>Grove is free software under the GPL-3.0-or-later.</p>")
            .arg(QStringLiteral(GROVE_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::reloadDatasets()
{
    m_library.reloadBundled();
    const QString name = currentDatasetName();
    log(tr("Datasets reloaded from disk"));
    if (!name.isEmpty())
        useDataset(name);
}

void MainWindow::setStatus(bool working)
{
    m_statusGauge->setText(working ? tr("Working") : tr("Ready"));
    m_statusGauge->setStyleSheet(working
                                     ? QStringLiteral("QLabel { background: #e6a000; color: white; "
                                                      "border-radius: 4px; padding: 2px 10px; }")
                                     : QStringLiteral("QLabel { background: #2e9e44; color: white; "
                                                      "border-radius: 4px; padding: 2px 10px; }"));
}

void MainWindow::log(const QString& line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) +
                           line);
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    log(title + QStringLiteral(": ") + message);
    if (m_interactive)
        QMessageBox::warning(this, title, message);
}

} // namespace grove
