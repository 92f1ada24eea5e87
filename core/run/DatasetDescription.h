// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <string>

namespace grove {

/// The dataset summary the seeds show: name, rows, and per variable the observed and missing
/// counts, min, max, mean and kind, as an aligned plain-text table.
std::string describeDataset(const Dataset& dataset);

/// A number as a user reads it: up to 7 significant digits, no trailing zeros.
std::string formatNumber(double value);

} // namespace grove
