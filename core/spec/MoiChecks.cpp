// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/MoiChecks.h"

#include "core/spec/Text.h"

#include <algorithm>
#include <cmath>

namespace grove {

std::string checkMoiResponse(const Dataset* dataset, const std::string& variable,
                             const std::string& distribution, bool allowMissing)
{
    if (!dataset || !dataset->hasColumn(variable))
        return {};
    const Column& column = dataset->column(variable);
    const bool counts = distribution == "Poisson" || distribution == "Negative binomial";
    if (distribution != "Binomial" && !counts)
        return {};
    if (!allowMissing && column.hasMissing())
        return "a " + distribution + " MOI response must have no missing values; '" + variable +
               "' has " + std::to_string(column.missingCount());
    const std::vector<double> values = column.distinctValues();
    if (distribution == "Binomial") {
        const bool ok = std::all_of(values.begin(), values.end(),
                                    [](double v) { return v == 0.0 || v == 1.0; });
        if (!ok)
            return "a Binomial MOI response must be coded 0 and 1; '" + variable + "' has " +
                   formatValues(values);
    } else {
        const bool ok = std::all_of(values.begin(), values.end(),
                                    [](double v) { return v >= 0.0 && v == std::floor(v); });
        if (!ok)
            return "a " + distribution + " MOI response must be a count (0,1,2,...); '" + variable +
                   "' has other values";
    }
    return {};
}

std::string firstUnimputed(const Dataset* dataset, const std::vector<std::string>& variables,
                           const std::vector<std::string>& imputed)
{
    if (!dataset)
        return {};
    for (const std::string& v : variables) {
        if (!dataset->hasColumn(v) || !dataset->column(v).hasMissing())
            continue;
        if (std::find(imputed.begin(), imputed.end(), v) == imputed.end())
            return v;
    }
    return {};
}

bool isConstantVariable(const Dataset* dataset, const std::string& name)
{
    if (!dataset || !dataset->hasColumn(name))
        return name == "cons";
    return dataset->column(name).kind() == VariableKind::ConstantVariable;
}

} // namespace grove
