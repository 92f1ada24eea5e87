// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Error.h"
#include "core/spec/Answers.h"
#include "core/spec/InputString.h"
#include "core/spec/Template.h"

#include <functional>
#include <string>

namespace grove::test {

/// The message of the Error that validating `text` edited by `edit` throws, or "(valid)".
inline std::string validationError(const Template& t, const char* text,
                                   const std::function<void(Answers&)>& edit,
                                   const TemplateContext& context)
{
    Answers answers = parseInputString(text);
    edit(answers);
    try {
        t.validate(answers, context);
    } catch (const Error& e) {
        return e.what();
    }
    return "(valid)";
}

/// Answers every question of `t` from `source`, one at a time as the wizard would, and
/// returns the answers in the order asked. Fails the test if a question has no answer there.
inline Answers walkQuestionByQuestion(const Template& t, const Answers& source,
                                      const TemplateContext& context,
                                      std::vector<std::string>* prompts = nullptr)
{
    Answers soFar;
    for (int guard = 0; guard < 200; ++guard) {
        const std::optional<Question> q = t.nextQuestion(soFar, context);
        if (!q)
            return soFar;
        if (prompts)
            prompts->push_back(q->prompt);
        std::optional<std::string> value = source.get(q->key);
        if (!value) {
            for (const auto& [alias, key] : t.keyAliases()) {
                if (key == q->key && source.contains(alias))
                    value = source.get(alias);
            }
        }
        if (!value)
            throw Error("test: no answer for '" + q->key + "'");
        const std::string problem = t.validateAnswer(*q, *value, soFar, context);
        if (!problem.empty())
            throw Error("test: answer to '" + q->key + "' rejected: " + problem);
        soFar.set(q->key, *value);
    }
    throw Error("test: the flow does not end");
}

} // namespace grove::test
