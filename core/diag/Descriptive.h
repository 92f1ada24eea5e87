// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace grove {

/// The chains of one monitored parameter: one vector of draws per chain, in iteration order.
/// Chains may differ in length. Every diagnostic in core/diag takes this view.
using ChainsView = std::span<const std::vector<double>>;

/// Arithmetic mean; NaN for an empty sample.
double sampleMean(std::span<const double> sample);

/// Unbiased sample variance, sum (x - mean)^2 / (n - 1); NaN when n < 2.
double sampleVariance(std::span<const double> sample);

/// Quantile of an already sorted sample by linear interpolation between order statistics
/// (Hyndman & Fan 1996 type 7, R's default): h = (n - 1) p, q = x[floor h] + (h - floor h)
/// (x[floor h + 1] - x[floor h]). NaN for an empty sample or p outside [0, 1].
double sortedQuantile(std::span<const double> sorted, double p);

/// Type-7 quantile of an unsorted sample (copies and sorts it).
double sampleQuantile(std::span<const double> sample, double p);

/// All chains one after another (chain 0 first), which is how Stat-JR "joins" chains for the
/// ACF, PACF and MCSE panels.
std::vector<double> joinChains(ChainsView chains);

/// Why this one chain (number chainIndex, counted from 0) cannot be summarised, or "": shorter
/// than minLength, or a non-finite draw named by its iteration (counted from 1).
std::string chainProblem(std::span<const double> chain, std::size_t chainIndex,
                         std::size_t minLength);

/// Why these chains cannot be summarised, or "" when they can: no chains, a chain shorter than
/// minLength, or a non-finite draw (named by chain and iteration so the user can find it).
/// Diagnostics report this string instead of returning numbers computed from garbage.
std::string chainsProblem(ChainsView chains, std::size_t minLength);

/// Length of the shortest chain (0 for no chains).
std::size_t shortestChainLength(ChainsView chains);

/// True when every draw in every chain has the same value (so spreads are zero).
bool chainsAreConstant(ChainsView chains);

} // namespace grove
