// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ImputationDesign.h"

#include <Eigen/Core>

#include <cstddef>
#include <vector>

namespace grove {

// Priors and fixed elements of the joint model's covariance matrices (JointImputationSampler).

/// Per Omega_u dimension (P1 level-1 effects, then the level-2 dimensions): whether it is a
/// level-2 latent, whose variance is fixed at 1. Empty for a one-level model.
std::vector<bool> level2Latent(const ImputationDesign& design);

/// Per dimension: -1 for a free dimension, else the response a latent dimension belongs to.
std::vector<int> latentGroups(const std::vector<DesignDimension>& dims, std::size_t freeBefore);
/// latentGroups of Omega_e's dimensions.
std::vector<int> level1Groups(const ImputationDesign& design);
/// latentGroups of Omega_u's dimensions (the P1 level-1 effects are free).
std::vector<int> level2Groups(const ImputationDesign& design);
/// latentGroups of classification c's covariance matrix: its effects on the level-1 dimensions
/// and on the dimensions of the classifications below it (design.dimsBelow(c)) are free; then
/// its own responses' dimensions. c = 0: level2Groups.
std::vector<int> classificationGroups(const ImputationDesign& design, std::size_t c);

/// Elements of a covariance matrix that the model fixes: latent variances (1) and the
/// correlations between latents of one Unordered response (0).
bool isFixedElement(const std::vector<int>& groups, int a, int b);

/// Scale of Omega_e's inverse-Wishart prior: diag(observed variance of a Normal response, 1 for
/// a latent).
Eigen::MatrixXd level1PriorScale(const ImputationDesign& design);
/// Scale of Omega_u's prior: a tenth of the same diagonal over all Q dimensions.
Eigen::MatrixXd level2PriorScale(const ImputationDesign& design);
/// The same for classification c's matrix over the dimensions classificationGroups lists.
Eigen::MatrixXd classificationPriorScale(const ImputationDesign& design, std::size_t c);

} // namespace grove
