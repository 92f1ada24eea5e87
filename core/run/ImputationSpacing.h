// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/run/RunOutput.h"

#include <span>
#include <string>
#include <vector>

namespace grove {

/// How close together one chain's imputations are, for one imputation-model parameter.
struct SpacingRow {
    std::string parameter;
    std::string term;
    double autocorrelation = 0.0; ///< at lag imputeevery, averaged over the chains
    /// The smallest lag at which the averaged autocorrelation falls below the threshold: the
    /// imputeevery that would make this parameter's imputations nearly independent. NaN when it
    /// does not within the stored draws (then `note` says so).
    double spacingBelowThreshold = 0.0;
    bool flagged = false; ///< autocorrelation > threshold and some chain gives 2+ imputations
    std::string note;
};

/// The imputation-spacing check of a run (see imputationSpacing).
struct ImputationSpacing {
    long imputeEvery = 0;
    double threshold = 0.1;
    bool severalImputationsPerChain = false;
    std::vector<SpacingRow> rows;

    bool flagged() const;
    /// One line for the results pane and grove-run's stderr naming the flagged parameters and
    /// the spacing they need; empty when nothing is flagged.
    std::string message() const;
    /// `Imputation_Model_Spacing`: parameter, term, acf_at_imputeevery, imputeevery_needed,
    /// flag, note.
    Table table() const;
};

/// The draws of one chain stored after iteration `skip` (`iterations` parallel to `draws`;
/// draws without an iteration number are kept).
std::span<const double> drawsAfterIteration(const std::vector<double>& draws,
                                            const std::vector<long>& iterations, long skip);

/// Imputations taken from one chain every `imputeEvery` iterations are correlated when the
/// imputation model mixes slowly, and then the between-imputation variance B is too small. For
/// every parameter of `chains` (the imputation model's, every iteration from 1) this measures
/// the autocorrelation at lag imputeEvery over the draws after firstImputation / 2 (when
/// proposal tuning has stopped), averaged over the chains, and the lag at which it falls below
/// `threshold`. Parameters held fixed (constant draws) are left out. A parameter is flagged
/// when its autocorrelation exceeds the threshold and some chain yields more than one
/// imputation (imputations > chain count).
ImputationSpacing imputationSpacing(const ChainSet& chains, long firstImputation, long imputeEvery,
                                    int imputations, double threshold = 0.1);

} // namespace grove
