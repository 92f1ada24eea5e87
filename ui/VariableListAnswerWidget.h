// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/AnswerWidget.h"

#include <QStringList>

class QListWidget;
class QTableWidget;

namespace grove {

/// A list of variables, as TREE builds one: click a variable of the dataset to add it, click a
/// chosen one to take it out again, and tick ":cat" for a categorical one where the question
/// allows it. The value keeps the order of choosing ("cons,vrband:cat").
class VariableListAnswerWidget : public AnswerWidget {
    Q_OBJECT
public:
    VariableListAnswerWidget(const QStringList& variables, bool allowCategorical,
                             QWidget* parent = nullptr);

    QString value() const override;
    void setValue(const QString& value) override;

    void addVariable(const QString& name);
    void removeVariable(const QString& name);
    void setCategorical(const QString& name, bool categorical);
    QStringList chosen() const;
    QListWidget* availableList() const { return m_available; }
    QTableWidget* chosenTable() const { return m_chosen; }

private:
    int rowOf(const QString& name) const;

    QListWidget* m_available = nullptr;
    QTableWidget* m_chosen = nullptr;
    bool m_allowCategorical = false;
};

} // namespace grove
