// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace grove {

class LiveChains;

/// How a sampler talks to whoever runs it: progress out, cancellation in. Both are optional.
/// Samplers call `reportProgress` at most once per iteration and `cancelled()` once per
/// iteration; both are called from the worker thread that runs the chain, so the receiver must
/// be thread-safe (the GUI throttles and forwards through a queued signal).
struct RunControl {
    /// (chain index, iterations done in this chain, iterations this chain will do in all).
    std::function<void(int chain, long done, long total)> progress;
    /// Called when a run enters a new stage ("Imputation", "Model 1 of 4", ...), from the
    /// thread that starts the stage.
    std::function<void(const std::string& stage)> stage;
    /// Set to true by the caller to stop every chain at its next iteration.
    const std::atomic<bool>* cancelFlag = nullptr;
    /// Optional: where samplers publish their stored draws as they make them (imputation
    /// model or one-pass parameters), for live diagnostics.
    LiveChains* live = nullptr;

    bool cancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
    void reportStage(const std::string& name) const
    {
        if (stage)
            stage(name);
    }
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
