// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/OnePassModels.h"

#include "core/common/Error.h"
#include "core/data/Categorical.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace grove {

namespace {

using onepass::CovariancePrior;
using onepass::CovariateKind;
using onepass::Family;
using onepass::ImputationResponse;
using onepass::MoiTerm;
using onepass::OnePassSpec;
using onepass::TermFactor;

std::string required(const Answers& answers, const std::string& key)
{
    const auto value = answers.get(key);
    if (!value || trimmed(*value).empty())
        throw Error("'" + key + "' is not answered");
    return trimmed(*value);
}

long wholeNumber(const std::string& text, const std::string& key, long minimum)
{
    const auto value = parseWholeNumber(trimmed(text));
    if (!value || *value < minimum)
        throw Error("'" + key + "' must be a whole number of at least " + std::to_string(minimum) +
                    ", not '" + text + "'");
    return static_cast<long>(*value);
}

long count(const Answers& answers, const std::string& key, long minimum, const char* fallback)
{
    return wholeNumber(answers.valueOr(key, fallback), key, minimum);
}

bool yes(const Answers& answers, const std::string& key)
{
    const std::string value = answers.valueOr(key, "No");
    if (value != "Yes" && value != "No")
        throw Error("'" + key + "' must be Yes or No, not '" + value + "'");
    return value == "Yes";
}

Family family(const std::string& text)
{
    if (text == "Normal")
        return Family::Normal;
    if (text == "Binomial")
        return Family::Binomial;
    if (text == "Poisson")
        return Family::Poisson;
    if (text == "Negative binomial")
        return Family::NegativeBinomial;
    throw Error("'D' must be Normal, Binomial, Poisson or Negative binomial, not '" + text + "'");
}

CovariancePrior prior(const Answers& answers, const std::string& key)
{
    const std::string text = answers.valueOr(key, "Uniform");
    if (text == "Uniform")
        return CovariancePrior::Uniform;
    if (text == "Wishart")
        return CovariancePrior::Wishart;
    throw Error("'" + key + "' must be Uniform or Wishart, not '" + text + "'");
}

// "a", "a^2", "a*b", "b*a^2*c": one factor per variable, powers kept.
MoiTerm moiTerm(const std::string& name)
{
    MoiTerm term;
    term.name = name;
    for (const std::string& part : splitOn(name, '*')) {
        const std::string factor = trimmed(part);
        const std::size_t caret = factor.find('^');
        TermFactor f;
        f.variable = trimmed(factor.substr(0, caret));
        if (caret != std::string::npos) {
            const auto power = parseWholeNumber(trimmed(factor.substr(caret + 1)));
            if (!power || *power < 1 || *power > 20)
                throw Error("the power in MOI term '" + name +
                            "' must be a whole number from 1 to 20");
            f.power = static_cast<int>(*power);
        }
        if (f.variable.empty())
            throw Error("MOI term '" + name + "' has an empty factor");
        term.factors.push_back(std::move(f));
    }
    return term;
}

std::string datasetLabel(const Dataset& data)
{
    return data.name().empty() ? std::string("the dataset") : "dataset '" + data.name() + "'";
}

// Explanatory variables of one imputation component, `:cat` expanded to its dummies' names.
std::vector<std::string> explanatoryNames(const std::string& key, const std::string& list,
                                          const Dataset& data)
{
    std::vector<std::string> names;
    for (const VariableTerm& term : parseVariableList(list)) {
        if (!data.hasColumn(term.name))
            throw Error("'" + key + "': " + datasetLabel(data) + " has no variable '" + term.name +
                        "'");
        if (!term.categorical) {
            names.push_back(term.name);
            continue;
        }
        const Column& column = data.column(term.name);
        for (const Column& dummy : dummyColumns(column, categoriesOf(column, false)))
            names.push_back(dummy.name);
    }
    if (names.empty())
        throw Error("'" + key + "' names no explanatory variable; give at least cons");
    return names;
}

CovariateKind covariateKind(const std::string& key, const std::string& text)
{
    if (text == "Normal")
        return CovariateKind::Normal;
    if (text == "Binary")
        return CovariateKind::Binary;
    throw Error("'" + key + "' must be Normal or Binary, not '" + text + "'");
}

std::vector<ImputationResponse> responses(const Answers& answers, const std::string& listKey,
                                          const std::string& prefix, const Dataset& data)
{
    std::vector<ImputationResponse> result;
    const std::vector<std::string> names = listNames(answers.valueOr(listKey, ""));
    for (std::size_t k = 0; k < names.size(); ++k) {
        const std::string n = std::to_string(k + 1);
        if (!data.hasColumn(names[k]))
            throw Error("'" + listKey + "': " + datasetLabel(data) + " has no variable '" +
                        names[k] + "'");
        ImputationResponse response;
        response.variable = names[k];
        response.kind = covariateKind("bin" + prefix + n, required(answers, "bin" + prefix + n));
        response.explanatory =
            explanatoryNames("ximp" + prefix + n, required(answers, "ximp" + prefix + n), data);
        result.push_back(std::move(response));
    }
    return result;
}

} // namespace

onepass::OnePassSpec onePassSpecFrom(const Answers& a, const Dataset& level1, const Dataset* level2)
{
    OnePassSpec spec;
    spec.response = required(a, "y");
    if (!level1.hasColumn(spec.response))
        throw Error("'y': " + datasetLabel(level1) + " has no variable '" + spec.response + "'");
    spec.family = family(required(a, "D"));

    const bool moiLevel2 = yes(a, "L2int");
    const bool imputationLevel2 = yes(a, "L2imp");
    if (moiLevel2)
        spec.level2Id = required(a, "L2ID");
    if (imputationLevel2) {
        const std::string id = required(a, "L2IDimp");
        if (!spec.level2Id.empty() && id != spec.level2Id)
            throw Error("'L2IDimp' must be the MOI's level 2 ID '" + spec.level2Id + "', not '" +
                        id + "'");
        spec.level2Id = id;
    }
    if (!spec.level2Id.empty() && !level1.hasColumn(spec.level2Id))
        throw Error("'L2ID': " + datasetLabel(level1) + " has no variable '" + spec.level2Id + "'");
    spec.imputationLevel2 = imputationLevel2;

    const bool level2Responses = imputationLevel2 && yes(a, "L2resp");
    if (level2Responses) {
        const std::string name = required(a, "L2Data");
        if (!level2)
            throw Error("'L2Data': the level 2 dataset '" + name + "' is not loaded");
        if (!level2->hasColumn(spec.level2Id))
            throw Error("'L2Data': dataset '" + name + "' has no variable '" + spec.level2Id +
                        "' (the level 2 ID)");
    }
    const Dataset* l2 = level2Responses ? level2 : nullptr;

    // MOI terms, in the user's order; every factor must be a variable of one of the datasets.
    std::set<std::string> seen;
    for (const std::string& name : listNames(required(a, "xvars"))) {
        if (!seen.insert(name).second)
            throw Error("'xvars' names '" + name + "' twice");
        MoiTerm term = moiTerm(name);
        for (const TermFactor& f : term.factors) {
            if (level1.hasColumn(f.variable) || (l2 && l2->hasColumn(f.variable)))
                continue;
            throw Error("'xvars': '" + f.variable + "' (in term '" + name +
                        "') is not a variable of " + datasetLabel(level1) +
                        (l2 ? " or of " + datasetLabel(*l2) : std::string()));
        }
        spec.terms.push_back(std::move(term));
    }
    if (spec.terms.empty())
        throw Error("'xvars' names no explanatory variable");
    if (moiLevel2) {
        for (const std::string& name : listNames(a.valueOr("x2vars", ""))) {
            const bool inXvars = std::any_of(spec.terms.begin(), spec.terms.end(),
                                             [&name](const MoiTerm& t) { return t.name == name; });
            if (!inXvars)
                throw Error("'x2vars': '" + name +
                            "' is not one of the MOI explanatory variables ('xvars')");
            spec.randomCoefficients.push_back(name);
        }
        spec.moiPrior = prior(a, "priorsint");
    }

    if (yes(a, "L1resp"))
        spec.level1Responses = responses(a, "yimp", "", level1);
    if (level2Responses)
        spec.level2Responses = responses(a, "yimp2", "2_", *level2);
    if (imputationLevel2)
        spec.imputationPrior = prior(a, "priors2");

    const long chains = count(a, "nchains", 1, "3");
    if (chains > 64)
        throw Error("'nchains' must be at most 64, not " + std::to_string(chains));
    spec.chains = static_cast<int>(chains);
    spec.seed = static_cast<std::uint64_t>(count(a, "seed", 0, "1"));
    spec.burnin = count(a, "burnin", 0, "500");
    spec.iterations = count(a, "iterations", 1, "2000");
    spec.thinning = count(a, "thinning", 1, "1");
    if (spec.thinning > spec.iterations)
        throw Error("'thinning' (" + std::to_string(spec.thinning) +
                    ") must not exceed the number of iterations (" +
                    std::to_string(spec.iterations) + ")");
    spec.adaptIterations = yes(a, "defaultalg") || !a.contains("defaultalg")
                               ? spec.burnin
                               : std::min(count(a, "adaptiters", 0, "5000"), spec.burnin);
    spec.defaultStartingValues = yes(a, "defaultsv") || !a.contains("defaultsv");
    spec.storeResiduals = moiLevel2 && yes(a, "storeresid");
    spec.makePrediction = yes(a, "makepred");
    spec.imputeIterations = parseImputeIterations(a.valueOr("imputeiters", "0"), spec.iterations);
    return spec;
}

std::vector<std::string> onePassCategoricalVariables(const Answers& validated, bool level2)
{
    const std::string prefix = level2 ? "ximp2_" : "ximp";
    const std::vector<std::string> responses =
        listNames(validated.valueOr(level2 ? "yimp2" : "yimp", ""));
    std::vector<std::string> variables;
    for (std::size_t k = 0; k < responses.size(); ++k) {
        const auto list = validated.get(prefix + std::to_string(k + 1));
        if (!list)
            continue;
        for (const VariableTerm& term : parseVariableList(*list)) {
            if (term.categorical &&
                std::find(variables.begin(), variables.end(), term.name) == variables.end())
                variables.push_back(term.name);
        }
    }
    return variables;
}

Dataset withDummyColumns(const Dataset& data, const std::vector<std::string>& variables)
{
    Dataset result = data;
    for (const std::string& variable : variables) {
        const Column& column = data.column(variable);
        for (Column& dummy : dummyColumns(column, categoriesOf(column, false))) {
            if (const auto existing = result.indexOf(dummy.name)) {
                const Column& other = result.column(*existing);
                if (other.missing == dummy.missing &&
                    std::equal(other.values.begin(), other.values.end(), dummy.values.begin(),
                               [](double x, double y) {
                                   return x == y || (std::isnan(x) && std::isnan(y));
                               }))
                    continue; // the user's own dummy, identical: use it
                throw Error(datasetLabel(data) + " already has a variable '" + dummy.name +
                            "' that is not the dummy of " + variable + ":cat; rename it");
            }
            result.addColumn(std::move(dummy));
        }
    }
    return result;
}

std::vector<long> parseImputeIterations(const std::string& text, long iterations)
{
    const std::string value = trimmed(text);
    if (value.empty() || value == "0")
        return {};
    std::set<long> at;
    for (const std::string& part : splitOn(value, ',')) {
        const auto number = parseWholeNumber(trimmed(part));
        if (!number || *number < 1 || *number > iterations)
            throw Error("'imputeiters': '" + trimmed(part) +
                        "' is not an iteration between 1 and " + std::to_string(iterations) +
                        " (give 0 for no imputed datasets)");
        at.insert(static_cast<long>(*number));
    }
    return {at.begin(), at.end()};
}

std::string onePassChainsName(const Answers& validated)
{
    const std::string name = trimmed(validated.valueOr("outdata", "out"));
    return name.empty() ? std::string("out") : name;
}

} // namespace grove
