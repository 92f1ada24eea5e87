// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

namespace grove {

// Small dense kernels for the per-unit P1 x P1 work: Eigen's general paths (blocked LLT,
// triangular solves, GEMM) cost several times the arithmetic at these sizes.

/// Lower Cholesky factor of a small SPD matrix; false if not positive definite.
bool smallCholesky(const Eigen::MatrixXd& a, Eigen::MatrixXd& lower);

/// x := (L L')^{-1} x.
void smallCholeskySolve(const Eigen::MatrixXd& lower, Eigen::VectorXd& x);

/// x := L'^{-1} x.
void smallUpperSolve(const Eigen::MatrixXd& lower, Eigen::VectorXd& x);

/// inverse := (L L')^{-1}, with `work` (p x p) for L^{-1}.
void smallCholeskyInverse(const Eigen::MatrixXd& lower, Eigen::MatrixXd& work,
                          Eigen::MatrixXd& inverse);

} // namespace grove
