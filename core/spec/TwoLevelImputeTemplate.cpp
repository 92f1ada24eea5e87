// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/TwoLevelImputeTemplate.h"

#include "core/spec/FlowWalker.h"
#include "core/spec/ImputationFlow.h"
#include "core/spec/MoiChecks.h"
#include "core/spec/VariableList.h"

#include <algorithm>

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
constexpr const char* yHelp =
    "The response variable of the MOI (for Multivariate Normal, two or more responses). "
    "Variables are referred to by their names.";
constexpr ImputationWording wording2Level{
    .idsName = "the level 2 ID",
    .moiDistHelp =
        "The distribution of the MOI response: Normal, Binomial (a 0/1 response), Poisson (counts) "
        "or Multivariate Normal (several Normal responses). A Binomial or Poisson response must "
        "have no missing values; only the imputation model's response types allow missing data.",
    .moiSlopeHelp =
        "Yes to let the coefficients of some explanatory variables vary randomly at level 2 "
        "(univariate MOI only). If you do, include the MOI response and the variables whose "
        "coefficients vary as level-1 responses in the imputation model, so the imputation "
        "reflects the random slopes.",
    .responseHelp = yHelp,
    .responsesHelp = yHelp,
    .explanatoryHelp =
        "The explanatory variables of the MOI, comma-separated; include cons for an intercept. "
        "Tick ':cat' for a categorical variable (dummies for every category but the last, the "
        "reference). Any variable with missing values must be a response in the imputation model.",
    .slopePrompt = "Explanatory variables with random coefficients at level 2 in MOI:",
    .slopeHelp =
        "Grove's key 'xslope': the MOI explanatory variables whose coefficients vary randomly at "
        "level 2. The intercept (cons) is random already; listing it too changes nothing. They "
        "must also be level-1 responses in the imputation model.",
    .level1ResponsesHelp =
        "The level-1 responses of the imputation model: typically every variable with missing "
        "values. Fully observed MOI variables may be either responses or explanatory variables; "
        "auxiliary variables (not in the MOI) that predict missingness may be added as responses.",
    .wantHelp =
        "Yes if some level-2 variables (constant within each level-2 unit) have missing values and "
        "should be imputed at level 2.",
    .higherResponsesHelp =
        "The level-2 responses of the imputation model: variables defined at level 2 that have "
        "missing values. Each must be constant within every level-2 unit (you are told which units "
        "differ); the first value in each unit is used.",
    .higherExcludedReason = "it is already a level-1 response or the level 2 ID",
    .numimputeHelp =
        "How many completed datasets to create; commonly at least 5, and 20 or more for "
        "multilevel data with much missingness (see Carpenter and Kenward, 2013).",
    .imputefirstHelp =
        "Iterations of the imputation model before the first completed dataset is taken "
        "(effectively its burn-in, still included in the diagnostics). Old input strings call "
        "this 'impute1st'.",
    .imputeeveryHelp =
        "Iterations between subsequent imputations. Chains run in parallel, one per core; when "
        "there are fewer cores than imputations, each chain yields a dataset again after this "
        "many iterations.",
    .burninHelp = "Burn-in iterations when fitting the MOI to each completed dataset.",
    .iterationsHelp = "Iterations (after burn-in) when fitting the MOI to each completed dataset.",
    .unimputedAdvice = "add it to the level-1 or level-2 responses",
};

const char* const condmargHelp =
    "Yes (recommended) uses the conditional algorithm, which is faster.";

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

TwoLevelImputeTemplate::TwoLevelImputeTemplate()
    : ImputationTemplate(wording2Level,
                         "numlevs|L2ID|MOIlevel|MOIdist|MOIslope|y|x|xslope|yimp1|want2|yimp2|"
                         "condmarg|numimpute|imputefirst|imputeevery|burnin|iterations|"
                         "bin[12]_[0-9]+|ximp[12]_[0-9]+(_[0-9]+)?|ncats.+")
{
}

void TwoLevelImputeTemplate::walk(FlowWalker& w) const
{
    const auto numlevs = w.ask(Question::yesNo(
        "numlevs", "Do either the model of interest (MOI) and/or imputation have two levels?",
        numlevsHelp));
    if (!numlevs)
        return;
    std::vector<ImputationLevel> higherLevels;
    bool moiTwoLevels = false;
    if (*numlevs == "Yes") {
        Question id = Question::variable("L2ID", "Level 2 ID:", l2idHelp);
        id.requireObserved = true;
        id.observedReason = "an ID must be known for every row";
        id.unitId = true;
        const auto l2id = w.ask(id);
        if (!l2id)
            return;
        const auto level =
            w.ask(Question::choice("MOIlevel",
                                   "The next few questions will ask you to specify your MOI. In "
                                   "your MOI, do you want to model 1 or 2 levels?",
                                   {"1 level", "2 levels"}, moiLevelHelp));
        if (!level)
            return;
        moiTwoLevels = *level == "2 levels";
        ImputationLevel second;
        second.level = 2;
        second.idVariable = *l2id;
        second.phrase = "level 2";
        second.constantReason = "a level-2 response must be constant within each level-2 unit";
        higherLevels.push_back(second);
    }
    if (!askModelOfInterest(w, wording(), higherLevels, moiTwoLevels) ||
        !askImputationModel(w, wording(), higherLevels))
        return;
    if (!w.ask(Question::yesNo("condmarg", "Use conditional marginal algorithm?", condmargHelp)))
        return;
    askImputationSchedule(w, wording());
}

std::string TwoLevelImputeTemplate::checkAnswer(const Question& q, const std::string& value,
                                                const Answers& soFar,
                                                const TemplateContext& context) const
{
    if (q.key == "y") {
        const std::string dist = soFar.valueOr("MOIdist", "");
        // A Binomial or Poisson MOI response cannot be imputed (Parker & Goldstein 2019, Table 1).
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

} // namespace grove
