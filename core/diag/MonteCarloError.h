// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace grove {

/// How the Monte Carlo standard error of a mean is estimated. Both are consistent for
/// geometrically ergodic chains.
enum class McseMethod {
    /// Non-overlapping batch means with batch size floor(sqrt(n)) (Jones, Haran, Caffo &
    /// Neath 2006): MCSE = sd(batch means) / sqrt(number of batches). O(n).
    BatchMeans,
    /// Spectral estimate sd * sqrt(tau / n) with tau = n / ESS from Geyer's initial monotone
    /// sequence (Geyer 1992). O(n log n); more precise, costlier.
    InitialMonotoneSequence,
};

/// MCSE of the mean of one series. NaN when n < 4 (batch means need 2 batches of 2), or for
/// non-finite draws. 0 for a constant series (the mean is known exactly).
double mcseOfMean(std::span<const double> series, McseMethod method = McseMethod::BatchMeans);

/// The bottom-left panel: MCSE of the mean against the number of iterations used.
struct McseCurve {
    std::vector<double> iterations; ///< k: the first k iterations of every chain were used
    std::vector<double> mcse;       ///< MCSE of the mean of those joined draws
    std::string emptyReason;        ///< non-empty (and the curve empty) when nothing was drawn
};

/// For k on a grid of `points` lengths up to the longest chain, the MCSE of the mean of the
/// first min(k, length) draws of every chain, joined as Stat-JR joins chains for this panel.
/// The last point is the MCSE of all draws, so the curve ends at the figure in the table.
/// Lengths whose joined draws number fewer than 4 are skipped.
McseCurve mcseCurve(ChainsView chains, std::size_t points = 50,
                    McseMethod method = McseMethod::BatchMeans);

/// MCSE of the mean of all draws of all chains joined (the table figure). NaN with a problem
/// (see chainsProblem) or fewer than 4 draws in all.
double chainMcseOfMean(ChainsView chains, McseMethod method = McseMethod::BatchMeans);

} // namespace grove
