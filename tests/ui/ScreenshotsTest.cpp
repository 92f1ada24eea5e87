// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: with GROVE_SCREENSHOTS=<folder> set, drives the window into the states the docs
// show and saves window.grab() PNGs there. Skipped otherwise.
#include "UiTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/QuestionPane.h"
#include "ui/ResultsPane.h"
#include "ui/RunHistory.h"
#include "ui/SetInputsDialog.h"
#include "ui/VariableListAnswerWidget.h"

#include <QDir>

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

    // Set Inputs with the seed's string pasted.
    std::unique_ptr<SetInputsDialog> dialog(window.createSetInputsDialog());
    dialog->setText(QString::fromLatin1(test::workedExample));
    dialog->show();
    settle();
    EXPECT_TRUE(dialog->grab().save(QDir(folder).filePath(QStringLiteral("set-inputs.png"))));
    window.applySetInputs(*dialog);
    dialog->hide();
    settle();
    EXPECT_TRUE(window.grab().save(QDir(folder).filePath(QStringLiteral("complete.png"))));

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
    RunHistory::clear();
}

} // namespace
} // namespace grove
