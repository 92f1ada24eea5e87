// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ImputationModel.h"
#include "core/moi/ModelOfInterest.h"
#include "core/spec/Answers.h"

namespace grove {

/// The models a validated 2LevelImpute input string describes (keys as in Parker & Goldstein 2019).
struct TwoLevelImputeModels {
    ImputationModelSpec imputation;
    ImputationSchedule schedule;
    MoiSpec modelOfInterest;
};

/// Maps validated answers (Template::validate) onto the imputation model, its schedule and the
/// model of interest. `seed`, `threads` and `chains` come from the run's settings. Throws Error for
/// an answer the engine cannot take.
TwoLevelImputeModels twoLevelImputeModels(const Answers& answers, std::uint64_t seed, int threads,
                                          int chains);

} // namespace grove
