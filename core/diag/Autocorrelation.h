// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace grove {

/// Biased sample autocovariances c_k = (1/n) sum_{t=0}^{n-1-k} (x_t - xbar)(x_{t+k} - xbar)
/// for k = 0..min(maxLag, n-1) (Box & Jenkins; the 1/n divisor keeps the sequence positive
/// definite, as R's acf() does). Direct sums for short work, FFT (O(n log n)) otherwise.
/// Empty for an empty series.
std::vector<double> autocovariance(std::span<const double> series, std::size_t maxLag);

/// Sample autocorrelations r_k = c_k / c_0, k = 0..min(maxLag, n-1). All NaN when c_0 = 0
/// (a constant series has no defined autocorrelation).
std::vector<double> autocorrelation(std::span<const double> series, std::size_t maxLag);

/// Partial autocorrelations from autocorrelations by the Durbin-Levinson recursion:
/// phi_kk = (r_k - sum_{j<k} phi_{k-1,j} r_{k-j}) / (1 - sum_{j<k} phi_{k-1,j} r_j),
/// phi_kj = phi_{k-1,j} - phi_kk phi_{k-1,k-j}. Index k of the result is lag k; index 0 is 1 by
/// convention so that it lines up with the ACF. Stops (NaN from there on) if the recursion
/// becomes singular.
std::vector<double> partialAutocorrelation(std::span<const double> acf);

/// The ACF and PACF panels of the six-panel diagnostics.
struct AutocorrelationResult {
    std::vector<double> acf;       ///< acf[k] = autocorrelation at lag k, k = 0..maxLag
    std::vector<double> pacf;      ///< pacf[k] = partial autocorrelation at lag k (pacf[0] = 1)
    double significanceBand = 0.0; ///< 1.96 / sqrt(n): approximate 95% band under white noise
    std::size_t sampleSize = 0;    ///< n, the length of the joined chains
    std::string emptyReason;       ///< non-empty (and acf/pacf empty) when nothing was computed
};

/// ACF and PACF of the joined chains (chain 0 then chain 1 ..., as Stat-JR joins them), up to
/// maxLag (clamped to n - 1). Needs at least 3 finite draws that are not all equal.
AutocorrelationResult chainAutocorrelation(ChainsView chains, std::size_t maxLag = 40);

} // namespace grove
