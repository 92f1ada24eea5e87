// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/DatasetDescription.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace grove {

std::string formatNumber(double value)
{
    if (std::isnan(value))
        return ".";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.7g", value);
    return buffer;
}

std::string describeDataset(const Dataset& dataset)
{
    std::ostringstream out;
    const std::size_t missing = dataset.missingCount();
    out << "Dataset: " << dataset.name() << " (" << dataset.rowCount() << " rows, "
        << dataset.columnCount() << " variables, " << missing << " missing values)\n";
    std::size_t nameWidth = 8;
    for (const Column& c : dataset.columns())
        nameWidth = std::max(nameWidth, c.name.size());
    char line[512];
    std::snprintf(line, sizeof line, "%-*s %8s %8s %12s %12s %12s  %s\n",
                  static_cast<int>(nameWidth), "variable", "count", "missing", "min", "max", "mean",
                  "kind");
    out << line;
    for (std::size_t i = 0; i < dataset.columnCount(); ++i) {
        const ColumnSummary s = dataset.summary(i);
        std::snprintf(line, sizeof line, "%-*s %8zu %8zu %12s %12s %12s  %s\n",
                      static_cast<int>(nameWidth), s.name.c_str(), s.count, s.missing,
                      formatNumber(s.min).c_str(), formatNumber(s.max).c_str(),
                      formatNumber(s.mean).c_str(), variableKindName(s.kind));
        out << line;
    }
    return out.str();
}

} // namespace grove
