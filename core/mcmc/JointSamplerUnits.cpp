// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/LatentDraw.h"
#include "core/mcmc/SmallDenseKernels.h"
#include "core/random/Distributions.h"
#include "core/random/TruncatedNormal.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;
using detail::infinity;

void JointImputationSampler::updateUnits()
{
    switch (m_p1) {
    case 1: unitSweep<1>(); break;
    case 2: unitSweep<2>(); break;
    case 3: unitSweep<3>(); break;
    case 4: unitSweep<4>(); break;
    default: unitSweep<0>(); break;
    }
}

// Step 4 of the class comment, per unit: u_j given beta and the unit's level-2 residuals, its
// shift moves, then its latent and missing level-2 values; accumulates Omega_u's sums of
// squares. Raw loops over the small blocks, P = P1 when known at compile time (0: at run
// time) so that the P1 x P1 work unrolls: Eigen's dynamic-size expressions cost several times
// the arithmetic here.
template <int P> void JointImputationSampler::unitSweep()
{
    const std::size_t p1 = P > 0 ? static_cast<std::size_t>(P) : static_cast<std::size_t>(m_p1);
    const std::size_t p2 = static_cast<std::size_t>(m_p2);
    const std::size_t q = static_cast<std::size_t>(m_q);
    const std::size_t columns = m_rowProgram.columnCount();
    const std::size_t units = m_units;
    const double* precisionE = m_precisionE.data();
    const double* precisionU = m_precisionU.data();
    fillBetaDense();
    const double* betaDense = m_betaDense.data();
    constexpr std::size_t fixed = P > 0 ? P : 1;
    double precisionBuffer[fixed * fixed];
    double meanBuffer[fixed];
    double noiseBuffer[fixed];
    double* precision = P > 0 ? precisionBuffer : m_unitPrecision.data();
    double* mean = P > 0 ? meanBuffer : m_unitVector1.data(); // ebar, then u_j's mean
    double* noise = P > 0 ? noiseBuffer : m_unitVector1b.data();
    double* residual = m_unitVectorQ.data(); // (u_j, r_j)
    double* fitted2 = m_mean.data();
    double* squares = m_sumSquaresU.data();
    std::fill(squares, squares + q * q, 0.0);
    const UnitResponses block = unitResponses(0);
    std::fill(m_xsumU.begin(), m_xsumU.end(), 0.0);
    for (std::size_t j = 0; j < units; ++j) {
        const double size = m_unitSize(static_cast<Eigen::Index>(j));
        // Mean level-1 residual without u: ebar = zbar - Xbar beta.
        const double* xbar = &m_xbarDistinct[j * columns];
        for (std::size_t d = 0; d < p1; ++d)
            mean[d] = m_zsum(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(d)) / size;
        for (std::size_t c = 0; c < columns; ++c)
            for (std::size_t d = 0; d < p1; ++d)
                mean[d] -= xbar[c] * betaDense[c * p1 + d];
        // Level-2 means (with the effects from above) and residuals r_j = z2_j - X2_j beta.
        if (p2 > 0) {
            unitFitted(block, j, fitted2);
            const double* z2 = &m_z2[j * p2];
            for (std::size_t d = 0; d < p2; ++d)
                residual[p1 + d] = z2[d] - fitted2[d];
        }
        // u_j | r_j, data: precision A = Q_uu + n_j Q_e, A mean = n_j Q_e ebar - Q_ur r_j.
        for (std::size_t a = 0; a < p1; ++a) {
            double value = 0.0;
            for (std::size_t b = 0; b < p1; ++b) {
                precision[a * p1 + b] = precisionU[a + b * q] + size * precisionE[a + b * p1];
                value += precisionE[a + b * p1] * mean[b];
            }
            value *= size;
            for (std::size_t b = p1; b < q; ++b)
                value -= precisionU[a + b * q] * residual[b];
            noise[a] = value;
        }
        if (!choleskyInPlace(precision, p1))
            throw Error("the precision of a unit's level-2 effects is not positive definite");
        for (std::size_t a = 0; a < p1; ++a)
            mean[a] = noise[a];
        lowerSolveInPlace(precision, mean, p1);
        upperSolveInPlace(precision, mean, p1);
        for (std::size_t a = 0; a < p1; ++a)
            noise[a] = drawNormal(m_rng);
        upperSolveInPlace(precision, noise, p1);
        double* u = &m_u[j * p1];
        for (std::size_t a = 0; a < p1; ++a) {
            u[a] = mean[a] + noise[a];
            residual[a] = u[a];
        }
        shiftUnitLatents(j);
        const double* xsum = &m_xsumDistinct[j * columns];
        for (std::size_t c = 0; c < columns; ++c)
            for (std::size_t a = 0; a < p1; ++a)
                m_xsumU[c * p1 + a] += xsum[c] * u[a];
        if (p2 > 0)
            drawUnitValues(block, j, fitted2, residual);
        for (std::size_t b = 0; b < q; ++b) // the lower triangle, column by column
            for (std::size_t a = b; a < q; ++a)
                squares[a + b * q] += residual[a] * residual[b];
    }
    for (std::size_t b = 0; b < q; ++b)
        for (std::size_t a = b + 1; a < q; ++a)
            squares[b + a * q] = squares[a + b * q];
}

// Minus the regression of level-2 dimension v on the others: E(x_v | x_-v) - mean_v for a
// N(0, Omega_u) vector x with x_-v = residual_-v.
double JointImputationSampler::conditionalMeanU(std::size_t v, const double* residual) const
{
    return conditionalShift(m_conditionalU.data(), static_cast<std::size_t>(m_q), v, residual);
}

// The shift move of step 4 (see the class comment) for unit j, after u_j is drawn: needs the
// unit's level-2 residuals in m_unitVectorQ and the shift intervals from the level-1 pass.
void JointImputationSampler::shiftUnitLatents(std::size_t unit)
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    double* residual = m_unitVectorQ.data();
    for (const int dim : m_shiftDims) {
        const std::size_t d = static_cast<std::size_t>(dim);
        const double low = m_shiftLow[unit * p1 + d];
        const double high = m_shiftHigh[unit * p1 + d];
        if (!(low < high))
            continue;
        const double current = residual[d];
        const double next =
            drawTruncatedNormalQuick(m_rng, conditionalMeanU(d, residual), m_conditionalSdU[d],
                                     current + low, current + high);
        const double delta = next - current;
        residual[d] = next;
        m_u[unit * p1 + d] = next;
        // The unit's latents move when next read (m_pendingShift); its statistics now.
        m_pendingShift[unit * p1 + d] += delta;
        m_shiftLow[unit * p1 + d] = low - delta;
        m_shiftHigh[unit * p1 + d] = high - delta;
        const double moved = m_unitSize(static_cast<Eigen::Index>(unit)) * delta;
        m_zsum(static_cast<Eigen::Index>(unit), dim) += moved;
        const std::size_t columns = m_rowProgram.columnCount();
        for (std::size_t c = 0; c < columns; ++c)
            m_xzRows[c * p1 + d] += moved * m_xbarDistinct[unit * columns + c];
    }
}

// Applies the shift moves not yet applied to the unit's latents (m_pendingShift).
void JointImputationSampler::applyPendingShifts()
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    for (std::size_t j = 0; j < m_units; ++j)
        for (const int dim : m_shiftDims) {
            const std::size_t d = static_cast<std::size_t>(dim);
            double& pending = m_pendingShift[j * p1 + d];
            if (pending == 0.0)
                continue;
            for (std::size_t i = m_design.unitStart(j); i < m_design.unitStart(j + 1); ++i)
                m_z1[i * p1 + d] += pending;
            pending = 0.0;
        }
}

} // namespace grove
