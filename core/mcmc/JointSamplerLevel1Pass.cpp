// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/mcmc/LatentDraw.h"
#include "core/random/Ziggurat.h"

#include <algorithm>
#include <cmath>

namespace grove {

using detail::categoryBounds;
using detail::infinity;
using detail::truncatedDraw;

// Draws the latent and missing values of one row, each from its normal conditional on the
// row's other residuals (single-site Gibbs within the row). P = P1 when it is known at compile
// time (0: m_p1 at run time).
template <int P>
void JointImputationSampler::drawLevel1Row(std::size_t row, const double* mean, double* residual,
                                           double* z, double* shiftLow, double* shiftHigh)
{
    const int p = P > 0 ? P : m_p1;
    const auto& responses = m_design.level1Responses();
    const std::size_t r1 = responses.size();
    const double* y = &m_design.y1()[row * r1];
    const double* conditional = m_conditionalRows.data();
    const double* conditionalSd = m_conditionalSdE.data();
    const auto conditionalMean = [&](int d) {
        const double* coefficient = conditional + d * p;
        double shift = 0.0;
        for (int k = 0; k < p; ++k)
            shift += coefficient[k] * residual[k];
        return mean[d] - shift;
    };
    for (std::size_t r = 0; r < r1; ++r) {
        const DesignResponse& response = responses[r];
        const bool missing = std::isnan(y[r]);
        const int first = response.firstDim;
        switch (response.type) {
        case ResponseType::Normal:
            if (missing) {
                z[first] = conditionalMean(first) + conditionalSd[first] * drawNormal(m_rng);
                residual[first] = z[first] - mean[first];
            }
            break;
        case ResponseType::Binary:
        case ResponseType::Ordered: {
            const double centre = conditionalMean(first);
            const double sd = conditionalSd[first];
            if (missing) {
                z[first] = centre + sd * drawNormal(m_rng);
            } else {
                double lower = 0.0;
                double upper = 0.0;
                categoryBounds(m_thresholds1[r], static_cast<int>(y[r]), lower, upper);
                z[first] = truncatedDraw(m_rng, centre, sd, lower, upper);
                if (shiftLow) {
                    shiftLow[first] = std::max(shiftLow[first], lower - z[first]);
                    shiftHigh[first] = std::min(shiftHigh[first], upper - z[first]);
                }
            }
            residual[first] = z[first] - mean[first];
            break;
        }
        case ResponseType::Unordered: {
            const int q = response.dimCount;
            const int c = missing ? -1 : static_cast<int>(y[r]);
            for (int k = 0; k < q; ++k) {
                const int d = first + k;
                const double centre = conditionalMean(d);
                const double sd = conditionalSd[d];
                if (missing) {
                    z[d] = centre + sd * drawNormal(m_rng);
                } else if (c == q) {
                    z[d] = truncatedDraw(m_rng, centre, sd, -infinity, 0.0);
                } else if (c == k) {
                    double lower = 0.0;
                    for (int l = 0; l < q; ++l)
                        if (l != k)
                            lower = std::max(lower, z[first + l]);
                    z[d] = truncatedDraw(m_rng, centre, sd, lower, infinity);
                } else {
                    z[d] = truncatedDraw(m_rng, centre, sd, -infinity, z[first + c]);
                }
                residual[d] = z[d] - mean[d];
            }
            break;
        }
        }
    }
}

void JointImputationSampler::updateLevel1()
{
    switch (m_p1) {
    case 1: level1Pass<1>(); break;
    case 2: level1Pass<2>(); break;
    case 3: level1Pass<3>(); break;
    case 4: level1Pass<4>(); break;
    case 5: level1Pass<5>(); break;
    case 6: level1Pass<6>(); break;
    case 7: level1Pass<7>(); break;
    case 8: level1Pass<8>(); break;
    default: level1Pass<0>(); break;
    }
    // X'Z: the constant part (observed Normal values) plus what the pass accumulated.
    m_xz = m_xzConstant;
    m_xz += Eigen::Map<const Eigen::MatrixXd>(m_xzRows.data(), m_k1, m_p1);
}

// One pass over the rows, unit by unit: each row's means, its latent and missing draws, and the
// residual cross-products and per-unit sums. P as in drawLevel1Row; fixed-size loops and
// accumulators in registers when P is known.
template <int P> void JointImputationSampler::level1Pass()
{
    const int p = P > 0 ? P : m_p1;
    const std::size_t p1 = static_cast<std::size_t>(p);
    const std::size_t k1 = static_cast<std::size_t>(m_k1);
    const double* x = m_design.x1().data();
    const double* beta = m_beta.data();
    // Coefficients as a dense K1 x P1 row-major matrix (zero outside each dimension's
    // columns): every row's means in one short fixed-width loop per covariate.
    std::fill(m_betaDense.begin(), m_betaDense.end(), 0.0);
    for (std::size_t d = 0; d < p1; ++d)
        for (int c = m_dimColumnBegin[d]; c < m_dimColumnEnd[d]; ++c)
            m_betaDense[static_cast<std::size_t>(c) * p1 + d] = beta[c];
    const double* betaDense = m_betaDense.data();
    const std::uint8_t* needsDraw = m_rowNeedsDraw.data();
    constexpr int fixed = P > 0 ? P : 1;
    double meanBuffer[fixed];
    double residualBuffer[fixed];
    double squaresBuffer[fixed * fixed];
    double sumBuffer[fixed];
    double* mean = P > 0 ? meanBuffer : m_mean.data();
    double* residual = P > 0 ? residualBuffer : m_residual.data();
    double* squares = P > 0 ? squaresBuffer : m_sumSquaresE.data();
    double* unitSum = P > 0 ? sumBuffer : m_unitSum.data();
    for (std::size_t a = 0; a < p1 * p1; ++a)
        squares[a] = 0.0;
    double* xz = m_xzRows.data(); // column-major K1 x P1, drawn values only
    const std::uint8_t* drawn = m_drawn.data();
    std::fill(m_xzRows.begin(), m_xzRows.end(), 0.0);
    const bool twoLevel = m_design.twoLevel();
    const std::size_t unitCount = twoLevel ? m_units : 1;
    for (std::size_t j = 0; j < unitCount; ++j) {
        const std::size_t begin = twoLevel ? m_design.unitStart(j) : 0;
        const std::size_t end = twoLevel ? m_design.unitStart(j + 1) : m_n;
        const double* u = twoLevel ? &m_u[j * p1] : nullptr;
        double* shiftLow = twoLevel ? &m_shiftLow[j * p1] : nullptr;
        double* shiftHigh = twoLevel ? &m_shiftHigh[j * p1] : nullptr;
        double offset[fixed];
        double* base = P > 0 ? offset : m_unitOffset.data();
        for (std::size_t d = 0; d < p1; ++d) {
            base[d] = u ? u[d] : 0.0;
            unitSum[d] = 0.0;
            if (shiftLow) {
                shiftLow[d] = -infinity;
                shiftHigh[d] = infinity;
            }
        }
        for (std::size_t i = begin; i < end; ++i) {
            const double* xi = x + i * k1;
            double* zi = &m_z1[i * p1];
            for (std::size_t d = 0; d < p1; ++d)
                mean[d] = base[d];
            for (std::size_t c = 0; c < k1; ++c) {
                const double value = xi[c];
                const double* row = betaDense + c * p1;
                for (std::size_t d = 0; d < p1; ++d)
                    mean[d] += value * row[d];
            }
            for (std::size_t d = 0; d < p1; ++d)
                residual[d] = zi[d] - mean[d];
            if (needsDraw[i])
                drawLevel1Row<P>(i, mean, residual, zi, shiftLow, shiftHigh);
            for (std::size_t a = 0; a < p1; ++a)
                for (std::size_t b = 0; b <= a; ++b)
                    squares[b * p1 + a] += residual[a] * residual[b];
            for (std::size_t d = 0; d < p1; ++d)
                unitSum[d] += zi[d];
            if (needsDraw[i])
                for (std::size_t d = 0; d < p1; ++d) {
                    if (!drawn[i * p1 + d])
                        continue;
                    const double value = zi[d];
                    double* column = xz + d * k1;
                    for (std::size_t c = 0; c < k1; ++c)
                        column[c] += xi[c] * value;
                }
        }
        if (twoLevel)
            for (std::size_t d = 0; d < p1; ++d)
                m_zsum(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(d)) = unitSum[d];
    }
    for (std::size_t a = 0; a < p1; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            const double value = squares[b * p1 + a];
            m_sumSquaresE(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = value;
            m_sumSquaresE(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = value;
        }
}

} // namespace grove
