// SPDX-License-Identifier: GPL-3.0-or-later
// Live chains: a run with a LiveChains attached publishes every stored draw as it makes it, so
// its final snapshot is the run's chains.
#include "TestSupport.h"

#include "core/common/LiveChains.h"
#include "core/io/DatasetReader.h"
#include "core/mcmc/JointImputation.h"

#include <gtest/gtest.h>

#include <string>

namespace grove {
namespace {

ImputationModelSpec tutmissSpec()
{
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
    return spec;
}

TEST(LiveChains, SnapshotAtTheEndEqualsTheReturnedChains)
{
    const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    ImputationSchedule schedule;
    schedule.imputations = 3; // chains of unequal length: 2 rounds for chain 0, 1 for chain 1
    schedule.firstImputation = 60;
    schedule.imputationGap = 20;
    schedule.chains = 2;
    schedule.threads = 2;
    schedule.seed = 11;
    LiveChains live;
    RunControl control;
    control.live = &live;
    const ImputationResult result = runJointImputation(data, tutmissSpec(), schedule, control);
    const ChainSet snapshot = live.snapshot();
    ASSERT_EQ(snapshot.parameterCount(), result.chains.parameterCount());
    for (std::size_t p = 0; p < snapshot.parameterCount(); ++p) {
        EXPECT_EQ(snapshot.parameters[p].name, result.chains.parameters[p].name);
        EXPECT_EQ(snapshot.parameters[p].term, result.chains.parameters[p].term);
    }
    ASSERT_EQ(snapshot.chainCount(), 2u);
    EXPECT_EQ(snapshot.draws, result.chains.draws);
    EXPECT_EQ(snapshot.iterations, result.chains.iterations);
    EXPECT_EQ(snapshot.iterations[0].size(), 80u);
    EXPECT_EQ(snapshot.iterations[1].size(), 60u);
    // begin once plus one append per stored draw.
    EXPECT_EQ(live.version(), 1u + 80u + 60u);
}

TEST(LiveChains, RunWithoutLiveChainsIsUnchanged)
{
    const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    const ImputationSchedule schedule = testing::singleChain(30, 5);
    LiveChains live;
    RunControl withLive;
    withLive.live = &live;
    const ImputationResult a = runJointImputation(data, tutmissSpec(), schedule, withLive);
    const ImputationResult b = runJointImputation(data, tutmissSpec(), schedule, RunControl{});
    EXPECT_EQ(a.chains.draws, b.chains.draws);
}

} // namespace
} // namespace grove
