// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// The bottom-right panel: the interval-based Brooks-Gelman-Rubin diagnostic against iteration.
struct BrooksGelmanRubinResult {
    std::vector<double> iterations; ///< t: the curves use iterations floor(t/2)+1 .. t
    /// Green: width of the central interval of all chains' window draws pooled together
    /// (between-chain plus within-chain variability).
    std::vector<double> between;
    /// Blue: mean over chains of the width of each chain's own central interval (within).
    std::vector<double> within;
    /// Red: between / within; tends to 1 as the chains converge to the same distribution.
    /// NaN at a t where every chain's window is constant.
    std::vector<double> ratio;
    /// between and within divided by the largest value of either, so they share the ratio's
    /// axis (as WinBUGS and MLwiN draw them).
    std::vector<double> betweenScaled;
    std::vector<double> withinScaled;
    double coverage = 0.8;   ///< the central interval's coverage (80%, as in WinBUGS)
    std::string emptyReason; ///< non-empty (and the curves empty) when nothing was computed
};

/// Brooks & Gelman (1998), section 3.1, the interval-based R as drawn by WinBUGS, MLwiN and
/// Stat-JR: for `points` evenly spaced t up to the shortest chain's length, take the second
/// half (iterations floor(t/2)+1 .. t) of every chain, and compare the width of the central
/// `coverage` interval (type-7 quantiles) of all those draws pooled with the mean width of the
/// per-chain intervals. Needs at least 2 chains of at least 4 finite draws, not all constant.
BrooksGelmanRubinResult brooksGelmanRubin(ChainsView chains, std::size_t points = 50,
                                          double coverage = 0.8);

} // namespace grove
