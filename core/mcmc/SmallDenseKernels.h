// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <cmath>
#include <cstddef>

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

// Inline versions on raw row-major arrays, for callers that know p at compile time (the loops
// then unroll).

/// The lower triangle of the p x p SPD matrix `a` becomes its Cholesky factor L (in place);
/// false if `a` is not positive definite.
inline bool choleskyInPlace(double* a, std::size_t p)
{
    for (std::size_t j = 0; j < p; ++j) {
        double diagonal = a[j * p + j];
        for (std::size_t k = 0; k < j; ++k)
            diagonal -= a[j * p + k] * a[j * p + k];
        if (!(diagonal > 0.0))
            return false;
        const double root = std::sqrt(diagonal);
        a[j * p + j] = root;
        for (std::size_t i = j + 1; i < p; ++i) {
            double value = a[i * p + j];
            for (std::size_t k = 0; k < j; ++k)
                value -= a[i * p + k] * a[j * p + k];
            a[i * p + j] = value / root;
        }
    }
    return true;
}

/// x := L^{-1} x for the factor of choleskyInPlace.
inline void lowerSolveInPlace(const double* lower, double* x, std::size_t p)
{
    for (std::size_t i = 0; i < p; ++i) {
        double value = x[i];
        for (std::size_t k = 0; k < i; ++k)
            value -= lower[i * p + k] * x[k];
        x[i] = value / lower[i * p + i];
    }
}

/// x := L'^{-1} x for the factor of choleskyInPlace.
inline void upperSolveInPlace(const double* lower, double* x, std::size_t p)
{
    for (std::size_t i = p; i-- > 0;) {
        double value = x[i];
        for (std::size_t k = i + 1; k < p; ++k)
            value -= lower[k * p + i] * x[k];
        x[i] = value / lower[i * p + i];
    }
}

} // namespace grove
