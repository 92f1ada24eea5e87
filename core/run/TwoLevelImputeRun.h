// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/pool/CompleteDataDf.h"
#include "core/run/RunOutput.h"
#include "core/run/TwoLevelImputeModels.h"
#include "core/spec/Answers.h"

#include "core/mcmc/JointImputation.h"
#include "core/moi/ModelOfInterest.h"

#include <cstdint>
#include <optional>

namespace grove {

/// Settings of a run that are not answers. The chains (and so the results) depend only on the
/// seed and the number of chains; threads only decide how many chains run at once.
struct RunSettings {
    std::uint64_t seed = 1;
    int threads = 1;
    /// Imputation chains; 0: one per core up to the number of imputations, as in the seeds.
    int chains = 0;
    /// One chain per imputation (overrides `chains`): every chain burns in to imputefirst and
    /// gives one dataset, so the imputations are independent whatever the mixing.
    bool chainPerImputation = false;
    /// Complete-data df of the pooled coefficients (Barnard & Rubin 1999; D1 by Reiter 2007).
    CompleteDataDf completeDataDf;
    /// -1: the whole run; k: only chain k of `chains` (grove-run --chain-index).
    int onlyChain = -1;
};

/// The sampling half of an imputation run, before any output is made: what one chain of a
/// K-chain run (RunSettings::onlyChain) computes, and what merging the chains puts together.
struct ImputationRunParts {
    ImputationResult imputed;
    /// One per imputation, parallel to imputed.completedDatasets (default-constructed for the
    /// imputations of other chains when only one chain ran).
    std::vector<MoiFit> fits;
    std::optional<MoiFit> completeCaseFit;
    std::string completeCaseProblem;  ///< why there is no complete-case fit
    std::size_t completeCaseRows = 0; ///< rows with every variable of the MOI observed
    bool completeCasesFitted = false;
};

/// The default chain count of the seeds: one per core, at most one per imputation.
int defaultChainCount(int imputations);

/// The 2LevelImpute service (Parker & Goldstein 2019): imputes with the joint model, fits the model
/// of interest to every completed dataset (in parallel) and to the complete cases, combines the
/// fits with Rubin's rules and returns the outputs the seeds name: ResultsTable:Imputation,
/// ResultsTable:CompleteCases, Imputation_Model_ModelResults, the completed datasets,
/// Imputation_Model_out, CombinedResults, Model1..ModelM, CompleteCasesModel, Inputs.
/// `answers` must be validated. Throws Error on bad input, RunCancelled when cancelled.
RunResult runTwoLevelImpute(const Dataset& dataset, const Answers& answers,
                            const RunSettings& settings, const RunControl& control);

/// The models with the schedule's chains (and onlyChain) set from `settings`, as the run uses
/// them.
TwoLevelImputeModels scheduledModels(TwoLevelImputeModels models, const RunSettings& settings);

/// Imputes (one chain when settings.onlyChain >= 0) and fits the model of interest to the
/// completed datasets (and, for a whole run, to the complete cases). `models` from
/// scheduledModels.
ImputationRunParts sampleImputationModels(const Dataset& dataset,
                                          const TwoLevelImputeModels& models,
                                          const RunSettings& settings, const RunControl& control);

/// Fits the model of interest to the complete cases of `dataset` into `parts`.
void fitCompleteCases(const Dataset& dataset, const MoiSpec& moi, const RunSettings& settings,
                      const RunControl& control, ImputationRunParts& parts);

/// The outputs of a whole run from its parts (fitting the complete cases if not yet done).
RunResult imputationOutputs(const std::string& templateName, const Dataset& dataset,
                            const TwoLevelImputeModels& models, const Answers& answers,
                            const RunSettings& settings, const RunControl& control,
                            ImputationRunParts parts);

/// What runTwoLevelImpute does after reading the answers, for any imputation template
/// (2LevelImpute, NLevelImpute): the same engine, MOI fits, pooling and outputs.
/// `templateName` names the template in MethodsText.
RunResult runImputationModels(const std::string& templateName, const Dataset& dataset,
                              TwoLevelImputeModels models, const Answers& answers,
                              const RunSettings& settings, const RunControl& control);

} // namespace grove
