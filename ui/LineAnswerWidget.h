// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/AnswerWidget.h"

class QLineEdit;

namespace grove {

/// A typed answer: an integer (digits only) or free text. The template's validation decides
/// what is acceptable, so the editor lets the user type anything and Next reports why not.
class LineAnswerWidget : public AnswerWidget {
    Q_OBJECT
public:
    LineAnswerWidget(bool integer, const QString& placeholder, QWidget* parent = nullptr);

    QString value() const override;
    void setValue(const QString& value) override;
    QLineEdit* lineEdit() const { return m_edit; }

private:
    QLineEdit* m_edit = nullptr;
};

} // namespace grove
