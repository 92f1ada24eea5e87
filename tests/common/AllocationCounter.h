// SPDX-License-Identifier: GPL-3.0-or-later
// Counting malloc/calloc/realloc for "no allocation per iteration" tests (glibc; operator new
// and Eigen's allocations go through them). Include from exactly one .cpp of a test
// executable: the interposers are definitions, so a second inclusion fails to link.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>

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
