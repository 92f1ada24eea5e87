// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), computed with Stirling corrections
/// when an argument is >= 10 so that it keeps its digits for huge arguments (the t and F
/// distributions with df ~ 1e9), following R's lbeta. a, b > 0.
double logBeta(double a, double b);

/// Regularised incomplete beta I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0 and 0 <= x <= 1,
/// by the continued fraction of Numerical Recipes (3rd ed., 6.4) evaluated with the modified
/// Lentz method, using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where that converges faster.
/// NaN for invalid arguments.
double regularizedIncompleteBeta(double a, double b, double x);

/// I_x(a, b) with 1 - x given separately (y), so callers who know 1 - x to full relative
/// precision (e.g. t^2 / (nu + t^2)) do not lose it by subtraction. Requires x + y = 1.
double regularizedIncompleteBeta(double a, double b, double x, double y);

/// Regularised upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a) for a > 0, x >= 0: the
/// series for x < a + 1 and the continued fraction (modified Lentz) otherwise (Numerical
/// Recipes 6.2). Used for chi-square tails, the F distribution with infinite denominator df.
double regularizedUpperGamma(double a, double x);

} // namespace grove
