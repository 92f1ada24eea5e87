// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/LineAnswerWidget.h"

#include <QHBoxLayout>
#include <QLineEdit>

namespace grove {

LineAnswerWidget::LineAnswerWidget(bool integer, const QString& placeholder, QWidget* parent)
    : AnswerWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("answerEdit"));
    m_edit->setPlaceholderText(placeholder);
    if (integer) {
        m_edit->setMaximumWidth(140);
        m_edit->setAlignment(Qt::AlignRight);
    } else {
        m_edit->setMinimumWidth(240);
    }
    connect(m_edit, &QLineEdit::returnPressed, this, &AnswerWidget::submitted);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addStretch();
    setFocusProxy(m_edit);
}

QString LineAnswerWidget::value() const
{
    return m_edit->text().trimmed();
}

void LineAnswerWidget::setValue(const QString& value)
{
    m_edit->setText(value);
}

} // namespace grove
