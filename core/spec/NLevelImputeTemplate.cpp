// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/NLevelImputeTemplate.h"

#include "core/data/Level2View.h"
#include "core/spec/FlowWalker.h"
#include "core/spec/ImputationFlow.h"
#include "core/spec/MoiChecks.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <regex>

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
const char* const moiDistHelp =
    "The distribution of the MOI response: Normal, Binomial (0/1), Poisson (counts) or "
    "Multivariate Normal. A Binomial or Poisson response must have no missing values.";
const char* const moiSlopeHelp =
    "Yes to let some coefficients vary randomly across the units of the MOI's classifications "
    "(univariate MOI only). Include the response and those variables as level-1 responses in the "
    "imputation model.";
const char* const wantHelp =
    "Yes if variables defined at this classification (constant within its units) have missing "
    "values to impute.";
const char* const yimpHigherHelp =
    "Variables defined at this classification with missing values. Each must be constant "
    "within every unit of the classification (you are told which units differ).";

} // namespace

std::string NLevelImputeTemplate::description() const
{
    return "Multiple imputation for data with any number of classifications, nested or "
           "cross-classified: a joint latent-normal imputation model with Normal, Binary, Ordered "
           "and Unordered responses at level 1 and at each classification; the model of interest "
           "is fitted to each completed dataset and the fits combined by Rubin's rules.";
}

std::vector<std::pair<std::string, std::string>> NLevelImputeTemplate::keyAliases() const
{
    return {{"impute1st", "imputefirst"}};
}

bool NLevelImputeTemplate::isKnownKey(std::string_view key) const
{
    static const std::regex known("numclass|classid_[0-9]+|structure|MOIclass_[0-9]+|MOIdist|"
                                  "MOIslope|y|x|xslope|yimp[0-9]+|want[0-9]+|"
                                  "bin[0-9]+_[0-9]+|ximp[0-9]+_[0-9]+(_[0-9]+)?|ncats.+|numimpute|"
                                  "imputefirst|imputeevery|burnin|iterations");
    return std::regex_match(key.begin(), key.end(), known);
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
    for (long long c = 1; c <= n; ++c) {
        Question q =
            Question::variable("classid_" + std::to_string(c),
                               "ID for classification " + std::to_string(c) + ":", classidHelp);
        q.requireObserved = true;
        q.observedReason = "an ID must be known for every row";
        q.excluded = ids;
        q.excludedReason = "it is the ID of another classification";
        const auto id = w.ask(q);
        if (!id)
            return;
        ids.push_back(*id);
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
    const auto dist = w.ask(Question::choice(
        "MOIdist",
        "What distribution would you like to use to model the response variable(s) in your MOI?",
        {"Normal", "Binomial", "Poisson", "Multivariate Normal"}, moiDistHelp));
    if (!dist)
        return;
    const bool multivariate = *dist == "Multivariate Normal";
    bool slopes = false;
    if (anyInMoi && !multivariate) {
        const auto s = w.ask(Question::yesNo(
            "MOIslope", "In your MOI, do you want to fit random slope/coefficient(s)?",
            moiSlopeHelp));
        if (!s)
            return;
        slopes = *s == "Yes";
    }
    Question yq = multivariate
                      ? Question::variableList("y", "In your MOI, what are the response variables?",
                                               "The MOI responses.", false)
                      : Question::variable("y", "In your MOI, what is the response variable?",
                                           "The MOI response.");
    if (multivariate)
        yq.minimumCount = 2;
    yq.excluded = ids;
    yq.excludedReason = "it is a classification ID";
    const auto y = w.ask(yq);
    if (!y)
        return;
    Question xq = Question::variableList(
        "x", "Explanatory variables for MOI:",
        "The MOI explanatory variables; include cons for an intercept; ':cat' for "
        "categorical. Variables with missing values must be imputation responses.",
        true);
    xq.excluded = ids;
    for (const std::string& v : listNames(*y))
        xq.excluded.push_back(v);
    xq.excludedReason = "it is an MOI response or a classification ID";
    const auto x = w.ask(xq);
    if (!x)
        return;
    if (slopes) {
        Question sq = Question::variableList(
            "xslope", "Explanatory variables with random coefficients in MOI:",
            "MOI explanatory variables whose coefficients vary randomly across the "
            "units of the MOI's classifications (include cons for the intercept).",
            false);
        sq.allowedOnly = listNames(*x);
        sq.allowedOnlyReason = "random coefficients must be MOI explanatory variables";
        if (!w.ask(sq))
            return;
    }
    Question y1 = Question::variableList("yimp1",
                                         "The next few questions will now ask about your "
                                         "IMPUTATION MODEL. What responses are at level 1?",
                                         "Level-1 responses of the imputation model: typically "
                                         "every level-1 variable with missing values.",
                                         false);
    y1.excluded = ids;
    y1.excludedReason = "it is a classification ID";
    const auto yimp1 = w.ask(y1);
    if (!yimp1)
        return;
    std::vector<std::string> responses = listNames(*yimp1);
    ImputationLevel first;
    first.responses = responses;
    if (!askImputationResponses(w, first, responses))
        return;
    for (long long c = 1; c <= n; ++c) {
        const std::string& id = ids[static_cast<std::size_t>(c - 1)];
        const std::string lv = std::to_string(c + 1);
        const std::string phrase = "classification " + std::to_string(c) + " (" + id + ")";
        const auto want = w.ask(Question::yesNo(
            "want" + lv,
            "Are there any responses at " + phrase + " for imputation model?:", wantHelp));
        if (!want)
            return;
        if (*want != "Yes")
            continue;
        Question q = Question::variableList(
            "yimp" + lv, "Responses at " + phrase + " for imputation model:", yimpHigherHelp,
            false);
        q.excluded = responses;
        q.excluded.insert(q.excluded.end(), ids.begin(), ids.end());
        q.excludedReason = "it is already a response or a classification ID";
        q.constantWithin = id;
        q.constantReason = "a response at " + phrase + " must be constant within each of its units";
        const auto a = w.ask(q);
        if (!a)
            return;
        const std::vector<std::string> these = listNames(*a);
        responses.insert(responses.end(), these.begin(), these.end());
        ImputationLevel level;
        level.level = static_cast<int>(c + 1);
        level.idVariable = id;
        level.phrase = phrase;
        level.responses = responses;
        if (!askImputationResponses(w, level, these))
            return;
    }
    if (!w.ask(Question::integer("numimpute", "Number of imputed data sets:", 1, "5",
                                 "How many completed datasets to create; commonly at least 5.")))
        return;
    if (!w.ask(Question::integer(
            "imputefirst", "Number of iterations before first imputation:", 1, "1000",
            "Iterations before the first completed dataset (old key: impute1st).")))
        return;
    if (!w.ask(Question::integer("imputeevery",
                                 "Number of iterations between subsequent imputations:", 1, "500",
                                 "Iterations between subsequent imputations from the same chain.")))
        return;
    if (!w.ask(Question::integer("burnin", "Length of burnin for MOI:", 0, "500",
                                 "Burn-in of each MOI fit.")))
        return;
    w.ask(Question::integer("iterations", "Number of iterations for MOI:", 1, "2000",
                            "Iterations of each MOI fit."));
}

std::string NLevelImputeTemplate::checkAnswer(const Question& q, const std::string& value,
                                              const Answers& soFar,
                                              const TemplateContext& context) const
{
    if (q.key == "numclass" && parseWholeNumber(value).value_or(0) > maximumClassifications)
        return "at most " + std::to_string(maximumClassifications) +
               " classifications are supported";
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
NLevelImputeTemplate::checkComplete(const Answers& a, const TemplateContext& context) const
{
    std::vector<std::string> imputed;
    for (const auto& [key, value] : a) {
        if (std::regex_match(key, std::regex("yimp[0-9]+"))) {
            for (const std::string& v : listNames(value))
                imputed.push_back(v);
        }
    }
    for (const char* key : {"y", "x"}) {
        const std::string missing =
            firstUnimputed(context.dataset, listNames(a.valueOr(key, "")), imputed);
        if (!missing.empty())
            return {key, "'" + missing +
                             "' has missing values but is not a response in the imputation model; "
                             "add it to the responses of its level or classification"};
    }
    return {};
}

} // namespace grove
