// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/CompleteDataDf.h"

#include "core/common/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

namespace grove {

std::string CompleteDataDf::text() const
{
    switch (rule) {
    case Rule::BetweenWithin: return "between-within";
    case Rule::Infinite: return "inf";
    case Rule::Fixed: break;
    }
    std::ostringstream out;
    out << value;
    return out.str();
}

CompleteDataDf parseCompleteDataDf(const std::string& text)
{
    CompleteDataDf result;
    if (text == "between-within") {
        result.rule = CompleteDataDf::Rule::BetweenWithin;
        return result;
    }
    if (text == "inf" || text == "infinite") {
        result.rule = CompleteDataDf::Rule::Infinite;
        return result;
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        !(value > 0.0))
        throw Error("complete-data df must be 'between-within', 'inf' or a positive number, not '" +
                    text + "'");
    result.rule = CompleteDataDf::Rule::Fixed;
    result.value = value;
    return result;
}

std::vector<double> completeDataDfs(const CompleteDataDf& rule, const FixedEffectDesign& design)
{
    const std::size_t p = design.variesWithinUnits.size();
    switch (rule.rule) {
    case CompleteDataDf::Rule::Infinite:
        return std::vector<double>(p, std::numeric_limits<double>::infinity());
    case CompleteDataDf::Rule::Fixed: return std::vector<double>(p, rule.value);
    case CompleteDataDf::Rule::BetweenWithin: break;
    }
    const auto atLeastOne = [](double df) { return std::max(1.0, df); };
    const double n = static_cast<double>(design.rows);
    if (design.units <= 1)
        return std::vector<double>(p, atLeastOne(n - static_cast<double>(p)));
    const double j = static_cast<double>(design.units);
    const auto within = static_cast<double>(
        std::count(design.variesWithinUnits.begin(), design.variesWithinUnits.end(), true));
    const double between = static_cast<double>(p) - within;
    std::vector<double> dfs(p);
    for (std::size_t c = 0; c < p; ++c)
        dfs[c] = atLeastOne(design.variesWithinUnits[c] ? n - j - within : j - between);
    return dfs;
}

double posteriorVarianceToSquaredSe(double completeDataDf)
{
    if (std::isinf(completeDataDf) || !(completeDataDf > 2.0))
        return 1.0;
    return (completeDataDf - 2.0) / completeDataDf;
}

} // namespace grove
