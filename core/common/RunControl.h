// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>

namespace grove {

/// How a sampler talks to whoever runs it: progress out, cancellation in. Both are optional.
/// Samplers call `reportProgress` at most once per iteration and `cancelled()` once per
/// iteration; both are called from the worker thread that runs the chain, so the receiver must
/// be thread-safe (the GUI throttles and forwards through a queued signal).
struct RunControl {
    /// (chain index, iterations done in this chain, iterations this chain will do in all).
    std::function<void(int chain, long done, long total)> progress;
    /// Set to true by the caller to stop every chain at its next iteration.
    const std::atomic<bool>* cancelFlag = nullptr;

    bool cancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
    void reportProgress(int chain, long done, long total) const
    {
        if (progress)
            progress(chain, done, total);
    }
};

/// Thrown inside samplers when RunControl::cancelled() becomes true; entry points catch it and
/// discard everything the run produced.
struct RunCancelled {};

} // namespace grove
