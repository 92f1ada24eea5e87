// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <span>
#include <string>
#include <vector>

namespace grove {

/// The largest magnitude a modelled value may have. Samplers sum squares and cross-products of
/// values over up to millions of rows; at 1e100 those stay far below the double range (1e308),
/// while a value of 1e150 or more can overflow them and end in a covariance that is not
/// positive definite, long after the cause is visible.
inline constexpr double largestModelledMagnitude = 1e100;

/// Throws Error naming the first variable among `variables` (those present in `dataset`) with an
/// observed value larger in magnitude than largestModelledMagnitude, with the value and its row.
void refuseUnmodellableValues(const Dataset& dataset, std::span<const std::string> variables);

/// One line per variable whose most outlying observed value lies more than a million
/// interquartile ranges from its median: almost always a missing-value code (999999) or a
/// data-entry error rather than data, and it would dominate the imputation model. Variables with
/// an interquartile range of zero are not judged.
std::vector<std::string> extremeValueWarnings(const Dataset& dataset,
                                              std::span<const std::string> variables);

} // namespace grove
