// SPDX-License-Identifier: GPL-3.0-or-later
// The one-pass chain iterates without allocating: this executable interposes malloc, calloc and
// realloc (glibc; operator new and Eigen's allocations go through them) with counting versions,
// and the count must not move while a sampler iterates after its first iteration.
#include "core/io/DatasetReader.h"
#include "core/onepass/OnePassChain.h"
#include "core/onepass/OnePassDesign.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <string>

// A sanitizer's runtime owns malloc and free: interposing malloc would hand its free memory it
// did not allocate. Under ASan or TSan nothing is interposed and these tests skip.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GROVE_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define GROVE_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef GROVE_COUNT_ALLOCATIONS
#define GROVE_COUNT_ALLOCATIONS 1
#endif
#define GROVE_SKIP_WITHOUT_COUNTING()                                                              \
    if (!GROVE_COUNT_ALLOCATIONS)                                                                  \
    GTEST_SKIP() << "allocations are not counted under a sanitizer"

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
}

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
[[maybe_unused]] void count()
{
    if (counting.load(std::memory_order_relaxed))
        allocations.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

#if GROVE_COUNT_ALLOCATIONS
extern "C" {
void* malloc(std::size_t size)
{
    count();
    return __libc_malloc(size);
}
void* calloc(std::size_t count_, std::size_t size)
{
    count();
    return __libc_calloc(count_, size);
}
void* realloc(void* pointer, std::size_t size)
{
    count();
    return __libc_realloc(pointer, size);
}
}
#endif

namespace grove::onepass {
namespace {

// The seeds' interaction model (standlrtmiss Normal, girlmiss Binary, school effects).
OnePassSpec interactionSpec()
{
    OnePassSpec spec;
    spec.response = "normexam";
    spec.level2Id = "school";
    spec.terms = {{"cons", {{"cons", 1}}},
                  {"standlrtmiss", {{"standlrtmiss", 1}}},
                  {"girlmiss", {{"girlmiss", 1}}},
                  {"standlrtmiss*girlmiss", {{"standlrtmiss", 1}, {"girlmiss", 1}}}};
    spec.randomCoefficients = {"cons"};
    spec.level1Responses = {{"standlrtmiss", CovariateKind::Normal, {"cons"}},
                            {"girlmiss", CovariateKind::Binary, {"cons"}}};
    spec.imputationLevel2 = true;
    return spec;
}

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
    const OnePassSpec spec = interactionSpec();
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
