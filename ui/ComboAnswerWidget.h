// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/AnswerWidget.h"

class QComboBox;

namespace grove {

/// One value picked from a fixed list: Yes/No, a choice, one variable or a dataset name.
class ComboAnswerWidget : public AnswerWidget {
    Q_OBJECT
public:
    ComboAnswerWidget(const QStringList& items, QWidget* parent = nullptr);

    QString value() const override;
    void setValue(const QString& value) override;
    QComboBox* comboBox() const { return m_combo; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QComboBox* m_combo = nullptr;
};

} // namespace grove
