// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

namespace grove {

/// The editor for the current question's answer. Each question kind has its own subclass
/// (made by createAnswerWidget); the question pane only reads and writes the answer as the
/// string the input string would hold, so the pane never depends on the kind.
class AnswerWidget : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    /// The answer as it would appear in the input string ("cons,vrband:cat", "250", "Yes").
    virtual QString value() const = 0;
    /// Shows an answer (a default, or a refused answer from a pasted input string).
    virtual void setValue(const QString& value) = 0;

signals:
    /// The user pressed Enter (or double-clicked a choice): the pane treats it as Next.
    void submitted();
};

} // namespace grove
