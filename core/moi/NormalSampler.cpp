// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/NormalSampler.h"

#include "core/math/Priors.h"
#include "core/moi/SamplingSteps.h"

#include <algorithm>
#include <cmath>

namespace grove {

namespace {

/// Cycles of (u, Omega) per sweep given beta and sigma2_e. A cycle costs O(J q^3) against the
/// sweep's O(J p^2 q), and the level-2 (co)variances, whose chain is autocorrelated through u
/// (a random slope's variance most: it is weakly identified per unit), move further per sweep;
/// every cycle adds a Rao-Blackwellised term.
constexpr int kCovarianceCycles = 4;

std::vector<ParameterInfo> normalParameters(const MoiDesign& design)
{
    std::vector<ParameterInfo> parameters = fixedAndLevel2Parameters(design);
    parameters.push_back({"sigma2_e", "var(residual)"});
    return parameters;
}

} // namespace

NormalSampler::NormalSampler(const MoiDesign& design, std::uint64_t seed, int chain)
    : MoiSampler(normalParameters(design), design.fixedCount()), m_design(design),
      m_rng(seed, static_cast<std::uint64_t>(chain)), m_p(design.fixedCount()),
      m_q(design.twoLevel ? design.randomCount() : 0),
      m_units(design.twoLevel ? design.unitCount() : 0), m_rows(static_cast<double>(design.rows()))
{
    const Eigen::Index p = m_p;
    const Eigen::Index q = m_q;
    const Eigen::Index units = m_units;
    m_xtx.noalias() = design.x.transpose() * design.x;
    m_xtz.setZero(p, q * units);
    m_ztz.setZero(q, q * units);
    for (Eigen::Index j = 0; j < units; ++j) {
        const Eigen::Index start = design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = design.unitSize(j);
        const Eigen::Ref<const Eigen::MatrixXd> xj = design.x.middleRows(start, size);
        const Eigen::Ref<const Eigen::MatrixXd> zj = design.z.middleRows(start, size);
        m_xtz.middleCols(j * q, q).noalias() = xj.transpose() * zj;
        m_ztz.middleCols(j * q, q).noalias() = zj.transpose() * zj;
    }
    m_zty.setZero(q, units);
    setResponseStatistics(design.y.col(0));

    m_beta.setZero(p);
    m_u.setZero(q, units);
    m_omega.setIdentity(q, q);
    m_omegaInverse.setIdentity(q, q);
    m_level2Prior = {kGammaShape, kGammaRate, Eigen::MatrixXd::Zero(q, q)};
    m_level2Scratch = Level2CovarianceScratch(q);
    m_precision.resize(p, p);
    m_linear.resize(p);
    m_mean.resize(p);
    m_covariance.resize(p, p);
    m_betaCholesky = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p, p));
    m_unitCholesky.assign(static_cast<std::size_t>(units),
                          Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(q, q)));
    m_unitMatrix.resize(q, q);
    m_qp.resize(q, p);
    m_qVector.resize(q);
    m_qVector2.resize(q);
    m_pVector.resize(p);
    m_qVector3.resize(q);
    m_unitInverse.resize(q, q);
    m_scatterMean.resize(q, q);
    m_varianceMean.resize(1);
    setStartingValues(design);
}

void NormalSampler::setResponseStatistics(const Eigen::Ref<const Eigen::VectorXd>& y)
{
    m_xty.noalias() = m_design.x.transpose() * y;
    m_yty = y.squaredNorm();
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        m_zty.col(j).noalias() =
            m_design.z.middleRows(start, size).transpose() * y.segment(start, size);
    }
}

void NormalSampler::setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset)
{
    // Given the other classifications' effects the model is this one for y minus them.
    m_adjustedResponse = m_design.y.col(0) - offset.col(0);
    setResponseStatistics(m_adjustedResponse);
}

void NormalSampler::addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const
{
    addUnitEffects(m_design, m_u, out);
}

void NormalSampler::exportShared(Eigen::VectorXd& out) const
{
    out.resize(m_p + 1);
    out.head(m_p) = m_beta;
    out(m_p) = m_sigma2;
}

void NormalSampler::importShared(const Eigen::VectorXd& in)
{
    m_beta = in.head(m_p);
    m_sigma2 = in(m_p);
}

Eigen::Block<Eigen::MatrixXd, Eigen::Dynamic, Eigen::Dynamic, true>
NormalSampler::xtzOf(Eigen::Index unit)
{
    return m_xtz.middleCols(unit * m_q, m_q);
}

void NormalSampler::setStartingValues(const MoiDesign& design)
{
    // OLS for beta and sigma2_e; Omega from per-unit least-squares residual effects. Only the
    // variances matter (beta and u are drawn first, given them); good guesses shorten burn-in.
    m_beta = m_xtx.ldlt().solve(m_xty);
    const double residualSquares =
        std::max(m_yty - 2.0 * m_beta.dot(m_xty) + m_beta.dot(m_xtx * m_beta), 0.0);
    const double degrees = std::max(m_rows - static_cast<double>(m_p), 1.0);
    m_sigma2 = std::max(residualSquares / degrees, 1e-12);
    if (m_q == 0)
        return;

    Eigen::MatrixXd estimates(m_q, m_units);
    std::vector<char> usable(static_cast<std::size_t>(m_units), 0);
    Eigen::Index usableCount = 0;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        if (design.unitSize(j) <= m_q)
            continue;
        Eigen::MatrixXd ztz = m_ztz.middleCols(j * m_q, m_q);
        ztz.diagonal().array() += 1e-6 * ztz.trace() / static_cast<double>(m_q) + 1e-12;
        const Eigen::VectorXd residual = m_zty.col(j) - xtzOf(j).transpose() * m_beta;
        estimates.col(j) = ztz.ldlt().solve(residual);
        usable[static_cast<std::size_t>(j)] = 1;
        ++usableCount;
    }
    Eigen::VectorXd variances = Eigen::VectorXd::Constant(m_q, m_sigma2);
    if (usableCount >= 2) {
        Eigen::VectorXd mean = Eigen::VectorXd::Zero(m_q);
        for (Eigen::Index j = 0; j < m_units; ++j)
            if (usable[static_cast<std::size_t>(j)])
                mean += estimates.col(j);
        mean /= static_cast<double>(usableCount);
        variances.setZero();
        for (Eigen::Index j = 0; j < m_units; ++j)
            if (usable[static_cast<std::size_t>(j)])
                variances.array() += (estimates.col(j) - mean).array().square();
        variances /= static_cast<double>(usableCount - 1);
    }
    const double floor = 1e-4 * m_sigma2;
    for (Eigen::Index m = 0; m < m_q; ++m)
        variances(m) = std::max(variances(m), floor);
    m_omega = variances.asDiagonal();
    m_omegaInverse = variances.cwiseInverse().asDiagonal();
    m_level2Prior.priorScale = static_cast<double>(m_q) * m_omega;
}

void NormalSampler::iterate(bool sampling)
{
    drawFixedEffects(sampling);
    if (m_q > 0) {
        for (int cycle = 0; cycle < kCovarianceCycles; ++cycle) {
            if (cycle > 0)
                factorUnits();
            drawRandomEffects(sampling);
            drawLevel2Covariance(m_rng, m_u, m_level2Prior, m_level2Scratch, m_omega,
                                 m_omegaInverse);
        }
    }
    drawLevel1Variance(sampling);
}

void NormalSampler::factorUnits()
{
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_unitMatrix = m_ztz.middleCols(j * m_q, m_q) + m_sigma2 * m_omegaInverse;
        m_unitCholesky[static_cast<std::size_t>(j)].compute(m_unitMatrix);
    }
}

void NormalSampler::drawFixedEffects(bool sampling)
{
    m_precision = m_xtx;
    m_linear = m_xty;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Block<Eigen::MatrixXd, Eigen::Dynamic, Eigen::Dynamic, true> xtz = xtzOf(j);
        m_unitMatrix = m_ztz.middleCols(j * m_q, m_q) + m_sigma2 * m_omegaInverse;
        Eigen::LLT<Eigen::MatrixXd>& cholesky = m_unitCholesky[static_cast<std::size_t>(j)];
        cholesky.compute(m_unitMatrix);
        m_qp = xtz.transpose();
        cholesky.solveInPlace(m_qp);
        m_precision.noalias() -= xtz * m_qp;
        m_qVector = m_zty.col(j);
        cholesky.solveInPlace(m_qVector);
        m_linear.noalias() -= xtz * m_qVector;
    }
    m_precision /= m_sigma2;
    m_linear /= m_sigma2;
    m_betaCholesky.compute(m_precision);
    m_mean = m_linear;
    m_betaCholesky.solveInPlace(m_mean);
    fillStandardNormal(m_rng, m_pVector);
    m_betaCholesky.matrixU().solveInPlace(m_pVector);
    m_beta = m_mean + m_pVector;
    if (sampling) {
        m_covariance.setIdentity();
        m_betaCholesky.solveInPlace(m_covariance);
        addFixedEffectMoments(m_mean, m_covariance);
    }
}

void NormalSampler::drawRandomEffects(bool sampling)
{
    // u_j | beta ~ N(m_j, sigma2_e M_j^-1), m_j = M_j^-1 Z_j'(y_j - X_j beta), with M_j
    // factored above (sigma2_e and Omega have not changed since).
    const double sd = std::sqrt(m_sigma2);
    if (sampling) {
        // Rao-Blackwellisation of the variances over this draw (see NormalSampler.h): the
        // residual sum of squares at u = 0, then per unit E[u'Z'Zu - 2 u'r_j].
        m_scatterMean.setZero();
        m_pVector.noalias() = m_xtx * m_beta;
        m_expectedSquares = m_yty - 2.0 * m_beta.dot(m_xty) + m_beta.dot(m_pVector);
    }
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::LLT<Eigen::MatrixXd>& cholesky = m_unitCholesky[static_cast<std::size_t>(j)];
        m_qVector = m_zty.col(j);
        m_qVector.noalias() -= xtzOf(j).transpose() * m_beta;
        if (sampling)
            m_qVector3 = m_qVector;
        cholesky.solveInPlace(m_qVector);
        if (sampling) {
            const auto ztz = m_ztz.middleCols(j * m_q, m_q);
            m_unitInverse.setIdentity();
            cholesky.solveInPlace(m_unitInverse);
            m_scatterMean.noalias() += m_qVector * m_qVector.transpose();
            m_scatterMean += m_sigma2 * m_unitInverse;
            m_qVector2.noalias() = ztz * m_qVector;
            m_expectedSquares += m_qVector.dot(m_qVector2) - 2.0 * m_qVector.dot(m_qVector3) +
                                 m_sigma2 * ztz.cwiseProduct(m_unitInverse).sum();
        }
        fillStandardNormal(m_rng, m_qVector2);
        cholesky.matrixU().solveInPlace(m_qVector2);
        m_u.col(j) = m_qVector + sd * m_qVector2;
    }
    if (sampling) {
        level2CovarianceMeanInto(m_scatterMean, m_units, m_level2Prior);
        addConditionalMeanMatrix(m_p, m_scatterMean);
        m_varianceMean(0) = (kGammaRate + 0.5 * std::max(m_expectedSquares, 0.0)) /
                            (kGammaShape + 0.5 * m_rows - 1.0);
        addConditionalMeans(m_p + m_q * (m_q + 1) / 2, m_varianceMean);
    }
}

void NormalSampler::drawLevel1Variance(bool sampling)
{
    // Residual sum of squares from the sufficient statistics: y'y - 2 b'X'y + b'X'X b, plus
    // per unit u'Z'Z u - 2 u'Z'(y - X b).
    m_pVector.noalias() = m_xtx * m_beta;
    double squares = m_yty - 2.0 * m_beta.dot(m_xty) + m_beta.dot(m_pVector);
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_qVector = m_zty.col(j);
        m_qVector.noalias() -= xtzOf(j).transpose() * m_beta;
        m_qVector2.noalias() = m_ztz.middleCols(j * m_q, m_q) * m_u.col(j);
        squares += m_u.col(j).dot(m_qVector2) - 2.0 * m_u.col(j).dot(m_qVector);
    }
    squares = std::max(squares, 0.0);
    if (sampling && m_q == 0) {
        // 1 level: the mean of the full conditional given beta.
        m_varianceMean(0) = (kGammaRate + 0.5 * squares) / (kGammaShape + 0.5 * m_rows - 1.0);
        addConditionalMeans(m_p, m_varianceMean);
    }
    m_sigma2 = drawInverseGamma(m_rng, kGammaShape + 0.5 * m_rows, kGammaRate + 0.5 * squares);
}

void NormalSampler::writeValues(double* out) const
{
    for (Eigen::Index k = 0; k < m_p; ++k)
        *out++ = m_beta(k);
    if (m_q == 1) {
        *out++ = m_omega(0, 0);
    } else if (m_q > 1) {
        writeLowerTriangle(m_omega, out);
        out += m_q * (m_q + 1) / 2;
    }
    *out = m_sigma2;
}

} // namespace grove
