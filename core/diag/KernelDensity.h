// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace grove {

/// Silverman's rule-of-thumb bandwidth h = 0.9 min(sd, IQR / 1.34) n^(-1/5) (Silverman 1986,
/// eq. 3.31; R's bw.nrd0). sd has divisor n - 1, the IQR uses type-7 quantiles. When the IQR is
/// 0 but sd is not (many tied draws) sd is used, as R does. NaN for n < 2, non-finite draws or
/// a constant sample, which has no density to draw.
double silvermanBandwidth(std::span<const double> sample);

/// Gaussian kernel density estimate at x, computed directly:
/// f(x) = 1/(n h) sum_i phi((x - x_i) / h). O(n); the reference the tests compare with.
double gaussianKernelDensityAt(std::span<const double> sample, double bandwidth, double x);

/// The top-right panel: one density curve per chain on a grid they all share.
struct KernelDensityResult {
    std::vector<double> grid;                   ///< x values, increasing, shared by all chains
    std::vector<std::vector<double>> densities; ///< densities[c][g]; empty for a chain with none
    std::vector<double> bandwidths;             ///< Silverman bandwidth per chain (NaN if none)
    std::vector<std::string> chainNotes;        ///< why a chain has no curve, "" otherwise
    std::string emptyReason;                    ///< non-empty when no chain has a curve
};

/// Gaussian-kernel density of every chain with its own Silverman bandwidth, evaluated on
/// `gridPoints` equally spaced points from min - 3 h_max to max + 3 h_max over all chains
/// (R's density() default cut = 3). Short chains are evaluated exactly; long ones by linear
/// binning onto 4096 points first (as R's density() does), which keeps the relative error
/// below about 1e-4 at a fraction of the cost.
KernelDensityResult chainKernelDensity(ChainsView chains, std::size_t gridPoints = 256);

} // namespace grove
