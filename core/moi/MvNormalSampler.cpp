// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/MvNormalSampler.h"

#include "core/moi/SamplingSteps.h"

#include <algorithm>
#include <cmath>

namespace grove {

namespace {

std::vector<ParameterInfo> mvParameters(const MoiDesign& design)
{
    std::vector<ParameterInfo> parameters;
    std::size_t index = 0;
    for (const std::string& response : design.responseNames)
        for (const std::string& term : design.fixedTerms)
            parameters.push_back({"beta_" + std::to_string(index++), response + ":" + term});
    // Level 2: the responses' random intercepts; level 1: their residuals.
    std::vector<std::string> intercepts;
    std::vector<std::string> residuals;
    for (const std::string& response : design.responseNames) {
        intercepts.push_back(response + ":cons");
        residuals.push_back(response + ":residual");
    }
    if (design.twoLevel)
        for (ParameterInfo& info :
             lowerTriangleParameters("omega_" + design.randomEffectLabel + "_", intercepts))
            parameters.push_back(info);
    for (ParameterInfo& info : lowerTriangleParameters("omega_e_", residuals))
        parameters.push_back(info);
    return parameters;
}

} // namespace

MvNormalSampler::MvNormalSampler(const MoiDesign& design, std::uint64_t seed, int chain)
    : MoiSampler(mvParameters(design), design.fixedCount() * design.y.cols()), m_design(design),
      m_rng(seed, static_cast<std::uint64_t>(chain)), m_p(design.fixedCount()),
      m_r(design.y.cols()), m_units(design.twoLevel ? design.unitCount() : 0),
      m_rows(static_cast<double>(design.rows())), m_twoLevel(design.twoLevel)
{
    const Eigen::Index p = m_p;
    const Eigen::Index r = m_r;
    const Eigen::Index units = m_units;
    const Eigen::MatrixXd& x = design.x;
    m_xtx.noalias() = x.transpose() * x;
    m_wxx = m_xtx;
    m_unitSize.setZero(units);
    m_xbar.setZero(p, units);
    m_ybar.setZero(r, units);
    m_xbarOuter.setZero(p, p * units);
    for (Eigen::Index j = 0; j < units; ++j) {
        const Eigen::Index start = design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = design.unitSize(j);
        const double n = static_cast<double>(size);
        m_unitSize(j) = n;
        m_xbar.col(j) = x.middleRows(start, size).colwise().mean().transpose();
        m_xbarOuter.middleCols(j * p, p).noalias() = m_xbar.col(j) * m_xbar.col(j).transpose();
        // Within = total - n xbar xbar' (the between part is handled through the unit means).
        m_wxx.noalias() -= n * m_xbar.col(j) * m_xbar.col(j).transpose();
    }
    setResponseStatistics(design.y);

    m_b.setZero(p, r);
    m_u.setZero(r, units);
    m_omegaU.setIdentity(r, r);
    m_omegaE.setIdentity(r, r);
    m_omegaUInverse.setIdentity(r, r);
    m_omegaEInverse.setIdentity(r, r);
    m_precision.setZero(p * r, p * r);
    m_linear.setZero(p * r);
    m_linearMatrix.setZero(p, r);
    m_mean.setZero(p * r);
    m_draw.setZero(p * r);
    m_covariance.setZero(p * r, p * r);
    m_betaCholesky = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p * r, p * r));
    m_unitResidual.setZero(r, units);
    m_rr.setZero(r, r);
    m_rr2.setZero(r, r);
    m_pr.setZero(p, r);
    m_rVector.setZero(r);
    m_rVector2.setZero(r);
    m_rCholesky = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(r, r));
    m_scaleFactor.setZero(r, r);
    m_bartlett.setZero(r, r);
    m_work.setZero(r, r);
    m_scatterMeanU.setZero(r, r);
    m_scatterMeanBetween.setZero(r, r);
    setStartingValues();
}

void MvNormalSampler::setResponseStatistics(const Eigen::Ref<const Eigen::MatrixXd>& y)
{
    m_xty.noalias() = m_design.x.transpose() * y;
    m_wxy = m_xty;
    m_wyy.noalias() = y.transpose() * y;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        const double n = m_unitSize(j);
        m_ybar.col(j) = y.middleRows(start, size).colwise().mean().transpose();
        m_wxy.noalias() -= n * m_xbar.col(j) * m_ybar.col(j).transpose();
        m_wyy.noalias() -= n * m_ybar.col(j) * m_ybar.col(j).transpose();
    }
}

void MvNormalSampler::setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset)
{
    m_adjustedResponse = m_design.y - offset;
    setResponseStatistics(m_adjustedResponse);
}

void MvNormalSampler::addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const
{
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        out.middleRows(start, size).rowwise() += m_u.col(j).transpose();
    }
}

void MvNormalSampler::exportShared(Eigen::VectorXd& out) const
{
    const Eigen::Index coefficients = m_p * m_r;
    out.resize(coefficients + m_r * m_r);
    out.head(coefficients) = Eigen::Map<const Eigen::VectorXd>(m_b.data(), coefficients);
    out.tail(m_r * m_r) = Eigen::Map<const Eigen::VectorXd>(m_omegaE.data(), m_r * m_r);
}

void MvNormalSampler::importShared(const Eigen::VectorXd& in)
{
    const Eigen::Index coefficients = m_p * m_r;
    m_b = Eigen::Map<const Eigen::MatrixXd>(in.data(), m_p, m_r);
    m_omegaE = Eigen::Map<const Eigen::MatrixXd>(in.data() + coefficients, m_r, m_r);
    invert(m_omegaE, m_omegaEInverse);
}

void MvNormalSampler::invert(const Eigen::MatrixXd& matrix, Eigen::MatrixXd& inverse)
{
    m_rCholesky.compute(matrix);
    inverse.setIdentity();
    m_rCholesky.solveInPlace(inverse);
}

void MvNormalSampler::setStartingValues()
{
    // Per-response least squares; Omega_e from the within-unit residuals, Omega_u from the
    // spread of the unit-mean residuals (diagonal, floored). These also centre the priors:
    // inverse-Wishart(R, R diag(start)).
    m_b = m_xtx.ldlt().solve(m_xty);
    const double rDim = static_cast<double>(m_r);
    m_rr =
        m_wyy - m_b.transpose() * m_wxy - m_wxy.transpose() * m_b + m_b.transpose() * m_wxx * m_b;
    const double degrees =
        std::max(m_rows - static_cast<double>(m_units) - static_cast<double>(m_p), 1.0);
    Eigen::VectorXd level1 = (m_rr.diagonal() / degrees).cwiseMax(1e-12);
    m_omegaE = level1.asDiagonal();
    if (m_twoLevel) {
        m_unitResidual = m_ybar;
        m_unitResidual.noalias() -= m_b.transpose() * m_xbar;
        const Eigen::VectorXd centre = m_unitResidual.rowwise().mean();
        Eigen::VectorXd level2 = Eigen::VectorXd::Zero(m_r);
        for (Eigen::Index j = 0; j < m_units; ++j)
            level2.array() +=
                (m_unitResidual.col(j) - centre).array().square() - level1.array() / m_unitSize(j);
        level2 /= static_cast<double>(m_units);
        level2 = level2.cwiseMax(1e-2 * level1);
        m_omegaU = level2.asDiagonal();
        m_priorScaleU = rDim * m_omegaU;
        invert(m_omegaU, m_omegaUInverse);
    }
    m_priorScaleE = rDim * m_omegaE;
    invert(m_omegaE, m_omegaEInverse);
}

void MvNormalSampler::iterate(bool sampling)
{
    drawFixedEffects(sampling);
    if (m_twoLevel) {
        drawUnitEffects(sampling);
        drawLevel2Covariance();
    }
    drawLevel1Covariance(sampling);
}

void MvNormalSampler::drawFixedEffects(bool sampling)
{
    // Precision of vec(B) (response-major): Omega_e^-1 (x) Wxx + sum_j A_j (x) xbar_j xbar_j',
    // A_j = (Omega_e / n_j + Omega_u)^-1; linear term Wxy Omega_e^-1 + sum_j xbar_j (A_j ybar_j)'.
    const Eigen::Index p = m_p;
    for (Eigen::Index r = 0; r < m_r; ++r)
        for (Eigen::Index s = 0; s < m_r; ++s)
            m_precision.block(r * p, s * p, p, p) = m_omegaEInverse(r, s) * m_wxx;
    m_linearMatrix.noalias() = m_wxy * m_omegaEInverse;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_rr2 = m_omegaE / m_unitSize(j) + m_omegaU;
        invert(m_rr2, m_rr);
        for (Eigen::Index r = 0; r < m_r; ++r)
            for (Eigen::Index s = 0; s < m_r; ++s)
                m_precision.block(r * p, s * p, p, p).noalias() +=
                    m_rr(r, s) * m_xbarOuter.middleCols(j * p, p);
        m_rVector.noalias() = m_rr * m_ybar.col(j);
        m_linearMatrix.noalias() += m_xbar.col(j) * m_rVector.transpose();
    }
    m_betaCholesky.compute(m_precision);
    m_mean = Eigen::Map<const Eigen::VectorXd>(m_linearMatrix.data(), p * m_r);
    m_betaCholesky.solveInPlace(m_mean);
    fillStandardNormal(m_rng, m_draw);
    m_betaCholesky.matrixU().solveInPlace(m_draw);
    m_draw += m_mean;
    m_b = Eigen::Map<const Eigen::MatrixXd>(m_draw.data(), p, m_r);
    if (sampling) {
        m_covariance.setIdentity();
        m_betaCholesky.solveInPlace(m_covariance);
        addFixedEffectMoments(m_mean, m_covariance);
    }
}

void MvNormalSampler::drawUnitEffects(bool sampling)
{
    // u_j | B ~ N(Q_j^-1 n_j Omega_e^-1 rbar_j, Q_j^-1), Q_j = n_j Omega_e^-1 + Omega_u^-1.
    // When sampling, the covariances' conditional means over this draw (see the header).
    m_unitResidual = m_ybar;
    m_unitResidual.noalias() -= m_b.transpose() * m_xbar;
    if (sampling) {
        m_scatterMeanU.setZero();
        m_scatterMeanBetween.setZero();
    }
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const double n = m_unitSize(j);
        m_rr = n * m_omegaEInverse + m_omegaUInverse;
        m_rCholesky.compute(m_rr);
        m_rVector.noalias() = n * (m_omegaEInverse * m_unitResidual.col(j));
        m_rCholesky.solveInPlace(m_rVector);
        if (sampling) {
            m_rr2.setIdentity();
            m_rCholesky.solveInPlace(m_rr2); // Q_j^-1
            m_scatterMeanU.noalias() += m_rVector * m_rVector.transpose();
            m_scatterMeanU += m_rr2;
            m_rVector2 = m_unitResidual.col(j) - m_rVector;
            m_scatterMeanBetween.noalias() += n * m_rVector2 * m_rVector2.transpose();
            m_scatterMeanBetween += n * m_rr2;
        }
        fillStandardNormal(m_rng, m_rVector2);
        m_rCholesky.matrixU().solveInPlace(m_rVector2);
        m_u.col(j) = m_rVector + m_rVector2;
    }
    if (sampling) {
        // Inverse-Wishart(R + J, S) has mean S / (J - 1).
        m_scatterMeanU += m_priorScaleU;
        m_scatterMeanU /= static_cast<double>(m_units) - 1.0;
        addConditionalMeanMatrix(m_p * m_r, m_scatterMeanU);
    }
}

void MvNormalSampler::drawLevel2Covariance()
{
    m_rr = m_priorScaleU;
    m_rr.noalias() += m_u * m_u.transpose();
    m_rCholesky.compute(m_rr);
    m_scaleFactor = m_rCholesky.matrixL();
    drawInverseWishartInto(m_rng, static_cast<double>(m_r + m_units), m_scaleFactor, m_bartlett,
                           m_work, m_omegaU);
    invert(m_omegaU, m_omegaUInverse);
}

void MvNormalSampler::drawLevel1Covariance(bool sampling)
{
    // Residual cross-products: within part Wyy - B'Wxy - Wxy'B + B'Wxx B, plus per unit
    // n_j (rbar_j - u_j)(rbar_j - u_j)'.
    m_rr = m_priorScaleE + m_wyy;
    m_rr.noalias() -= m_b.transpose() * m_wxy;
    m_rr.noalias() -= m_wxy.transpose() * m_b;
    m_pr.noalias() = m_wxx * m_b;
    m_rr.noalias() += m_b.transpose() * m_pr;
    if (sampling) {
        // Inverse-Wishart(R + N, S) has mean S / (N - 1); the between-unit part integrated over
        // the unit effects' draw (2 levels).
        m_rr2 = m_rr;
        if (m_twoLevel)
            m_rr2 += m_scatterMeanBetween;
        m_rr2 /= m_rows - 1.0;
        addConditionalMeanMatrix(m_p * m_r + (m_twoLevel ? m_r * (m_r + 1) / 2 : 0), m_rr2);
    }
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_rVector = m_unitResidual.col(j) - m_u.col(j);
        m_rr.noalias() += m_unitSize(j) * m_rVector * m_rVector.transpose();
    }
    m_rCholesky.compute(m_rr);
    m_scaleFactor = m_rCholesky.matrixL();
    drawInverseWishartInto(m_rng, static_cast<double>(m_r) + m_rows, m_scaleFactor, m_bartlett,
                           m_work, m_omegaE);
    invert(m_omegaE, m_omegaEInverse);
}

void MvNormalSampler::writeValues(double* out) const
{
    for (Eigen::Index r = 0; r < m_r; ++r)
        for (Eigen::Index k = 0; k < m_p; ++k)
            *out++ = m_b(k, r);
    if (m_twoLevel) {
        writeLowerTriangle(m_omegaU, out);
        out += m_r * (m_r + 1) / 2;
    }
    writeLowerTriangle(m_omegaE, out);
}

} // namespace grove
