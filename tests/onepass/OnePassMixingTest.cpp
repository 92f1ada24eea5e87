// SPDX-License-Identifier: GPL-3.0-or-later
// The imputation model's worst parameter on tutmiss mixes: omega_u_2, the school-level variance
// of girlmiss's probit latent (single-sex schools pin girlmiss to the school). Before the unit
// shift move (ImputationComponents) its split R-hat over 3 chains of 2000 was 1.23 and its ESS
// 28 of 6000; with it, 3 chains of 300 + 600 iterations must give split R-hat < 1.1.
#include "OnePassTestSupport.h"

#include "core/io/DatasetReader.h"
#include "core/onepass/OnePass.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace grove::onepass {
namespace {

TEST(OnePassMixing, GirlLatentLevel2VarianceMixesOnTutmiss)
{
    const Dataset tutmiss = readDataset(std::filesystem::path(GROVE_DATASETS_DIR) / "tutmiss.dta");
    OnePassSpec spec = testing::tutmissInteractionSpec();
    spec.chains = 3;
    spec.seed = 7;
    spec.burnin = 300;
    spec.iterations = 600;
    spec.adaptIterations = 300;
    const OnePassResult result = runOnePass(tutmiss, nullptr, spec, 2, RunControl{});
    for (const std::string name : {"omega_u_0", "omega_u_1", "omega_u_2"}) {
        const double rhat =
            testing::splitRhat(result.results, testing::indexOf(result.results, name));
        std::cout << name << ": split R-hat " << rhat << " over 3 chains of 600\n";
        // 1.1: the usual threshold (and ModelResults' flag); the old sampler gave 1.23 for
        // omega_u_2 with chains three times as long.
        EXPECT_LT(rhat, 1.1) << name;
    }
}

} // namespace
} // namespace grove::onepass
