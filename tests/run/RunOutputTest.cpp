// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/RunOutput.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace grove {
namespace {

std::vector<std::string> namesOf(const std::vector<const RunOutput*>& outputs)
{
    std::vector<std::string> names;
    for (const RunOutput* output : outputs)
        names.push_back(output->name);
    return names;
}

// The one rule grove-run's SVGs and the GUI's download follow.
TEST(RunOutput, PlottedChainsAreTheCombinedAndImputationChainsOrEveryChain)
{
    RunResult imputation;
    imputation.outputs.push_back(RunOutput::makeTable("ChainResults", {}));
    imputation.outputs.push_back(RunOutput::makeChains("Imputation_Model_out", {}));
    imputation.outputs.push_back(RunOutput::makeChains("CombinedResults", {}));
    imputation.outputs.push_back(RunOutput::makeChains("imp_1_out", {}));
    imputation.outputs.push_back(RunOutput::makeChains("CompleteCasesModel_out", {}));
    EXPECT_EQ(namesOf(plottedChains(imputation)),
              (std::vector<std::string>{"Imputation_Model_out", "CombinedResults"}));

    RunResult onePass;
    onePass.outputs.push_back(RunOutput::makeTable("ModelResults", {}));
    onePass.outputs.push_back(RunOutput::makeChains("out", {}));
    onePass.outputs.push_back(RunOutput::makeText("equation", "y = x"));
    EXPECT_EQ(namesOf(plottedChains(onePass)), (std::vector<std::string>{"out"}));
}

} // namespace
} // namespace grove
