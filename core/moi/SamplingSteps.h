// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/random/RandomStream.h"

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

/// `<prefix>0, <prefix>1, ...` for the lower triangle of a dim x dim matrix, row-wise.
std::vector<ParameterInfo> lowerTriangleParameters(const std::string& prefix, Eigen::Index dim);

/// Writes the lower triangle of `matrix` row-wise into out[0..dim(dim+1)/2).
void writeLowerTriangle(const Eigen::Ref<const Eigen::MatrixXd>& matrix, double* out);

} // namespace grove
