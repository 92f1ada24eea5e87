// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2.
double normalCdf(double x);

/// Standard normal quantile: Wichura's AS 241 with one Halley refinement step. -inf/+inf at
/// 0/1, NaN outside [0, 1].
double normalQuantile(double p);

/// P(T > t) for Student's t with df degrees of freedom (df > 0; +infinity gives the normal):
/// for t >= 0, I_{df/(df+t^2)}(df/2, 1/2) / 2, computed without forming 1 - CDF so small
/// p-values keep their digits. For df > 4e5 it uses the approximation of R's pt(),
/// Phi(-t (1 - 1/(4 df)) / sqrt(1 + t^2 / (2 df))), accurate to O(df^-2). NaN for df <= 0.
double studentTUpperTail(double t, double df);

/// Student t CDF P(T <= t) = 1 - studentTUpperTail(t, df).
double studentTCdf(double t, double df);

/// Two-sided p-value 2 P(T > |t|).
double studentTTwoSidedPValue(double t, double df);

/// Student t quantile: closed forms for df = 1 (tan(pi (p - 1/2))) and df = 2, the normal
/// quantile for infinite df, otherwise safeguarded Newton iterations on studentTUpperTail
/// from a Cornish-Fisher start, to ~1e-14 relative. NaN for p outside (0, 1) or df <= 0.
double studentTQuantile(double p, double df);

} // namespace grove
