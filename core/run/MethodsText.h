// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/onepass/OnePassSpec.h"
#include "core/pool/CompleteDataDf.h"
#include "core/run/TwoLevelImputeModels.h"

#include <cstddef>
#include <string>

namespace grove {

/// What a methods paragraph reports besides the models: the run's facts and outcomes.
struct MethodsFacts {
    std::string templateName;
    std::string datasetName;
    int chains = 0;                    ///< imputation chains (one-pass: the model's chains)
    std::string convergence;           ///< ConvergenceSummary::message()
    bool categoricalWaldTests = false; ///< D1 tests of `:cat` variables were made
    CompleteDataDf completeDataDf;
    std::size_t rows = 0;          ///< rows of the dataset
    std::size_t completeCases = 0; ///< rows the complete-case model used (0: not fitted)
};

/// `MethodsText` of an imputation run (2LevelImpute, NLevelImpute): a paragraph to paste into a
/// paper, naming the software and version, the template, the imputation model (responses with
/// their types and explanatory variables, levels), the schedule (iterations, spacing, M,
/// chains, algorithm), the convergence checks and their outcome, the model of interest, the
/// pooling rules with their references and the complete-case comparison.
std::string imputationMethodsText(const TwoLevelImputeModels& models, const MethodsFacts& facts);

/// `MethodsText` of a 2LevelMissingOnePass run: the one-pass model of Goldstein, Carpenter &
/// Browne (2014) with its covariate imputation components.
std::string onePassMethodsText(const onepass::OnePassSpec& spec, const MethodsFacts& facts);

} // namespace grove
