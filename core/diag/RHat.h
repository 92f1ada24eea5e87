// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <string>

namespace grove {

/// Classic potential scale reduction of equal-length chains (Gelman & Rubin 1992 as written in
/// Vehtari et al. 2021, eq. 4): B = n var(chain means), W = mean of chain variances,
/// R = sqrt(((n - 1)/n W + B/n) / W). NaN for fewer than 2 chains, unequal lengths, n < 2 or
/// W = 0.
double basicRhat(ChainsView equalLengthChains);

/// Rank-normalised split R-hat and its two parts.
struct RhatResult {
    double rhat = 0.0;       ///< max(bulkRhat, tailRhat): the figure to report
    double bulkRhat = 0.0;   ///< basicRhat of the rank-normalised split chains (location)
    double tailRhat = 0.0;   ///< basicRhat of the rank-normalised folded split chains (scale)
    std::string emptyReason; ///< non-empty when the figures are NaN, saying why
};

/// Rank-normalised split R-hat (Vehtari, Gelman, Simpson, Carpenter & Buerkner 2021, section
/// 4.1). Works with a single chain too, because its halves are compared. Chains are cut to a
/// common length first. Needs chains of at least 4 finite draws that are not all equal.
RhatResult rankNormalizedSplitRhat(ChainsView chains);

} // namespace grove
