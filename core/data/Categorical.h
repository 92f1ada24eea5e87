// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <string>
#include <vector>

namespace grove {

/// The categories of a categorical variable, ascending. The last one is the reference.
struct Categories {
    std::string variable;
    std::vector<double> values;
    std::size_t count() const { return values.size(); }
    /// Index of a value in `values`; throws Error when the value is not a category.
    std::size_t indexOf(double value) const;
};

/// The categories of a column. With `requireSequential`, they must be exactly 0,1,2,...
/// (as the seeds require of categorical responses); otherwise Error names the variable and the
/// values found. Categories must be whole numbers in any case.
Categories categoriesOf(const Column& column, bool requireSequential);

/// Dummy columns for every category but the last (the reference), named `<var>_<value>`,
/// missing where the source is missing.
std::vector<Column> dummyColumns(const Column& column, const Categories& categories);

} // namespace grove
