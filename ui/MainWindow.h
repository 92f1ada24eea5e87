// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/DatasetLibrary.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QMenu;
class QPlainTextEdit;

namespace grove {

class DatasetView;

/// Grove's main window, laid out like Stat-JR's TREE: a menu bar with Start again, Dataset,
/// Template, the status gauge, Settings, About and Debug; the template's question pane above
/// and the current dataset below.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(DatasetLibrary library, QWidget* parent = nullptr);

    /// Makes the named dataset current. Returns false (and says why in the log and a message
    /// box when interactive) if it cannot be read.
    bool useDataset(const QString& name);
    /// Reads a file, adds it to the library under its file name and makes it current.
    bool uploadDataset(const QString& path);
    /// Writes the current dataset as .dta, adding the extension when it is missing.
    bool downloadDataset(const QString& path);

    QString currentDatasetName() const;
    DatasetView* datasetView() const { return m_datasetView; }
    QLabel* statusGauge() const { return m_statusGauge; }
    DatasetLibrary& library() { return m_library; }

    /// Errors go to a message box unless this is off (tests and scripted screenshots).
    void setInteractive(bool interactive) { m_interactive = interactive; }

private:
    void buildMenus();
    void fillChooseMenu();
    void startAgain();
    void showSettings();
    void showAbout();
    void reloadDatasets();
    void log(const QString& line);
    void reportError(const QString& title, const QString& message);
    void setStatus(bool working);

    DatasetLibrary m_library;
    std::shared_ptr<const Dataset> m_current;
    DatasetView* m_datasetView = nullptr;
    QLabel* m_statusGauge = nullptr;
    QLabel* m_templatePane = nullptr;
    QMenu* m_chooseMenu = nullptr;
    QPlainTextEdit* m_log = nullptr;
    bool m_interactive = true;
};

} // namespace grove
