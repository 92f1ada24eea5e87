// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/RandomStream.h"

/// @file
/// Polya-Gamma random variables (Polson, Scott & Windle 2013), the data augmentation that makes
/// a logistic likelihood conditionally Gaussian: with omega ~ PG(b, eta),
/// (e^eta)^y / (1 + e^eta)^b is proportional to e^{kappa eta} E[e^{-omega eta^2 / 2}],
/// kappa = y - b/2, so eta | omega sees Gaussian pseudo-data kappa/omega with variance 1/omega.

namespace grove {

/// One PG(1, z) draw by Devroye's alternating-series method as in Polson, Scott & Windle (2013,
/// section 4): a mixture of a truncated exponential and a truncated inverse Gaussian proposal,
/// accepted with probability > 0.999 for every z, so a draw costs a few uniforms and
/// exponentials. Exact, allocation-free.
double drawPolyaGammaOne(RandomStream& rng, double z);

/// PG(b, z) for a whole number b >= 1, as the sum of b independent PG(1, z) draws (exact; the
/// cost grows with b, which is a Binomial denominator).
double drawPolyaGamma(RandomStream& rng, int b, double z);

/// E[PG(b, z)] = b / (2z) tanh(z / 2) (b / 4 at z = 0).
double polyaGammaMean(double b, double z);

/// Var[PG(b, z)] = b (sinh z - z) / (4 z^3 cosh^2(z / 2)) (b / 24 at z = 0).
double polyaGammaVariance(double b, double z);

} // namespace grove
