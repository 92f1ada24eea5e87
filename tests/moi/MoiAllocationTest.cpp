// SPDX-License-Identifier: GPL-3.0-or-later
// The MOI samplers' iterations allocate nothing: a fit's allocations (design, sampler, storage
// of the draws, summaries) do not depend on how many iterations it runs, so a 40-iteration and
// a 400-iteration fit must allocate the same number of times. This file interposes malloc,
// calloc and realloc for the whole test_moi executable (counting only inside the tests here).
#include "GlmTestData.h"

#include "core/moi/ModelOfInterest.h"

#include "common/AllocationCounter.h"

#include <gtest/gtest.h>

#include <string>

namespace grove {
namespace {

long allocationsOfFit(const Dataset& data, const MoiSpec& spec)
{
    allocations.store(0);
    counting.store(true);
    const MoiFit fit = fitModelOfInterest(data, spec, 7, 0, {});
    counting.store(false);
    EXPECT_FALSE(fit.summary.empty());
    return allocations.load();
}

class MoiAllocation : public ::testing::TestWithParam<moitest::GlmCase> {};

TEST_P(MoiAllocation, IterationsDoNotAllocate)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    const moitest::GlmCase c = GetParam();
    const Dataset data = moitest::simulate(c, 4242);
    const long shortFit = allocationsOfFit(data, moitest::specFor(c, 20, 20));
    const long longFit = allocationsOfFit(data, moitest::specFor(c, 200, 200));
    EXPECT_GT(shortFit, 0); // the counter counts
    EXPECT_EQ(longFit, shortFit) << c.name;
}

TEST(MoiAllocation, NormalAndMultivariateNormalIterationsDoNotAllocate)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    // The Poisson counts as a Normal response, with random slopes; x1 as a second response.
    const moitest::GlmCase c{"PoissonRandomSlope", MoiDistribution::Poisson, true, true, 1};
    const Dataset data = moitest::simulate(c, 4242);
    for (const MoiDistribution distribution :
         {MoiDistribution::Normal, MoiDistribution::MultivariateNormal}) {
        MoiSpec shortSpec = moitest::specFor(c, 20, 20);
        shortSpec.distribution = distribution;
        if (distribution == MoiDistribution::MultivariateNormal) {
            shortSpec.responses = {"y", "x1"};
            shortSpec.explanatory = {{"cons", false}, {"w", false}};
            shortSpec.randomSlopes.clear();
        }
        MoiSpec longSpec = shortSpec;
        longSpec.burnin = 200;
        longSpec.iterations = 200;
        const long shortFit = allocationsOfFit(data, shortSpec);
        EXPECT_EQ(allocationsOfFit(data, longSpec), shortFit);
    }
}

INSTANTIATE_TEST_SUITE_P(Glm, MoiAllocation, ::testing::ValuesIn(moitest::glmCases()),
                         [](const ::testing::TestParamInfo<moitest::GlmCase>& param) {
                             return std::string(param.param.name);
                         });

} // namespace
} // namespace grove
