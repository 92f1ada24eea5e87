// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <span>
#include <string>
#include <vector>

namespace grove {

/// Effective sample size of equal-length chains by Geyer's initial positive and initial
/// monotone sequence estimators applied to the combined autocorrelations
/// rho_t = 1 - (W - mean_m c_{m,t}) / var+ (Vehtari, Gelman, Simpson, Carpenter & Buerkner 2021,
/// eqs. 10-11; Geyer 1992), including the "improved" last-pair term and the cap
/// ESS <= S log10(S) used by the posterior R package. With one chain var+ is that chain's
/// variance, which gives the classic single-chain ESS n / (1 + 2 sum rho_t).
/// NaN when the chains have different lengths, fewer than 3 draws, non-finite or constant draws.
double multiChainEffectiveSampleSize(ChainsView equalLengthChains);

/// ESS of one chain (multiChainEffectiveSampleSize of a single chain).
double effectiveSampleSize(std::span<const double> chain);

/// Bulk-ESS: multiChainEffectiveSampleSize of the rank-normalised split chains (Vehtari et
/// al. 2021, section 4.2). Chains are first cut to a common length. NaN when undefined.
double bulkEffectiveSampleSize(ChainsView chains);

/// Tail-ESS: the smaller of the ESS of the indicators I(x <= q_0.05) and I(x <= q_0.95) on the
/// split chains (Vehtari et al. 2021, section 4.3), i.e. how well the 5% and 95% quantiles are
/// estimated. NaN when undefined.
double tailEffectiveSampleSize(ChainsView chains);

/// All the ESS figures the chain output table shows.
struct EffectiveSampleSizeResult {
    std::vector<double> perChain; ///< ESS of each chain on its own (NaN where undefined)
    double summed = 0.0;     ///< sum of perChain: what Stat-JR reports as "ESS" for several chains
    double bulk = 0.0;       ///< bulk-ESS over all chains
    double tail = 0.0;       ///< tail-ESS over all chains
    std::string emptyReason; ///< non-empty when the figures are NaN, saying why
};

/// Per-chain, summed, bulk and tail ESS. Needs every chain to have at least 6 finite draws
/// (so each split half has 3) that are not all equal; otherwise all figures are NaN and
/// emptyReason says why.
EffectiveSampleSizeResult chainEffectiveSampleSize(ChainsView chains);

} // namespace grove
