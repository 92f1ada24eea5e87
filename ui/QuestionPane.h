// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/DatasetLibrary.h"
#include "core/spec/FlowState.h"
#include "core/spec/TemplateContext.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace grove {

class AnswerWidget;
class Template;

/// TREE's question pane: the answered questions in order ("prompt: answer [remove]"), the
/// current question with an editor for its kind, Next, the reason a refused answer was refused,
/// Run once the flow is complete, and the current input string and command, always up to date.
/// It holds the answers; every decision (what to ask, what is valid, what remove drops) is the
/// template's (Template::walkFlow, validateAnswer, removeAnswer).
class QuestionPane : public QWidget {
    Q_OBJECT
public:
    explicit QuestionPane(DatasetLibrary* library, QWidget* parent = nullptr);

    /// Chooses a template by name and clears the answers; an empty name chooses none.
    void setTemplate(const QString& name);
    QString templateName() const;
    const Template* currentTemplate() const { return m_template; }
    /// The dataset answers are checked against; the answers are walked again.
    void setDataset(std::shared_ptr<const Dataset> dataset);
    const TemplateContext& context() const { return m_context; }

    /// Loads answers (from Set Inputs): those the flow accepts are kept, up to the first that
    /// is refused; that one is shown in the editor with the reason. Returns the reason, if any.
    QString setAnswers(const Answers& answers);
    void clearAnswers();
    const Answers& answers() const { return m_state.accepted; }
    bool isComplete() const { return m_template && m_state.complete(); }
    const std::optional<Question>& currentQuestion() const { return m_state.next; }
    AnswerWidget* answerWidget() const { return m_answerWidget; }

    /// Next: checks the editor's value and accepts it, or shows the reason. Returns whether it
    /// was accepted.
    bool submit();
    /// The "remove" link of an answered question: drops it and every later answer.
    void removeAnswer(const QString& key);

    QString inputString() const;
    QString commandString() const;
    QString problemText() const;
    /// A note under the questions (e.g. "this template cannot run yet"), red when `error`.
    void showMessage(const QString& message, bool error);
    /// While a run is working the answers cannot change.
    void setRunning(bool running);

signals:
    void runRequested();
    void answersChanged();

private:
    void walk(const Answers& answers);
    void rebuild();
    void rebuildAnswered();
    void rebuildCurrent(const QString& shownValue);
    void updateBoxes();
    QStringList variablesFor(const Question& question) const;
    QStringList datasetNames() const;

    DatasetLibrary* m_library = nullptr;
    const Template* m_template = nullptr;
    std::shared_ptr<const Dataset> m_dataset;
    TemplateContext m_context;
    FlowState m_state;
    bool m_running = false;

    QScrollArea* m_scroll = nullptr;
    QLabel* m_title = nullptr;
    QWidget* m_answered = nullptr;
    QVBoxLayout* m_answeredLayout = nullptr;
    QLabel* m_prompt = nullptr;
    QWidget* m_answerHost = nullptr;
    AnswerWidget* m_answerWidget = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_run = nullptr;
    QLabel* m_message = nullptr;
    QPlainTextEdit* m_inputBox = nullptr;
    QPlainTextEdit* m_commandBox = nullptr;
};

} // namespace grove
