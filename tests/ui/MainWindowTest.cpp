// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"
#include "core/io/DatasetReader.h"
#include "ui/DatasetTableModel.h"
#include "ui/DatasetView.h"

#include <QLabel>
#include <QMenuBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace grove {
namespace {

DatasetLibrary bundledLibrary()
{
    return DatasetLibrary(DatasetCatalog({GROVE_DATASETS_DIR}));
}

QStringList menuBarTitles(const QMainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text().remove(QLatin1Char('&'));
    return titles;
}

TEST(MainWindow, ShowsTheTreeMenuBarAndTutmiss)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.show();
    EXPECT_EQ(menuBarTitles(window),
              (QStringList{"Start again", "Dataset", "Template", "Settings", "About", "Debug"}));
    EXPECT_EQ(window.statusGauge()->text(), QStringLiteral("Ready"));
    EXPECT_EQ(window.currentDatasetName(), QStringLiteral("tutmiss"));

    const QAbstractItemModel* values = window.datasetView()->valuesTable()->model();
    EXPECT_EQ(values->rowCount(), 4059);
    EXPECT_EQ(values->columnCount(), 15);
    QTableWidget* summary = window.datasetView()->summaryTable();
    ASSERT_EQ(summary->rowCount(), 15);
    for (int row = 0; row < summary->rowCount(); ++row) {
        if (summary->item(row, 0)->text() == QStringLiteral("standlrtmiss")) {
            EXPECT_EQ(summary->item(row, 2)->text(), QStringLiteral("400"));
        }
    }
}

TEST(MainWindow, MissingCellsAreShownDistinctly)
{
    const Dataset tutmiss = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    const Column& girlmiss = tutmiss.column("girlmiss");
    std::size_t missingRow = 0;
    while (!girlmiss.isMissing(missingRow))
        ++missingRow;
    DatasetTableModel model;
    model.setDataset(std::make_shared<const Dataset>(tutmiss));
    const QModelIndex cell =
        model.index(static_cast<int>(missingRow), static_cast<int>(*tutmiss.indexOf("girlmiss")));
    EXPECT_EQ(model.data(cell, Qt::DisplayRole).toString(), QStringLiteral("."));
    EXPECT_TRUE(model.data(cell, Qt::BackgroundRole).isValid());
}

TEST(MainWindow, UploadAndDownloadRoundTrip)
{
    QTemporaryDir dir;
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss_lev2")));
    const QString target = dir.filePath(QStringLiteral("copy")); // no extension on purpose
    ASSERT_TRUE(window.downloadDataset(target));
    ASSERT_TRUE(QFileInfo::exists(target + QStringLiteral(".dta")));
    ASSERT_TRUE(window.uploadDataset(target + QStringLiteral(".dta")));
    EXPECT_EQ(window.currentDatasetName(), QStringLiteral("copy"));
    EXPECT_EQ(window.datasetView()->dataset()->rowCount(), 65u);
    EXPECT_FALSE(window.uploadDataset(dir.filePath(QStringLiteral("nothing.dta"))));
    EXPECT_EQ(window.currentDatasetName(), QStringLiteral("copy"))
        << "a failed upload changes nothing";
}

TEST(MainWindow, UnknownDatasetIsRefused)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    EXPECT_FALSE(window.useDataset(QStringLiteral("nosuch")));
    EXPECT_TRUE(window.currentDatasetName().isEmpty());
}

} // namespace
} // namespace grove
