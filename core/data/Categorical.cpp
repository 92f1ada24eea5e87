// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Categorical.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace grove {

namespace {

std::string listValues(const std::vector<double>& values)
{
    std::ostringstream out;
    const std::size_t shown = std::min<std::size_t>(values.size(), 10);
    for (std::size_t i = 0; i < shown; ++i)
        out << (i ? "," : "") << values[i];
    if (shown < values.size())
        out << ",... (" << values.size() << " values)";
    return out.str();
}

std::string categoryName(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

} // namespace

std::size_t Categories::indexOf(double value) const
{
    const auto it = std::lower_bound(values.begin(), values.end(), value);
    if (it == values.end() || *it != value)
        throw Error("value " + categoryName(value) + " is not a category of '" + variable + "'");
    return static_cast<std::size_t>(it - values.begin());
}

Categories categoriesOf(const Column& column, bool requireSequential)
{
    Categories result;
    result.variable = column.name;
    result.values = column.distinctValues();
    if (result.values.empty())
        throw Error("categorical variable '" + column.name + "' has no observed values");
    const bool whole = std::all_of(result.values.begin(), result.values.end(),
                                   [](double v) { return v == std::floor(v); });
    if (!whole)
        throw Error("categorical variable '" + column.name +
                    "' must hold whole-number categories; found " + listValues(result.values));
    if (requireSequential) {
        for (std::size_t i = 0; i < result.values.size(); ++i) {
            if (result.values[i] != static_cast<double>(i))
                throw Error("categories of '" + column.name +
                            "' must be numbered 0,1,2,... in steps of one; found " +
                            listValues(result.values));
        }
    }
    return result;
}

std::vector<Column> dummyColumns(const Column& column, const Categories& categories)
{
    std::vector<Column> dummies;
    for (std::size_t k = 0; k + 1 < categories.count(); ++k) {
        Column dummy;
        dummy.name = column.name + "_" + categoryName(categories.values[k]);
        dummy.values.resize(column.size());
        dummy.missing = column.missing;
        for (std::size_t row = 0; row < column.size(); ++row) {
            dummy.values[row] = column.isMissing(row)
                                    ? missingValue
                                    : (column.values[row] == categories.values[k] ? 1.0 : 0.0);
        }
        dummies.push_back(std::move(dummy));
    }
    return dummies;
}

} // namespace grove
