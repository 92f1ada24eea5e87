// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/spec/Question.h"

#include <QStringList>

class QWidget;

namespace grove {

class AnswerWidget;

/// The editor for `question`: Yes/No, choices, one variable and dataset names as a combobox,
/// variable lists as the add/remove lists, integers and text as a line edit. `variables` come
/// from the dataset the question names (or the current one); `datasetNames` from the library.
/// The question's default, if any, is shown but never submitted without Next.
AnswerWidget* createAnswerWidget(const Question& question, const QStringList& variables,
                                 const QStringList& datasetNames, QWidget* parent);

} // namespace grove
