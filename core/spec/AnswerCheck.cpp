// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/AnswerCheck.h"

#include "core/common/Error.h"
#include "core/data/Categorical.h"
#include "core/data/Level2View.h"
#include "core/spec/Text.h"
#include "core/spec/VariableList.h"

#include <algorithm>
#include <set>

namespace grove {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::string oneOf(const std::vector<std::string>& options)
{
    if (options.size() == 2)
        return options[0] + " or " + options[1];
    return "one of " + joined(options, ", ");
}

std::string checkText(const Question& q, const std::string& value)
{
    if (value.empty())
        return "an answer is needed";
    if (q.textFormat == TextFormat::OutputName) {
        const bool ok = std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_';
        });
        if (!ok || (value[0] >= '0' && value[0] <= '9'))
            return "'" + value +
                   "' is not a valid name; use letters, digits and underscores, starting with a "
                   "letter";
    } else if (q.textFormat == TextFormat::IterationList) {
        for (const std::string& part : splitOn(value, ',')) {
            if (!parseWholeNumber(trimmed(part)))
                return "'" + value +
                       "' is not a list of iteration numbers (e.g. 1000,2000, or 0 for none)";
        }
    }
    return {};
}

std::string checkVariable(const Question& q, const Dataset* ds, const TemplateContext& context,
                          const VariableTerm& term)
{
    const std::string& name = term.name;
    if (contains(q.excluded, name))
        return "'" + name + "' cannot be chosen here: " + q.excludedReason;
    if (!q.allowedOnly.empty() && !contains(q.allowedOnly, name))
        return "'" + name + "' is not one of " + joined(q.allowedOnly, ",") + ": " +
               q.allowedOnlyReason;
    if (contains(q.extraTerms, name))
        return {};
    if (!ds)
        return {};
    if (!ds->hasColumn(name))
        return "'" + name + "' is not a variable in dataset '" + ds->name() + "'";
    const Column& column = ds->column(name);
    if (q.requireObserved && column.hasMissing()) {
        const std::size_t n = column.missingCount();
        return "'" + name + "' has " + std::to_string(n) +
               (n == 1 ? " missing value; " : " missing values; ") + q.observedReason;
    }
    if (q.unitId && column.size() > 1 && column.distinctValues().size() == column.size())
        return "'" + name + "' has a different value in every row (" +
               std::to_string(column.size()) +
               " units of one row each): an ID must group rows into units";
    if (term.categorical) {
        try {
            categoriesOf(column, false);
        } catch (const Error& e) {
            return e.what();
        }
    }
    if (!q.constantWithin.empty() && ds->hasColumn(q.constantWithin) && name != q.constantWithin) {
        try {
            const Level2View units(*ds, q.constantWithin);
            const ConstancyReport report = checkConstantWithinUnits(*ds, units, name);
            if (!report.constant()) {
                const std::string detail = report.message(q.constantWithin);
                return q.constantReason.empty() ? detail : q.constantReason + ": " + detail;
            }
        } catch (const Error& e) {
            return e.what();
        }
    }
    (void)context;
    return {};
}

std::string checkVariables(const Question& q, const std::string& value,
                           const TemplateContext& context)
{
    std::vector<VariableTerm> terms;
    try {
        terms = parseVariableList(value);
    } catch (const Error& e) {
        return e.what();
    }
    if (q.kind == QuestionKind::Variable) {
        if (terms.size() != 1)
            return terms.empty() ? "a variable is needed"
                                 : "only one variable may be chosen; got '" + value + "'";
        if (terms[0].categorical)
            return "':cat' is not allowed here";
    }
    if (terms.size() < q.minimumCount) {
        if (q.minimumCount == 1)
            return "at least one variable is needed";
        return "at least " + std::to_string(q.minimumCount) + " variables are needed; got '" +
               value + "'";
    }
    std::set<std::string> seen;
    const Dataset* ds = context.datasetNamed(q.datasetName);
    for (const VariableTerm& term : terms) {
        if (!seen.insert(term.name).second)
            return "'" + term.name + "' is listed twice";
        if (term.categorical && !q.allowCategorical)
            return "'" + term.name +
                   ":cat' is not allowed here: this question takes no categorical variables";
        std::string problem = checkVariable(q, ds, context, term);
        if (!problem.empty())
            return problem;
    }
    // Only fully observed variables: one with missing values is imputed, and its observed
    // values alone (a level-2 variable seen in one unit) say nothing of its completed ones.
    if (q.explanatory && ds && seen.count("cons"))
        for (const VariableTerm& term : terms)
            if (term.name != "cons" && ds->hasColumn(term.name) &&
                !ds->column(term.name).hasMissing()) {
                const std::vector<double> values = ds->column(term.name).distinctValues();
                if (values.size() == 1)
                    return "'" + term.name + "' is constant (every observed value is " +
                           formatValues(values) +
                           "): beside cons its effect cannot be estimated; leave it out";
            }
    return {};
}

std::string checkInteger(const Question& q, const std::string& value,
                         const TemplateContext& context)
{
    const std::optional<long long> n = parseWholeNumber(value);
    if (!n || *n < q.minimum)
        return "must be a whole number of at least " + std::to_string(q.minimum) + "; got '" +
               value + "'";
    const Dataset* ds = context.datasetNamed(q.datasetName);
    if (q.categoryCountOf.empty() || !ds || !ds->hasColumn(q.categoryCountOf))
        return {};
    const Column& column = ds->column(q.categoryCountOf);
    try {
        const Categories cats = categoriesOf(column, true);
        if (static_cast<long long>(cats.count()) != *n)
            return "'" + q.categoryCountOf + "' has " + std::to_string(cats.count()) +
                   " categories (" + formatValues(cats.values) + ") in the data, not " + value;
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

std::string checkResponseType(const Dataset& dataset, const std::string& variable,
                              const std::string& responseType)
{
    if (!dataset.hasColumn(variable))
        return {};
    const Column& column = dataset.column(variable);
    if (responseType == "Binary") {
        const std::vector<double> values = column.distinctValues();
        const bool binary = std::all_of(values.begin(), values.end(),
                                        [](double v) { return v == 0.0 || v == 1.0; });
        if (!binary)
            return "a Binary response must be coded 0 and 1; '" + variable + "' has " +
                   formatValues(values);
        if (values.size() == 1)
            return "'" + variable + "' is constant (every observed value is " +
                   formatValues(values) +
                   "): a Binary response needs both 0 and 1 observed to be modelled";
    } else if (responseType == "Ordered" || responseType == "Unordered") {
        try {
            const Categories cats = categoriesOf(column, true);
            if (cats.count() < 2)
                return "'" + variable + "' has only one category (" + formatValues(cats.values) +
                       ")";
        } catch (const Error& e) {
            return e.what();
        }
    }
    return {};
}

std::string checkAnswerValue(const Question& q, const std::string& raw,
                             const TemplateContext& context)
{
    const std::string value = trimmed(raw);
    switch (q.kind) {
    case QuestionKind::YesNo:
    case QuestionKind::Choice:
        if (!contains(q.options, value))
            return "must be " + oneOf(q.options) + "; got '" + value + "'";
        if (!q.responseVariable.empty()) {
            if (const Dataset* ds = context.datasetNamed(q.datasetName))
                return checkResponseType(*ds, q.responseVariable, value);
        }
        return {};
    case QuestionKind::Integer: return checkInteger(q, value, context);
    case QuestionKind::Text: return checkText(q, value);
    case QuestionKind::DatasetName:
        if (value.empty())
            return "a dataset name is needed";
        if (context.findDataset && !context.findDataset(value))
            return "no dataset named '" + value + "' is loaded";
        return {};
    case QuestionKind::Variable:
    case QuestionKind::VariableList:
        if (value.empty() && q.kind == QuestionKind::VariableList && q.minimumCount == 0)
            return {};
        return checkVariables(q, value, context);
    }
    return {};
}

} // namespace grove
