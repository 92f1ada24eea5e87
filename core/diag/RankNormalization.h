// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <vector>

namespace grove {

/// Equal-length chains, as the multi-chain diagnostics need them.
using ChainMatrix = std::vector<std::vector<double>>;

/// Each chain cut to the length of the shortest one, keeping its first draws (as Stan does),
/// because between-chain variances need a common length.
ChainMatrix truncateToCommonLength(ChainsView chains);

/// Every chain (after truncateToCommonLength) split into its first and second half; with an
/// odd length the middle draw is dropped (Vehtari et al. 2021, section 4.1; posterior's
/// split_chains). Splitting lets R-hat see a trend within a single chain.
ChainMatrix splitChains(ChainsView chains);

/// Rank normalisation z = Phi^{-1}((r - 3/8) / (S + 1/4)), r the rank of a draw among all S
/// draws of all chains, ties given their average rank (Vehtari et al. 2021, eq. 14).
ChainMatrix rankNormalize(ChainsView chains);

/// |x - median of all draws|, the "folded" draws whose R-hat detects differences in scale
/// (Vehtari et al. 2021, eq. 15).
ChainMatrix foldAroundMedian(ChainsView chains);

} // namespace grove
