// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "core/common/Error.h"
#include "core/io/DatasetReader.h"
#include "core/io/DtaWriter.h"
#include "ui/DatasetView.h"
#include "ui/SettingsDialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace grove {

MainWindow::MainWindow(DatasetLibrary library, QWidget* parent)
    : QMainWindow(parent), m_library(std::move(library))
{
    setWindowTitle(tr("Grove"));
    setWindowIcon(QIcon(QStringLiteral(":/grove/grove.svg")));

    m_templatePane = new QLabel(this);
    m_templatePane->setObjectName(QStringLiteral("templatePane"));
    m_templatePane->setWordWrap(true);
    m_templatePane->setMargin(12);
    m_templatePane->setText(tr("<h3>No template chosen</h3><p>Choose a dataset from "
                               "<b>Dataset</b> and a template from <b>Template</b>; Grove then "
                               "asks its questions one at a time.</p>"));

    m_datasetView = new DatasetView(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_templatePane);
    splitter->addWidget(m_datasetView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    logDock->hide();

    buildMenus();
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
            this, tr("Download the dataset as Stata .dta"), currentDatasetName() + QStringLiteral(".dta"),
            tr("Stata datasets (*.dta)"));
        if (!path.isEmpty())
            downloadDataset(path);
    });

    QMenu* templateMenu = bar->addMenu(tr("&Template"));
    templateMenu->setObjectName(QStringLiteral("templateMenu"));
    QAction* noTemplates = templateMenu->addAction(tr("(templates arrive with the question pane)"));
    noTemplates->setEnabled(false);

    m_statusGauge = new QLabel(this);
    m_statusGauge->setObjectName(QStringLiteral("statusGauge"));
    m_statusGauge->setMargin(4);
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

void MainWindow::startAgain()
{
    log(tr("Start again: answers cleared"));
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
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    log(title + QStringLiteral(": ") + message);
    if (m_interactive)
        QMessageBox::warning(this, title, message);
}

} // namespace grove
