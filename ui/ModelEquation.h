// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/spec/Answers.h"

#include <string>

namespace grove {

/// The model of interest that `answers` of template `templateName` describe, as LaTeX (an
/// `aligned` block, as Stat-JR shows its model equations): the response's distribution, the
/// linear predictor with one beta_k per explanatory term in the order of the results tables
/// (a `:cat` variable as its dummies, every category but the last, when `dataset` has it),
/// and the level-2 random effects. Empty until the answers name the response and the
/// explanatory variables. Qt-free, so it is tested on its own.
std::string modelEquationLatex(const std::string& templateName, const Answers& answers,
                               const Dataset* dataset);

} // namespace grove
