// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/TwoLevelImputeModels.h"

#include "core/run/ImputeAnswers.h"

namespace grove {

TwoLevelImputeModels twoLevelImputeModels(const Answers& answers, std::uint64_t seed, int threads,
                                          int chains)
{
    TwoLevelImputeModels models;
    const bool twoLevels = requiredAnswer(answers, "numlevs") == "Yes";

    ImputationModelSpec& imputation = models.imputation;
    imputation.level1Responses = imputationResponsesAt(answers, 1);
    if (twoLevels) {
        ImputationClassification level2{requiredAnswer(answers, "L2ID"), {}};
        if (answers.valueOr("want2", "No") == "Yes")
            level2.responses = imputationResponsesAt(answers, 2);
        imputation.classifications.push_back(std::move(level2));
    }
    imputation.conditionalAlgorithm = answers.valueOr("condmarg", "Yes") == "Yes";

    models.schedule = imputationSchedule(answers, seed, threads, chains);

    MoiSpec& moi = models.modelOfInterest;
    moi = modelOfInterestAnswers(answers);
    moi.twoLevel = twoLevels && answers.valueOr("MOIlevel", "1 level") == "2 levels";
    if (moi.twoLevel)
        moi.level2Id = imputation.classifications[0].id;
    return models;
}

} // namespace grove
