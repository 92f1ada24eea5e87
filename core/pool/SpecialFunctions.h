// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

// Thin wrappers over Boost.Math (Maddock et al., Boost.Math manual, "Special Functions") that
// return NaN for invalid arguments instead of throwing.

/// log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), keeping its digits for huge arguments
/// (the t and F distributions with df ~ 1e9). a, b > 0, NaN otherwise.
double logBeta(double a, double b);

/// Regularised incomplete beta I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0 and 0 <= x <= 1.
/// NaN for invalid arguments.
double regularizedIncompleteBeta(double a, double b, double x);

/// I_x(a, b) with 1 - x given separately (y), so callers who know 1 - x to full relative
/// precision (e.g. t^2 / (nu + t^2)) do not lose it by subtraction. Requires x + y = 1.
double regularizedIncompleteBeta(double a, double b, double x, double y);

/// Regularised upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a) for a > 0, x >= 0 (NaN
/// otherwise). Used for chi-square tails, the F distribution with infinite denominator df.
double regularizedUpperGamma(double a, double x);

} // namespace grove
