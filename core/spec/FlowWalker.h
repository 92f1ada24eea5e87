// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"
#include "core/spec/FlowState.h"
#include "core/spec/Question.h"
#include "core/spec/TemplateContext.h"

#include <optional>
#include <string>

namespace grove {

class Template;

/// Walks a template's questions against given answers. A template's flow is written as plain
/// code: `auto v = walker.ask(q); if (!v) return;` — each question may depend on the answers
/// before it, and the walk stops at the first question without a valid answer. That one code
/// path gives the next question (GUI), validation (input strings, grove-run) and removal.
class FlowWalker {
public:
    FlowWalker(const Template& owner, const Answers& given, const TemplateContext& context);

    /// Asks `question`. Returns its normalised answer when one is given and valid; otherwise
    /// records the question as where the flow stops and returns nothing (as it does for every
    /// question after that).
    std::optional<std::string> ask(Question question);

    /// The answers accepted so far (question order); flows read earlier answers from here.
    const Answers& accepted() const { return m_state.accepted; }
    const TemplateContext& context() const { return m_context; }
    bool stopped() const { return m_state.next.has_value(); }
    FlowState state() const { return m_state; }

private:
    const Template& m_owner;
    const Answers& m_given;
    const TemplateContext& m_context;
    FlowState m_state;
};

} // namespace grove
