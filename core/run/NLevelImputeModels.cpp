// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/NLevelImputeModels.h"

#include "core/common/Error.h"
#include "core/run/ImputeAnswers.h"

namespace grove {

TwoLevelImputeModels nLevelImputeModels(const Answers& answers, std::uint64_t seed, int threads,
                                        int chains)
{
    TwoLevelImputeModels models;
    const long count = requiredCount(answers, "numclass");
    if (count < 1)
        throw Error("'numclass' must be 1 or more, not " + std::to_string(count));
    std::vector<std::string> ids;
    for (long c = 1; c <= count; ++c)
        ids.push_back(requiredAnswer(answers, "classid_" + std::to_string(c)));

    ImputationModelSpec& imputation = models.imputation;
    imputation.level1Responses = imputationResponsesAt(answers, 1);
    for (long c = 1; c <= count; ++c) {
        ImputationClassification classification{ids[static_cast<std::size_t>(c - 1)], {}};
        const int level = static_cast<int>(c + 1);
        if (answers.valueOr("want" + std::to_string(level), "No") == "Yes")
            classification.responses = imputationResponsesAt(answers, level);
        imputation.classifications.push_back(std::move(classification));
    }
    imputation.nested = answers.valueOr("structure", "Nested") == "Nested";

    models.schedule = imputationSchedule(answers, seed, threads, chains);

    MoiSpec& moi = models.modelOfInterest;
    moi = modelOfInterestAnswers(answers);
    for (long c = 1; c <= count; ++c)
        if (answers.valueOr("MOIclass_" + std::to_string(c), "No") == "Yes")
            moi.classifications.push_back(ids[static_cast<std::size_t>(c - 1)]);
    return models;
}

} // namespace grove
