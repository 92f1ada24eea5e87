// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/moi/ModelOfInterest.h"
#include "core/pool/CompleteDataDf.h"
#include "core/run/RunOutput.h"

#include <vector>

/// @file
/// The pooling rules every imputation template shares (2LevelImpute, NLevelImpute): the MOI
/// fits to the M completed datasets in, the pooled tables out.

namespace grove {

/// The between-within facts of the MOI's fixed effects on `data` (a completed dataset): rows,
/// level-2 units and, per column of one equation, whether it varies within units.
FixedEffectDesign moiFixedEffectDesign(const Dataset& data, const MoiSpec& spec);

/// The complete-data df of every parameter of the fits (MoiFit::summary order): the fixed
/// effects' from `rule` and `design` (a multivariate model's equations share the design);
/// infinite for the variance parameters.
std::vector<double> moiCompleteDataDfs(const CompleteDataDf& rule, const FixedEffectDesign& design,
                                       const MoiFit& fit);

/// `ResultsTable:Imputation`. Fixed effects: Rubin's rules, a t interval and p-value with
/// Barnard & Rubin (1999) df from `completeDataDfs` (one per parameter; column `interval` "t").
/// Variances and covariances: the mean of the fits' posterior means, the sd and 2.5%/97.5%
/// quantiles of the M posteriors' draws mixed together (Zhou & Reiter 2010; "mixed draws"), no
/// df and no p-value; riv, fmi, within and between still by Rubin's rules.
/// Every row: `mc_share`, the mean over fits of the squared Monte Carlo standard error of the
/// estimate over B; when it exceeds maximumMonteCarloShare, `mc_iterations_needed`, the MOI
/// iterations (the fits ran `iterations`) that would bring it under (MCSE^2 ~ 1/iterations),
/// and a `flag`.
Table pooledResultsTable(const std::vector<MoiFit>& fits,
                         const std::vector<double>& completeDataDfs, long iterations);

/// Above this share of B the Monte Carlo noise of the MOI fits is flagged.
inline constexpr double maximumMonteCarloShare = 0.1;

/// One line naming the parameters of a pooledResultsTable whose Monte Carlo share is flagged
/// and the MOI iterations that would bring all of them under it; empty when none is.
std::string monteCarloWarning(const Table& pooled, long iterations);

/// `ResultsTable:WaldTests`: D1 (Li, Raghunathan & Rubin 1991) that the dummies of each `:cat`
/// explanatory variable are all zero, with Reiter's (2007) denominator df from the dummies'
/// (smallest) complete-data df when it is finite. Empty when there is no `:cat` variable.
Table categoricalWaldTests(const std::vector<MoiFit>& fits, const MoiSpec& spec,
                           const std::vector<double>& completeDataDfs);

} // namespace grove
