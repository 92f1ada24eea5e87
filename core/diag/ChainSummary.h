// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diag/Descriptive.h"

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// Posterior summary of one parameter from all its chains pooled.
struct ChainSummary {
    std::size_t draws = 0; ///< number of draws over all chains
    double mean = 0.0;
    double sd = 0.0;          ///< divisor n - 1
    double quantile025 = 0.0; ///< 2.5% quantile (type 7)
    double median = 0.0;
    double quantile975 = 0.0; ///< 97.5% quantile (type 7)
    double lower95 = 0.0;     ///< equal-tailed 95% credible interval: = quantile025
    double upper95 = 0.0;     ///< = quantile975
    std::string emptyReason;  ///< non-empty (and the figures NaN) when nothing was computed
};

/// Mean, sd and quantiles of all draws of all chains together. NaN with a reason for no draws
/// or a non-finite draw; sd is NaN for a single draw.
ChainSummary summarizeChains(ChainsView chains);

/// Iteration numbers for a trace plot of a chain of `length` stored draws, the first stored at
/// iteration firstIteration and then every `thinning` iterations. The y values are the chain.
std::vector<double> traceIterations(std::size_t length, double firstIteration = 1.0,
                                    double thinning = 1.0);

/// One row of the chain output table (the `parameter,term,mean,sd,ess,...` CSV).
struct ChainTableRow {
    double mean = 0.0;
    double sd = 0.0;
    double lower95 = 0.0;      ///< 2.5% quantile
    double upper95 = 0.0;      ///< 97.5% quantile
    double ess = 0.0;          ///< per-chain ESS summed over chains, as Stat-JR reports it
    double bulkEss = 0.0;      ///< Vehtari et al. (2021) bulk-ESS
    double tailEss = 0.0;      ///< Vehtari et al. (2021) tail-ESS
    double rhat = 0.0;         ///< rank-normalised split R-hat
    double mcse = 0.0;         ///< Monte Carlo standard error of the mean (batch means, joined)
    bool rhatAbove1_1 = false; ///< "R-hat > 1.1": chains have not mixed
    /// "ESS < 100": any of ess, bulkEss, tailEss below 100, so a tail that is poorly explored
    /// is flagged even when the Stat-JR sum looks fine.
    bool essBelow100 = false;
    std::string note; ///< why some figures are NaN ("" when all are defined)
};

/// The summary row for a parameter: summarizeChains, chainEffectiveSampleSize,
/// rankNormalizedSplitRhat and chainMcseOfMean together. A flag is false when its figure is
/// NaN; `note` then says why.
ChainTableRow chainTableRow(ChainsView chains);

} // namespace grove
