// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/onepass/OnePass.h"
#include "core/run/RunOutput.h"
#include "core/run/TemplateRun.h"
#include "core/spec/Answers.h"

namespace grove {

/// The 2LevelMissingOnePass service (Goldstein, Carpenter & Browne 2014; Parker & Goldstein 2019):
/// builds the OnePassSpec from the validated answers, runs the one-pass sampler (the chain count
/// and seed are the answers `nchains` and `seed`; `settings.threads` only decides how many chains
/// run at once) and returns its outputs (see onePassOutputs). `others` must hold the `L2Data`
/// dataset by name when the answers name one. Throws Error naming the problem, RunCancelled
/// when cancelled.
RunResult runOnePassTemplate(const Dataset& dataset, const Answers& answers,
                             const NamedDatasets& others, const RunSettings& settings,
                             const RunControl& control);

/// The outputs of a one-pass run, named as in Parker & Goldstein 2019, in the order the results
/// pane lists them:
/// - `ModelResults`: the MOI and the imputation components' level-2 covariance (parameter,
///   term, mean, sd, lower95 and upper95 = the 2.5% and 97.5% quantiles, mcse, ess summed over
///   chains, rank-normalised split rhat, flag);
/// - `ModelParameters`: the same for every monitored parameter (also beta2imp_k, omega_e_k);
/// - the chains of every parameter, named `outdata` (`out`);
/// - `Residuals` (storeresid): parameter, unit, mean, sd of each level-2 residual;
/// - `Prediction` (makepred): the kept rows with a column `pred`, the posterior mean of the
///   MOI's mean;
/// - `impute_datafile_chain<A>_iter<B>` and `impute_L2Data_chain<A>_iter<B>` (imputeiters);
/// - `Notes`: the rows dropped for a missing response and the Metropolis acceptance rates;
/// - `Inputs`: the input string.
/// `level1` is the dataset as the user gave it (the prediction dataset takes its kept rows),
/// `level2` the L2Data dataset, if any (both give RunResult::originals);
/// `addedColumns` are columns the run added to it (dummies of `:cat` variables) that the
/// completed datasets should not carry.
RunResult onePassOutputs(onepass::OnePassResult result, const onepass::OnePassSpec& spec,
                         const Answers& answers, const Dataset& level1,
                         const Dataset* level2 = nullptr,
                         const std::vector<std::string>& addedColumns = {});

/// The chains summary table of ModelResults and ModelParameters, one row per parameter.
Table onePassResultsTable(const ChainSet& chains);

} // namespace grove
