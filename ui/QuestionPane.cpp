// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/QuestionPane.h"

#include "core/common/Error.h"
#include "core/spec/InputString.h"
#include "core/spec/Template.h"
#include "core/spec/TemplateRegistry.h"
#include "ui/AnswerWidget.h"
#include "ui/AnswerWidgetFactory.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace grove {

namespace {

QString toQ(const std::string& text)
{
    return QString::fromStdString(text);
}

/// A read-only, selectable box with a Copy button, for the input string and the command. It is
/// as tall as its text (one line for "{}", up to four wrapped lines, then it scrolls), so a
/// short string does not take the room the questions need.
QPlainTextEdit* addCopyBox(QWidget* parent, QVBoxLayout* layout, const QString& title,
                           const QString& name)
{
    auto* box = new QPlainTextEdit(parent);
    box->setObjectName(name + QStringLiteral("Box"));
    box->setReadOnly(true);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    box->setStyleSheet(
        QStringLiteral("QPlainTextEdit { background: #f4f6f8; font-family: monospace; }"));
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const auto fitText = [box] {
        const double lines = box->document()->documentLayout()->documentSize().height();
        const int shown = std::clamp(static_cast<int>(std::ceil(lines)), 1, 4);
        const int margins = static_cast<int>(std::ceil(2 * box->document()->documentMargin())) +
                            2 * box->frameWidth() + box->contentsMargins().top() +
                            box->contentsMargins().bottom();
        box->setFixedHeight(shown * box->fontMetrics().lineSpacing() + margins);
    };
    QObject::connect(box->document()->documentLayout(),
                     &QAbstractTextDocumentLayout::documentSizeChanged, box, fitText);
    fitText();
    auto* copy = new QPushButton(QObject::tr("Copy"), parent);
    copy->setObjectName(QStringLiteral("copy") + name.at(0).toUpper() + name.mid(1));
    QObject::connect(copy, &QPushButton::clicked, box,
                     [box] { QApplication::clipboard()->setText(box->toPlainText()); });
    auto* header = new QHBoxLayout;
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), parent);
    header->addWidget(label);
    header->addStretch();
    header->addWidget(copy);
    layout->addLayout(header);
    layout->addWidget(box);
    return box;
}

} // namespace

QuestionPane::QuestionPane(DatasetLibrary* library, QWidget* parent)
    : QWidget(parent), m_library(library)
{
    m_context.findDataset = [this](std::string_view name) -> const Dataset* {
        return m_library ? m_library->find(std::string(name)).get() : nullptr;
    };

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("templateTitle"));
    m_title->setWordWrap(true);

    m_answered = new QWidget(this);
    m_answeredLayout = new QVBoxLayout(m_answered);
    m_answeredLayout->setContentsMargins(0, 0, 0, 0);
    m_answeredLayout->setSpacing(2);

    m_prompt = new QLabel(this);
    m_prompt->setObjectName(QStringLiteral("currentPrompt"));
    m_prompt->setWordWrap(true);
    m_answerHost = new QWidget(this);
    auto* hostLayout = new QHBoxLayout(m_answerHost);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    m_next = new QPushButton(tr("Next"), this);
    m_next->setObjectName(QStringLiteral("nextButton"));
    m_next->setStyleSheet(
        QStringLiteral("QPushButton { background: #e67e22; color: white; "
                       "font-weight: bold; padding: 4px 18px; border-radius: 3px; }"
                       "QPushButton:disabled { background: #c8c8c8; }"));
    connect(m_next, &QPushButton::clicked, this, [this] { submit(); });
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c0392b; }"));
    auto* currentRow = new QHBoxLayout;
    currentRow->addWidget(m_answerHost, 0, Qt::AlignTop);
    currentRow->addWidget(m_next, 0, Qt::AlignTop);
    currentRow->addWidget(m_problem, 1, Qt::AlignTop);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setStyleSheet(
        QStringLiteral("QPushButton { background: #2e9e44; color: white; "
                       "font-weight: bold; padding: 4px 24px; border-radius: 3px; }"
                       "QPushButton:disabled { background: #c8c8c8; }"));
    connect(m_run, &QPushButton::clicked, this, &QuestionPane::runRequested);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("paneMessage"));
    m_message->setWordWrap(true);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_message, 1);

    auto* questions = new QWidget(this);
    auto* questionsLayout = new QVBoxLayout(questions);
    questionsLayout->addWidget(m_title);
    questionsLayout->addWidget(m_answered);
    questionsLayout->addSpacing(6);
    questionsLayout->addWidget(m_prompt);
    questionsLayout->addLayout(currentRow);
    questionsLayout->addLayout(runRow);
    questionsLayout->addStretch();
    auto* scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setObjectName(QStringLiteral("questionScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(questions);
    // Room for the title, a few answers and the current question with its editor, so the
    // first prompt is never clipped however the window is split.
    scroll->setMinimumHeight(11 * fontMetrics().lineSpacing());
    // The current question (or Run) is the last thing in the pane: keep it in view as answers
    // pile up. The range changes only once the layout has taken the new rows into account.
    connect(scroll->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            [scroll](int, int maximum) { scroll->verticalScrollBar()->setValue(maximum); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll, 1);
    m_inputBox =
        addCopyBox(this, layout, tr("Current input string:"), QStringLiteral("inputString"));
    m_commandBox = addCopyBox(this, layout, tr("Command:"), QStringLiteral("command"));

    rebuild();
}

QString QuestionPane::templateName() const
{
    return m_template ? toQ(m_template->name()) : QString();
}

void QuestionPane::setTemplate(const QString& name)
{
    m_template = name.isEmpty() ? nullptr : &findTemplate(name.toStdString());
    m_message->clear();
    walk({});
}

void QuestionPane::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_dataset = std::move(dataset);
    m_context.dataset = m_dataset.get();
    // Answers checked against the old dataset may not hold for the new one.
    walk(m_state.accepted);
}

QString QuestionPane::setAnswers(const Answers& answers)
{
    m_message->clear();
    walk(answers);
    return problemText();
}

void QuestionPane::clearAnswers()
{
    m_message->clear();
    walk({});
}

void QuestionPane::walk(const Answers& answers)
{
    m_state = m_template ? m_template->walkFlow(answers, m_context) : FlowState{};
    if (!m_template)
        m_state.next.reset();
    QString shown;
    if (m_state.next) {
        if (const auto given = answers.get(m_state.next->key))
            shown = toQ(*given);
    }
    rebuildAnswered();
    rebuildCurrent(shown);
    updateBoxes();
    emit answersChanged();
}

void QuestionPane::rebuild()
{
    walk(m_state.accepted);
}

void QuestionPane::rebuildAnswered()
{
    // The remove button that triggered this may be among the rows: delete them later.
    while (QLayoutItem* item = m_answeredLayout->takeAt(0)) {
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    m_title->setText(m_template ? QStringLiteral("<h3>%1</h3>").arg(templateName())
                                : tr("<h3>No template chosen</h3><p>Choose a dataset from "
                                     "<b>Dataset</b> and a template from <b>Template</b>; Grove "
                                     "then asks its questions one at a time.</p>"));
    for (std::size_t i = 0; i < m_state.answeredQuestions.size(); ++i) {
        const Question& question = m_state.answeredQuestions[i];
        const QString key = toQ(question.key);
        // One label per answer with TREE's inline "remove" link, so long prompts wrap
        // naturally across the pane's width.
        auto* row =
            new QLabel(QStringLiteral("%1 <b>%2</b> &nbsp;<a href=\"remove\" "
                                      "style=\"color:#1f6fb2\">remove</a>")
                           .arg(toQ(question.prompt).toHtmlEscaped(),
                                toQ(m_state.accepted.valueOr(question.key, "")).toHtmlEscaped()),
                       m_answered);
        row->setObjectName(QStringLiteral("answered_") + key);
        row->setWordWrap(true);
        row->setToolTip(toQ(question.help));
        row->setTextInteractionFlags(m_running ? Qt::NoTextInteraction
                                               : Qt::LinksAccessibleByMouse);
        connect(row, &QLabel::linkActivated, this, [this, key] { removeAnswer(key); });
        m_answeredLayout->addWidget(row);
    }
}

void QuestionPane::rebuildCurrent(const QString& shownValue)
{
    if (m_answerWidget) {
        m_answerWidget->hide();
        m_answerWidget->deleteLater();
        m_answerWidget = nullptr;
    }
    const bool asking = m_template && m_state.next.has_value();
    m_prompt->setVisible(asking);
    m_next->setVisible(asking);
    m_problem->setVisible(asking);
    m_run->setVisible(m_template && m_state.complete());
    m_run->setEnabled(!m_running);
    m_problem->setText(toQ(m_state.problem));
    if (!asking)
        return;
    const Question& question = *m_state.next;
    QString prompt = toQ(question.prompt).toHtmlEscaped();
    if (!m_dataset &&
        (question.kind == QuestionKind::Variable || question.kind == QuestionKind::VariableList))
        prompt += tr("<br><i>Choose a dataset (Dataset &gt; Choose) to list its variables.</i>");
    m_prompt->setText(prompt);
    m_prompt->setToolTip(toQ(question.help));
    m_answerWidget =
        createAnswerWidget(question, variablesFor(question), datasetNames(), m_answerHost);
    if (!shownValue.isEmpty())
        m_answerWidget->setValue(shownValue);
    m_answerWidget->setEnabled(!m_running);
    m_next->setEnabled(!m_running);
    connect(m_answerWidget, &AnswerWidget::submitted, this, [this] { submit(); });
    m_answerHost->layout()->addWidget(m_answerWidget);
    m_answerWidget->show();
    if (isVisible())
        m_answerWidget->setFocus();
}

bool QuestionPane::submit()
{
    if (!m_template || !m_state.next || !m_answerWidget || m_running)
        return false;
    const Question question = *m_state.next;
    const std::string value = m_answerWidget->value().toStdString();
    std::string reason = m_template->validateAnswer(question, value, m_state.accepted, m_context);
    if (reason.empty() && value.empty())
        reason = "Please give an answer.";
    if (!reason.empty()) {
        m_problem->setText(toQ(reason));
        return false;
    }
    Answers answers = m_state.accepted;
    answers.set(question.key, Template::normaliseAnswer(question, value));
    m_message->clear();
    walk(answers);
    return true;
}

void QuestionPane::removeAnswer(const QString& key)
{
    if (!m_template || m_running)
        return;
    m_message->clear();
    walk(m_template->removeAnswer(m_state.accepted, key.toStdString(), m_context));
}

QString QuestionPane::inputString() const
{
    return toQ(printInputString(m_state.accepted));
}

QString QuestionPane::commandString() const
{
    if (!m_template)
        return {};
    const std::string dataset = m_dataset ? m_dataset->name() : std::string();
    return toQ(printCommand(m_template->makeCommand(dataset, m_state.accepted)));
}

QString QuestionPane::problemText() const
{
    return m_problem->text();
}

void QuestionPane::showMessage(const QString& message, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #c0392b; }")
                                   : QStringLiteral("QLabel { color: #2e7d32; }"));
    m_message->setText(message);
}

void QuestionPane::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running);
    m_next->setEnabled(!running);
    if (m_answerWidget)
        m_answerWidget->setEnabled(!running);
    for (QLabel* row : m_answered->findChildren<QLabel*>())
        row->setTextInteractionFlags(running ? Qt::NoTextInteraction : Qt::LinksAccessibleByMouse);
}

void QuestionPane::updateBoxes()
{
    m_inputBox->setPlainText(m_template ? inputString() : QString());
    m_commandBox->setPlainText(commandString());
}

QStringList QuestionPane::variablesFor(const Question& question) const
{
    QStringList names;
    if (const Dataset* dataset = m_context.datasetNamed(question.datasetName))
        for (const std::string& name : dataset->columnNames())
            names << toQ(name);
    return names;
}

QStringList QuestionPane::datasetNames() const
{
    QStringList names;
    if (m_library)
        for (const std::string& name : m_library->names())
            names << toQ(name);
    return names;
}

} // namespace grove
