// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/onepass/OnePassSpec.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace grove::onepass {

/// A completed dataset taken at one iteration of one chain (`imputeiters`). OnePassResult
/// lists them by iteration, then chain.
struct ImputedDatasets {
    int chain = 0;
    long iteration = 0; ///< 1-based, counted after burn-in
    Dataset level1;     ///< the kept rows with missing covariates filled in
    /// The level-2 dataset completed, when it has responses: its rows for the units of the kept
    /// rows, in ascending ID order.
    std::optional<Dataset> level2;
};

/// Posterior summary of one level-2 residual (`storeresid`): uint<k>_<unit index>.
struct ResidualSummary {
    std::string name;  ///< e.g. uint0_12 (MOI random coefficient 0, unit index 12)
    double unitId = 0; ///< the level-2 ID value of the unit
    double mean = 0;
    double sd = 0;
};

/// Metropolis acceptance of one block of updates, measured after adaptation and averaged over
/// chains. For missing values, proposalScale is the random-walk sd relative to the conditional
/// sd of the imputation component; for the IWLS proposals it is 1.
struct AcceptanceRate {
    std::string block; ///< e.g. "standlrtmiss (missing values)", "fixed effects"
    double rate = 0;
    double proposalScale = 0;
};

/// What one run of the one-pass sampler produced.
struct OnePassResult {
    /// What ModelResults lists, in the Stat-JR manual's order: omega_u_k (imputation level-2
    /// covariance, lower triangle by rows), beta_k, omega_uint_k (MOI level-2 covariance), and
    /// sigma2 (Normal) or alpha (negative binomial dispersion).
    /// Iteration numbers count from the start of burn-in (the first stored draw is
    /// burnin + thinning), as in every Grove ChainSet.
    ChainSet results;
    /// Every monitored parameter (ModelParameters): the above plus the imputation components'
    /// fixed effects beta2imp_k and level-1 covariance omega_e_k.
    ChainSet parameters;
    std::vector<ImputedDatasets> imputed;
    std::vector<ResidualSummary> residuals; ///< when storeResiduals
    std::vector<double> predictions;        ///< when makePrediction: posterior mean of the
                                            ///< MOI mean per kept row
    std::vector<std::size_t> keptRows;      ///< rows of the level-1 dataset used (y observed)
    std::size_t droppedRows = 0;            ///< rows dropped because the response is missing
    std::vector<AcceptanceRate> acceptance;
};

/// Runs 2LevelMissingOnePass (Goldstein, Carpenter & Browne 2014; Parker & Goldstein 2019): chains
/// in parallel on up to `threads` threads, each with its own random stream from (seed, chain), so
/// results do not depend on `threads`. `level2` is the level-2 dataset (`L2Data`) or null.
/// Throws Error naming the problem on bad input (unknown variable, non-binary Binary
/// covariate, singular design, ...), RunCancelled when control.cancelled().
OnePassResult runOnePass(const Dataset& level1, const Dataset* level2, const OnePassSpec& spec,
                         int threads, const RunControl& control);

} // namespace grove::onepass
