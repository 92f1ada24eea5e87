// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// Standard normal CDF, Phi(x) = erfc(-x / sqrt 2) / 2 (accurate in both tails).
double standardNormalCdf(double x);

/// Standard normal quantile Phi^{-1}(p): Wichura's AS 241 (PPND16) rational approximation,
/// polished by one Halley step on erfc so it is accurate to a few ulps. -inf at 0, +inf at 1,
/// NaN outside [0, 1]. Used for rank normalisation (Vehtari et al. 2021).
double standardNormalQuantile(double p);

} // namespace grove
