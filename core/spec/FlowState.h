// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"
#include "core/spec/Question.h"

#include <optional>
#include <string>
#include <vector>

namespace grove {

/// Where a set of answers stands in a template's flow (Template::walkFlow).
struct FlowState {
    /// Answers that were asked and are valid, normalised, in question order.
    Answers accepted;
    /// The questions of `accepted`, same order (the GUI lists them with their answers).
    std::vector<Question> answeredQuestions;
    /// The first question without a valid answer; empty when every question is answered.
    std::optional<Question> next;
    /// Why the given answer to `next` was not accepted; empty when it has no answer.
    std::string problem;

    bool complete() const { return !next.has_value(); }
};

} // namespace grove
