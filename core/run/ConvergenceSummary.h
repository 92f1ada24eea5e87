// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/run/ImputationSpacing.h"
#include "core/run/RunOutput.h"

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// When a parameter counts as not converged. Vehtari et al. (2021) advise R-hat < 1.01 and
/// bulk- and tail-ESS >= 100 per chain for final results; 1.05 is the looser limit Blimp's
/// potential scale reduction check uses (Keller & Enders 2021), so that the short chains of a
/// default run are not all flagged for noise in R-hat itself.
struct ConvergenceCriteria {
    double maxRhat = 1.05;
    double minEss = 100.0; ///< bulk and tail ESS over all chains
};

/// The convergence figures of one monitored parameter of one model.
struct ConvergenceRow {
    std::string model; ///< `Imputation_Model`, `Model1`.., `CompleteCasesModel`, `Model`
    std::string parameter;
    std::string term;
    std::size_t chains = 0;
    std::size_t draws = 0;       ///< per chain, after the draws left out (see convergenceRows)
    double rhat = 0.0;           ///< rank-normalised split R-hat (Vehtari et al. 2021)
    double bulkEss = 0.0;        ///< bulk-ESS over all chains
    double tailEss = 0.0;        ///< tail-ESS over all chains
    double acfAtImputeEvery = 0; ///< imputation model: autocorrelation at lag imputeevery; NaN
    bool rhatFlag = false;
    bool essFlag = false;
    bool spacingFlag = false; ///< imputations from one chain too close (ImputationSpacing)
    std::string reason;       ///< why flagged, or why a figure is missing; "" when it passed
    bool flagged() const { return rhatFlag || essFlag || spacingFlag; }
};

/// The convergence summary of a run: every imputation-model parameter and every parameter of
/// each model-of-interest fit.
struct ConvergenceSummary {
    std::size_t imputationChains = 0; ///< chains of the imputation model (0: no such model)
    ConvergenceCriteria criteria;
    std::vector<ConvergenceRow> rows;

    std::size_t flaggedCount() const;
    /// One line for the banner of the results pane and grove-run's last stderr line: how many
    /// parameters are flagged and what to do, or that all passed. Says that R-hat across chains
    /// needs two chains when the imputation model ran one.
    std::string message() const;
    /// `Imputation_Model_Convergence`: model, parameter, term, chains, draws, rhat, bulk_ess,
    /// tail_ess, acf_at_imputeevery, flag, reason.
    Table table() const;
};

/// Rows for every parameter of `chains` (the draws of `model`) that is not held fixed, from
/// the draws stored after iteration `afterIteration` (the imputation model's chains start at
/// iteration 1, so half of imputefirst is left out, as for its summary). With `spacing`, each
/// row also carries its autocorrelation at lag imputeevery and the spacing check's flag.
std::vector<ConvergenceRow> convergenceRows(const std::string& model, const ChainSet& chains,
                                            const ConvergenceCriteria& criteria,
                                            long afterIteration = 0,
                                            const ImputationSpacing* spacing = nullptr);

} // namespace grove
