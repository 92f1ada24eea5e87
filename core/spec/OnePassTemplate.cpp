// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/OnePassTemplate.h"

#include "core/spec/FlowWalker.h"
#include "core/spec/MoiChecks.h"
#include "core/spec/OnePassHelp.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <algorithm>
#include <regex>
#include <set>

namespace grove {
namespace {

/// Every order of the factors of an interaction, so "girlmiss*standlrtmiss" matches the term
/// declared as standlrtmiss,girlmiss.
std::vector<std::string> interactionSpellings(std::vector<std::string> factors)
{
    std::vector<std::string> spellings;
    if (factors.size() > 5) {
        spellings.push_back(joined(factors, "*"));
        return spellings;
    }
    std::vector<std::string> sorted = factors;
    std::sort(sorted.begin(), sorted.end());
    do {
        spellings.push_back(joined(sorted, "*"));
    } while (std::next_permutation(sorted.begin(), sorted.end()));
    // The declared order first: that is how the GUI offers the term.
    const std::string declared = joined(factors, "*");
    std::erase(spellings, declared);
    spellings.insert(spellings.begin(), declared);
    return spellings;
}

Question responseType(const std::string& key, const std::string& var, const std::string& dataset)
{
    Question q = Question::choice(key, "Response Type for response " + var + ":",
                                  {"Normal", "Binary"}, onePassResponseTypeHelp);
    q.responseVariable = var;
    q.datasetName = dataset;
    return q;
}

Question explanatory(const std::string& key, const std::string& prompt, const std::string& dataset,
                     std::vector<std::string> excluded)
{
    Question q = Question::variableList(key, prompt, onePassExplanatoryHelp, true);
    q.explanatory = true;
    q.defaultValue = "cons";
    q.datasetName = dataset;
    q.requireObserved = true;
    q.observedReason = "explanatory variables in the imputation model must be fully observed; "
                       "include it as a response instead";
    q.excluded = std::move(excluded);
    q.excludedReason = "it is the MOI response or a response in the imputation model";
    return q;
}

} // namespace

std::vector<std::string> termFactors(const std::string& term)
{
    const std::size_t caret = term.find('^');
    if (caret != std::string::npos)
        return {term.substr(0, caret)};
    return splitOn(term, '*');
}

std::string OnePassTemplate::description() const
{
    return "Fully Bayesian one-pass analysis of 2-level data with missing values: the model of "
           "interest (Normal, Binomial, Poisson or negative binomial; interactions and powers of "
           "incomplete variables allowed) and Normal/Binary imputation components at levels 1 "
           "and 2 are updated together at every MCMC iteration.";
}

std::vector<std::string> OnePassTemplate::estimationKeys() const
{
    return {"burnin",     "iterations", "thinning",  "nchains", "seed",
            "defaultalg", "adaptiters", "defaultsv", "makepred"};
}

bool OnePassTemplate::isKnownKey(std::string_view key) const
{
    static const std::regex known("y|D|L2int|L2ID|numpoly|xpoly[0-9]+|xpower[0-9]+|numinter|xinter["
                                  "0-9]+|xvars|x2vars|L1resp|yimp|L2imp|"
                                  "L2IDimp|L2resp|L2Data|yimp2|bin[0-9]+|ximp[0-9]+|bin2_[0-9]+|"
                                  "ximp2_[0-9]+|priorsint|storeresid|priors2|"
                                  "nchains|seed|burnin|iterations|thinning|defaultalg|adaptiters|"
                                  "makepred|defaultsv|imputeiters|outdata");
    return std::regex_match(key.begin(), key.end(), known);
}

void OnePassTemplate::walk(FlowWalker& w) const
{
    const auto y =
        w.ask(Question::variable("y", "Model of interest (MOI) response:", yOnePassHelp));
    if (!y)
        return;
    if (!w.ask(Question::choice(
            "D", "Specify distribution:", {"Normal", "Binomial", "Poisson", "Negative binomial"},
            distOnePassHelp)))
        return;
    const auto l2int = w.ask(Question::yesNo(
        "L2int", "Do you want a higher level in your model of interest?", l2intHelp));
    if (!l2int)
        return;
    std::string l2id;
    if (*l2int == "Yes") {
        Question id =
            Question::variable("L2ID", "Level 2 ID for model of interest:", l2idOnePassHelp);
        id.requireObserved = true;
        id.observedReason = "an ID must be known for every row";
        id.unitId = true;
        id.excluded = {*y};
        id.excludedReason = "it is the MOI response";
        const auto a = w.ask(id);
        if (!a)
            return;
        l2id = *a;
    }
    std::vector<std::string> terms; // power and interaction terms, as xvars may name them
    std::vector<std::string> powers;
    const auto numpoly = w.ask(Question::integer(
        "numpoly", "Number of polynomial terms in model of interest:", 0, "0", numpolyHelp));
    if (!numpoly)
        return;
    for (long long i = 0; i < parseWholeNumber(*numpoly).value_or(0); ++i) {
        const std::string n = std::to_string(i);
        const std::string term = std::to_string(i + 1);
        Question v = Question::variable("xpoly" + n, "Variable A for polynomial term " + term + ":",
                                        xpolyHelp);
        v.excluded = {*y, l2id};
        v.excludedReason = "it is the MOI response or the level 2 ID";
        const auto var = w.ask(v);
        if (!var)
            return;
        const auto power = w.ask(
            Question::integer("xpower" + n, "Power for variable A in polynomial term " + term + ":",
                              2, "2", xpowerHelp));
        if (!power)
            return;
        powers.push_back(*var + "^" + *power);
    }
    terms = powers;
    const auto numinter = w.ask(Question::integer(
        "numinter", "Number of interaction terms in model of interest:", 0, "0", numinterHelp));
    if (!numinter)
        return;
    for (long long i = 0; i < parseWholeNumber(*numinter).value_or(0); ++i) {
        Question q = Question::variableList("xinter" + std::to_string(i),
                                            "Variables to include in interaction term " +
                                                std::to_string(i + 1) + ":",
                                            xinterHelp, false);
        q.minimumCount = 2;
        q.extraTerms = powers;
        q.excluded = {*y, l2id};
        q.excludedReason = "it is the MOI response or the level 2 ID";
        const auto a = w.ask(q);
        if (!a)
            return;
        for (const std::string& s : interactionSpellings(listNames(*a)))
            terms.push_back(s);
    }
    Question xq =
        Question::variableList("xvars", "Explanatory variables for MOI:", xvarsHelp, false);
    xq.extraTerms = terms;
    xq.excluded = {*y, l2id};
    xq.excludedReason = "it is the MOI response or the level 2 ID";
    const auto xvars = w.ask(xq);
    if (!xvars)
        return;
    if (*l2int == "Yes") {
        Question q = Question::variableList(
            "x2vars", "Random coefficients in the MOI (including intercept):", x2varsHelp, false);
        q.allowedOnly = listNames(*xvars);
        q.allowedOnlyReason = "random coefficients must be MOI explanatory variables";
        q.extraTerms = terms;
        if (!w.ask(q))
            return;
    }
    std::vector<std::string> yimp;
    const auto l1resp = w.ask(Question::yesNo(
        "L1resp", "Do you want lower level responses in the missing data model?", l1respHelp));
    if (!l1resp)
        return;
    if (*l1resp == "Yes") {
        Question q = Question::variableList(
            "yimp", "Lower level responses with missing data:", yimpHelp, false);
        q.excluded = {*y, l2id};
        q.excludedReason =
            "the MOI response is not imputed (cases where it is missing are dropped), nor the ID";
        const auto a = w.ask(q);
        if (!a)
            return;
        yimp = listNames(*a);
    }
    std::vector<std::string> yimp2;
    std::string l2data;
    const auto l2imp = w.ask(
        Question::yesNo("L2imp", "Do you want a higher level in the imputation model?", l2impHelp));
    if (!l2imp)
        return;
    if (*l2imp == "Yes") {
        Question id = Question::variable(
            "L2IDimp", "Level 2 ID for higher level imputation model:", l2idimpHelp);
        id.requireObserved = true;
        id.observedReason = "an ID must be known for every row";
        id.unitId = true;
        const auto idAnswer = w.ask(id);
        if (!idAnswer)
            return;
        const auto l2resp = w.ask(Question::yesNo(
            "L2resp", "Do you want higher level responses in the imputation model?", l2respHelp));
        if (!l2resp)
            return;
        if (*l2resp == "Yes") {
            const auto data = w.ask(Question::dataset("L2Data", "Level 2 dataset:", l2dataHelp));
            if (!data)
                return;
            l2data = *data;
            Question q = Question::variableList(
                "yimp2", "Higher level responses with missing data:", yimp2OnePassHelp, false);
            q.datasetName = l2data;
            q.excluded = yimp;
            q.excluded.push_back(*idAnswer);
            q.excludedReason = "it is a lower level response or the level 2 ID";
            const auto a = w.ask(q);
            if (!a)
                return;
            yimp2 = listNames(*a);
        }
    }
    std::vector<std::string> notExplanatory = yimp;
    notExplanatory.insert(notExplanatory.end(), yimp2.begin(), yimp2.end());
    notExplanatory.push_back(*y);
    for (std::size_t k = 0; k < yimp.size(); ++k) {
        const std::string n = std::to_string(k + 1);
        if (!w.ask(responseType("bin" + n, yimp[k], "")))
            return;
        if (!w.ask(explanatory(
                "ximp" + n,
                "Explanatory variables for lower level response " + yimp[k] + " in imputation:", "",
                notExplanatory)))
            return;
    }
    for (std::size_t k = 0; k < yimp2.size(); ++k) {
        const std::string n = std::to_string(k + 1);
        if (!w.ask(responseType("bin2_" + n, yimp2[k], l2data)))
            return;
        if (!w.ask(explanatory("ximp2_" + n,
                               "Explanatory variables for higher level response " + yimp2[k] +
                                   " in imputation:",
                               l2data, notExplanatory)))
            return;
    }
    if (*l2int == "Yes") {
        if (!w.ask(Question::choice("priorsint", "Priors for Level 2 random effects in MOI:",
                                    {"Uniform", "Wishart"}, priorsintHelp)))
            return;
        if (!w.ask(Question::yesNo("storeresid", "Store level 2 residuals?", storeresidHelp)))
            return;
    }
    if (*l2imp == "Yes") {
        if (!w.ask(Question::choice("priors2", "Priors for Level 2 variables with missing data:",
                                    {"Uniform", "Wishart"}, priors2Help)))
            return;
    }
    if (!w.ask(Question::integer("nchains", "Number of chains:", 1, "3", nchainsHelp)))
        return;
    if (!w.ask(Question::integer("seed", "Random Seed:", 0, "1", seedHelp)))
        return;
    if (!w.ask(Question::integer("burnin", "Length of burnin:", 0, "500", burninOnePassHelp)))
        return;
    if (!w.ask(Question::integer("iterations", "Number of iterations:", 1, "2000",
                                 iterationsOnePassHelp)))
        return;
    if (!w.ask(Question::integer("thinning", "Thinning:", 1, "1", thinningHelp)))
        return;
    const auto defaultalg =
        w.ask(Question::yesNo("defaultalg", "Use default algorithm settings:", defaultalgHelp));
    if (!defaultalg)
        return;
    if (*defaultalg == "No") {
        if (!w.ask(Question::integer("adaptiters", "Number of adaptation iterations:", 0, "5000",
                                     adaptitersHelp)))
            return;
    }
    if (!w.ask(Question::yesNo("makepred", "Generate prediction dataset:", makepredHelp)))
        return;
    if (!w.ask(Question::yesNo("defaultsv", "Use default starting values:", defaultsvHelp)))
        return;
    if (!w.ask(Question::text("imputeiters", "Impute at iterations:", TextFormat::IterationList,
                              "0", imputeitersHelp)))
        return;
    w.ask(Question::text("outdata", "Name of output results:", TextFormat::OutputName, "out",
                         outdataHelp));
}

std::string OnePassTemplate::checkAnswer(const Question& q, const std::string& value,
                                         const Answers& soFar, const TemplateContext& context) const
{
    if (q.key == "D")
        // Cases with a missing MOI response are dropped, so missing values are allowed here.
        return checkMoiResponse(context.dataset, soFar.valueOr("y", ""), value, true);
    if (q.key == "L2IDimp" && soFar.contains("L2ID") && soFar.get("L2ID") != value)
        return "the imputation model's level 2 ID must be the MOI's ('" +
               soFar.valueOr("L2ID", "") + "'): the template handles one level-2 classification";
    if (q.key == "L2Data" && context.findDataset) {
        const Dataset* data = context.findDataset(value);
        const std::string id = soFar.valueOr("L2IDimp", "");
        if (!data || id.empty())
            return {};
        if (!data->hasColumn(id))
            return "dataset '" + value + "' has no variable '" + id + "' (the level 2 ID)";
        const Column& ids = data->column(id);
        if (ids.hasMissing())
            return "dataset '" + value + "' has missing values of '" + id + "'";
        std::set<double> seen;
        for (const double v : ids.values) {
            if (!seen.insert(v).second)
                return "dataset '" + value + "' must have one row per level-2 unit; " + id + " " +
                       formatValue(v) + " appears more than once";
        }
    }
    if (q.key == "imputeiters" && value != "0") {
        const long long iterations = parseWholeNumber(soFar.valueOr("iterations", "")).value_or(0);
        for (const std::string& part : splitOn(value, ',')) {
            const long long at = parseWholeNumber(trimmed(part)).value_or(0);
            if (at < 1 || at > iterations)
                return "iteration " + trimmed(part) +
                       " is not between 1 and the number of iterations (" +
                       std::to_string(iterations) + "); give 0 for no imputed datasets";
        }
    }
    return {};
}

std::pair<std::string, std::string>
OnePassTemplate::checkComplete(const Answers& a, const TemplateContext& context) const
{
    std::vector<std::string> imputed = listNames(a.valueOr("yimp", ""));
    for (const std::string& v : listNames(a.valueOr("yimp2", "")))
        imputed.push_back(v);
    std::vector<std::string> variables;
    for (const std::string& term : listNames(a.valueOr("xvars", ""))) {
        for (const std::string& factor : termFactors(term))
            variables.push_back(factor);
    }
    const std::string missing = firstUnimputed(context.dataset, variables, imputed);
    if (!missing.empty())
        return {"xvars", "'" + missing +
                             "' has missing values but is not a response in the imputation model; "
                             "add it to the lower or higher level responses"};
    return {};
}

} // namespace grove
