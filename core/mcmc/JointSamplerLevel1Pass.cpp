// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/mcmc/LatentDraw.h"
#include "core/random/Distributions.h"
#include "core/random/TruncatedNormal.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;
using detail::infinity;

// One draw of the row pass (Level1RowOp): each value from its normal conditional on the row's
// other residuals (single-site Gibbs within the row), truncated to its category when observed.
// P = P1 when it is known at compile time (0: m_p1 at run time).
template <int P>
GROVE_ALWAYS_INLINE void
JointImputationSampler::drawLevel1Value(RandomStream& rng, const Level1RowOp& op,
                                        const double* mean, double* residual, double* z,
                                        double* shiftLow, double* shiftHigh)
{
    const int p = P > 0 ? P : m_p1;
    const double* conditional = m_conditionalRows.data();
    const double* conditionalSd = m_conditionalSdE.data();
    const auto conditionalMean = [&](int d) {
        const double* coefficient = conditional + d * p;
        double shift = 0.0;
        for (int k = 0; k < p; ++k)
            shift += coefficient[k] * residual[k];
        return mean[d] - shift;
    };
    const int first = op.dim;
    switch (op.kind) {
    case Level1RowOp::Kind::Free:
        z[first] = conditionalMean(first) + conditionalSd[first] * drawNormal(rng);
        residual[first] = z[first] - mean[first];
        break;
    case Level1RowOp::Kind::Below: { // z <= upper
        const double upper = m_boundTable[2 * static_cast<std::size_t>(op.argument) + 1];
        const double value =
            drawNormalBelow(rng, conditionalMean(first), conditionalSd[first], upper);
        z[first] = value;
        shiftHigh[first] = std::min(shiftHigh[first], upper - value);
        residual[first] = value - mean[first];
        break;
    }
    case Level1RowOp::Kind::Above: { // z > lower
        const double lower = m_boundTable[2 * static_cast<std::size_t>(op.argument)];
        const double value =
            drawNormalAbove(rng, conditionalMean(first), conditionalSd[first], lower);
        z[first] = value;
        shiftLow[first] = std::max(shiftLow[first], lower - value);
        residual[first] = value - mean[first];
        break;
    }
    case Level1RowOp::Kind::Between: {
        const double lower = m_boundTable[2 * static_cast<std::size_t>(op.argument)];
        const double upper = m_boundTable[2 * static_cast<std::size_t>(op.argument) + 1];
        z[first] = drawTruncatedNormalQuick(rng, conditionalMean(first), conditionalSd[first],
                                            lower, upper);
        shiftLow[first] = std::max(shiftLow[first], lower - z[first]);
        shiftHigh[first] = std::min(shiftHigh[first], upper - z[first]);
        residual[first] = z[first] - mean[first];
        break;
    }
    case Level1RowOp::Kind::UnorderedObserved: {
        const int q = op.count;
        const int c = op.argument;
        for (int k = 0; k < q; ++k) {
            const int d = first + k;
            const double centre = conditionalMean(d);
            const double sd = conditionalSd[d];
            if (c == q) {
                z[d] = drawNormalBelow(rng, centre, sd, 0.0);
            } else if (c == k) {
                double lower = 0.0;
                for (int l = 0; l < q; ++l)
                    if (l != k)
                        lower = std::max(lower, z[first + l]);
                z[d] = drawNormalAbove(rng, centre, sd, lower);
            } else {
                z[d] = drawNormalBelow(rng, centre, sd, z[first + c]);
            }
            residual[d] = z[d] - mean[d];
        }
        break;
    }
    }
}

// Dispatches on the covariates: few distinct rows (C = -1: per pattern), else the distinct
// columns, fixed up to 4 (most models: `cons` and a few dummies or covariates).
template <int P> void JointImputationSampler::level1PassWithColumns()
{
    if (m_rowProgram.patternCount() > 0)
        return level1Pass<P, -1>();
    switch (m_rowProgram.columnCount()) {
    case 1: level1Pass<P, 1>(); break;
    case 2: level1Pass<P, 2>(); break;
    case 3: level1Pass<P, 3>(); break;
    case 4: level1Pass<P, 4>(); break;
    default: level1Pass<P, 0>(); break;
    }
}

void JointImputationSampler::updateLevel1()
{
    switch (m_p1) {
    case 1: level1PassWithColumns<1>(); break;
    case 2: level1PassWithColumns<2>(); break;
    case 3: level1PassWithColumns<3>(); break;
    case 4: level1PassWithColumns<4>(); break;
    case 5: level1PassWithColumns<5>(); break;
    case 6: level1PassWithColumns<6>(); break;
    case 7: level1Pass<7, 0>(); break;
    case 8: level1Pass<8, 0>(); break;
    default: level1Pass<0, 0>(); break;
    }
}

// The level-1 coefficients as a dense C x P1 row-major matrix over the C distinct covariate
// columns (zero where a dimension does not use a column): every row's or unit's means in one
// short fixed-width loop per column.
void JointImputationSampler::fillBetaDense()
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    std::fill(m_betaDense.begin(), m_betaDense.end(), 0.0);
    for (std::size_t d = 0; d < p1; ++d) {
        const int offset = m_dimCoefficientBegin[d] - m_dimColumnBegin[d];
        for (int c = m_dimColumnBegin[d]; c < m_dimColumnEnd[d]; ++c)
            m_betaDense[m_rowProgram.distinctColumn(static_cast<std::size_t>(c)) * p1 + d] +=
                m_beta(c + offset);
    }
}

// The tables the row kernel reads, from the current coefficients and thresholds.
void JointImputationSampler::refreshRowTables()
{
    fillBetaDense();
    // Each category's interval, for the Below, Above and Between draws.
    const auto& responses = m_design.level1Responses();
    for (std::size_t r = 0; r < responses.size(); ++r) {
        const DesignResponse& response = responses[r];
        if (response.type != ResponseType::Binary && response.type != ResponseType::Ordered)
            continue;
        double* bounds = &m_boundTable[2 * m_rowProgram.firstBound(r)];
        for (int c = 0; c < response.categories; ++c)
            categoryBounds(m_thresholds1[r], c, bounds[2 * c], bounds[2 * c + 1]);
    }
}

// One pass over the rows, unit by unit: each row's means, its latent and missing draws, and the
// residual cross-products, X'Z and per-unit sums. P = P1 and C = the distinct covariate
// columns when known at compile time (0: at run time; -1: the rows' covariates take few
// distinct values, so means and X'Z go per pattern), so that the per-row loops unroll and the
// accumulators stay in registers; the stream is a local copy for the same reason.
template <int P, int C> void JointImputationSampler::level1Pass()
{
    const std::size_t p1 = P > 0 ? static_cast<std::size_t>(P) : static_cast<std::size_t>(m_p1);
    constexpr bool patterns = C < 0; // means and X'Z per covariate pattern
    const std::size_t columns = C > 0 ? static_cast<std::size_t>(C) : m_rowProgram.columnCount();
    const std::uint32_t* patternOf = m_rowProgram.patternOf();
    const double* patternCovariates = m_rowProgram.patternCovariates();
    const std::size_t patternCount = m_rowProgram.patternCount();
    double* patternMeans = m_patternMeans.data(); // K x P1: the unit's means per pattern
    double* patternZ = m_patternZ.data();         // K x P1: sums of z per pattern
    if (patterns)
        std::fill(m_patternZ.begin(), m_patternZ.end(), 0.0);
    const double* covariates = m_rowProgram.covariates();
    const Level1RowOp* ops = m_rowProgram.ops();
    const std::uint32_t* opBegin = m_rowProgram.opBegin();
    const std::uint32_t* rowOrder = m_rowProgram.rowOrder();
    refreshRowTables();
    const double* betaDense = m_betaDense.data();
    constexpr std::size_t fixedP = P > 0 ? P : 1;
    constexpr std::size_t fixedXz = P > 0 && C > 0 ? P * C : 1;
    double meanBuffer[fixedP];
    double residualBuffer[fixedP];
    double squaresBuffer[fixedP * fixedP] = {};
    double sumBuffer[fixedP];
    double baseBuffer[fixedP];
    double shiftBuffer[fixedP];
    double xzBuffer[fixedXz] = {};
    double* mean = P > 0 ? meanBuffer : m_mean.data();
    double* residual = P > 0 ? residualBuffer : m_residual.data();
    double* squares = P > 0 ? squaresBuffer : m_sumSquaresE.data();
    double* unitSum = P > 0 ? sumBuffer : m_unitSum.data();
    double* base = P > 0 ? baseBuffer : m_unitOffset.data();
    double* shift = P > 0 ? shiftBuffer : m_unitShift.data();
    double* xz = P > 0 && C > 0 ? xzBuffer : m_xzRows.data(); // over the distinct columns
    if (P == 0)
        std::fill(squares, squares + p1 * p1, 0.0);
    if (P == 0 || C <= 0)
        std::fill(m_xzRows.begin(), m_xzRows.end(), 0.0);
    std::fill(m_xbarZsum.begin(), m_xbarZsum.end(), 0.0);
    // Further classifications' effects per row (NLevelImpute), or none.
    const double* offsets = m_rowOffsets.empty() ? nullptr : m_rowOffsets.data();
    double adjustedBuffer[fixedP];
    double* adjusted = P > 0 ? adjustedBuffer : m_adjustedRow.data();
    RandomStream rng = m_rng;
    const bool twoLevel = m_design.twoLevel();
    const std::size_t unitCount = twoLevel ? m_units : 1;
    for (std::size_t j = 0; j < unitCount; ++j) {
        const std::size_t begin = twoLevel ? m_design.unitStart(j) : 0;
        const std::size_t end = twoLevel ? m_design.unitStart(j + 1) : m_n;
        // One-level: the shift intervals are computed and not used.
        double* shiftLow = &m_shiftLow[(twoLevel ? j : 0) * p1];
        double* shiftHigh = &m_shiftHigh[(twoLevel ? j : 0) * p1];
        // Shift moves since the last pass move the unit's latents (all of them drawn below).
        double* pending = &m_pendingShift[(twoLevel ? j : 0) * p1];
        for (std::size_t d = 0; d < p1; ++d) {
            shift[d] = pending[d];
            pending[d] = 0.0;
            base[d] = twoLevel ? m_u[j * p1 + d] : 0.0;
            unitSum[d] = 0.0;
            shiftLow[d] = -infinity;
            shiftHigh[d] = infinity;
        }
        if (patterns)
            for (std::size_t k = 0; k < patternCount; ++k) {
                const double* xk = patternCovariates + k * columns;
                double* meanK = patternMeans + k * p1;
                for (std::size_t d = 0; d < p1; ++d)
                    meanK[d] = base[d];
                for (std::size_t c = 0; c < columns; ++c)
                    for (std::size_t d = 0; d < p1; ++d)
                        meanK[d] += xk[c] * betaDense[c * p1 + d];
            }
        for (std::size_t n = begin; n < end; ++n) {
            const std::size_t i = rowOrder[n];
            const double* xi = covariates + i * columns;
            double* zi = &m_z1[i * p1];
            const std::size_t pattern = patterns ? patternOf[i] : 0;
            if (patterns) {
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] = patternMeans[pattern * p1 + d];
            } else {
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] = base[d];
                for (std::size_t c = 0; c < columns; ++c)
                    for (std::size_t d = 0; d < p1; ++d)
                        mean[d] += xi[c] * betaDense[c * p1 + d];
            }
            const double* offset = offsets != nullptr ? offsets + i * p1 : nullptr;
            if (offset != nullptr)
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] += offset[d];
            for (std::size_t d = 0; d < p1; ++d)
                residual[d] = zi[d] + shift[d] - mean[d];
            for (const Level1RowOp* op = ops + opBegin[i]; op != ops + opBegin[i + 1]; ++op)
                drawLevel1Value<P>(rng, *op, mean, residual, zi, shiftLow, shiftHigh);
            for (std::size_t a = 0; a < p1; ++a)
                for (std::size_t b = 0; b <= a; ++b)
                    squares[b * p1 + a] += residual[a] * residual[b];
            // The statistics below are of z - o: the data of every later step.
            if (offset != nullptr) {
                for (std::size_t d = 0; d < p1; ++d)
                    adjusted[d] = zi[d] - offset[d];
                zi = adjusted;
            }
            for (std::size_t d = 0; d < p1; ++d)
                unitSum[d] += zi[d];
            if (patterns) {
                for (std::size_t d = 0; d < p1; ++d)
                    patternZ[pattern * p1 + d] += zi[d];
            } else {
                for (std::size_t c = 0; c < columns; ++c)
                    for (std::size_t d = 0; d < p1; ++d)
                        xz[c * p1 + d] += xi[c] * zi[d];
            }
        }
        if (twoLevel) {
            for (std::size_t d = 0; d < p1; ++d)
                m_zsum(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(d)) = unitSum[d];
            const double* xbar = &m_xbarDistinct[j * columns];
            for (std::size_t c = 0; c < columns; ++c)
                for (std::size_t d = 0; d < p1; ++d)
                    m_xbarZsum[c * p1 + d] += xbar[c] * unitSum[d];
        }
    }
    m_rng = rng;
    for (std::size_t a = 0; a < p1; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            const double value = squares[b * p1 + a];
            m_sumSquaresE(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = value;
            m_sumSquaresE(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = value;
        }
    if (patterns) // X'Z = sum over patterns of x_k (sum of the pattern's z)'
        for (std::size_t k = 0; k < patternCount; ++k)
            for (std::size_t c = 0; c < columns; ++c)
                for (std::size_t d = 0; d < p1; ++d)
                    m_xzRows[c * p1 + d] +=
                        patternCovariates[k * columns + c] * patternZ[k * p1 + d];
    else if (xz != m_xzRows.data())
        std::copy(xz, xz + columns * p1, m_xzRows.begin());
}

} // namespace grove
