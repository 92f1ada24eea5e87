// SPDX-License-Identifier: GPL-3.0-or-later
// Live diagnostics cost: the imputation sampler's speed on the Stat-JR manual's worked example
// (tutmiss, 2 chains, condmarg Yes) when nobody watches, when the sampler publishes its draws
// to a LiveChains, and when another thread also snapshots that LiveChains once a second and
// summarises it with core/diag, as the GUI's live diagnostics do (here more: the summary row of
// the six panels of the one parameter the figure shows, as the GUI does, and, as a heavier
// case, the summary row of every parameter too).
// Usage: bench_live_diagnostics [iterations per chain] [repeats]   (prints what it measured)
#include "core/common/LiveChains.h"
#include "core/common/RunControl.h"
#include "core/diag/Autocorrelation.h"
#include "core/diag/BrooksGelmanRubin.h"
#include "core/diag/ChainSummary.h"
#include "core/diag/KernelDensity.h"
#include "core/diag/MonteCarloError.h"
#include "core/mcmc/JointImputation.h"

#include "bench/WorkedExample.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif
#include <string>
#include <thread>
#include <vector>

using namespace grove;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

enum class Mode { Unwatched, Published, Watched, WatchedIdle, WatchedAll };

/// As ui/plots/BackgroundPriority.h (the bench links core only): nice 10 for this thread.
void useBackgroundPriority()
{
#if defined(__linux__)
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
}

const char* modeName(Mode mode)
{
    switch (mode) {
    case Mode::Unwatched: return "no LiveChains";
    case Mode::Published: return "LiveChains, nobody reading";
    case Mode::Watched: return "+ 1/s snapshot, 6 panels of 1 param";
    case Mode::WatchedIdle: return "  the same, panels at nice 10 (GUI)";
    case Mode::WatchedAll: return "+ 1/s snapshot, every param's row";
    }
    return "";
}

struct Watcher {
    int snapshots = 0;
    std::size_t lastDraws = 0;
    double busySeconds = 0.0; ///< time spent snapshotting and summarising
    double longestSeconds = 0.0;
};

/// Once a second: snapshot, then the six panels of parameter 0 as the live figure computes
/// them, and with `everyParameter` the summary row of every other parameter as well. With
/// `idle`, the computation runs on a thread of its own at nice 10, as the GUI's figure does
/// (the snapshot, which holds the samplers' lock, stays at normal priority).
void watch(const LiveChains& live, const std::atomic<bool>& done, bool everyParameter, bool idle,
           Watcher& watcher, std::mutex& mutex, std::condition_variable& wake)
{
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex);
            if (wake.wait_for(lock, std::chrono::seconds(1), [&] { return done.load(); }))
                return;
        }
        if (live.version() == seen)
            continue;
        const auto start = Clock::now();
        seen = live.version();
        const ChainSet chains = live.snapshot();
        const auto summarise = [&] {
            const std::size_t summarised = everyParameter
                                               ? chains.parameterCount()
                                               : std::min<std::size_t>(1, chains.parameterCount());
            for (std::size_t p = 0; p < summarised; ++p) {
                const std::vector<std::vector<double>> perChain = chains.chainsOf(p);
                volatile double sink = chainTableRow(perChain).mean;
                (void)sink;
                if (p == 0) {
                    (void)chainKernelDensity(perChain);
                    (void)chainAutocorrelation(perChain);
                    (void)mcseCurve(perChain);
                    (void)brooksGelmanRubin(perChain);
                }
            }
        };
        if (idle) {
            std::thread worker([&] {
                useBackgroundPriority();
                summarise();
            });
            worker.join();
        } else {
            summarise();
        }
        const double took = seconds(start);
        ++watcher.snapshots;
        watcher.busySeconds += took;
        watcher.longestSeconds = std::max(watcher.longestSeconds, took);
        watcher.lastDraws =
            chains.chainCount() > 0 && chains.parameterCount() > 0 ? chains.draws[0][0].size() : 0;
    }
}

struct Measurement {
    double iterationsPerSecond = 0.0; ///< per chain
    Watcher watcher;
    std::uint64_t published = 0; ///< LiveChains version at the end (draws appended)
    std::size_t parameters = 0;  ///< monitored parameters published
};

Measurement measure(const Dataset& data, const ImputationModelSpec& spec, long iterations,
                    Mode mode)
{
    ImputationSchedule schedule;
    schedule.imputations = 2;
    schedule.firstImputation = iterations;
    schedule.imputationGap = 1;
    schedule.chains = 2;
    schedule.threads = 2;
    schedule.seed = 11;
    LiveChains live;
    RunControl control;
    if (mode != Mode::Unwatched)
        control.live = &live;
    Measurement result;
    std::atomic<bool> done{false};
    std::mutex mutex;
    std::condition_variable wake;
    std::thread watcher;
    if (mode == Mode::Watched || mode == Mode::WatchedIdle || mode == Mode::WatchedAll)
        watcher = std::thread([&] {
            watch(live, done, mode == Mode::WatchedAll, mode == Mode::WatchedIdle, result.watcher,
                  mutex, wake);
        });
    const auto start = Clock::now();
    runJointImputation(data, spec, schedule, control);
    const double elapsed = seconds(start);
    {
        const std::lock_guard lock(mutex);
        done = true;
    }
    wake.notify_all();
    if (watcher.joinable())
        watcher.join();
    result.iterationsPerSecond = static_cast<double>(iterations) / elapsed;
    result.published = live.version();
    result.parameters = live.snapshot().parameterCount();
    return result;
}

} // namespace

int main(int argc, char** argv)
{
    const long iterations = argc > 1 ? std::atol(argv[1]) : 5000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    const Dataset data = bench::readTutmiss();
    const ImputationModelSpec spec = bench::workedExampleSpec();
    std::printf("Live diagnostics: tutmiss worked example, 2 chains x %ld iterations on 2 threads, "
                "%d repeats (interleaved), median iterations/s per chain\n",
                iterations, repeats);

    const std::vector<Mode> modes{Mode::Unwatched, Mode::Published, Mode::Watched,
                                  Mode::WatchedIdle, Mode::WatchedAll};
    std::vector<std::vector<Measurement>> runs(modes.size());
    for (int r = 0; r < repeats; ++r)
        for (std::size_t m = 0; m < modes.size(); ++m)
            runs[m].push_back(measure(data, spec, iterations, modes[m]));

    double baseline = 0.0;
    for (std::size_t m = 0; m < modes.size(); ++m) {
        std::vector<Measurement>& list = runs[m];
        std::sort(list.begin(), list.end(), [](const Measurement& a, const Measurement& b) {
            return a.iterationsPerSecond < b.iterationsPerSecond;
        });
        const Measurement& median = list[list.size() / 2];
        if (m == 0)
            baseline = median.iterationsPerSecond;
        std::printf("  %-34s %7.0f it/s per chain (%+.1f%%)", modeName(modes[m]),
                    median.iterationsPerSecond,
                    100.0 * (median.iterationsPerSecond / baseline - 1.0));
        if (modes[m] != Mode::Unwatched)
            std::printf("; %llu draws published",
                        static_cast<unsigned long long>(median.published));
        if (median.watcher.snapshots > 0)
            std::printf(
                "; %d snapshots, %.1f ms each on average (longest %.1f ms, %zu draws per chain)",
                median.watcher.snapshots,
                1e3 * median.watcher.busySeconds / median.watcher.snapshots,
                1e3 * median.watcher.longestSeconds, median.watcher.lastDraws);
        std::printf("\n");
    }
    std::printf(
        "  (%zu monitored parameters; the diag times are the watcher's, on the same 2 cores)\n",
        runs[1].front().parameters);
    if (runs[1].front().published <= 1)
        std::printf(
            "  note: the sampler published no draws, so the LiveChains rows measure nothing yet\n");
    return 0;
}
