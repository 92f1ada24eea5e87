// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: with GROVE_SCREENSHOTS=<folder> set, drives the window into the states the docs
// show and saves window.grab() PNGs there. Skipped otherwise.
#include "UiTestSupport.h"

#include "ui/DatasetTableModel.h"
#include "ui/DatasetView.h"
#include "ui/LiveDiagnosticsPanel.h"
#include "ui/MainWindow.h"
#include "ui/QuestionPane.h"
#include "ui/ResultsPane.h"
#include "ui/RunHistory.h"
#include "ui/RunProgressPanel.h"
#include "ui/SetInputsDialog.h"
#include "ui/VariableListAnswerWidget.h"
#include "ui/plots/DiagnosticsFigure.h"

#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

#include <gtest/gtest.h>

#include <memory>

namespace grove {
namespace {

QString screenshotFolder()
{
    return qEnvironmentVariable("GROVE_SCREENSHOTS");
}

void settle()
{
    test::waitUntil([] { return false; }, 400);
}

TEST(Screenshots, DocsStates)
{
    const QString folder = screenshotFolder();
    if (folder.isEmpty())
        GTEST_SKIP() << "set GROVE_SCREENSHOTS=<folder> to write the screenshots";
    QDir().mkpath(folder);
    RunHistory::clear();
    RunHistory::add(QStringLiteral("2LevelImpute"), QStringLiteral("tutmiss"),
                    QString::fromStdString(printInputString(test::shortRunAnswers())));

    MainWindow window(test::bundledLibrary());
    window.setInteractive(false);
    window.resize(1280, 860);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.show();
    QuestionPane& pane = *window.questionPane();
    settle();
    EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("main-window.png"))));

    // Mid-flow: the MOI's explanatory variables, with a refused answer before it.
    const Answers partial = parseInputString(test::workedExample);
    Answers early;
    for (const char* key : {"numlevs", "L2ID", "MOIlevel", "MOIdist", "MOIslope", "y"})
        early.set(key, *partial.get(key));
    pane.setAnswers(early);
    if (auto* list = qobject_cast<VariableListAnswerWidget*>(pane.answerWidget())) {
        for (const char* name : {"cons", "standlrtmiss", "girlmiss", "schgendmiss"})
            list->addVariable(QString::fromLatin1(name));
        list->setCategorical(QStringLiteral("schgendmiss"), true);
    }
    settle();
    EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("question-pane.png"))));

    // A number question: its single-line box.
    {
        Answers upToCount;
        for (const auto& [key, value] : partial) {
            if (key == "numimpute")
                continue;
            upToCount.set(key, value);
        }
        for (const char* key : {"imputefirst", "imputeevery", "burnin", "iterations"})
            upToCount.remove(key);
        pane.setAnswers(upToCount);
        settle();
        EXPECT_TRUE(
            window.grab().save(QDir(folder).filePath(QStringLiteral("number-question.png"))));
    }

    // Set Inputs with the input string of Parker & Goldstein 2019 pasted.
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    dialog->setText(QString::fromLatin1(test::workedExample));
    dialog->show();
    settle();
    EXPECT_TRUE(dialog->grab().save(QDir(folder).filePath(QStringLiteral("set-inputs.png"))));
    window.applySetInputs(*dialog);
    dialog->hide();
    settle();
    EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("complete.png"))));

    // Dataset > View: the missing values per level-2 unit.
    if (QWidget* viewer = window.viewDataset()) {
        settle();
        EXPECT_TRUE(viewer->grab().save(QDir(folder).filePath(QStringLiteral("dataset-view.png"))));
        viewer->close();
    }

    // A long run watched live, then cancelled: the live six-panel figure and the time left.
    {
        Answers longRun = test::shortRunAnswers();
        longRun.set("imputefirst", "20000");
        pane.setAnswers(longRun);
        window.livePanel()->setInterval(300);
        window.runTemplate();
        test::waitUntil(
            [&] { return window.livePanel()->updateCount() >= 4 || !window.isRunning(); });
        test::waitUntil([&] { return !window.livePanel()->figure()->isUpdating(); });
        settle();
        EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("live-run.png"))));
        LiveDiagnosticsPanel* popout = window.popoutLiveDiagnostics();
        popout->resize(1000, 860);
        popout->setInterval(300);
        test::waitUntil([&] { return popout->updateCount() >= 2 || !window.isRunning(); });
        test::waitUntil([&] { return !popout->figure()->isUpdating(); });
        settle();
        EXPECT_TRUE(
            popout->grab().save(QDir(folder).filePath(QStringLiteral("live-diagnostics.png"))));
        popout->close();
        window.progressPanel()->cancelButton()->click();
        ASSERT_TRUE(test::waitUntil([&] { return !window.isRunning(); }));
        window.livePanel()->setInterval(1000);
    }

    // A short run and its results.
    pane.setAnswers(test::shortRunAnswers());
    window.runTemplate();
    ASSERT_TRUE(test::waitUntil([&] { return !window.isRunning(); }));
    window.resultsPane()->showOutput(QStringLiteral("ResultsTable:Imputation"));
    settle();
    EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("results-pane.png"))));
    if (window.resultsPane()->showOutput(QStringLiteral("Imputation_Model_out"))) {
        settle();
        EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("chains.png"))));
    }
    // A completed dataset with its imputed values marked, scrolled to the first of them.
    if (window.resultsPane()->showOutput(
            QStringLiteral("Imputation_Model_impute_datafile_chain0_iter50"))) {
        DatasetView& view = *window.resultsPane()->datasetView();
        const auto column = static_cast<int>(view.dataset()->indexOf("standlrtmiss").value_or(0));
        for (int row = 0; row < view.model()->rowCount(); ++row)
            if (view.model()->isImputed(row, column)) {
                view.valuesTable()->scrollTo(view.model()->index(row, column),
                                             QAbstractItemView::PositionAtTop);
                break;
            }
        settle();
        EXPECT_TRUE(
            window.grab().save(QDir(folder).filePath(QStringLiteral("imputed-dataset.png"))));
    }
    if (window.resultsPane()->showOutput(QStringLiteral("ModelEquation"))) {
        settle();
        EXPECT_TRUE(
            window.grab().save(QDir(folder).filePath(QStringLiteral("model-equation.png"))));
    }
    RunHistory::clear();
}

} // namespace
} // namespace grove
