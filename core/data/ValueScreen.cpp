// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/ValueScreen.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace grove {
namespace {

std::string formatNumber(double value, int digits = 10)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

// Each named variable of the dataset once, in the order given.
std::vector<const Column*> columnsOf(const Dataset& dataset, std::span<const std::string> variables)
{
    std::vector<const Column*> columns;
    std::set<std::string> seen;
    for (const std::string& name : variables)
        if (dataset.hasColumn(name) && seen.insert(name).second)
            columns.push_back(&dataset.column(name));
    return columns;
}

// The p-quantile of sorted values by linear interpolation (type 7, R's default).
double quantileOfSorted(const std::vector<double>& sorted, double p)
{
    const double position = p * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double weight = position - static_cast<double>(below);
    return sorted[below] + weight * (sorted[above] - sorted[below]);
}

} // namespace

void refuseUnmodellableValues(const Dataset& dataset, std::span<const std::string> variables)
{
    for (const Column* column : columnsOf(dataset, variables))
        for (std::size_t row = 0; row < column->size(); ++row)
            if (!column->isMissing(row) && std::abs(column->values[row]) > largestModelledMagnitude)
                throw Error("variable '" + column->name + "' has the value " +
                            formatNumber(column->values[row]) + " (row " + std::to_string(row + 1) +
                            "), too large to model (at most 1e100 in magnitude): rescale the "
                            "variable, or set the value missing if it is a missing-value code");
}

std::vector<std::string> extremeValueWarnings(const Dataset& dataset,
                                              std::span<const std::string> variables)
{
    constexpr double interquartileRanges = 1e6;
    std::vector<std::string> warnings;
    for (const Column* column : columnsOf(dataset, variables)) {
        std::vector<double> observed;
        observed.reserve(column->size());
        for (std::size_t row = 0; row < column->size(); ++row)
            if (!column->isMissing(row))
                observed.push_back(column->values[row]);
        if (observed.size() < 4)
            continue;
        std::sort(observed.begin(), observed.end());
        const double median = quantileOfSorted(observed, 0.5);
        const double iqr = quantileOfSorted(observed, 0.75) - quantileOfSorted(observed, 0.25);
        if (!(iqr > 0.0))
            continue;
        const double outlying = median - observed.front() > observed.back() - median
                                    ? observed.front()
                                    : observed.back();
        const double distance = std::abs(outlying - median) / iqr;
        if (distance <= interquartileRanges)
            continue;
        std::size_t row = 0;
        while (column->isMissing(row) || column->values[row] != outlying)
            ++row;
        warnings.push_back("Variable '" + column->name + "' has the value " +
                           formatNumber(outlying) + " (row " + std::to_string(row + 1) + "), " +
                           formatNumber(distance, 3) +
                           " interquartile ranges from its median: check that it is not a "
                           "missing-value code or a data-entry error.");
    }
    return warnings;
}

} // namespace grove
