// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <vector>

namespace grove::detail {

// Helpers shared by the steps of JointImputationSampler (its truncated-normal draws are
// core/random/TruncatedNormal.h).

inline constexpr double infinity = std::numeric_limits<double>::infinity();

/// The interval (gamma_{c-1}, gamma_c] of category c of a thresholded latent (gamma_{-1} = -inf,
/// gamma_m = +inf for m thresholds).
inline void categoryBounds(const std::vector<double>& gamma, int c, double& lower, double& upper)
{
    lower = c > 0 ? gamma[static_cast<std::size_t>(c - 1)] : -infinity;
    upper = c < static_cast<int>(gamma.size()) ? gamma[static_cast<std::size_t>(c)] : infinity;
}

} // namespace grove::detail
