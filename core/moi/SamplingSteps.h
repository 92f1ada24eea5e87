// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/math/Priors.h"
#include "core/moi/MoiDesign.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <string>
#include <vector>

/// @file
/// Small allocation-free building blocks shared by the MOI samplers.

namespace grove {

/// Fills `out` with independent standard normal draws.
void fillStandardNormal(RandomStream& rng, Eigen::Ref<Eigen::VectorXd> out);

/// Inverse-gamma draw: scale / Gamma(shape, 1).
double drawInverseGamma(RandomStream& rng, double shape, double scale);

/// Inverse-Wishart(df, S) draw written into `out` (mean S / (df - q - 1)), where
/// `scaleCholesky` is the lower Cholesky factor of S. `bartlett` and `work` are q x q scratch.
/// Uses Omega = (L A^-T)(L A^-T)' with A the Bartlett factor of a Wishart(df, I) draw, so no
/// matrix is inverted and nothing is allocated.
void drawInverseWishartInto(RandomStream& rng, double df,
                            const Eigen::Ref<const Eigen::MatrixXd>& scaleCholesky,
                            Eigen::Ref<Eigen::MatrixXd> bartlett, Eigen::Ref<Eigen::MatrixXd> work,
                            Eigen::Ref<Eigen::MatrixXd> out);

/// Conjugate priors of a level-2 covariance Omega (q x q): q = 1, a Gamma(gammaShape, gammaRate)
/// prior on the precision; q >= 2, inverse-Wishart(q, priorScale).
struct Level2Prior {
    double gammaShape = kGammaShape;
    double gammaRate = kGammaRate;
    Eigen::MatrixXd priorScale; ///< q x q, used when q >= 2
};

/// The scratch of drawLevel2Covariance, sized once so that a draw allocates nothing.
struct Level2CovarianceScratch {
    explicit Level2CovarianceScratch(Eigen::Index q = 0);
    Eigen::MatrixXd scatter;
    Eigen::MatrixXd scaleFactor;
    Eigen::MatrixXd bartlett;
    Eigen::MatrixXd work;
    Eigen::LLT<Eigen::MatrixXd> cholesky;
};

/// Omega from its full conditional given the random effects u (q x J): q = 1, inverse-gamma
/// (shape + J/2, rate + sum u^2 / 2); q >= 2, inverse-Wishart(q + J, priorScale + sum u_j u_j').
/// Writes Omega and its inverse.
void drawLevel2Covariance(RandomStream& rng, const Eigen::Ref<const Eigen::MatrixXd>& u,
                          const Level2Prior& prior, Level2CovarianceScratch& scratch,
                          Eigen::MatrixXd& omega, Eigen::MatrixXd& omegaInverse);

/// The mean of that full conditional with `expectedScatter` = E[sum_j u_j u_j'] in place of the
/// scatter (Rao-Blackwellisation), written over it; `units` is J.
void level2CovarianceMeanInto(Eigen::MatrixXd& expectedScatter, Eigen::Index units,
                              const Level2Prior& prior);

/// The parameters shared by the MOIs with one response, in storage order: beta_0.. (named by
/// their terms), then at 2 levels sigma2_u (one random effect, term `var(cons)`) or
/// omega_u_0.. (lower triangle, terms `var(cons)`, `cov(cons,x)`, `var(x)`, ...), `u` being
/// the design's randomEffectLabel.
std::vector<ParameterInfo> fixedAndLevel2Parameters(const MoiDesign& design);

/// Adds Z_j u_j (u: q x J) to the rows of every unit j of `design` in column 0 of `out`.
void addUnitEffects(const MoiDesign& design, const Eigen::Ref<const Eigen::MatrixXd>& u,
                    Eigen::Ref<Eigen::MatrixXd> out);

/// `<prefix>0, <prefix>1, ...` for the lower triangle of the covariance matrix of `variables`,
/// row-wise, with terms named by what they are: `var(a)` on the diagonal, `cov(a,b)` below it
/// (a the column's variable, b the row's).
std::vector<ParameterInfo> lowerTriangleParameters(const std::string& prefix,
                                                   const std::vector<std::string>& variables);

/// Writes the lower triangle of `matrix` row-wise into out[0..dim(dim+1)/2).
void writeLowerTriangle(const Eigen::Ref<const Eigen::MatrixXd>& matrix, double* out);

} // namespace grove
