// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/SmallDenseKernels.h"

#include <cmath>

namespace grove {

bool smallCholesky(const Eigen::MatrixXd& a, Eigen::MatrixXd& lower)
{
    const Eigen::Index p = a.rows();
    for (Eigen::Index j = 0; j < p; ++j) {
        double diagonal = a(j, j);
        for (Eigen::Index k = 0; k < j; ++k)
            diagonal -= lower(j, k) * lower(j, k);
        if (!(diagonal > 0.0))
            return false;
        const double root = std::sqrt(diagonal);
        lower(j, j) = root;
        for (Eigen::Index i = j + 1; i < p; ++i) {
            double value = a(i, j);
            for (Eigen::Index k = 0; k < j; ++k)
                value -= lower(i, k) * lower(j, k);
            lower(i, j) = value / root;
        }
    }
    return true;
}

void smallCholeskySolve(const Eigen::MatrixXd& lower, Eigen::VectorXd& x)
{
    const Eigen::Index p = lower.rows();
    for (Eigen::Index i = 0; i < p; ++i) {
        double value = x(i);
        for (Eigen::Index k = 0; k < i; ++k)
            value -= lower(i, k) * x(k);
        x(i) = value / lower(i, i);
    }
    for (Eigen::Index i = p - 1; i >= 0; --i) {
        double value = x(i);
        for (Eigen::Index k = i + 1; k < p; ++k)
            value -= lower(k, i) * x(k);
        x(i) = value / lower(i, i);
    }
}

void smallUpperSolve(const Eigen::MatrixXd& lower, Eigen::VectorXd& x)
{
    const Eigen::Index p = lower.rows();
    for (Eigen::Index i = p - 1; i >= 0; --i) {
        double value = x(i);
        for (Eigen::Index k = i + 1; k < p; ++k)
            value -= lower(k, i) * x(k);
        x(i) = value / lower(i, i);
    }
}

void smallCholeskyInverse(const Eigen::MatrixXd& lower, Eigen::MatrixXd& work,
                          Eigen::MatrixXd& inverse)
{
    const Eigen::Index p = lower.rows();
    work.setZero();
    for (Eigen::Index j = 0; j < p; ++j) {
        work(j, j) = 1.0 / lower(j, j);
        for (Eigen::Index i = j + 1; i < p; ++i) {
            double value = 0.0;
            for (Eigen::Index k = j; k < i; ++k)
                value -= lower(i, k) * work(k, j);
            work(i, j) = value / lower(i, i);
        }
    }
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b <= a; ++b) {
            double value = 0.0;
            for (Eigen::Index k = a; k < p; ++k)
                value += work(k, a) * work(k, b);
            inverse(a, b) = value;
            inverse(b, a) = value;
        }
}

} // namespace grove
