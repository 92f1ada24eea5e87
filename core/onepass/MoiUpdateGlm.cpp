// SPDX-License-Identifier: GPL-3.0-or-later
// MoiUpdate for the non-normal families: IWLS-proposal Metropolis-Hastings (Gamerman 1997).
#include "core/onepass/MoiUpdate.h"

#include "core/common/Error.h"
#include "core/math/Priors.h"
#include "core/random/Distributions.h"

#include <algorithm>
#include <cmath>

namespace grove::onepass {

namespace {

constexpr double kTargetAcceptance = 0.44;
constexpr long kAdaptWindow = 50;
constexpr double kMinimumWeight = 1e-10;

/// x' A x without a temporary.
double quadraticForm(const Eigen::MatrixXd& a, const Eigen::VectorXd& x)
{
    double sum = 0.0;
    for (Eigen::Index r = 0; r < x.size(); ++r)
        for (Eigen::Index c = 0; c < x.size(); ++c)
            sum += x(r) * a(r, c) * x(c);
    return sum;
}

} // namespace

void MoiUpdate::workingValues(double y, double eta, double& weight, double& residual) const
{
    switch (m_family) {
    case Family::Binomial: {
        const double mu = 1.0 / (1.0 + std::exp(-eta));
        weight = std::max(mu * (1.0 - mu), kMinimumWeight);
        residual = (y - mu) / weight;
        return;
    }
    case Family::Poisson: {
        const double mu = std::exp(eta);
        weight = std::max(mu, kMinimumWeight);
        residual = (y - mu) / weight;
        return;
    }
    case Family::NegativeBinomial: {
        const double mu = std::max(std::exp(eta), kMinimumWeight);
        weight = mu / (1.0 + m_alpha * mu);
        residual = (y - mu) / mu;
        return;
    }
    case Family::Normal: break;
    }
    weight = 1.0 / m_sigma2;
    residual = y - eta;
}

double MoiUpdate::logProposal(const Eigen::VectorXd& x, const Eigen::VectorXd& mean,
                              const Eigen::MatrixXd& precision,
                              const Eigen::LLT<Eigen::MatrixXd>& factor, Eigen::VectorXd& scratch)
{
    scratch = x - mean;
    double logDet = 0.0;
    const auto& l = factor.matrixLLT();
    for (Eigen::Index k = 0; k < l.rows(); ++k)
        logDet += std::log(l(k, k));
    return -0.5 * quadraticForm(precision, scratch) + logDet;
}

double MoiUpdate::fixedIwls(const Eigen::VectorXd& beta, Eigen::MatrixXd& precision,
                            Eigen::LLT<Eigen::MatrixXd>& factor, Eigen::VectorXd& mean)
{
    precision.setZero();
    m_linear.setZero();
    double logLikelihood = 0.0;
    for (Eigen::Index i = 0; i < m_n; ++i) {
        const double fixed = m_x.row(i).dot(beta);
        const double eta = fixed + m_offset(i);
        const double y = m_y[static_cast<std::size_t>(i)];
        logLikelihood += this->logLikelihood(y, eta);
        double weight = 0.0;
        double residual = 0.0;
        workingValues(y, eta, weight, residual);
        const double working = weight * (fixed + residual);
        for (Eigen::Index a = 0; a < m_p; ++a) {
            const double wa = weight * m_x(i, a);
            m_linear(a) += m_x(i, a) * working;
            for (Eigen::Index b = 0; b <= a; ++b)
                precision(a, b) += wa * m_x(i, b);
        }
    }
    for (Eigen::Index a = 0; a < m_p; ++a)
        for (Eigen::Index b = a + 1; b < m_p; ++b)
            precision(a, b) = precision(b, a);
    factor.compute(precision);
    mean = m_linear;
    factor.solveInPlace(mean);
    return logLikelihood;
}

double MoiUpdate::unitIwls(Eigen::Index unit, const Eigen::VectorXd& u, Eigen::MatrixXd& precision,
                           Eigen::LLT<Eigen::MatrixXd>& factor, Eigen::VectorXd& mean)
{
    precision = m_omegaInverse;
    m_qLinear.setZero();
    double logTarget = -0.5 * quadraticForm(m_omegaInverse, u);
    const auto begin = static_cast<Eigen::Index>(m_unitStart[static_cast<std::size_t>(unit)]);
    const auto end = static_cast<Eigen::Index>(m_unitStart[static_cast<std::size_t>(unit) + 1]);
    for (Eigen::Index i = begin; i < end; ++i) {
        double random = 0.0;
        for (Eigen::Index r = 0; r < m_q; ++r)
            random += m_x(i, m_random[static_cast<std::size_t>(r)]) * u(r);
        const double eta = m_offset(i) + random;
        const double y = m_y[static_cast<std::size_t>(i)];
        logTarget += logLikelihood(y, eta);
        double weight = 0.0;
        double residual = 0.0;
        workingValues(y, eta, weight, residual);
        const double working = weight * (random + residual);
        for (Eigen::Index a = 0; a < m_q; ++a) {
            const double za = m_x(i, m_random[static_cast<std::size_t>(a)]);
            m_qLinear(a) += za * working;
            for (Eigen::Index b = 0; b < m_q; ++b)
                precision(a, b) += weight * za * m_x(i, m_random[static_cast<std::size_t>(b)]);
        }
    }
    factor.compute(precision);
    mean = m_qLinear;
    factor.solveInPlace(mean);
    return logTarget;
}

void MoiUpdate::updateGlm(RandomStream& rng, bool adapting)
{
    glmFixedEffects(rng);
    if (m_q > 0) {
        glmRandomEffects(rng);
        glmShift(rng);
        drawOmega(rng);
    }
    if (m_family == Family::NegativeBinomial)
        dispersion(rng, adapting);
    if (!adapting)
        return;
    // Counts are for after adaptation only.
    m_fixedProposed = m_fixedAccepted = 0;
    m_randomProposed = m_randomAccepted = 0;
}

void MoiUpdate::glmFixedEffects(RandomStream& rng)
{
    for (Eigen::Index i = 0; i < m_n; ++i) {
        double random = 0.0;
        if (m_q > 0) {
            const auto j = static_cast<Eigen::Index>(m_unitOfRow[static_cast<std::size_t>(i)]);
            for (Eigen::Index r = 0; r < m_q; ++r)
                random += m_x(i, m_random[static_cast<std::size_t>(r)]) * m_u(j, r);
        }
        m_offset(i) = random;
    }
    const double current = fixedIwls(m_beta, m_precision, m_factor, m_forwardMean);
    if (m_factor.info() != Eigen::Success)
        throw Error("2LevelMissingOnePass: the fixed-effects design of the model of interest "
                    "became singular");
    fillNormalsInto(rng, m_normals);
    m_factor.matrixU().solveInPlace(m_normals);
    m_candidate = m_forwardMean + m_normals;
    const double forward =
        logProposal(m_candidate, m_forwardMean, m_precision, m_factor, m_pScratch);
    const double proposed =
        fixedIwls(m_candidate, m_reversePrecision, m_reverseFactor, m_reverseMean);
    ++m_fixedProposed;
    if (m_reverseFactor.info() != Eigen::Success || !std::isfinite(proposed))
        return;
    const double reverse =
        logProposal(m_beta, m_reverseMean, m_reversePrecision, m_reverseFactor, m_pScratch);
    if (std::log(rng.uniform()) < proposed - current + reverse - forward) {
        m_beta = m_candidate;
        ++m_fixedAccepted;
    }
}

void MoiUpdate::glmRandomEffects(RandomStream& rng)
{
    for (Eigen::Index i = 0; i < m_n; ++i)
        m_offset(i) = m_x.row(i).dot(m_beta);
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_qCurrent = m_u.row(j).transpose();
        const double current = unitIwls(j, m_qCurrent, m_qPrecision, m_qFactor, m_qMean);
        if (m_qFactor.info() != Eigen::Success)
            continue;
        fillNormalsInto(rng, m_qNormals);
        m_qFactor.matrixU().solveInPlace(m_qNormals);
        m_qCandidate = m_qMean + m_qNormals;
        const double forward =
            logProposal(m_qCandidate, m_qMean, m_qPrecision, m_qFactor, m_qScratch);
        const double proposed =
            unitIwls(j, m_qCandidate, m_qReversePrecision, m_qReverseFactor, m_qReverseMean);
        ++m_randomProposed;
        if (m_qReverseFactor.info() != Eigen::Success || !std::isfinite(proposed))
            continue;
        const double reverse = logProposal(m_qCurrent, m_qReverseMean, m_qReversePrecision,
                                           m_qReverseFactor, m_qScratch);
        if (std::log(rng.uniform()) < proposed - current + reverse - forward) {
            m_u.row(j) = m_qCandidate.transpose();
            ++m_randomAccepted;
        }
    }
}

void MoiUpdate::glmShift(RandomStream& rng)
{
    // The random coefficients are columns of X, so beta_t(r) += d_r, u_jr -= d_r leaves every
    // linear predictor unchanged; with a flat prior on beta, d | rest ~ N(mean_j u_j, Omega / J)
    // exactly. This removes the slow trade-off between beta and the u_j (Liu & Sabatti 2000).
    m_qMean = m_u.colwise().mean().transpose();
    m_omegaFactor.compute(m_omega);
    fillNormalsInto(rng, m_qNormals);
    m_qCandidate.noalias() = m_omegaFactor.matrixL() * m_qNormals;
    m_qCandidate = m_qMean + m_qCandidate / std::sqrt(static_cast<double>(m_units));
    for (Eigen::Index r = 0; r < m_q; ++r) {
        m_beta(m_random[static_cast<std::size_t>(r)]) += m_qCandidate(r);
        m_u.col(r).array() -= m_qCandidate(r);
    }
}

double MoiUpdate::dispersionLogTarget(double alpha) const
{
    const double r = 1.0 / alpha;
    double sum = 0.0;
    for (Eigen::Index i = 0; i < m_n; ++i) {
        const double y = m_y[static_cast<std::size_t>(i)];
        const double mu = std::exp(linearPredictor(static_cast<std::size_t>(i)));
        sum += std::lgamma(y + r) - std::lgamma(r) + r * std::log(r / (r + mu)) +
               y * std::log(mu / (r + mu));
    }
    // Gamma(0.001, 0.001) prior, plus log alpha for the walk on the log scale.
    return sum + (kGammaShape - 1.0) * std::log(alpha) - kGammaRate * alpha + std::log(alpha);
}

void MoiUpdate::dispersion(RandomStream& rng, bool adapting)
{
    const double candidate = m_alpha * std::exp(m_dispersionStep * rng.normal());
    const double current = dispersionLogTarget(m_alpha);
    const double proposed = dispersionLogTarget(candidate);
    const bool accept = std::isfinite(proposed) && std::log(rng.uniform()) < proposed - current;
    if (accept)
        m_alpha = candidate;
    if (adapting) {
        ++m_dispersionWindow;
        m_dispersionWindowAccepted += accept ? 1 : 0;
        if (m_dispersionWindow == kAdaptWindow) {
            const double rate =
                static_cast<double>(m_dispersionWindowAccepted) / static_cast<double>(kAdaptWindow);
            m_dispersionStep = std::clamp(
                m_dispersionStep * std::exp(2.0 * (rate - kTargetAcceptance)), 1e-3, 5.0);
            m_dispersionWindow = 0;
            m_dispersionWindowAccepted = 0;
        }
    } else {
        ++m_dispersionProposed;
        m_dispersionAccepted += accept ? 1 : 0;
    }
}

} // namespace grove::onepass
