// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/SmallDenseKernels.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

// The classifications after the first (see the class comment): one sweep each per iteration,
// before the row pass, which then reads the new row offsets.
void JointImputationSampler::updateFurtherClassifications()
{
    for (std::size_t c = 1; c <= m_further.size(); ++c)
        sweepClassification(c);
}

// u^c_k for every unit k of classification c given beta, the other classifications' effects and
// Omega_e: the rows' residuals e_i + u^c_k summed per unit in one pass (the generic path: any
// nesting or crossing), then per unit precision Q_c + n_k Q_e and mean from the summed
// residuals; then Omega_c, then every row's offset by its unit's change.
void JointImputationSampler::sweepClassification(std::size_t c)
{
    FurtherClassification& further = m_further[c - 1];
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    const std::size_t columns = m_rowProgram.columnCount();
    const double* covariates = m_rowProgram.covariates();
    fillBetaDense();
    const double* betaDense = m_betaDense.data();
    double* sums = further.sums.data();
    std::fill(further.sums.begin(), further.sums.end(), 0.0);
    double* mean = m_unitVector1.data();
    for (std::size_t j = 0; j < m_units; ++j) {
        const double* u1 = &m_u[j * p1];
        const double* pending = &m_pendingShift[j * p1];
        for (std::size_t i = m_design.unitStart(j); i < m_design.unitStart(j + 1); ++i) {
            const double* xi = covariates + i * columns;
            const double* offset = &m_rowOffsets[i * p1];
            const double* z = &m_z1[i * p1];
            for (std::size_t d = 0; d < p1; ++d)
                mean[d] = u1[d] + offset[d];
            for (std::size_t col = 0; col < columns; ++col)
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] += xi[col] * betaDense[col * p1 + d];
            double* sum = sums + static_cast<std::size_t>(further.unitOfRow[i]) * p1;
            for (std::size_t d = 0; d < p1; ++d)
                sum[d] += z[d] + pending[d] - mean[d];
        }
    }

    const double* precisionE = m_precisionE.data();
    const double* precisionC = further.precision.data();
    double* precision = m_unitPrecision.data();
    double* rhs = m_unitVector1.data();
    double* noise = m_unitVector1b.data();
    double* squares = further.sumSquares.data();
    further.sumSquares.setZero();
    for (std::size_t k = 0; k < further.units; ++k) {
        const double size = further.unitSize[k];
        double* u = &further.u[k * p1];
        const double* sum = sums + k * p1;
        // Precision Q_c + n_k Q_e; right-hand side Q_e (sum of e_i + u_k).
        for (std::size_t a = 0; a < p1; ++a) {
            double value = 0.0;
            for (std::size_t b = 0; b < p1; ++b) {
                precision[a * p1 + b] = precisionC[a + b * p1] + size * precisionE[a + b * p1];
                value += precisionE[a + b * p1] * (sum[b] + size * u[b]);
            }
            rhs[a] = value;
        }
        if (!choleskyInPlace(precision, p1))
            throw Error("the precision of a unit's effects at classification '" +
                        m_design.classificationId(c) + "' is not positive definite");
        lowerSolveInPlace(precision, rhs, p1);
        upperSolveInPlace(precision, rhs, p1);
        for (std::size_t a = 0; a < p1; ++a)
            noise[a] = drawNormal(m_rng);
        upperSolveInPlace(precision, noise, p1);
        double* delta = &further.delta[k * p1];
        for (std::size_t a = 0; a < p1; ++a) {
            const double next = rhs[a] + noise[a];
            delta[a] = next - u[a];
            u[a] = next;
        }
        for (std::size_t b = 0; b < p1; ++b)
            for (std::size_t a = 0; a < p1; ++a)
                squares[a + b * p1] += u[a] * u[b];
    }
    further.sampler.draw(m_rng, further.sumSquares, static_cast<double>(further.units),
                         further.omega);
    refreshFurtherPrecision(c);

    // Translation move (Liu & Sabatti 2000) for each dimension d with an intercept: u^c_kd + t
    // for every unit and beta_cons,d - t leave every row's mean unchanged, so t's conditional is
    // u^c_.d's prior normal given the other dimensions, around minus the units' mean. Without
    // it the intercept and the mean effect random-walk against each other (the effects are
    // drawn given beta).
    for (std::size_t d = 0; d < p1; ++d) {
        const int coefficient = m_interceptOf[d];
        if (coefficient < 0)
            continue;
        const double units = static_cast<double>(further.units);
        double shift = 0.0; // sum_l Q(d,l) ubar_l
        for (std::size_t l = 0; l < p1; ++l) {
            double total = 0.0;
            for (std::size_t k = 0; k < further.units; ++k)
                total += further.u[k * p1 + l];
            shift += further.precision(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(l)) *
                     total / units;
        }
        const double diagonal =
            further.precision(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
        const double t = -shift / diagonal + drawNormal(m_rng) / std::sqrt(units * diagonal);
        for (std::size_t k = 0; k < further.units; ++k) {
            further.u[k * p1 + d] += t;
            further.delta[k * p1 + d] += t;
        }
        m_beta(coefficient) -= t;
    }

    for (std::size_t i = 0; i < m_n; ++i) {
        const double* delta = &further.delta[static_cast<std::size_t>(further.unitOfRow[i]) * p1];
        double* offset = &m_rowOffsets[i * p1];
        for (std::size_t d = 0; d < p1; ++d)
            offset[d] += delta[d];
    }
}

// Omega_c^{-1} after Omega_c changed.
void JointImputationSampler::refreshFurtherPrecision(std::size_t c)
{
    FurtherClassification& further = m_further[c - 1];
    further.factor.compute(further.omega);
    if (further.factor.info() != Eigen::Success)
        throw Error("the covariance matrix of classification '" + m_design.classificationId(c) +
                    "' became singular");
    further.precision.setIdentity();
    further.factor.solveInPlace(further.precision);
}

// Parameter expansion of a level-1 latent dimension d by c (JointSamplerExpansion.cpp) also
// rescales u^c_.d and Omega_c's row and column d of every further classification: the log of
// their IW(nu, Psi) prior density at C Omega_c C times the Jacobian c^(P1+1), Psi diagonal (the
// effects' own density and Jacobian cancel), as for Omega_u.
double JointImputationSampler::furtherPriorLogRatio(int dim, double scale) const
{
    const double logScale = std::log(scale);
    double logRatio = 0.0;
    for (const FurtherClassification& further : m_further)
        logRatio -= further.priorDf * logScale + 0.5 * further.priorScale(dim) *
                                                     further.precision(dim, dim) *
                                                     (1.0 / (scale * scale) - 1.0);
    return logRatio;
}

// The accepted rescaling of the level-1 dimensions (see furtherPriorLogRatio): the further
// effects, the rows' offsets and each Omega_c with its precision.
void JointImputationSampler::rescaleFurtherClassifications(const std::vector<double>& scale)
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    for (std::size_t c = 0; c < m_further.size(); ++c) {
        FurtherClassification& further = m_further[c];
        bool changed = false;
        for (std::size_t d = 0; d < p1; ++d) {
            const double factor = scale[d];
            if (factor == 1.0)
                continue;
            changed = true;
            for (std::size_t k = 0; k < further.units; ++k)
                further.u[k * p1 + d] *= factor;
            further.omega.row(static_cast<Eigen::Index>(d)) *= factor;
            further.omega.col(static_cast<Eigen::Index>(d)) *= factor;
        }
        if (changed)
            refreshFurtherPrecision(c + 1);
    }
    if (m_rowOffsets.empty())
        return;
    for (std::size_t d = 0; d < p1; ++d)
        if (scale[d] != 1.0)
            for (std::size_t i = 0; i < m_n; ++i)
                m_rowOffsets[i * p1 + d] *= scale[d];
}

} // namespace grove
