// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"
#include "core/spec/TemplateContext.h"

#include <string>
#include <vector>

namespace grove {

/// Why `variable` cannot be the response of an MOI with distribution `distribution`
/// (Binomial: 0/1; Poisson, Negative binomial: counts), or an empty string.
/// `allowMissing`: whether cases with a missing response are acceptable (imputed or dropped).
std::string checkMoiResponse(const Dataset* dataset, const std::string& variable,
                             const std::string& distribution, bool allowMissing);

/// The first of `variables` that has missing values in the dataset but is not among
/// `imputed`, or an empty string (no dataset: nothing to check).
std::string firstUnimputed(const Dataset* dataset, const std::vector<std::string>& variables,
                           const std::vector<std::string>& imputed);

/// True when `name` is a constant column (such as cons); without data, when it is "cons".
bool isConstantVariable(const Dataset* dataset, const std::string& name);

} // namespace grove
