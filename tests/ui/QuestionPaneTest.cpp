// SPDX-License-Identifier: GPL-3.0-or-later
// The question pane driven through its widgets, as a user would: the worked example of Parker &
// Goldstein 2019, refused answers, remove, and the input string and command boxes.
#include "UiTestSupport.h"

#include "core/spec/Command.h"
#include "core/spec/Template.h"
#include "core/spec/TemplateRegistry.h"
#include "ui/AnswerWidget.h"
#include "ui/ComboAnswerWidget.h"
#include "ui/LineAnswerWidget.h"
#include "ui/MainWindow.h"
#include "ui/QuestionPane.h"
#include "ui/VariableListAnswerWidget.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>

#include <gtest/gtest.h>

namespace grove {
namespace {

using test::bundledLibrary;
using test::workedExample;

/// Puts `value` into the current question's editor the way a user would: picks it in the
/// combobox, clicks the variables in the list (ticking :cat), or types it.
void enterAnswer(QuestionPane& pane, const QString& value)
{
    AnswerWidget* widget = pane.answerWidget();
    ASSERT_NE(widget, nullptr);
    if (auto* combo = qobject_cast<ComboAnswerWidget*>(widget)) {
        const int index = combo->comboBox()->findText(value);
        ASSERT_GE(index, 0) << value.toStdString() << " is not offered";
        combo->comboBox()->setCurrentIndex(index);
    } else if (auto* list = qobject_cast<VariableListAnswerWidget*>(widget)) {
        for (QString entry : value.split(QLatin1Char(','))) {
            const bool categorical = entry.endsWith(QStringLiteral(":cat"));
            if (categorical)
                entry.chop(4);
            const auto items = list->availableList()->findItems(entry, Qt::MatchExactly);
            ASSERT_EQ(items.size(), 1) << entry.toStdString() << " is not listed";
            emit list->availableList()->itemClicked(items.first());
            if (categorical)
                list->setCategorical(entry, true);
        }
    } else if (auto* line = qobject_cast<LineAnswerWidget*>(widget)) {
        line->lineEdit()->setText(value);
    } else {
        FAIL() << "unknown editor";
    }
}

QPushButton* nextButton(QuestionPane& pane)
{
    return pane.findChild<QPushButton*>(QStringLiteral("nextButton"));
}

TEST(QuestionPane, WalksTheWorkedExampleThroughItsWidgets)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.show();
    QuestionPane& pane = *window.questionPane();
    ASSERT_EQ(pane.templateName(), QStringLiteral("2LevelImpute"));
    const Answers seed = parseInputString(workedExample);

    int asked = 0;
    while (pane.currentQuestion() && asked < 60) {
        const Question question = *pane.currentQuestion();
        const auto value = seed.get(question.key);
        ASSERT_TRUE(value.has_value()) << "the seed does not answer " << question.key;
        EXPECT_EQ(pane.answerWidget()->toolTip().toStdString(), question.help) << question.key;
        enterAnswer(pane, QString::fromStdString(*value));
        nextButton(pane)->click();
        ASSERT_TRUE(pane.problemText().isEmpty() || pane.currentQuestion()->key != question.key)
            << question.key << ": " << pane.problemText().toStdString();
        ++asked;
    }
    EXPECT_TRUE(pane.isComplete());
    EXPECT_EQ(asked, 26);
    EXPECT_TRUE(pane.answers().sameAs(seed));

    // Keys in question order: as the template normalises them.
    const Template& twoLevel = findTemplate("2LevelImpute");
    const Answers ordered = twoLevel.validate(seed, pane.context());
    EXPECT_EQ(pane.answers(), ordered);
    EXPECT_EQ(pane.inputString().toStdString(), printInputString(ordered));
    EXPECT_EQ(pane.answers().keys().front(), "numlevs");
    EXPECT_EQ(pane.answers().keys().back(), "iterations");

    // The boxes show the same, and the Run button is there.
    auto* inputBox = pane.findChild<QPlainTextEdit*>(QStringLiteral("inputStringBox"));
    auto* commandBox = pane.findChild<QPlainTextEdit*>(QStringLiteral("commandBox"));
    ASSERT_TRUE(inputBox && commandBox);
    EXPECT_EQ(inputBox->toPlainText(), pane.inputString());
    EXPECT_TRUE(inputBox->isReadOnly());
    const Command command = parseCommand(commandBox->toPlainText().toStdString());
    EXPECT_EQ(command.templateName, "2LevelImpute");
    EXPECT_EQ(command.datasetName, "tutmiss");
    EXPECT_TRUE(command.allAnswers().sameAs(seed));
    EXPECT_TRUE(pane.findChild<QPushButton*>(QStringLiteral("runButton"))->isVisibleTo(&pane));

    // One row per answer, with its remove link.
    EXPECT_NE(pane.findChild<QLabel*>(QStringLiteral("answered_ximp2_0_1")), nullptr);
}

TEST(QuestionPane, RefusedAnswerShowsItsReasonAndIsNotKept)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    QuestionPane& pane = *window.questionPane();
    Answers upToImpute = parseInputString(workedExample);
    for (const char* key : {"numimpute", "imputefirst", "imputeevery", "burnin", "iterations"})
        upToImpute.remove(key);
    EXPECT_TRUE(pane.setAnswers(upToImpute).isEmpty());
    ASSERT_TRUE(pane.currentQuestion());
    ASSERT_EQ(pane.currentQuestion()->key, "numimpute");
    const std::size_t before = pane.answers().size();

    enterAnswer(pane, QStringLiteral("lots"));
    EXPECT_FALSE(pane.submit());
    EXPECT_FALSE(pane.problemText().isEmpty());
    EXPECT_TRUE(pane.findChild<QLabel*>(QStringLiteral("problemLabel"))
                    ->styleSheet()
                    .contains(QStringLiteral("#c0392b")));
    EXPECT_EQ(pane.answers().size(), before);
    EXPECT_EQ(pane.currentQuestion()->key, "numimpute");

    // Nothing chosen is refused too: Next never submits an answer the user did not give.
    EXPECT_TRUE(pane.setAnswers({}).isEmpty());
    EXPECT_FALSE(pane.submit());
    EXPECT_FALSE(pane.problemText().isEmpty());

    // A level-2 ID with missing values is refused with the template's reason.
    enterAnswer(pane, QStringLiteral("Yes"));
    ASSERT_TRUE(pane.submit());
    ASSERT_EQ(pane.currentQuestion()->key, "L2ID");
    enterAnswer(pane, QStringLiteral("standlrtmiss"));
    EXPECT_FALSE(pane.submit());
    EXPECT_FALSE(pane.problemText().isEmpty());
    enterAnswer(pane, QStringLiteral("school"));
    EXPECT_TRUE(pane.submit());
    EXPECT_TRUE(pane.problemText().isEmpty());
}

TEST(QuestionPane, RemoveDropsTheAnswerAndEveryLaterOne)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    QuestionPane& pane = *window.questionPane();
    pane.setAnswers(parseInputString(workedExample));
    ASSERT_TRUE(pane.isComplete());

    auto* row = pane.findChild<QLabel*>(QStringLiteral("answered_yimp1"));
    ASSERT_NE(row, nullptr);
    EXPECT_TRUE(row->text().contains(QStringLiteral("normexam,standlrtmiss,girlmiss")));
    emit row->linkActivated(QStringLiteral("remove")); // the "remove" link
    QApplication::processEvents();
    EXPECT_FALSE(pane.isComplete());
    EXPECT_EQ(pane.currentQuestion()->key, "yimp1");
    for (const char* gone : {"yimp1", "bin1_1", "ximp1_0", "want2", "yimp2", "iterations"})
        EXPECT_FALSE(pane.answers().contains(gone)) << gone;
    for (const char* kept : {"numlevs", "L2ID", "MOIlevel", "MOIdist", "MOIslope", "y", "x"})
        EXPECT_TRUE(pane.answers().contains(kept)) << kept;
    EXPECT_EQ(pane.answers().size(), 7u);
    EXPECT_FALSE(pane.inputString().contains(QStringLiteral("yimp1")));
    EXPECT_FALSE(pane.findChild<QPushButton*>(QStringLiteral("runButton"))->isVisibleTo(&pane));
}

TEST(QuestionPane, StartAgainAndTemplateChoiceClearTheAnswers)
{
    MainWindow window(bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    QuestionPane& pane = *window.questionPane();
    pane.setAnswers(parseInputString(workedExample));
    window.startAgain();
    EXPECT_TRUE(pane.answers().empty());
    EXPECT_EQ(pane.inputString(), QStringLiteral("{}"));
    EXPECT_EQ(pane.currentQuestion()->key, "numlevs");

    pane.setAnswers(parseInputString(workedExample));
    window.chooseTemplate(QStringLiteral("2LevelMissingOnePass"));
    EXPECT_EQ(pane.templateName(), QStringLiteral("2LevelMissingOnePass"));
    EXPECT_TRUE(pane.answers().empty());
    ASSERT_TRUE(pane.currentQuestion());
}

} // namespace
} // namespace grove
