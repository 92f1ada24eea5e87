// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/Template.h"

#include "core/common/Error.h"
#include "core/spec/AnswerCheck.h"
#include "core/spec/FlowWalker.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <algorithm>

namespace grove {

std::optional<Question> Template::nextQuestion(const Answers& answersSoFar,
                                               const TemplateContext& context) const
{
    return walkFlow(answersSoFar, context).next;
}

FlowState Template::walkFlow(const Answers& answers, const TemplateContext& context) const
{
    const Answers given = canonicalKeys(answers, false);
    FlowWalker walker(*this, given, context);
    walk(walker);
    return walker.state();
}

std::string Template::validateAnswer(const Question& question, const std::string& value,
                                     const Answers& soFar, const TemplateContext& context) const
{
    std::string problem = checkAnswerValue(question, value, context);
    if (problem.empty())
        problem = checkAnswer(question, trimmed(value), soFar, context);
    return problem;
}

std::string Template::checkAnswer(const Question&, const std::string&, const Answers&,
                                  const TemplateContext&) const
{
    return {};
}

std::pair<std::string, std::string> Template::checkComplete(const Answers&,
                                                            const TemplateContext&) const
{
    return {};
}

Answers Template::canonicalKeys(const Answers& given, bool strict) const
{
    Answers result;
    const auto aliases = keyAliases();
    for (const auto& [key, value] : given) {
        std::string canonical = key;
        for (const auto& [alias, target] : aliases) {
            if (key == alias)
                canonical = target;
        }
        if (canonical != key && given.contains(canonical)) {
            if (strict)
                throw Error("both '" + key + "' and '" + canonical + "' are given; '" + key +
                            "' is the older name of '" + canonical + "', keep one");
            continue; // the current spelling wins
        }
        result.set(canonical, value);
    }
    return result;
}

Answers Template::validate(const Answers& given, const TemplateContext& context) const
{
    const Answers answers = canonicalKeys(given, true);
    for (const auto& [key, value] : answers) {
        if (!isKnownKey(key))
            throw Error("unknown input '" + key + "' for template " + name());
    }
    FlowWalker walker(*this, answers, context);
    walk(walker);
    const FlowState state = walker.state();
    if (state.next) {
        const Question& q = *state.next;
        if (!state.problem.empty())
            throw Error("'" + q.key + "' (" + q.label() + "): " + state.problem);
        throw Error("'" + q.key + "' (" + q.label() + ") is not answered");
    }
    std::vector<std::string> unasked;
    for (const auto& [key, value] : answers) {
        if (!state.accepted.contains(key))
            unasked.push_back("'" + key + "'");
    }
    if (unasked.size() == 1)
        throw Error("input " + unasked[0] + " is not asked for these answers to template " +
                    name() + "; remove it");
    if (!unasked.empty())
        throw Error("inputs " + joined(unasked, ", ") +
                    " are not asked for these answers to template " + name() + "; remove them");
    const auto [key, problem] = checkComplete(state.accepted, context);
    if (!problem.empty()) {
        for (const Question& q : state.answeredQuestions) {
            if (q.key == key)
                throw Error("'" + key + "' (" + q.label() + "): " + problem);
        }
        throw Error("'" + key + "': " + problem);
    }
    return state.accepted;
}

Answers Template::removeAnswer(const Answers& answers, std::string_view key,
                               const TemplateContext& context) const
{
    const FlowState state = walkFlow(answers, context);
    Answers kept;
    for (const Question& q : state.answeredQuestions) {
        if (q.key == key)
            break;
        kept.set(q.key, *state.accepted.get(q.key));
    }
    return kept;
}

Command Template::makeCommand(std::string_view datasetName, const Answers& answers) const
{
    Command command;
    command.templateName = name();
    command.datasetName = std::string(datasetName);
    const std::vector<std::string> est = estimationKeys();
    for (const auto& [key, value] : answers) {
        if (std::find(est.begin(), est.end(), key) != est.end())
            command.estoptions.set(key, value);
        else
            command.invars.set(key, value);
    }
    return command;
}

std::string Template::normaliseAnswer(const Question& question, std::string_view value)
{
    if (question.kind != QuestionKind::VariableList)
        return trimmed(value);
    try {
        return joinVariableList(parseVariableList(value));
    } catch (const Error&) {
        return trimmed(value); // only reached for answers that were not validated
    }
}

} // namespace grove
