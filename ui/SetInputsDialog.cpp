// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/SetInputsDialog.h"

#include "core/common/Error.h"
#include "core/spec/Command.h"
#include "core/spec/InputString.h"
#include "core/spec/Template.h"
#include "core/spec/TemplateRegistry.h"
#include "ui/RunHistory.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace grove {

SetInputsDialog::SetInputsDialog(const QString& templateName, const TemplateContext& context,
                                 QWidget* parent)
    : QDialog(parent), m_templateName(templateName), m_context(context)
{
    setWindowTitle(tr("Set Inputs"));
    setObjectName(QStringLiteral("setInputsDialog"));
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("inputStringEdit"));
    m_edit->setPlaceholderText(tr(
        "{'numlevs': 'Yes', 'L2ID': 'school', ...}  or  RunStatJR(template='2LevelImpute', ...)"));
    m_edit->setMinimumHeight(110);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &SetInputsDialog::check);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("setInputsMessage"));
    m_message->setWordWrap(true);

    m_history = new QListWidget(this);
    m_history->setObjectName(QStringLiteral("historyList"));
    m_history->setWordWrap(true);
    m_history->setToolTip(tr("Earlier runs, newest first: click one to edit its input string"));
    connect(m_history, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item)
            setText(item->data(Qt::UserRole).toString());
    });
    m_historyFilter = new QCheckBox(tr("Only this template and dataset"), this);
    m_historyFilter->setObjectName(QStringLiteral("historyFilter"));
    m_historyFilter->setChecked(true);
    connect(m_historyFilter, &QCheckBox::toggled, this, &SetInputsDialog::fillHistory);
    fillHistory();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_use = buttons->addButton(tr("Use"), QDialogButtonBox::AcceptRole);
    m_use->setObjectName(QStringLiteral("useButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("<b>Input string</b> (or a whole RunStatJR command) for %1:")
                       .arg(templateName.isEmpty() ? tr("the chosen template") : templateName),
                   this));
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    auto* historyHeader = new QHBoxLayout;
    historyHeader->addWidget(new QLabel(tr("<b>History</b>"), this));
    historyHeader->addStretch(1);
    historyHeader->addWidget(m_historyFilter);
    layout->addLayout(historyHeader);
    layout->addWidget(m_history, 1);
    layout->addWidget(buttons);
    resize(760, 480);
    check();
}

void SetInputsDialog::fillHistory()
{
    std::vector<HistoryEntry> entries = RunHistory::entries();
    if (m_historyFilter->isChecked())
        entries = historyFor(entries, m_templateName.toStdString(),
                             m_context.dataset ? m_context.dataset->name() : std::string());
    const QSignalBlocker quiet(m_history); // refilling must not replace the text being edited
    m_history->clear();
    for (const HistoryEntry& entry : entries) {
        const QString input = QString::fromStdString(entry.inputString);
        auto* item = new QListWidgetItem(
            QString::fromStdString(historyHeading(entry)) + QLatin1Char('\n') + input, m_history);
        item->setData(Qt::UserRole, input);
    }
}

void SetInputsDialog::setText(const QString& text)
{
    m_edit->setPlainText(text);
}

QString SetInputsDialog::text() const
{
    return m_edit->toPlainText();
}

QString SetInputsDialog::message() const
{
    return m_message->text();
}

void SetInputsDialog::check()
{
    m_parsed = false;
    m_valid = false;
    m_answers = {};
    m_commandTemplate.clear();
    m_commandDataset.clear();
    const std::string text = m_edit->toPlainText().trimmed().toStdString();
    QString message;
    try {
        if (text.empty()) {
            message = tr("Paste an input string or a command.");
        } else {
            if (text.rfind("RunStatJR", 0) == 0) {
                const Command command = parseCommand(text);
                m_commandTemplate = QString::fromStdString(command.templateName);
                m_commandDataset = QString::fromStdString(command.datasetName);
                m_answers = command.allAnswers();
            } else {
                m_answers = parseInputString(text);
            }
            m_parsed = true;
            const QString name = m_commandTemplate.isEmpty() ? m_templateName : m_commandTemplate;
            if (name.isEmpty())
                throw Error("choose a template first (Template menu)");
            const Template& chosen = findTemplate(name.toStdString());
            // A command for another dataset is checked without data; Use switches datasets.
            TemplateContext context = m_context;
            if (!m_commandDataset.isEmpty() && m_context.dataset &&
                m_context.dataset->name() != m_commandDataset.toStdString())
                context.dataset = m_context.findDataset
                                      ? m_context.findDataset(m_commandDataset.toStdString())
                                      : nullptr;
            const Answers valid = chosen.validate(m_answers, context);
            m_valid = true;
            message = tr("Valid: %n answer(s) for %1.", nullptr, static_cast<int>(valid.size()))
                          .arg(name);
        }
    } catch (const Error& error) {
        message = QString::fromStdString(error.what());
        if (m_parsed)
            message += tr(" — Use keeps the answers before this one.");
    }
    m_message->setStyleSheet(m_valid ? QStringLiteral("QLabel { color: #2e7d32; }")
                                     : QStringLiteral("QLabel { color: #c0392b; }"));
    m_message->setText(message);
    m_use->setEnabled(m_parsed);
}

} // namespace grove
