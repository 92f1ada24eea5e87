// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/TwoLevelImputeModels.h"

namespace grove {

/// The models a validated NLevelImpute input string describes (keys in
/// NLevelImputeTemplate.h): classification c (classid_c) has the level-(c + 1) responses
/// (want<c+1>, yimp<c+1>, ...); the model of interest has random intercepts for the
/// classifications with MOIclass_c = Yes, its random slopes (MOIslope, xslope) at the first of
/// them; `structure` Nested or Cross-classified. Shares the answers' reading with 2LevelImpute
/// (ImputeAnswers.h). Throws Error for an answer the engine cannot take (the engine itself
/// refuses, with one line, the responses at classifications it does not take yet).
TwoLevelImputeModels nLevelImputeModels(const Answers& answers, std::uint64_t seed, int threads,
                                        int chains);

} // namespace grove
