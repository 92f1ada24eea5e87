// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Question.h"
#include "core/spec/TemplateContext.h"

#include <string>

namespace grove {

/// Applies the checks a Question describes (kind, options, range, variables in the dataset,
/// missing values, constancy within units, categories) to one answer. Returns an empty string
/// when the answer is acceptable, else a one-line reason naming the offending value. Checks
/// that need data are skipped when the context has no dataset.
std::string checkAnswerValue(const Question& question, const std::string& value,
                             const TemplateContext& context);

/// Why `variable` of `dataset` cannot have `responseType` (Normal, Binary, Ordered,
/// Unordered), or an empty string.
std::string checkResponseType(const Dataset& dataset, const std::string& variable,
                              const std::string& responseType);

} // namespace grove
