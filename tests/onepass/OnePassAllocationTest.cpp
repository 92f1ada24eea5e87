// SPDX-License-Identifier: GPL-3.0-or-later
// The one-pass chain iterates without allocating: this executable interposes malloc, calloc and
// realloc (glibc; operator new and Eigen's allocations go through them) with counting versions,
// and the count must not move while a sampler iterates after its first iteration.
#include "OnePassTestSupport.h"

#include "core/io/DatasetReader.h"
#include "core/onepass/OnePassChain.h"
#include "core/onepass/OnePassDesign.h"

#include "common/AllocationCounter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <string>

namespace grove::onepass {
namespace {

TEST(OnePassAllocation, CountingWorks)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    allocations.store(0);
    counting.store(true);
    auto* value = new std::string(100, 'x'); // NOLINT: the point is a heap allocation
    counting.store(false);
    delete value;
    EXPECT_GE(allocations.load(), 1);
}

TEST(OnePassAllocation, InteractionModelIteratesWithoutAllocating)
{
    GROVE_SKIP_WITHOUT_COUNTING();
    const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    const OnePassSpec spec = testing::tutmissInteractionSpec();
    const OnePassDesign design(data, nullptr, spec);
    OnePassChain chain(design, data, nullptr, 0);
    chain.iterate(true);
    allocations.store(0);
    counting.store(true);
    for (int t = 0; t < 40; ++t)
        chain.iterate(t % 2 == 0); // adapting and not: both paths
    counting.store(false);
    EXPECT_EQ(allocations.load(), 0);
}

} // namespace
} // namespace grove::onepass
