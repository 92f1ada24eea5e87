// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"
#include "core/spec/Command.h"
#include "core/spec/FlowState.h"
#include "core/spec/Question.h"
#include "core/spec/TemplateContext.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace grove {

class FlowWalker;

/// A template: a named question flow, as in Stat-JR's TREE. The flow is a pure function of the
/// answers so far (walk()); the GUI wizard, the input-string loader and grove-run all drive the
/// same flow, so they ask, check and normalise answers identically.
///
/// Templates are stateless and immutable; all members may be called from any thread.
class Template {
public:
    virtual ~Template() = default;

    virtual std::string name() const = 0;
    /// One paragraph for the template chooser.
    virtual std::string description() const = 0;
    /// Keys printed under `estoptions` in the command (the rest go under `invars`).
    virtual std::vector<std::string> estimationKeys() const { return {}; }
    /// Older key spellings accepted on input, as (alias, key), e.g. (impute1st, imputefirst).
    virtual std::vector<std::pair<std::string, std::string>> keyAliases() const { return {}; }
    /// Whether `key` is a key this template can ever ask (for "unknown input" errors).
    virtual bool isKnownKey(std::string_view key) const = 0;

    /// The first question without a valid answer, or nothing when all are answered.
    std::optional<Question> nextQuestion(const Answers& answersSoFar,
                                         const TemplateContext& context) const;
    /// The whole picture: accepted answers with their questions, the next question and, when
    /// the given answer to it is invalid, why.
    FlowState walkFlow(const Answers& answers, const TemplateContext& context) const;

    /// Checks one answer to `question`, given the earlier answers. Returns an empty string
    /// when it is acceptable, else a one-line reason ("'binary' is not one of Normal, ...").
    std::string validateAnswer(const Question& question, const std::string& value,
                               const Answers& soFar, const TemplateContext& context) const;

    /// Checks a complete set of answers (e.g. a pasted input string): walks the flow from the
    /// start and throws Error naming the key for an unknown key, a bad value, a missing answer
    /// or an answer that is not asked. Returns the answers normalised, in question order, with
    /// old key spellings replaced.
    Answers validate(const Answers& given, const TemplateContext& context) const;

    /// The answers without `key` and without every answer after it in the flow (the Stat-JR
    /// manual's "remove" link): later questions may depend on the removed answer, so their answers
    /// would otherwise be silently reinterpreted. Unknown or unasked keys are dropped as well.
    Answers removeAnswer(const Answers& answers, std::string_view key,
                         const TemplateContext& context) const;

    /// The command for these answers: estimation keys go to estoptions, the rest to invars.
    Command makeCommand(std::string_view datasetName, const Answers& answers) const;

    /// An answer as it is stored: trimmed; variable lists without spaces ("a, b" -> "a,b").
    static std::string normaliseAnswer(const Question& question, std::string_view value);

protected:
    /// The flow: asks the questions in order through `walker`, returning as soon as an ask
    /// yields nothing.
    virtual void walk(FlowWalker& walker) const = 0;
    /// Template-specific checks of one answer beyond those the Question describes.
    virtual std::string checkAnswer(const Question& question, const std::string& value,
                                    const Answers& soFar, const TemplateContext& context) const;
    /// Checks across the complete answers (e.g. every MOI variable with missing values is
    /// imputed). Returns (key, reason) of the first problem, or empty strings.
    virtual std::pair<std::string, std::string> checkComplete(const Answers& answers,
                                                              const TemplateContext& context) const;

private:
    Answers canonicalKeys(const Answers& given, bool strict) const;
};

} // namespace grove
