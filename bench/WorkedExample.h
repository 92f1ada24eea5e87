// SPDX-License-Identifier: GPL-3.0-or-later
// The Stat-JR manual's worked example, scenario A of the engine benchmarks: tutmiss with normexam,
// standlrtmiss (cons + vrband:cat) Normal and girlmiss Binary at level 1, schgendmiss
// Unordered (3) at level 2, school as the level-2 ID, condmarg Yes.
#pragma once

#include "core/data/Dataset.h"
#include "core/io/DatasetReader.h"
#include "core/model/ImputationModel.h"

#include <string>

namespace grove::bench {

inline Dataset readTutmiss()
{
    return readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
}

inline ImputationModelSpec workedExampleSpec()
{
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    spec.conditionalAlgorithm = true;
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"standlrtmiss", ResponseType::Normal, 0, {{"cons", false}, {"vrband", true}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
    };
    spec.classifications[0].responses = {
        {"schgendmiss", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    return spec;
}

} // namespace grove::bench
