// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"

#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

namespace grove {

/// The draws of a run while it is still sampling, so a viewer can show diagnostics live.
/// Samplers call `begin` once before their first stored draw and `append` for every stored
/// draw, from each chain's worker thread; a viewer calls `snapshot` from any thread. One lock
/// per stored draw costs far less than an iteration.
class LiveChains {
public:
    void begin(std::vector<ParameterInfo> parameters, int chains)
    {
        const std::lock_guard lock(mutex_);
        chains_.parameters = std::move(parameters);
        chains_.draws.assign(static_cast<std::size_t>(chains),
                             std::vector<std::vector<double>>(chains_.parameters.size()));
        chains_.iterations.assign(static_cast<std::size_t>(chains), {});
        ++version_;
    }

    /// One stored draw of chain `chain` at `iteration`: values in the order given to `begin`.
    void append(int chain, long iteration, std::span<const double> values)
    {
        const std::lock_guard lock(mutex_);
        const auto c = static_cast<std::size_t>(chain);
        if (c >= chains_.draws.size() || values.size() != chains_.parameters.size())
            return;
        for (std::size_t p = 0; p < values.size(); ++p)
            chains_.draws[c][p].push_back(values[p]);
        chains_.iterations[c].push_back(iteration);
        ++version_;
    }

    /// A copy of everything stored so far.
    ChainSet snapshot() const
    {
        const std::lock_guard lock(mutex_);
        return chains_;
    }

    /// Changes whenever a draw is added, so a viewer can skip redrawing when nothing changed.
    std::uint64_t version() const
    {
        const std::lock_guard lock(mutex_);
        return version_;
    }

private:
    mutable std::mutex mutex_;
    ChainSet chains_;
    std::uint64_t version_ = 0;
};

} // namespace grove
