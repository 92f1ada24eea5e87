// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/RandomStream.h"

#include <Eigen/Core>

namespace grove {

/// Exponential with rate 1.
double drawExponential(RandomStream& rng);

/// Gamma with the given shape and scale 1 (Marsaglia & Tsang 2000; shape < 1 by boosting).
double drawGamma(RandomStream& rng, double shape);

/// Chi-square with `df` degrees of freedom (df > 0, not necessarily whole).
double drawChiSquare(RandomStream& rng, double df);

/// Standard normal truncated to (lower, upper); either bound may be infinite. Uses normal
/// rejection when the interval holds enough mass, Robert's (1995) exponential proposal in a
/// tail, and uniform proposals on short intervals far from 0, so every case is O(1) expected.
double drawTruncatedNormal(RandomStream& rng, double lower, double upper);

/// Normal with mean `mean` and sd `sd` truncated to (lower, upper).
inline double drawTruncatedNormal(RandomStream& rng, double mean, double sd, double lower,
                                  double upper)
{
    return mean + sd * drawTruncatedNormal(rng, (lower - mean) / sd, (upper - mean) / sd);
}

/// As drawTruncatedNormal, with ziggurat normals (Ziggurat.h) inside: faster, and a different
/// stream of draws for the same seed.
double drawTruncatedNormalFast(RandomStream& rng, double lower, double upper);

/// Normal with mean `mean` and sd `sd` truncated to (lower, upper), ziggurat inside.
inline double drawTruncatedNormalFast(RandomStream& rng, double mean, double sd, double lower,
                                      double upper)
{
    return mean + sd * drawTruncatedNormalFast(rng, (lower - mean) / sd, (upper - mean) / sd);
}

/// Lower Cholesky factor A of a Wishart(df, I_p) draw by Bartlett's decomposition (W = A A').
/// Writes into `bartlett` (p x p, lower triangular), allocating nothing when it is sized.
void drawBartlettFactor(RandomStream& rng, double df, Eigen::Ref<Eigen::MatrixXd> bartlett);

/// Wishart(df, scale) draw: W = L A A' L' with scale = L L'. `scaleCholesky` is L.
Eigen::MatrixXd drawWishart(RandomStream& rng, double df,
                            const Eigen::Ref<const Eigen::MatrixXd>& scaleCholesky);

/// Inverse-Wishart(df, scaleMatrix) draw (mean scaleMatrix / (df - p - 1)): the inverse of a
/// Wishart(df, scaleMatrix^{-1}) draw. Throws Error when scaleMatrix is not positive definite.
Eigen::MatrixXd drawInverseWishart(RandomStream& rng, double df,
                                   const Eigen::Ref<const Eigen::MatrixXd>& scaleMatrix);

} // namespace grove
