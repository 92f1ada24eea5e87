// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/AnswerWidgetFactory.h"

#include "ui/ComboAnswerWidget.h"
#include "ui/LineAnswerWidget.h"
#include "ui/VariableListAnswerWidget.h"

namespace grove {

namespace {

QStringList toQStringList(const std::vector<std::string>& values)
{
    QStringList list;
    for (const std::string& value : values)
        list << QString::fromStdString(value);
    return list;
}

} // namespace

AnswerWidget* createAnswerWidget(const Question& question, const QStringList& variables,
                                 const QStringList& datasetNames, QWidget* parent)
{
    AnswerWidget* widget = nullptr;
    const QString defaultValue = QString::fromStdString(question.defaultValue);
    switch (question.kind) {
    case QuestionKind::YesNo:
        widget = new ComboAnswerWidget(
            question.options.empty() ? QStringList{QStringLiteral("Yes"), QStringLiteral("No")}
                                     : toQStringList(question.options),
            parent);
        break;
    case QuestionKind::Choice:
        widget = new ComboAnswerWidget(toQStringList(question.options), parent);
        break;
    case QuestionKind::Variable: widget = new ComboAnswerWidget(variables, parent); break;
    case QuestionKind::DatasetName: widget = new ComboAnswerWidget(datasetNames, parent); break;
    case QuestionKind::VariableList:
        widget = new VariableListAnswerWidget(variables, question.allowCategorical, parent);
        break;
    case QuestionKind::Integer: widget = new LineAnswerWidget(true, defaultValue, parent); break;
    case QuestionKind::Text: widget = new LineAnswerWidget(false, defaultValue, parent); break;
    }
    widget->setObjectName(QStringLiteral("answerWidget"));
    widget->setToolTip(QString::fromStdString(question.help));
    if (!defaultValue.isEmpty())
        widget->setValue(defaultValue);
    return widget;
}

} // namespace grove
