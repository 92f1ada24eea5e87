// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ImputationModel.h"
#include "core/moi/ModelOfInterest.h"
#include "core/spec/Answers.h"

#include <cstdint>
#include <string>
#include <vector>

/// @file
/// Reading the answers the imputation templates (2LevelImpute, NLevelImpute) share into the
/// engine's specifications. Each throws Error naming the key of an answer it cannot take.

namespace grove {

/// The answer to `key`; Error if it is not answered.
std::string requiredAnswer(const Answers& answers, const std::string& key);

/// The answer to `key` as a whole number, 0 or more.
long requiredCount(const Answers& answers, const std::string& key);

/// The imputation responses of one level: `yimp<level>`, types `bin<level>_k` (1-based),
/// categories `ncats<var>`, explanatory variables `ximp<level>_r` (0-based) or, for Unordered,
/// `ximp<level>_r_c` per non-reference category. Empty when `yimp<level>` is not answered.
std::vector<ImputationResponse> imputationResponsesAt(const Answers& answers, int level);

/// numimpute, imputefirst, imputeevery and the run's settings.
ImputationSchedule imputationSchedule(const Answers& answers, std::uint64_t seed, int threads,
                                      int chains);

/// The single-level part of the model of interest: MOIdist, y, x, MOIslope / xslope, burnin,
/// iterations. The caller adds its levels or classifications.
MoiSpec modelOfInterestAnswers(const Answers& answers);

} // namespace grove
