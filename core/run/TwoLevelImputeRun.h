// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/pool/CompleteDataDf.h"
#include "core/run/RunOutput.h"
#include "core/run/TwoLevelImputeModels.h"
#include "core/spec/Answers.h"

#include <cstdint>

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

/// What runTwoLevelImpute does after reading the answers, for any imputation template
/// (2LevelImpute, NLevelImpute): the same engine, MOI fits, pooling and outputs.
/// `templateName` names the template in MethodsText.
RunResult runImputationModels(const std::string& templateName, const Dataset& dataset,
                              TwoLevelImputeModels models, const Answers& answers,
                              const RunSettings& settings, const RunControl& control);

} // namespace grove
