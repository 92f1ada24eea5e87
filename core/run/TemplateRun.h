// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/run/RunOutput.h"
#include "core/run/TwoLevelImputeRun.h"
#include "core/spec/Answers.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace grove {

/// Datasets a run needs besides its main one, by name (e.g. the `L2Data` of
/// 2LevelMissingOnePass). Callers resolve them on their own thread before the run starts.
using NamedDatasets = std::map<std::string, std::shared_ptr<const Dataset>>;

/// The names of the other datasets that `answers` of template `templateName` refer to.
std::vector<std::string> datasetsNamedBy(const std::string& templateName, const Answers& answers);

/// The models of an imputation template (2LevelImpute, NLevelImpute) with the run's schedule
/// (scheduledModels). Throws Error for any other template: only these split their chains
/// across processes (grove-run --chain-index) in this version.
TwoLevelImputeModels imputationTemplateModels(const std::string& templateName,
                                              const Answers& answers, const RunSettings& settings);

/// Runs a template on validated answers: the one entry point the GUI and grove-run share.
/// Throws Error naming the problem (also for a template that cannot run yet), RunCancelled
/// when cancelled.
RunResult runTemplate(const std::string& templateName, const Dataset& dataset,
                      const Answers& answers, const NamedDatasets& others,
                      const RunSettings& settings, const RunControl& control);

} // namespace grove
