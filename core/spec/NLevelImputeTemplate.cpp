// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/NLevelImputeTemplate.h"

#include "core/data/Level2View.h"
#include "core/spec/FlowWalker.h"
#include "core/spec/ImputationFlow.h"
#include "core/spec/MoiChecks.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <algorithm>

namespace grove {
namespace {

// Upper bound on classifications: far beyond any real design, it keeps a typo such as 200
// from generating hundreds of questions.
constexpr long long maximumClassifications = 20;

const char* const numclassHelp =
    "How many classifications (levels or cross-classified factors) there are above level 1: 1 "
    "for pupils in schools, 2 for pupils in schools in districts or for pupils cross-classified "
    "by school and neighbourhood.";
const char* const classidHelp =
    "The ID variable of this classification. It must have no missing values. For nested "
    "classifications give them from the lowest (e.g. school) to the highest (e.g. district).";
const char* const structureHelp =
    "Nested: each unit of a classification lies within one unit of the next (schools within "
    "districts); this is checked. Cross-classified: the classifications cut across each other "
    "(schools and neighbourhoods).";
const char* const moiClassHelp =
    "Yes to give the model of interest (MOI) a random effect for this classification. Usually "
    "the MOI has the same classifications as the imputation model.";
constexpr ImputationWording wordingNLevel{
    .idsName = "a classification ID",
    .moiDistHelp = "The distribution of the MOI response: Normal, Binomial (0/1), Poisson (counts) "
                   "or Multivariate Normal. A Binomial or Poisson response must have no missing "
                   "values.",
    .moiSlopeHelp =
        "Yes to let some coefficients vary randomly across the units of the MOI's classifications "
        "(univariate MOI only). Include the response and those variables as level-1 responses in "
        "the imputation model.",
    .responseHelp = "The MOI response.",
    .responsesHelp = "The MOI responses.",
    .explanatoryHelp = "The MOI explanatory variables; include cons for an intercept; ':cat' for "
                       "categorical. Variables with missing values must be imputation responses.",
    .slopePrompt = "Explanatory variables with random coefficients in MOI:",
    .slopeHelp = "MOI explanatory variables whose coefficients vary randomly across the "
                 "units of the MOI's classifications. The intercept (cons) is random "
                 "already; listing it too changes nothing.",
    .level1ResponsesHelp = "Level-1 responses of the imputation model: typically every level-1 "
                           "variable with missing values.",
    .wantHelp = "Yes if variables defined at this classification (constant within its units) have "
                "missing values to impute.",
    .higherResponsesHelp =
        "Variables defined at this classification with missing values. Each must be constant "
        "within every unit of the classification (you are told which units differ).",
    .higherExcludedReason = "it is already a response or a classification ID",
    .numimputeHelp = "How many completed datasets to create; commonly at least 5.",
    .imputefirstHelp = "Iterations before the first completed dataset (old key: impute1st).",
    .imputeeveryHelp = "Iterations between subsequent imputations from the same chain.",
    .burninHelp = "Burn-in of each MOI fit.",
    .iterationsHelp = "Iterations of each MOI fit.",
    .unimputedAdvice = "add it to the responses of its level or classification",
};

// Classification c is level c + 1 of the imputation model (want<c+1>, yimp<c+1>, ...).
ImputationLevel classificationLevel(long long c, const std::string& id)
{
    ImputationLevel level;
    level.level = static_cast<int>(c + 1);
    level.idVariable = id;
    level.phrase = "classification " + std::to_string(c) + " (" + id + ")";
    level.constantReason =
        "a response at " + level.phrase + " must be constant within each of its units";
    return level;
}

/// The latent normals of the responses of one level (`yimp<level>`): one for a Normal, Binary
/// or Ordered response, categories - 1 for an Unordered one (ncats<var>).
long latentDimensions(const Answers& answers, int level)
{
    const std::string suffix = std::to_string(level);
    const std::vector<std::string> names = listNames(answers.valueOr("yimp" + suffix, ""));
    long dimensions = 0;
    for (std::size_t r = 0; r < names.size(); ++r) {
        const std::string type = answers.valueOr("bin" + suffix + "_" + std::to_string(r + 1), "");
        const long long categories =
            parseWholeNumber(answers.valueOr("ncats" + names[r], "")).value_or(2);
        dimensions += type == "Unordered" ? static_cast<long>(std::max(categories - 1, 1LL)) : 1;
    }
    return dimensions;
}

} // namespace

std::string NLevelImputeTemplate::description() const
{
    return "Multiple imputation for data with any number of classifications, nested or "
           "cross-classified: a joint latent-normal imputation model with Normal, Binary, Ordered "
           "and Unordered responses at level 1 and at each classification; the model of interest "
           "is fitted to each completed dataset and the fits combined by Rubin's rules.";
}

NLevelImputeTemplate::NLevelImputeTemplate()
    : ImputationTemplate(
          wordingNLevel,
          "numclass|classid_[0-9]+|structure|MOIclass_[0-9]+|MOIdist|MOIslope|y|x|"
          "xslope|yimp[0-9]+|want[0-9]+|bin[0-9]+_[0-9]+|ximp[0-9]+_[0-9]+(_[0-9]+)?|"
          "ncats.+|numimpute|imputefirst|imputeevery|burnin|iterations")
{
}

void NLevelImputeTemplate::walk(FlowWalker& w) const
{
    Question nq = Question::integer("numclass", "Number of classifications above level 1:", 1, "1",
                                    numclassHelp);
    const auto numclass = w.ask(nq);
    if (!numclass)
        return;
    const long long n = parseWholeNumber(*numclass).value_or(1);
    std::vector<std::string> ids;
    std::vector<ImputationLevel> classifications;
    for (long long c = 1; c <= n; ++c) {
        Question q =
            Question::variable("classid_" + std::to_string(c),
                               "ID for classification " + std::to_string(c) + ":", classidHelp);
        q.requireObserved = true;
        q.observedReason = "an ID must be known for every row";
        q.unitId = true;
        q.excluded = ids;
        q.excludedReason = "it is the ID of another classification";
        const auto id = w.ask(q);
        if (!id)
            return;
        ids.push_back(*id);
        classifications.push_back(classificationLevel(c, *id));
    }
    if (n >= 2 &&
        !w.ask(Question::choice("structure", "Are the classifications nested or cross-classified?",
                                {"Nested", "Cross-classified"}, structureHelp)))
        return;
    bool anyInMoi = false;
    for (long long c = 1; c <= n; ++c) {
        const std::string cs = std::to_string(c);
        const auto in =
            w.ask(Question::yesNo("MOIclass_" + cs,
                                  "Include classification " + cs + " (" +
                                      ids[static_cast<std::size_t>(c - 1)] + ") in your MOI?",
                                  moiClassHelp));
        if (!in)
            return;
        anyInMoi = anyInMoi || *in == "Yes";
    }
    if (!askModelOfInterest(w, wording(), classifications, anyInMoi) ||
        !askImputationModel(w, wording(), classifications))
        return;
    askImputationSchedule(w, wording());
}

std::string NLevelImputeTemplate::checkAnswer(const Question& q, const std::string& value,
                                              const Answers& soFar,
                                              const TemplateContext& context) const
{
    if (q.key == "numclass" && parseWholeNumber(value).value_or(0) > maximumClassifications)
        return "at most " + std::to_string(maximumClassifications) +
               " classifications are supported";
    if (q.key.rfind("classid_", 0) == 0 && context.dataset && context.dataset->hasColumn(value)) {
        const Level2View units(*context.dataset, value);
        if (units.unitCount() < 2)
            return "'" + value + "' has " + std::to_string(units.unitCount()) +
                   " unit(s); a classification needs at least 2 units (its variance is not "
                   "identified with fewer)";
    }
    if (q.key == "y")
        return checkMoiResponse(context.dataset, value, soFar.valueOr("MOIdist", ""), false);
    if (q.key == "structure" && value == "Nested" && context.dataset) {
        const long long n = parseWholeNumber(soFar.valueOr("numclass", "")).value_or(0);
        for (long long c = 1; c < n; ++c) {
            const std::string lower = soFar.valueOr("classid_" + std::to_string(c), "");
            const std::string upper = soFar.valueOr("classid_" + std::to_string(c + 1), "");
            if (!context.dataset->hasColumn(lower) || !context.dataset->hasColumn(upper))
                continue;
            const Level2View units(*context.dataset, lower);
            const ConstancyReport report = checkConstantWithinUnits(*context.dataset, units, upper);
            if (!report.constant())
                return "classification " + std::to_string(c) + " (" + lower +
                       ") is not nested in classification " + std::to_string(c + 1) + " (" + upper +
                       "): " + report.message(lower);
        }
    }
    return {};
}

std::pair<std::string, std::string>
NLevelImputeTemplate::checkModelSize(const Answers& answers, const TemplateContext& context) const
{
    if (!context.dataset)
        return {};
    const long long n = parseWholeNumber(answers.valueOr("numclass", "")).value_or(0);
    const bool nested = n < 2 || answers.valueOr("structure", "Nested") == "Nested";
    const long level1 = latentDimensions(answers, 1);
    long lower = 0; // the responses of lower classifications (nested: effects here too)
    for (long long c = 1; c <= n; ++c) {
        const std::string key = "classid_" + std::to_string(c);
        const std::string id = answers.valueOr(key, "");
        const long own = answers.valueOr("want" + std::to_string(c + 1), "No") == "Yes"
                             ? latentDimensions(answers, static_cast<int>(c + 1))
                             : 0;
        const long dimension = level1 + own + (nested ? lower : 0);
        lower += own;
        if (!context.dataset->hasColumn(id) || dimension == 0)
            continue;
        const std::size_t units = Level2View(*context.dataset, id).unitCount();
        if (units <= static_cast<std::size_t>(dimension))
            return {key, "classification " + std::to_string(c) + " (" + id + ") has " +
                             std::to_string(units) + " units, too few to identify the " +
                             std::to_string(dimension) + " x " + std::to_string(dimension) +
                             " covariance matrix of its random effects and residuals; it needs "
                             "at least " +
                             std::to_string(dimension + 1) +
                             " units (use fewer responses or leave this classification out)"};
    }
    return {};
}

} // namespace grove
