// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

// The default priors of every sampler, in one place (Browne 2019, MCMC Estimation in MLwiN,
// chapter 1: MLwiN's and Stat-JR's defaults).

/// Gamma(shape, rate) = Gamma(0.001, 0.001) on a precision: the vague default for a single
/// variance (and for the negative-binomial dispersion).
inline constexpr double kGammaShape = 0.001;
inline constexpr double kGammaRate = 0.001;

/// Scale of the weakly informative inverse-Wishart IW(q + 1, 0.001 I) on a covariance matrix:
/// correlations marginally uniform, scale as vague as Gamma(0.001, 0.001).
inline constexpr double kWishartScale = 0.001;

} // namespace grove
