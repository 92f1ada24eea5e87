// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"
#include "core/spec/TemplateContext.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace grove {

/// Template > Set Inputs: paste an input string (`{'numlevs': 'Yes', ...}`) or a whole
/// `RunStatJR(...)` command, see at once whether it is valid for the template, and Use it.
/// The History list offers earlier runs, newest first, each headed by its template, dataset and
/// date, to pick and edit; by default only those of the current template and dataset.
class SetInputsDialog : public QDialog {
    Q_OBJECT
public:
    SetInputsDialog(const QString& templateName, const TemplateContext& context,
                    QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    /// The parsed answers (valid or not) once the text parses; Use loads them.
    const Answers& answers() const { return m_answers; }
    /// The template and dataset a pasted command names (empty for an input string).
    QString commandTemplate() const { return m_commandTemplate; }
    QString commandDataset() const { return m_commandDataset; }
    QString message() const;
    bool isValid() const { return m_valid; }
    QListWidget* historyList() const { return m_history; }
    /// "Only this template and dataset", on by default.
    QCheckBox* historyFilter() const { return m_historyFilter; }

private:
    void check();
    void fillHistory();

    QString m_templateName;
    TemplateContext m_context;
    Answers m_answers;
    QString m_commandTemplate;
    QString m_commandDataset;
    bool m_parsed = false;
    bool m_valid = false;
    QPlainTextEdit* m_edit = nullptr;
    QLabel* m_message = nullptr;
    QListWidget* m_history = nullptr;
    QCheckBox* m_historyFilter = nullptr;
    QPushButton* m_use = nullptr;
};

} // namespace grove
