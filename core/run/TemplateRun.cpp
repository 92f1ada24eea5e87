// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/TemplateRun.h"

#include "core/common/Error.h"
#include "core/run/NLevelImputeModels.h"
#include "core/run/OnePassRun.h"

namespace grove {

std::vector<std::string> datasetsNamedBy(const std::string& templateName, const Answers& answers)
{
    if (templateName == "2LevelMissingOnePass" && answers.contains("L2Data"))
        return {*answers.get("L2Data")};
    return {};
}

TwoLevelImputeModels imputationTemplateModels(const std::string& templateName,
                                              const Answers& answers, const RunSettings& settings)
{
    if (templateName == "2LevelImpute")
        return scheduledModels(twoLevelImputeModels(answers, settings.seed, settings.threads, 0),
                               settings);
    if (templateName == "NLevelImpute")
        return scheduledModels(nLevelImputeModels(answers, settings.seed, settings.threads, 0),
                               settings);
    throw Error("--chain-index and --merge split the chains of 2LevelImpute and NLevelImpute; " +
                templateName + " runs its chains in one process in this version");
}

RunResult runTemplate(const std::string& templateName, const Dataset& dataset,
                      const Answers& answers, const NamedDatasets& others,
                      const RunSettings& settings, const RunControl& control)
{
    if (templateName == "2LevelImpute")
        return runTwoLevelImpute(dataset, answers, settings, control);
    if (templateName == "NLevelImpute")
        return runImputationModels(templateName, dataset,
                                   nLevelImputeModels(answers, settings.seed, settings.threads, 0),
                                   answers, settings, control);
    if (templateName == "2LevelMissingOnePass")
        return runOnePassTemplate(dataset, answers, others, settings, control);
    throw Error("running template " + templateName +
                " is not available in this version yet (--dry-run validates it)");
}

} // namespace grove
