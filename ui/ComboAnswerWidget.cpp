// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ComboAnswerWidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>

namespace grove {

ComboAnswerWidget::ComboAnswerWidget(const QStringList& items, QWidget* parent)
    : AnswerWidget(parent)
{
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("answerCombo"));
    // Start on no item so that Next never submits an answer the user did not pick.
    m_combo->addItems(items);
    m_combo->setCurrentIndex(-1);
    m_combo->setPlaceholderText(tr("(choose)"));
    m_combo->setMinimumContentsLength(16);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->installEventFilter(this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addStretch();
    setFocusProxy(m_combo);
}

QString ComboAnswerWidget::value() const
{
    return m_combo->currentIndex() < 0 ? QString() : m_combo->currentText();
}

void ComboAnswerWidget::setValue(const QString& value)
{
    m_combo->setCurrentIndex(m_combo->findText(value));
}

bool ComboAnswerWidget::eventFilter(QObject* watched, QEvent* event)
{
    // A closed combobox swallows Enter; TREE's Next is on Enter, so forward it.
    if (watched == m_combo && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            emit submitted();
            return true;
        }
    }
    return AnswerWidget::eventFilter(watched, event);
}

} // namespace grove
