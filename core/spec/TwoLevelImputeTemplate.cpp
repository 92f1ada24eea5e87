// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/TwoLevelImputeTemplate.h"

#include "core/spec/FlowWalker.h"
#include "core/spec/ImputationFlow.h"
#include "core/spec/MoiChecks.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <algorithm>
#include <regex>

namespace grove {
namespace {

const char* const numlevsHelp =
    "Yes if the model of interest (MOI) or the imputation model (or both) has two levels. "
    "Usually both have the same number of levels; with very small level-2 effects you may fit "
    "a 1-level MOI for simplicity but still impute with a 2-level model, and then you still "
    "give the level-2 ID.";
const char* const l2idHelp =
    "The variable identifying the level-2 units (e.g. school); it is used by the MOI and/or the "
    "imputation model as appropriate. It must have no missing values.";
const char* const moiLevelHelp =
    "The next questions specify your MOI. Model 1 level (a single-level MOI) or 2 levels (a "
    "random intercept, and optionally random slopes, at level 2).";
const char* const moiDistHelp =
    "The distribution of the MOI response: Normal, Binomial (a 0/1 response), Poisson (counts) "
    "or Multivariate Normal (several Normal responses). A Binomial or Poisson response must "
    "have no missing values; only the imputation model's response types allow missing data.";
const char* const moiSlopeHelp =
    "Yes to let the coefficients of some explanatory variables vary randomly at level 2 "
    "(univariate MOI only). If you do, include the MOI response and the variables whose "
    "coefficients vary as level-1 responses in the imputation model, so the imputation "
    "reflects the random slopes.";
const char* const yHelp =
    "The response variable of the MOI (for Multivariate Normal, two or more responses). "
    "Variables are referred to by their names.";
const char* const xHelp =
    "The explanatory variables of the MOI, comma-separated; include cons for an intercept. "
    "Tick ':cat' for a categorical variable (dummies for every category but the last, the "
    "reference). Any variable with missing values must be a response in the imputation model.";
const char* const xslopeHelp =
    "Grove's key 'xslope': the MOI explanatory variables whose coefficients vary randomly at "
    "level 2 (include cons for a random intercept). They must also be level-1 responses in the "
    "imputation model, unless they are constant (cons).";
const char* const yimp1Help =
    "The level-1 responses of the imputation model: typically every variable with missing "
    "values. Fully observed MOI variables may be either responses or explanatory variables; "
    "auxiliary variables (not in the MOI) that predict missingness may be added as responses.";
const char* const want2Help =
    "Yes if some level-2 variables (constant within each level-2 unit) have missing values and "
    "should be imputed at level 2.";
const char* const yimp2Help =
    "The level-2 responses of the imputation model: variables defined at level 2 that have "
    "missing values. Each must be constant within every level-2 unit (you are told which units "
    "differ); the first value in each unit is used.";
const char* const condmargHelp =
    "Yes (recommended) uses the conditional algorithm, which is faster.";
const char* const numimputeHelp =
    "How many completed datasets to create; commonly at least 5, and 20 or more for "
    "multilevel data with much missingness (see Carpenter and Kenward, 2013).";
const char* const imputefirstHelp =
    "Iterations of the imputation model before the first completed dataset is taken "
    "(effectively its burn-in, still included in the diagnostics). Old input strings call this "
    "'impute1st'.";
const char* const imputeeveryHelp =
    "Iterations between subsequent imputations. Chains run in parallel, one per core; when "
    "there are fewer cores than imputations, each chain yields a dataset again after this "
    "many iterations.";
const char* const burninHelp = "Burn-in iterations when fitting the MOI to each completed dataset.";
const char* const iterationsHelp =
    "Iterations (after burn-in) when fitting the MOI to each completed dataset.";

bool listed(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

std::string TwoLevelImputeTemplate::description() const
{
    return "Multiple imputation for 2-level data: a joint latent-normal imputation model with "
           "Normal, Binary, Ordered and Unordered responses at levels 1 and 2 creates completed "
           "datasets; the model of interest (1 or 2 levels; Normal, Binomial, Poisson or "
           "Multivariate Normal) is fitted to each and the fits are combined by Rubin's rules.";
}

std::vector<std::pair<std::string, std::string>> TwoLevelImputeTemplate::keyAliases() const
{
    return {{"impute1st", "imputefirst"}};
}

bool TwoLevelImputeTemplate::isKnownKey(std::string_view key) const
{
    static const std::regex known(
        "numlevs|L2ID|MOIlevel|MOIdist|MOIslope|y|x|xslope|yimp1|want2|yimp2|condmarg|numimpute|"
        "imputefirst|imputeevery|burnin|iterations|bin[12]_[0-9]+|ximp[12]_[0-9]+(_[0-9]+)?|ncats."
        "+");
    return std::regex_match(key.begin(), key.end(), known);
}

void TwoLevelImputeTemplate::walk(FlowWalker& w) const
{
    const auto numlevs = w.ask(Question::yesNo(
        "numlevs", "Do either the model of interest (MOI) and/or imputation have two levels?",
        numlevsHelp));
    if (!numlevs)
        return;
    const bool twoLevels = *numlevs == "Yes";
    std::string l2id;
    bool moiTwoLevels = false;
    if (twoLevels) {
        Question id = Question::variable("L2ID", "Level 2 ID:", l2idHelp);
        id.requireObserved = true;
        id.observedReason = "an ID must be known for every row";
        const auto idAnswer = w.ask(id);
        if (!idAnswer)
            return;
        l2id = *idAnswer;
        const auto level =
            w.ask(Question::choice("MOIlevel",
                                   "The next few questions will ask you to specify your MOI. In "
                                   "your MOI, do you want to model 1 or 2 levels?",
                                   {"1 level", "2 levels"}, moiLevelHelp));
        if (!level)
            return;
        moiTwoLevels = *level == "2 levels";
    }
    const auto dist = w.ask(Question::choice(
        "MOIdist",
        "What distribution would you like to use to model the response variable(s) in your MOI?",
        {"Normal", "Binomial", "Poisson", "Multivariate Normal"}, moiDistHelp));
    if (!dist)
        return;
    const bool multivariate = *dist == "Multivariate Normal";
    bool slopes = false;
    if (moiTwoLevels && !multivariate) {
        const auto slope = w.ask(Question::yesNo(
            "MOIslope", "In your MOI, do you want to fit random slope/coefficient(s)?",
            moiSlopeHelp));
        if (!slope)
            return;
        slopes = *slope == "Yes";
    }
    Question yq =
        multivariate
            ? Question::variableList("y", "In your MOI, what are the response variables?", yHelp,
                                     false)
            : Question::variable("y", "In your MOI, what is the response variable?", yHelp);
    if (multivariate)
        yq.minimumCount = 2;
    yq.excluded = {l2id};
    yq.excludedReason = "it is the level 2 ID";
    const auto y = w.ask(yq);
    if (!y)
        return;
    Question xq = Question::variableList("x", "Explanatory variables for MOI:", xHelp, true);
    xq.excluded = listNames(*y);
    xq.excluded.push_back(l2id);
    xq.excludedReason = "it is an MOI response or the level 2 ID";
    const auto x = w.ask(xq);
    if (!x)
        return;
    std::vector<std::string> slopeVariables;
    if (slopes) {
        Question sq = Question::variableList(
            "xslope",
            "Explanatory variables with random coefficients at level 2 in MOI:", xslopeHelp, false);
        sq.allowedOnly = listNames(*x);
        sq.allowedOnlyReason = "random coefficients must be MOI explanatory variables";
        const auto s = w.ask(sq);
        if (!s)
            return;
    }
    Question y1 = Question::variableList("yimp1",
                                         "The next few questions will now ask about your "
                                         "IMPUTATION MODEL. What responses are at level 1?",
                                         yimp1Help, false);
    y1.excluded = {l2id};
    y1.excludedReason = "it is the level 2 ID";
    const auto yimp1 = w.ask(y1);
    if (!yimp1)
        return;
    const std::vector<std::string> level1 = listNames(*yimp1);
    ImputationLevel first;
    first.level = 1;
    first.responses = level1;
    if (!askImputationResponses(w, first, level1))
        return;
    if (twoLevels) {
        const auto want2 = w.ask(Question::yesNo(
            "want2", "Are there any responses at level 2 for imputation model?:", want2Help));
        if (!want2)
            return;
        if (*want2 == "Yes") {
            Question y2 = Question::variableList(
                "yimp2", "Responses at level 2 for imputation model:", yimp2Help, false);
            y2.excluded = level1;
            y2.excluded.push_back(l2id);
            y2.excludedReason = "it is already a level-1 response or the level 2 ID";
            y2.constantWithin = l2id;
            y2.constantReason = "a level-2 response must be constant within each level-2 unit";
            const auto yimp2 = w.ask(y2);
            if (!yimp2)
                return;
            ImputationLevel second;
            second.level = 2;
            second.idVariable = l2id;
            second.phrase = "level 2";
            second.responses = level1;
            const std::vector<std::string> level2 = listNames(*yimp2);
            second.responses.insert(second.responses.end(), level2.begin(), level2.end());
            if (!askImputationResponses(w, second, level2))
                return;
        }
    }
    if (!w.ask(Question::yesNo("condmarg", "Use conditional marginal algorithm?", condmargHelp)))
        return;
    if (!w.ask(
            Question::integer("numimpute", "Number of imputed data sets:", 1, "5", numimputeHelp)))
        return;
    if (!w.ask(Question::integer("imputefirst", "Number of iterations before first imputation:", 1,
                                 "1000", imputefirstHelp)))
        return;
    if (!w.ask(Question::integer("imputeevery",
                                 "Number of iterations between subsequent imputations:", 1, "500",
                                 imputeeveryHelp)))
        return;
    if (!w.ask(Question::integer("burnin", "Length of burnin for MOI:", 0, "500", burninHelp)))
        return;
    w.ask(Question::integer("iterations", "Number of iterations for MOI:", 1, "2000",
                            iterationsHelp));
}

std::string TwoLevelImputeTemplate::checkAnswer(const Question& q, const std::string& value,
                                                const Answers& soFar,
                                                const TemplateContext& context) const
{
    if (q.key == "y") {
        const std::string dist = soFar.valueOr("MOIdist", "");
        // A Binomial or Poisson MOI response cannot be imputed (seed 000, Table 1).
        return checkMoiResponse(context.dataset, value, dist, false);
    }
    if (q.key == "yimp1" && soFar.get("MOIslope") == "Yes") {
        const std::vector<std::string> responses = listNames(value);
        std::vector<std::string> needed = {soFar.valueOr("y", "")};
        for (const std::string& v : listNames(soFar.valueOr("xslope", "")))
            needed.push_back(v);
        for (const std::string& v : needed) {
            if (!isConstantVariable(context.dataset, v) && !listed(responses, v))
                return "with random slopes in the MOI, '" + v +
                       "' (the MOI response or a random-slope variable) must be a level-1 response";
        }
    }
    return {};
}

std::pair<std::string, std::string>
TwoLevelImputeTemplate::checkComplete(const Answers& a, const TemplateContext& context) const
{
    std::vector<std::string> imputed = listNames(a.valueOr("yimp1", ""));
    for (const std::string& v : listNames(a.valueOr("yimp2", "")))
        imputed.push_back(v);
    for (const char* key : {"y", "x"}) {
        const std::string missing =
            firstUnimputed(context.dataset, listNames(a.valueOr(key, "")), imputed);
        if (!missing.empty())
            return {key, "'" + missing +
                             "' has missing values but is not a response in the imputation model; "
                             "add it to the level-1 or level-2 responses"};
    }
    return {};
}

} // namespace grove
