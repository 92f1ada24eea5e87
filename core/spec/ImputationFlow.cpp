// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/ImputationFlow.h"

#include "core/spec/FlowWalker.h"
#include "core/spec/Question.h"
#include "core/spec/Text.h"

namespace grove {

const char* const responseTypeHelp =
    "How this variable is modelled in the imputation model. Normal: a continuous variable. "
    "Binary: coded 0 and 1 (a probit model on a latent normal variable). Ordered: ordered "
    "categories (probit with thresholds). Unordered: unordered categories (one latent normal "
    "per category but the last). Categories must be numbered from zero in steps of one "
    "(0,1,2 for three categories); otherwise an error names the values found.";

const char* const imputationExplanatoryHelp =
    "Explanatory variables for this response in the imputation model; each response may have "
    "its own, e.g. an auxiliary variable that predicts missingness for one response only. "
    "Include cons for an intercept. They must have no missing values: a variable with missing "
    "values must be a response instead. Tick ':cat' for a categorical variable (dummies for "
    "every category but the last, which is the reference). A level-2 response can only have "
    "level-2 explanatory variables (constant within each level-2 unit).";

namespace {

const char* const categoryCountHelp =
    "The number of categories of this variable. They must be numbered from zero in steps of "
    "one, 0,1,2 for three categories, and this number must match the data.";

Question explanatoryQuestion(const ImputationLevel& level, const std::string& key,
                             std::string prompt)
{
    Question q = Question::variableList(key, std::move(prompt), imputationExplanatoryHelp, true);
    q.defaultValue = "cons";
    q.requireObserved = true;
    q.observedReason = "explanatory variables in the imputation model must be fully observed; "
                       "include it as a response instead";
    q.excluded = level.responses;
    q.excludedReason = "it is a response in the imputation model";
    if (level.level >= 2) {
        q.constantWithin = level.idVariable;
        q.constantReason = "a " + level.phrase +
                           " response cannot have explanatory variables that vary within " +
                           level.idVariable + " units";
    }
    return q;
}

} // namespace

bool askImputationResponses(FlowWalker& walker, const ImputationLevel& level,
                            const std::vector<std::string>& levelResponses)
{
    const std::string lv = std::to_string(level.level);
    std::vector<long long> categories(levelResponses.size(), 0); // 0: not Unordered
    for (std::size_t k = 0; k < levelResponses.size(); ++k) {
        const std::string& var = levelResponses[k];
        Question type = Question::choice(
            "bin" + lv + "_" + std::to_string(k + 1), "Response Type for response " + var + ":",
            {"Normal", "Binary", "Ordered", "Unordered"}, responseTypeHelp);
        type.responseVariable = var;
        const std::optional<std::string> t = walker.ask(type);
        if (!t)
            return false;
        if (*t == "Ordered" || *t == "Unordered") {
            Question count = Question::integer(
                "ncats" + var, "Number of categories for " + var + ":", 2, "", categoryCountHelp);
            count.categoryCountOf = var;
            const std::optional<std::string> n = walker.ask(count);
            if (!n)
                return false;
            if (*t == "Unordered")
                categories[k] = parseWholeNumber(*n).value_or(2);
        }
    }
    for (std::size_t r = 0; r < levelResponses.size(); ++r) {
        const std::string& var = levelResponses[r];
        const std::string base = "ximp" + lv + "_" + std::to_string(r);
        if (categories[r] == 0) {
            const std::string prompt =
                level.level == 1 ? "Explanatory variables for " + var + " in imputation model:"
                                 : "Explanatory variables for " + var + " at " + level.phrase +
                                       " for imputation model:";
            if (!walker.ask(explanatoryQuestion(level, base, prompt)))
                return false;
            continue;
        }
        for (long long c = 0; c + 1 < categories[r]; ++c) {
            const std::string cat = std::to_string(c);
            const std::string prompt = level.level == 1
                                           ? "Explanatory variables for category " + cat + " of " +
                                                 var + " in imputation model:"
                                           : "Explanatory variables for category " + cat + " at " +
                                                 level.phrase + " for imputation model:";
            Question q = explanatoryQuestion(level, base + "_" + cat, prompt);
            q.help = "Category " + cat + " of " + var +
                     " (one latent normal per category but the last, " +
                     "which is the reference). " + q.help;
            if (!walker.ask(q))
                return false;
        }
    }
    return true;
}

} // namespace grove
