// SPDX-License-Identifier: GPL-3.0-or-later
// The sampler's iterations allocate nothing: this executable interposes malloc, calloc and
// realloc (glibc; operator new and Eigen's allocations go through them) with counting versions,
// and the count must not move while a sampler iterates after its first iteration.
#include "core/io/DatasetReader.h"
#include "core/mcmc/JointImputationSampler.h"
#include "core/model/ImputationDesign.h"

#include "common/AllocationCounter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <string>

namespace grove {
namespace {

long allocationsDuring(JointImputationSampler& sampler, int iterations)
{
    allocations.store(0);
    counting.store(true);
    for (int t = 0; t < iterations; ++t)
        sampler.iterate(t % 2 == 0); // adapting and not: both paths
    counting.store(false);
    return allocations.load();
}

Dataset tutmiss()
{
    return readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
}

TEST(SamplerAllocation, CountingWorks)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    allocations.store(0);
    counting.store(true);
    auto* value = new std::string(100, 'x'); // NOLINT: the point is a heap allocation
    counting.store(false);
    delete value;
    EXPECT_GE(allocations.load(), 1);
}

TEST(SamplerAllocation, SeedsModelIteratesWithoutAllocating)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    const Dataset data = tutmiss();
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"standlrtmiss", ResponseType::Normal, 0, {{"cons", false}, {"vrband", true}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
    };
    spec.classifications[0].responses = {
        {"schgendmiss", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    const ImputationDesign design(data, spec);
    for (const bool conditional : {true, false}) {
        JointImputationSampler sampler(design, conditional, 3, 0);
        sampler.iterate(true);
        EXPECT_EQ(allocationsDuring(sampler, 40), 0) << "condmarg " << conditional;
    }
}

TEST(SamplerAllocation, EveryResponseTypeIteratesWithoutAllocating)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    Dataset data = tutmiss();
    // vrband recoded 0..2 with every 10th value missing: a level-1 Unordered response.
    Column band = data.column("vrband");
    for (std::size_t i = 0; i < band.values.size(); ++i) {
        band.values[i] -= 1.0;
        if (i % 10 == 0)
            band.setMissing(i);
    }
    band.name = "band";
    data.addColumn(band);
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, {{"cons", false}, {"standlrt", false}}, {}},
        {"schgendmiss", ResponseType::Ordered, 3, {{"cons", false}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
        {"band", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    spec.classifications[0].responses = {
        {"avslrtmiss", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"nonmixedmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
    };
    const ImputationDesign design(data, spec);
    for (const bool conditional : {true, false}) {
        JointImputationSampler sampler(design, conditional, 4, 1);
        sampler.iterate(true);
        EXPECT_EQ(allocationsDuring(sampler, 60), 0) << "condmarg " << conditional;
    }
}

TEST(SamplerAllocation, OneLevelModelIteratesWithoutAllocating)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    const Dataset data = tutmiss();
    ImputationModelSpec spec;
    spec.classifications.clear();
    spec.level1Responses = {
        {"standlrtmiss", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}, {"normexam", false}}, {}},
    };
    const ImputationDesign design(data, spec);
    JointImputationSampler sampler(design, true, 5, 2);
    sampler.iterate(true);
    EXPECT_EQ(allocationsDuring(sampler, 40), 0);
}

TEST(SamplerAllocation, CrossedClassificationsIterateWithoutAllocating)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    const Dataset data = tutmiss();
    ImputationModelSpec spec;
    // School crossed with the verbal-reasoning band (3 units, not nested in schools): the
    // further classification's sweep, translation move and parameter expansion all run.
    spec.classifications = {
        {"school",
         {{"schgendmiss", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}}}},
        {"vrband", {}}};
    spec.nested = false;
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"standlrtmiss", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
    };
    const ImputationDesign design(data, spec);
    for (const bool conditional : {true, false}) {
        JointImputationSampler sampler(design, conditional, 6, 3);
        sampler.iterate(true);
        EXPECT_EQ(allocationsDuring(sampler, 40), 0) << "condmarg " << conditional;
    }
}

} // namespace
} // namespace grove
