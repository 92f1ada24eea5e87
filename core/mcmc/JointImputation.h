// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/mcmc/JointImputationSampler.h"
#include "core/mcmc/ParameterSummary.h"
#include "core/model/ImputationModel.h"

#include <vector>

namespace grove {

/// What a run of the joint model (2LevelImpute, NLevelImpute) yields.
struct ImputationResult {
    /// `imputations` full copies of the input with the responses' missing values filled, named
    /// `Imputation_Model_impute_datafile_chainA_iterB`, in the schedule's order.
    std::vector<Dataset> completedDatasets;
    /// Per classification c (0-based, in the spec's order): with responses, one completed
    /// dataset per imputation with one row per unit (ID, c's responses), named
    /// `Imputation_Model_impute_L<c+2>Data_chainA_iterB` (2LevelImpute: L2Data), parallel to
    /// completedDatasets; empty for a classification without responses.
    std::vector<std::vector<Dataset>> classificationDatasets;
    /// Every monitored parameter at every iteration of every chain (iteration numbers from 1).
    ChainSet chains;
    /// Mean, sd and ESS of each parameter over the iterations after the first half of the
    /// burn-in (iteration > firstImputation / 2, when proposal tuning has stopped).
    std::vector<ParameterSummary> summary;
    /// What each parameter is, parallel to chains.parameters (summary's descriptions).
    std::vector<std::string> descriptions;
    double thresholdAcceptanceRate = 1.0;   ///< Cowles steps, mean over chains
    double correlationAcceptanceRate = 1.0; ///< latent-correlation Metropolis, mean over chains
};

/// Runs the joint latent-normal imputation model (see JointImputationSampler.h for the model
/// and the sampler). Chains = schedule.chains, or min(threads, imputations) when 0; chain c
/// draws from RandomStream(seed, c) and stops after its last needed dataset, so results are
/// bit-identical for the same seed whatever schedule.threads is. Chains run on
/// min(threads, chains) std::threads; `control.progress` is called from those worker threads
/// (at most a few hundred times per chain) and `control.cancelFlag` is polled every iteration:
/// on cancel this throws RunCancelled after joining the workers. With `control.live` set, the
/// run calls its `begin` once (every monitored parameter, every chain) before the first draw
/// and `append` for every stored draw from the chain's worker thread, so at the end its
/// snapshot equals the returned `chains`. Invalid specs or schedules
/// throw Error with one line for the user.
/// The summary of ImputationResult: each parameter over every chain's iterations after
/// firstImputation / 2.
std::vector<ParameterSummary>
summarizeImputationChains(const ChainSet& chains, const std::vector<std::string>& descriptions,
                          long firstImputation);

ImputationResult runJointImputation(const Dataset& dataset, const ImputationModelSpec& spec,
                                    const ImputationSchedule& schedule, const RunControl& control);

} // namespace grove
