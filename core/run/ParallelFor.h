// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace grove {

/// Runs job(i) for i in [0, count) on up to `threads` worker threads, each taking the next
/// index. The first exception thrown by any job is rethrown here after all workers stop; the
/// other workers stop taking new jobs once one has failed. Results must not depend on which
/// thread ran a job, so jobs must own their random streams.
template <typename Job> void parallelFor(std::size_t count, int threads, Job job)
{
    const std::size_t workers =
        std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, threads)));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr firstError;
    std::mutex errorMutex;
    const auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= count || failed.load())
                return;
            try {
                job(i);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                if (!firstError)
                    firstError = std::current_exception();
                failed = true;
                return;
            }
        }
    };
    if (workers <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(workers);
        for (std::size_t w = 0; w < workers; ++w)
            pool.emplace_back(work);
        for (std::thread& t : pool)
            t.join();
    }
    if (firstError)
        std::rethrow_exception(firstError);
}

} // namespace grove
