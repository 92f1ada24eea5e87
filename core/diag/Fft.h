// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <vector>

namespace grove::detail {

/// In-place iterative radix-2 Cooley-Tukey FFT; data.size() must be a power of two. The
/// inverse transform is unnormalised (divide by size yourself). Only used for autocovariances
/// of long chains, where the O(n log n) cost matters (ESS needs lags up to the chain length).
void fftInPlace(std::vector<std::complex<double>>& data, bool inverse);

} // namespace grove::detail
