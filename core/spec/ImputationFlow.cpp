// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/ImputationFlow.h"

#include "core/spec/FlowWalker.h"
#include "core/spec/Question.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

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
    q.explanatory = true;
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

std::vector<std::string> idsOf(const std::vector<ImputationLevel>& levels)
{
    std::vector<std::string> ids;
    for (const ImputationLevel& level : levels)
        ids.push_back(level.idVariable);
    return ids;
}

} // namespace

bool askModelOfInterest(FlowWalker& walker, const ImputationWording& wording,
                        const std::vector<ImputationLevel>& higherLevels, bool randomEffects)
{
    const std::vector<std::string> ids = idsOf(higherLevels);
    const std::string idsName = wording.idsName;
    const auto dist = walker.ask(Question::choice(
        "MOIdist",
        "What distribution would you like to use to model the response variable(s) in your MOI?",
        {"Normal", "Binomial", "Poisson", "Multivariate Normal"}, wording.moiDistHelp));
    if (!dist)
        return false;
    const bool multivariate = *dist == "Multivariate Normal";
    bool slopes = false;
    if (randomEffects && !multivariate) {
        const auto slope = walker.ask(Question::yesNo(
            "MOIslope", "In your MOI, do you want to fit random slope/coefficient(s)?",
            wording.moiSlopeHelp));
        if (!slope)
            return false;
        slopes = *slope == "Yes";
    }
    Question yq = multivariate
                      ? Question::variableList("y", "In your MOI, what are the response variables?",
                                               wording.responsesHelp, false)
                      : Question::variable("y", "In your MOI, what is the response variable?",
                                           wording.responseHelp);
    if (multivariate)
        yq.minimumCount = 2;
    yq.excluded = ids;
    yq.excludedReason = "it is " + idsName;
    const auto y = walker.ask(yq);
    if (!y)
        return false;
    Question xq = Question::variableList(
        "x", "Explanatory variables for MOI:", wording.explanatoryHelp, true);
    xq.explanatory = true;
    xq.excluded = ids;
    for (const std::string& v : listNames(*y))
        xq.excluded.push_back(v);
    xq.excludedReason = "it is an MOI response or " + idsName;
    const auto x = walker.ask(xq);
    if (!x)
        return false;
    if (!slopes)
        return true;
    Question sq = Question::variableList("xslope", wording.slopePrompt, wording.slopeHelp, false);
    sq.allowedOnly = listNames(*x);
    sq.allowedOnlyReason = "random coefficients must be MOI explanatory variables";
    return walker.ask(sq).has_value();
}

bool askImputationModel(FlowWalker& walker, const ImputationWording& wording,
                        std::vector<ImputationLevel> higherLevels)
{
    const std::vector<std::string> ids = idsOf(higherLevels);
    Question y1 = Question::variableList("yimp1",
                                         "The next few questions will now ask about your "
                                         "IMPUTATION MODEL. What responses are at level 1?",
                                         wording.level1ResponsesHelp, false);
    y1.excluded = ids;
    y1.excludedReason = std::string("it is ") + wording.idsName;
    const auto yimp1 = walker.ask(y1);
    if (!yimp1)
        return false;
    ImputationLevel first;
    first.responses = listNames(*yimp1);
    if (!askImputationResponses(walker, first, first.responses))
        return false;
    // Every response so far: no response of a higher level may repeat or explain one.
    std::vector<std::string> responses = first.responses;
    for (ImputationLevel& level : higherLevels) {
        const std::string lv = std::to_string(level.level);
        const auto want = walker.ask(Question::yesNo(
            "want" + lv, "Are there any responses at " + level.phrase + " for imputation model?:",
            wording.wantHelp));
        if (!want)
            return false;
        if (*want != "Yes")
            continue;
        Question q = Question::variableList(
            "yimp" + lv,
            "Responses at " + level.phrase + " for imputation model:", wording.higherResponsesHelp,
            false);
        q.excluded = responses;
        q.excluded.insert(q.excluded.end(), ids.begin(), ids.end());
        q.excludedReason = wording.higherExcludedReason;
        q.constantWithin = level.idVariable;
        q.constantReason = level.constantReason;
        const auto answer = walker.ask(q);
        if (!answer)
            return false;
        const std::vector<std::string> these = listNames(*answer);
        responses.insert(responses.end(), these.begin(), these.end());
        level.responses = responses;
        if (!askImputationResponses(walker, level, these))
            return false;
    }
    return true;
}

void askImputationSchedule(FlowWalker& walker, const ImputationWording& wording)
{
    struct Setting {
        const char* key;
        const char* prompt;
        long long minimum;
        const char* defaultValue;
        const char* help;
    };
    const Setting settings[] = {
        {"numimpute", "Number of imputed data sets:", 1, "5", wording.numimputeHelp},
        {"imputefirst", "Number of iterations before first imputation:", 1, "1000",
         wording.imputefirstHelp},
        {"imputeevery", "Number of iterations between subsequent imputations:", 1, "500",
         wording.imputeeveryHelp},
        {"burnin", "Length of burnin for MOI:", 0, "500", wording.burninHelp},
        {"iterations", "Number of iterations for MOI:", 1, "2000", wording.iterationsHelp},
    };
    for (const Setting& s : settings) {
        if (!walker.ask(Question::integer(s.key, s.prompt, s.minimum, s.defaultValue, s.help)))
            return;
    }
}

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
