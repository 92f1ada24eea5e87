// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ImputedVsObserved.h"

#include "core/common/Error.h"
#include "core/data/Level2View.h"
#include "core/diag/Descriptive.h"
#include "core/diag/KernelDensity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

const Column& columnOf(const Dataset& data, const std::string& name)
{
    if (!data.hasColumn(name))
        throw Error("imputed-versus-observed: variable '" + name + "' is not in dataset '" +
                    data.name() + "'");
    return data.column(name);
}

std::vector<double> shares(const std::vector<double>& values, const std::vector<double>& categories)
{
    std::vector<double> share(categories.size(), 0.0);
    for (const double v : values) {
        const auto found = std::lower_bound(categories.begin(), categories.end(), v);
        if (found != categories.end() && *found == v)
            share[static_cast<std::size_t>(found - categories.begin())] += 1.0;
    }
    for (double& s : share)
        s = values.empty() ? notANumber : s / static_cast<double>(values.size());
    return share;
}

void addDensities(ImputedVariableComparison& comparison)
{
    std::vector<std::vector<double>> samples{comparison.observed};
    samples.insert(samples.end(), comparison.imputed.begin(), comparison.imputed.end());
    const KernelDensityResult density = chainKernelDensity(samples, 256);
    if (!density.emptyReason.empty())
        return;
    comparison.grid = density.grid;
    comparison.observedDensity = density.densities.front();
    comparison.imputedDensity.assign(density.densities.begin() + 1, density.densities.end());
}

void addCategories(ImputedVariableComparison& comparison)
{
    std::set<double> seen(comparison.observed.begin(), comparison.observed.end());
    for (const std::vector<double>& values : comparison.imputed)
        seen.insert(values.begin(), values.end());
    comparison.categories.assign(seen.begin(), seen.end());
    comparison.observedShare = shares(comparison.observed, comparison.categories);
    for (const std::vector<double>& values : comparison.imputed)
        comparison.imputedShare.push_back(shares(values, comparison.categories));
}

// The per-unit view of a level-1 continuous variable: units with a missing value.
void addUnits(ImputedVariableComparison& comparison, const Column& original,
              std::span<const Dataset* const> completed, const Level2View& units)
{
    // Pooled within-unit sd of the observed values: the yardstick for "far outside".
    double withinSquares = 0.0;
    std::size_t withinDf = 0;
    for (std::size_t u = 0; u < units.unitCount(); ++u) {
        std::vector<double> values;
        for (const std::size_t row : units.rowsOf(u))
            if (!original.isMissing(row))
                values.push_back(original.values[row]);
        if (values.size() >= 2) {
            withinSquares += sampleVariance(values) * static_cast<double>(values.size() - 1);
            withinDf += values.size() - 1;
        }
    }
    const double withinSd =
        withinDf > 0 ? std::sqrt(withinSquares / static_cast<double>(withinDf)) : notANumber;
    for (std::size_t u = 0; u < units.unitCount(); ++u) {
        UnitImputedVsObserved unit;
        unit.unit = units.unitId(u);
        std::vector<double> observed;
        double imputedSum = 0.0;
        std::size_t imputedCount = 0;
        for (const std::size_t row : units.rowsOf(u)) {
            if (!original.isMissing(row)) {
                observed.push_back(original.values[row]);
                continue;
            }
            ++unit.imputed;
            for (const Dataset* data : completed) {
                const Column& filled = data->column(original.name);
                if (!filled.isMissing(row)) {
                    imputedSum += filled.values[row];
                    ++imputedCount;
                }
            }
        }
        if (unit.imputed == 0)
            continue;
        unit.observed = observed.size();
        unit.observedMean = observed.empty() ? notANumber : sampleMean(observed);
        unit.observedMin =
            observed.empty() ? notANumber : *std::min_element(observed.begin(), observed.end());
        unit.observedMax =
            observed.empty() ? notANumber : *std::max_element(observed.begin(), observed.end());
        unit.imputedMean =
            imputedCount ? imputedSum / static_cast<double>(imputedCount) : notANumber;
        unit.flagged = observed.size() >= 2 && std::isfinite(withinSd) &&
                       (unit.imputedMean < unit.observedMin - withinSd ||
                        unit.imputedMean > unit.observedMax + withinSd);
        comparison.units.push_back(unit);
    }
}

} // namespace

ImputedVsObserved compareImputedWithObserved(const Dataset& original,
                                             std::span<const Dataset* const> completed,
                                             const std::vector<ImputedVariable>& variables)
{
    ImputedVsObserved result;
    std::map<std::string, Level2View> views;
    for (const ImputedVariable& variable : variables) {
        const Column& column = columnOf(original, variable.name);
        if (!column.hasMissing())
            continue; // a response with nothing to impute (normexam in the worked example)
        for (const Dataset* data : completed) {
            columnOf(*data, variable.name);
            if (data->rowCount() != original.rowCount())
                throw Error("imputed-versus-observed: dataset '" + data->name() + "' has " +
                            std::to_string(data->rowCount()) + " rows, the original " +
                            std::to_string(original.rowCount()));
        }
        const Level2View* units = nullptr;
        if (!variable.unitVariable.empty()) {
            columnOf(original, variable.unitVariable);
            auto found = views.find(variable.unitVariable);
            if (found == views.end())
                found =
                    views
                        .emplace(variable.unitVariable, Level2View(original, variable.unitVariable))
                        .first;
            units = &found->second;
        }
        // The rows compared: every row, or each unit's first row for a unit-level variable.
        std::vector<std::size_t> rows;
        if (variable.unitLevel && units != nullptr) {
            for (std::size_t u = 0; u < units->unitCount(); ++u)
                rows.push_back(units->rowsOf(u).front());
        } else {
            for (std::size_t r = 0; r < original.rowCount(); ++r)
                rows.push_back(r);
        }
        ImputedVariableComparison comparison;
        comparison.variable = variable;
        comparison.rows = rows.size();
        comparison.imputed.resize(completed.size());
        for (const std::size_t row : rows) {
            if (!column.isMissing(row)) {
                comparison.observed.push_back(column.values[row]);
                continue;
            }
            for (std::size_t m = 0; m < completed.size(); ++m) {
                const Column& filled = completed[m]->column(variable.name);
                if (!filled.isMissing(row))
                    comparison.imputed[m].push_back(filled.values[row]);
            }
        }
        if (variable.categorical) {
            addCategories(comparison);
        } else {
            addDensities(comparison);
            if (units != nullptr && !variable.unitLevel)
                addUnits(comparison, column, completed, *units);
        }
        result.variables.push_back(std::move(comparison));
    }
    return result;
}

Table ImputedVsObserved::table() const
{
    Table table;
    table.columns = {"variable", "level", "values", "imputation", "category",
                     "n",        "mean",  "sd",     "proportion", "difference"};
    for (const ImputedVariableComparison& v : variables) {
        const std::string level = v.variable.unitLevel ? "2" : "1";
        const std::string& name = v.variable.name;
        if (v.variable.categorical) {
            for (std::size_t k = 0; k < v.categories.size(); ++k) {
                table.rows.push_back({name, level, std::string("observed"), notANumber,
                                      v.categories[k], static_cast<double>(v.observed.size()),
                                      notANumber, notANumber, v.observedShare[k], notANumber});
                for (std::size_t m = 0; m < v.imputed.size(); ++m)
                    table.rows.push_back({name, level, std::string("imputed"),
                                          static_cast<double>(m + 1), v.categories[k],
                                          static_cast<double>(v.imputed[m].size()), notANumber,
                                          notANumber, v.imputedShare[m][k],
                                          v.imputedShare[m][k] - v.observedShare[k]});
            }
            continue;
        }
        const double observedMean = sampleMean(v.observed);
        const double observedSd = std::sqrt(sampleVariance(v.observed));
        table.rows.push_back({name, level, std::string("observed"), notANumber, notANumber,
                              static_cast<double>(v.observed.size()), observedMean, observedSd,
                              notANumber, notANumber});
        for (std::size_t m = 0; m < v.imputed.size(); ++m) {
            const double mean = sampleMean(v.imputed[m]);
            table.rows.push_back({name, level, std::string("imputed"), static_cast<double>(m + 1),
                                  notANumber, static_cast<double>(v.imputed[m].size()), mean,
                                  std::sqrt(sampleVariance(v.imputed[m])), notANumber,
                                  (mean - observedMean) / observedSd});
        }
    }
    return table;
}

Table ImputedVsObserved::unitTable() const
{
    Table table;
    table.columns = {"variable",     "unit",         "observed_n",   "imputed_n", "observed_mean",
                     "observed_min", "observed_max", "imputed_mean", "flag"};
    for (const ImputedVariableComparison& v : variables)
        for (const UnitImputedVsObserved& u : v.units)
            table.rows.push_back(
                {v.variable.name, u.unit, static_cast<double>(u.observed),
                 static_cast<double>(u.imputed), u.observedMean, u.observedMin, u.observedMax,
                 u.imputedMean,
                 std::string(u.flagged ? "imputed mean far outside the unit's observed range"
                                       : "")});
    return table;
}

} // namespace grove
