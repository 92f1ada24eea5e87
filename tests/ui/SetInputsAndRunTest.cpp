// SPDX-License-Identifier: GPL-3.0-or-later
// Template > Set Inputs with its History, and a whole (short) 2LevelImpute run from the GUI.
#include "UiTestSupport.h"

#include "core/spec/Command.h"
#include "core/spec/Template.h"
#include "core/spec/TemplateRegistry.h"
#include "ui/CopyableTableView.h"
#include "ui/DatasetView.h"
#include "ui/RunHistory.h"
#include "ui/plots/DiagnosticsFigure.h"

#include "ui/MainWindow.h"
#include "ui/QuestionPane.h"
#include "ui/ResultsPane.h"
#include "ui/RunProgressPanel.h"
#include "ui/SetInputsDialog.h"
#include <QTableView>

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

namespace grove {
namespace {

using test::bundledLibrary;
using test::workedExample;

TEST(SetInputs, PastedSeedStringFillsThePane)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    dialog->setText(QString::fromLatin1(workedExample));
    EXPECT_TRUE(dialog->isValid()) << dialog->message().toStdString();
    EXPECT_TRUE(dialog->message().startsWith(QStringLiteral("Valid")));
    window.applySetInputs(*dialog);

    QuestionPane& pane = *window.questionPane();
    EXPECT_TRUE(pane.isComplete());
    EXPECT_TRUE(pane.answers().sameAs(parseInputString(workedExample)));
    // Every answer is listed with its remove link, in question order.
    EXPECT_EQ(pane.answers().keys().front(), "numlevs");
    for (const auto& [key, value] : pane.answers())
        EXPECT_NE(
            pane.findChild<QWidget*>(QStringLiteral("answered_") + QString::fromStdString(key)),
            nullptr)
            << key;
}

TEST(SetInputs, AWholeCommandIsAcceptedToo)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    const Template& twoLevel = findTemplate("2LevelImpute");
    const std::string command =
        printCommand(twoLevel.makeCommand("tutmiss", parseInputString(workedExample)));
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    dialog->setText(QString::fromStdString(command));
    EXPECT_TRUE(dialog->isValid()) << dialog->message().toStdString();
    EXPECT_EQ(dialog->commandDataset(), QStringLiteral("tutmiss"));
    window.applySetInputs(*dialog);
    EXPECT_TRUE(window.questionPane()->isComplete());
}

TEST(SetInputs, InvalidAnswersAreReportedAndEarlierOnesKept)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    Answers answers = parseInputString(workedExample);
    answers.set("MOIdist", "Gamma");
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    dialog->setText(QString::fromStdString(printInputString(answers)));
    EXPECT_FALSE(dialog->isValid());
    EXPECT_TRUE(dialog->message().contains(QStringLiteral("MOIdist")))
        << dialog->message().toStdString();
    EXPECT_TRUE(dialog->findChild<QLabel*>(QStringLiteral("setInputsMessage"))
                    ->styleSheet()
                    .contains(QStringLiteral("#c0392b")));
    window.applySetInputs(*dialog);
    QuestionPane& pane = *window.questionPane();
    EXPECT_EQ(pane.currentQuestion()->key, "MOIdist");
    EXPECT_EQ(pane.answers().size(), 3u); // numlevs, L2ID, MOIlevel
    EXPECT_FALSE(pane.problemText().isEmpty());

    dialog->setText(QStringLiteral("{'numlevs': 'Yes'"));
    EXPECT_FALSE(dialog->isValid());
    EXPECT_FALSE(dialog->findChild<QPushButton*>(QStringLiteral("useButton"))->isEnabled());
}

TEST(SetInputs, HistoryKeepsNewestFirstAndAtMostTwoHundred)
{
    RunHistory::clear();
    for (int i = 0; i < 210; ++i)
        RunHistory::add(QStringLiteral("2LevelImpute"), QStringLiteral("tutmiss"),
                        QStringLiteral("{'numimpute': '%1'}").arg(i));
    RunHistory::add(QStringLiteral("2LevelImpute"), QStringLiteral("tutmiss"),
                    QStringLiteral("{'numimpute': '30'}"));
    const std::vector<HistoryEntry> entries = RunHistory::entries();
    ASSERT_EQ(entries.size(), 200u);
    EXPECT_EQ(entries[0].inputString, "{'numimpute': '30'}");
    EXPECT_EQ(entries[1].inputString, "{'numimpute': '209'}");
    EXPECT_EQ(
        std::count_if(entries.begin(), entries.end(),
                      [](const HistoryEntry& e) { return e.inputString == "{'numimpute': '30'}"; }),
        1);

    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    ASSERT_EQ(dialog->historyList()->count(), 200);
    dialog->historyList()->setCurrentRow(1);
    EXPECT_EQ(dialog->text(), QStringLiteral("{'numimpute': '209'}"));
    RunHistory::clear();
}

// A batch over many datasets must not bury the runs of the template and dataset at hand.
TEST(SetInputs, HistoryShowsTemplateDatasetAndDateAndIsFilteredByDefault)
{
    RunHistory::clear();
    const QString ours = QString::fromLatin1(workedExample);
    RunHistory::add(QStringLiteral("2LevelImpute"), QStringLiteral("tutmiss"), ours);
    for (int i = 0; i < 5; ++i)
        RunHistory::add(QStringLiteral("2LevelImpute"), QStringLiteral("batch%1").arg(i),
                        QStringLiteral("{'numlevs': 'Yes'}"));
    RunHistory::add(QStringLiteral("2LevelMissingOnePass"), QStringLiteral("tutmiss"),
                    QStringLiteral("{'y': 'normexam'}"));

    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.chooseTemplate(QStringLiteral("2LevelImpute"));
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    QCheckBox* filter = dialog->historyFilter();
    EXPECT_TRUE(filter->isChecked()) << "on by default";
    EXPECT_EQ(filter->text(), QStringLiteral("Only this template and dataset"));
    ASSERT_EQ(dialog->historyList()->count(), 1);
    const QString shown = dialog->historyList()->item(0)->text();
    const QString heading = shown.section(QLatin1Char('\n'), 0, 0);
    EXPECT_TRUE(QRegularExpression(
                    QStringLiteral(R"(^2LevelImpute · tutmiss · \d{4}-\d\d-\d\d \d\d:\d\d UTC$)"))
                    .match(heading)
                    .hasMatch())
        << heading.toStdString();
    EXPECT_EQ(shown.section(QLatin1Char('\n'), 1), ours);
    dialog->historyList()->setCurrentRow(0);
    EXPECT_EQ(dialog->text(), ours) << "picking an entry takes its input string only";

    filter->setChecked(false);
    ASSERT_EQ(dialog->historyList()->count(), 7);
    EXPECT_TRUE(dialog->historyList()->item(0)->text().startsWith(
        QStringLiteral("2LevelMissingOnePass · tutmiss · ")));
    EXPECT_TRUE(
        dialog->historyList()->item(1)->text().startsWith(QStringLiteral("2LevelImpute · batch4")));
    EXPECT_EQ(dialog->text(), ours) << "refilling the list leaves the text alone";
    filter->setChecked(true);
    EXPECT_EQ(dialog->historyList()->count(), 1);
    RunHistory::clear();
}

TEST(Run, ShortRunFillsTheResultsPane)
{
    RunHistory::clear();
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.show();
    QuestionPane& pane = *window.questionPane();
    pane.setAnswers(test::shortRunAnswers());
    ASSERT_TRUE(pane.isComplete());

    pane.findChild<QPushButton*>(QStringLiteral("runButton"))->click();
    EXPECT_TRUE(window.isRunning());
    EXPECT_EQ(window.statusGauge()->text(), QStringLiteral("Working"));
    EXPECT_TRUE(window.progressPanel()->isVisibleTo(&window));
    EXPECT_FALSE(pane.findChild<QPushButton*>(QStringLiteral("nextButton"))->isEnabled() &&
                 pane.currentQuestion());

    ResultsPane& results = *window.resultsPane();
    ASSERT_TRUE(test::waitUntil([&] { return !window.isRunning(); }));
    EXPECT_EQ(window.statusGauge()->text(), QStringLiteral("Ready"));
    const QStringList names = results.outputNames();
    ASSERT_FALSE(names.isEmpty())
        << pane.findChild<QLabel*>(QStringLiteral("paneMessage"))->text().toStdString();
    EXPECT_EQ(names.first(), QStringLiteral("ResultsTable:Imputation"));
    EXPECT_TRUE(names.contains(QStringLiteral("ResultsTable:CompleteCases")));
    const std::vector<HistoryEntry> history = RunHistory::entries();
    ASSERT_EQ(history.size(), 1u) << "the run joins the history once it has succeeded";
    EXPECT_EQ(QString::fromStdString(history[0].inputString), pane.inputString());
    EXPECT_EQ(history[0].templateName, "2LevelImpute");
    EXPECT_EQ(history[0].datasetName, "tutmiss");
    EXPECT_FALSE(history[0].recorded.empty());

    // The first table is shown, sortable, numbers right-aligned, copyable.
    CopyableTableView* table = results.tableView();
    ASSERT_GT(table->model()->rowCount(), 0);
    EXPECT_TRUE(table->isSortingEnabled());
    table->selectAll();
    EXPECT_TRUE(table->selectionText().startsWith(QStringLiteral("parameter\t")));

    // A chains output shows the six-panel figure; picking a row of its table picks the parameter.
    results.outputList()->setCurrentRow(
        static_cast<int>(names.indexOf(QStringLiteral("CombinedResults"))));
    auto* figure = results.findChild<DiagnosticsFigure*>(QStringLiteral("diagnosticsFigure"));
    ASSERT_NE(figure, nullptr);
    EXPECT_TRUE(figure->summaryText().startsWith(QStringLiteral("beta_0")))
        << figure->summaryText().toStdString();
    auto* chainsTable = results.findChild<QTableView*>(QStringLiteral("chainsSummaryTable"));
    ASSERT_NE(chainsTable, nullptr);
    chainsTable->setCurrentIndex(chainsTable->model()->index(1, 0));
    EXPECT_EQ(figure->parameter(), 1u);
    EXPECT_TRUE(figure->summaryText().startsWith(QStringLiteral("beta_1")))
        << figure->summaryText().toStdString();

    // Imputed datasets are added to the library (Dataset > Choose lists them) and shown.
    bool sawDataset = false;
    for (const QString& name : names) {
        if (name.contains(QStringLiteral("impute_datafile"))) {
            EXPECT_NE(window.library().find(name.toStdString()), nullptr) << name.toStdString();
            ASSERT_TRUE(results.showOutput(name));
            EXPECT_NE(results.datasetView()->dataset(), nullptr);
            sawDataset = true;
        }
    }
    EXPECT_TRUE(sawDataset);
    if (names.contains(QStringLiteral("Imputation_Model_out"))) {
        EXPECT_TRUE(results.showOutput(QStringLiteral("Imputation_Model_out")));
    }

    QTemporaryDir dir;
    EXPECT_TRUE(results.downloadTo(dir.path()).isEmpty());
    EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("ResultsTable_Imputation.csv"))));
    RunHistory::clear();
}

TEST(Run, CancelStopsTheRunAndKeepsNothing)
{
    RunHistory::clear();
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    QuestionPane& pane = *window.questionPane();
    Answers longRun = test::shortRunAnswers();
    longRun.set("imputefirst", "2000000");
    pane.setAnswers(longRun);
    window.runTemplate();
    ASSERT_TRUE(window.isRunning());
    ASSERT_TRUE(test::waitUntil([&] { return window.progressPanel()->chainCount() > 0; }, 20000));
    window.progressPanel()->cancelButton()->click();
    ASSERT_TRUE(test::waitUntil([&] { return !window.isRunning(); }, 20000));
    EXPECT_TRUE(window.resultsPane()->outputNames().isEmpty());
    EXPECT_EQ(window.statusGauge()->text(), QStringLiteral("Ready"));
    EXPECT_TRUE(pane.findChild<QLabel*>(QStringLiteral("paneMessage"))
                    ->text()
                    .contains(QStringLiteral("cancelled")));
    EXPECT_TRUE(RunHistory::entries().empty()) << "a cancelled run is not in the history";
    RunHistory::clear();
}

TEST(Run, OtherTemplatesValidateButDoNotRun)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.chooseTemplate(QStringLiteral("2LevelMissingOnePass"));
    // Not complete: Run does nothing.
    window.runTemplate();
    EXPECT_FALSE(window.isRunning());
}

} // namespace
} // namespace grove
