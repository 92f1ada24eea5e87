// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2.
double normalCdf(double x);

/// Standard normal quantile Phi^{-1}(p); -inf/+inf at 0/1, NaN outside [0, 1].
double normalQuantile(double p);

/// P(T > t) for Student's t with df degrees of freedom (df > 0; +infinity gives the normal),
/// computed as its own tail (Boost.Math's complement) so small p-values keep their digits. NaN
/// for df <= 0.
double studentTUpperTail(double t, double df);

/// Student t CDF P(T <= t) = 1 - studentTUpperTail(t, df).
double studentTCdf(double t, double df);

/// Two-sided p-value 2 P(T > |t|).
double studentTTwoSidedPValue(double t, double df);

/// Student t quantile (Boost.Math; the normal quantile for infinite df). NaN for p outside
/// (0, 1) or df <= 0.
double studentTQuantile(double p, double df);

} // namespace grove
