// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/FlowWalker.h"

#include "core/spec/Template.h"

#include <utility>

namespace grove {

FlowWalker::FlowWalker(const Template& owner, const Answers& given, const TemplateContext& context)
    : m_owner(owner), m_given(given), m_context(context)
{
}

std::optional<std::string> FlowWalker::ask(Question question)
{
    if (stopped())
        return std::nullopt;
    const std::optional<std::string> value = m_given.get(question.key);
    if (!value) {
        m_state.next = std::move(question);
        return std::nullopt;
    }
    std::string problem = m_owner.validateAnswer(question, *value, m_state.accepted, m_context);
    if (!problem.empty()) {
        m_state.problem = std::move(problem);
        m_state.next = std::move(question);
        return std::nullopt;
    }
    std::string normal = Template::normaliseAnswer(question, *value);
    m_state.accepted.set(question.key, normal);
    m_state.answeredQuestions.push_back(std::move(question));
    return normal;
}

} // namespace grove
