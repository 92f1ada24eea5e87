// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/GlmSampler.h"

#include "core/math/Priors.h"
#include "core/moi/PolyaGamma.h"
#include "core/moi/SamplingSteps.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {

/// Prior guess for a random-coefficient variance on the link scale (inverse-Wishart scale).
constexpr double kLinkScaleVariance = 0.1;
/// Autoregression of the antithetic proposals and of the overrelaxed shift (see GlmSampler.h).
/// Closer to -1 lowers the variance of a short run's mean further for a Gaussian target but
/// raises the Metropolis rejection rate for a skewed one; -0.7 keeps acceptance high.
constexpr double kAntithetic = -0.7;
/// Autoregression of the Poisson linear move of (u, Omega) (the Binomial one uses kAntithetic).
/// Root-mean-square short-run gaps of omega_u_0/1/2 over 40 seeds (GlmShortRunSurvey), Poisson
/// random slope: 0.041/0.041/0.042 sd with rho = 0, 0.040/0.039/0.035 with -0.7, 0.030/0.036/0.033
/// with -0.8 (80 seeds: 0.033/0.036/0.035), 0.036/0.040/0.034 with -0.95; Binomial: 0.028/0.041/
/// 0.050 with 0, 0.024/0.039/0.040 with -0.5, 0.017/0.032/0.032 with -0.7 (80 seeds: 0.018/
/// 0.031/0.033), 0.022/0.040/0.037 with -0.8, 0.024/0.037/0.040 with -0.9.
constexpr double kPoissonMoveAntithetic = -0.8;
/// Autoregression of the Poisson unit proposals: none. The level-2 covariances depend on the
/// random effects through u_j u_j', and an antithetic move correlates (u - c)^2 by rho^2 from one
/// sweep to the next, so it slows them: with -0.7 the random-slope omega_u_0/1/2 gaps were
/// 0.033/0.036/0.035 sd (80 seeds), with 0 0.027/0.025/0.028 (and sigma2_u of the
/// random-intercept model 0.025 -> 0.020, 40 seeds); the fixed effects did not lose (their
/// shift move is still antithetic), and the unit acceptance rate rose from 0.79 to 0.86.
constexpr double kUnitAntithetic = 0.0;
/// Cycles of (beta, u) and Omega per Polya-Gamma draw (2-level Binomial), and of the shift and
/// Omega per sweep (2-level Poisson).
/// Control variate of the Poisson fixed-effect block (see GlmSampler.h): 1 / (1 - rho) times the
/// proposal noise, for which an antithetic Gaussian autoregression's mean is the centre's.
constexpr double kNoiseControl = 1.0 / (1.0 - kAntithetic);
constexpr int kLogitCycles = 3;
/// Sweeps per stored iteration of a 2-level model. The level-2 (co)variances' Rao-Blackwellised
/// means are limited by how far the random effects move per sweep (their conditional given the
/// data is wide when a unit says little about its effects), not by the noise of one draw, so
/// only more sweeps shorten their Monte Carlo error: measured over 40 seeds (100 burn-in + 250
/// iterations, tests/moi/GlmShortRunSurvey.cpp), root-mean-square gaps of 0.042-0.077 sd with 1
/// sweep fall to 0.020-0.042 with 3, at 3 times the cost (before the antithetic linear move).
constexpr int kLevel2Sweeps = 3;

/// Log-likelihood contribution, score residual y - mu and IWLS weight of one row.
inline void familyTerms(bool binomial, double eta, double y, double trials, double& logLik,
                        double& residual, double& weight)
{
    if (binomial) {
        // log(1 + e^eta) and the probability without overflow for any eta.
        const double e = std::exp(-std::abs(eta));
        const double softplus = std::max(eta, 0.0) + std::log1p(e);
        const double probability = eta >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        logLik = y * eta - trials * softplus;
        residual = y - trials * probability;
        weight = trials * probability * (1.0 - probability);
    } else {
        const double mean = std::exp(eta);
        logLik = y * eta - mean;
        residual = y - mean;
        weight = mean;
    }
}

/// log q(to | from) up to a constant for the antithetic proposal
/// N(center + rho (from - center), (1 - rho^2) information^-1); `cholesky` factors
/// `information`.
double logProposalDensity(const Eigen::MatrixXd& information,
                          const Eigen::LLT<Eigen::MatrixXd>& cholesky,
                          const Eigen::Ref<const Eigen::VectorXd>& center,
                          const Eigen::Ref<const Eigen::VectorXd>& from,
                          const Eigen::Ref<const Eigen::VectorXd>& to, double rho,
                          Eigen::Ref<Eigen::VectorXd> work, Eigen::Ref<Eigen::VectorXd> work2)
{
    work = to - center;
    work -= rho * (from - center);
    work2.noalias() = information * work;
    const double logDeterminant = cholesky.matrixLLT().diagonal().array().log().sum();
    return -0.5 * work.dot(work2) / (1.0 - rho * rho) + logDeterminant;
}

/// Adds a tiny ridge so that a near-singular information (all weights ~0) still factors.
void factor(Eigen::LLT<Eigen::MatrixXd>& cholesky, Eigen::MatrixXd& information)
{
    cholesky.compute(information);
    if (cholesky.info() != Eigen::Success) {
        information.diagonal().array() +=
            1e-8 * (1.0 + information.diagonal().cwiseAbs().maxCoeff());
        cholesky.compute(information);
    }
}

} // namespace

GlmSampler::GlmSampler(const MoiDesign& design, MoiDistribution distribution, std::uint64_t seed,
                       int chain)
    : MoiSampler(fixedAndLevel2Parameters(design), design.fixedCount()), m_design(design),
      m_binomial(distribution == MoiDistribution::Binomial),
      m_rng(seed, static_cast<std::uint64_t>(chain)), m_p(design.fixedCount()),
      m_q(design.twoLevel ? design.randomCount() : 0),
      m_units(design.twoLevel ? design.unitCount() : 0)
{
    const Eigen::Index n = design.rows();
    const Eigen::Index p = m_p;
    const Eigen::Index q = m_q;
    m_beta.setZero(p);
    m_u.setZero(q, m_units);
    m_omega = kLinkScaleVariance * Eigen::MatrixXd::Identity(q, q);
    m_omegaInverse = Eigen::MatrixXd::Identity(q, q) / kLinkScaleVariance;
    m_level2Prior = {kGammaShape, kGammaRate, static_cast<double>(q) * m_omega};
    m_level2Scratch = Level2CovarianceScratch(q);
    m_eta.setZero(n);
    m_etaFixed.setZero(n);
    m_offset.setZero(n);
    m_weight.setZero(n);
    m_residual.setZero(n);
    m_weightedX.setZero(n, p);
    for (int slot = 0; slot < 2; ++slot) {
        m_information[static_cast<std::size_t>(slot)].setZero(p, p);
        m_center[static_cast<std::size_t>(slot)].setZero(p);
        m_cholesky[static_cast<std::size_t>(slot)] =
            Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p, p));
        m_unitInformation[static_cast<std::size_t>(slot)].setZero(q, q);
        m_unitCenter[static_cast<std::size_t>(slot)].setZero(q);
        m_unitCholesky[static_cast<std::size_t>(slot)] =
            Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(q, q));
    }
    m_proposal.setZero(p);
    m_fixedNoise.setZero(p);
    m_controlled.setZero(p);
    m_pVector.setZero(p);
    m_pVector2.setZero(p);
    m_unitProposal.setZero(q);
    m_qVector.setZero(q);
    m_qVector2.setZero(q);
    m_scatter.setZero(q, q);
    m_qWork.setZero(q, q);
    m_scatterMean.setZero(q, q);
    m_unitInverse.setZero(q, q);
    for (std::size_t slot = 0; slot < 2; ++slot) {
        m_moveInformation[slot].setZero(q * q, q * q);
        m_moveGradient[slot].setZero(q * q);
        m_moveCholesky[slot] = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(q * q, q * q));
    }
    m_moveCenter.setZero(q * q);
    m_moveUnitScore.setZero(q);
    m_moveUnitWeight.setZero(q, q);
    m_moveVector.setZero(q * q);
    m_moveIdentity.setZero(q * q);
    for (Eigen::Index a = 0; a < q; ++a)
        m_moveIdentity(a * q + a) = 1.0;
    m_moveWork.setZero(q * q);
    m_moveWork2.setZero(q * q);
    m_moveMatrix.setIdentity(q, q);
    m_moveInverse.setIdentity(q, q);
    m_moveLu = Eigen::PartialPivLU<Eigen::MatrixXd>(q);
    m_moveKronecker.setZero(q * q, q * q);
    m_moveProduct.setZero(q * q, q * q);
    if (q == 1) {
        m_scalePriorDf = 2.0 * kGammaShape;
        m_scalePriorScale = Eigen::MatrixXd::Constant(1, 1, 2.0 * kGammaRate);
    } else {
        m_scalePriorDf = static_cast<double>(q);
        m_scalePriorScale = m_level2Prior.priorScale;
    }
    if (m_binomial) {
        m_kappa.resize(n);
        m_trialCounts.resize(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i) {
            m_trialCounts[static_cast<std::size_t>(i)] =
                static_cast<int>(std::lround(design.trials(i)));
            m_kappa(i) = design.y(i, 0) - 0.5 * design.trials(i);
        }
        m_pgWeight.setZero(n);
        m_xtwz.setZero(p, q * m_units);
        m_ztwz.setZero(q, q * m_units);
        m_xtwx.setZero(p, p);
        m_xtk.setZero(p);
        m_ztk.setZero(q, m_units);
        m_blockCholesky.assign(static_cast<std::size_t>(m_units),
                               Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(q, q)));
        m_unitMatrix.setZero(q, q);
        m_qp.setZero(q, p);
        m_precision.setZero(p, p);
        m_linear.setZero(p);
        m_betaCholesky = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p, p));
        m_linearizedBeta.setZero(p);
        m_linearizedU.setZero(q, m_units);
        m_weightControlBeta.setZero(p);
        m_pgDeviation.setZero(n);
        m_linearizedEta.setZero(n);
    }
    m_mean.setZero(p);
    m_covariance.setZero(p, p);
    setStartingValues();
    if (m_q > 0 && !m_binomial)
        prepareShiftMove();
}

void GlmSampler::setStartingValues()
{
    // The 1-level GLM fit by Newton steps with step halving: a start near the posterior mode
    // keeps burn-in short. Random effects start at 0.
    double current = evaluateFixed(m_beta, 0);
    for (int step = 0; step < 50; ++step) {
        m_proposal = m_center[0];
        double trial = evaluateFixed(m_proposal, 1);
        double shrink = 1.0;
        while (!(trial >= current) && shrink > 1e-6) {
            shrink *= 0.5;
            m_proposal = m_beta + shrink * (m_center[0] - m_beta);
            trial = evaluateFixed(m_proposal, 1);
        }
        if (!(trial >= current))
            break;
        const double change = (m_proposal - m_beta).cwiseAbs().maxCoeff();
        m_beta = m_proposal;
        current = evaluateFixed(m_beta, 0);
        if (change < 1e-8)
            break;
    }
}

void GlmSampler::prepareShiftMove()
{
    // Columns that a unit's random coefficients can absorb: a random-slope variable maps to its
    // coefficient; a column constant within every unit (cons, level-2 variables) to the
    // intercept, scaled by the unit's value.
    const Eigen::MatrixXd& x = m_design.x;
    std::vector<Eigen::Index> randomOf(static_cast<std::size_t>(m_p), -1);
    for (Eigen::Index m = 0; m < m_q; ++m) {
        const Eigen::Index column = m_design.fixedColumnOfRandom[static_cast<std::size_t>(m)];
        if (column >= 0)
            randomOf[static_cast<std::size_t>(column)] = m;
    }
    for (Eigen::Index k = 0; k < m_p; ++k) {
        bool constantWithinUnits = true;
        for (Eigen::Index j = 0; j < m_units && constantWithinUnits; ++j) {
            const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
            const Eigen::Index size = m_design.unitSize(j);
            constantWithinUnits = (x.col(k).segment(start, size).array() == x(start, k)).all();
        }
        if (randomOf[static_cast<std::size_t>(k)] >= 0 || constantWithinUnits)
            m_shiftColumns.push_back(k);
    }
    const Eigen::Index s = static_cast<Eigen::Index>(m_shiftColumns.size());
    m_shiftMap.setZero(m_q, s * m_units);
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        for (Eigen::Index c = 0; c < s; ++c) {
            const Eigen::Index k = m_shiftColumns[static_cast<std::size_t>(c)];
            const Eigen::Index m = randomOf[static_cast<std::size_t>(k)];
            if (m >= 0)
                m_shiftMap(m, j * s + c) = 1.0;
            else
                m_shiftMap(0, j * s + c) = x(start, k);
        }
    }
    m_shiftPrecision.setZero(s, s);
    m_shiftLinear.setZero(s);
    m_shiftDraw.setZero(s);
    m_shiftCovariance.setZero(s, s);
    m_qs.setZero(m_q, s);
    m_shiftCholesky = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(s, s));
}

double GlmSampler::evaluateFixed(const Eigen::Ref<const Eigen::VectorXd>& beta, int slot)
{
    const std::size_t index = static_cast<std::size_t>(slot);
    const Eigen::MatrixXd& x = m_design.x;
    const Eigen::Ref<const Eigen::VectorXd> y = m_design.y.col(0);
    m_eta.noalias() = x * beta;
    m_eta += m_offset;
    double logLik = 0.0;
    for (Eigen::Index i = 0; i < m_eta.size(); ++i) {
        double term = 0.0;
        const double trials = m_binomial ? m_design.trials(i) : 1.0;
        familyTerms(m_binomial, m_eta(i), y(i), trials, term, m_residual(i), m_weight(i));
        logLik += term;
    }
    m_weightedX.noalias() = m_weight.asDiagonal() * x;
    m_information[index].noalias() = x.transpose() * m_weightedX;
    factor(m_cholesky[index], m_information[index]);
    m_center[index].noalias() = x.transpose() * m_residual;
    m_cholesky[index].solveInPlace(m_center[index]);
    m_center[index] += beta;
    return std::isfinite(logLik) ? logLik : -std::numeric_limits<double>::infinity();
}

double GlmSampler::evaluateUnit(Eigen::Index unit, const Eigen::Ref<const Eigen::VectorXd>& u,
                                int slot)
{
    const std::size_t index = static_cast<std::size_t>(slot);
    const Eigen::MatrixXd& z = m_design.z;
    const Eigen::Ref<const Eigen::VectorXd> y = m_design.y.col(0);
    Eigen::MatrixXd& information = m_unitInformation[index];
    Eigen::VectorXd& center = m_unitCenter[index];
    information = m_omegaInverse;
    center.noalias() = m_omegaInverse * u;
    center = -center;
    double logLik = 0.5 * u.dot(center);
    const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(unit)];
    const Eigen::Index end = start + m_design.unitSize(unit);
    for (Eigen::Index i = start; i < end; ++i) {
        double eta = m_etaFixed(i);
        for (Eigen::Index a = 0; a < m_q; ++a)
            eta += z(i, a) * u(a);
        double term = 0.0;
        double residual = 0.0;
        double weight = 0.0;
        const double trials = m_binomial ? m_design.trials(i) : 1.0;
        familyTerms(m_binomial, eta, y(i), trials, term, residual, weight);
        logLik += term;
        for (Eigen::Index a = 0; a < m_q; ++a) {
            center(a) += residual * z(i, a);
            for (Eigen::Index b = 0; b <= a; ++b)
                information(a, b) += weight * z(i, a) * z(i, b);
        }
    }
    for (Eigen::Index a = 0; a < m_q; ++a)
        for (Eigen::Index b = 0; b < a; ++b)
            information(b, a) = information(a, b);
    factor(m_unitCholesky[index], information);
    m_unitCholesky[index].solveInPlace(center);
    center += u;
    return std::isfinite(logLik) ? logLik : -std::numeric_limits<double>::infinity();
}

void GlmSampler::iterate(bool sampling)
{
    const int sweeps = m_q > 0 ? kLevel2Sweeps : 1;
    for (int count = 0; count < sweeps; ++count)
        sweep(sampling);
}

void GlmSampler::sweep(bool sampling)
{
    if (m_binomial) {
        updateLogitBlock(sampling);
        return;
    }
    // Antithetic moves only once sampling: from a start many conditional sds away (burn-in), a
    // reflected proposal lands as far out on the other side, where the Gaussian approximation
    // is poor and Metropolis-Hastings would reject it.
    const double rho = sampling ? kAntithetic : 0.0;
    updateFixedEffects(rho);
    if (sampling && m_q == 0)
        addControlledFixedMean(m_beta);
    if (m_q > 0) {
        updateRandomEffects(kUnitAntithetic);
        // The shift and Omega cost O(J) and do not touch the rows: alternate them a few times
        // (as the Binomial sampler does given omega), the shift Rao-Blackwellising each time.
        // The linear predictor, which the shift leaves unchanged and the scale move updates.
        m_eta.noalias() = m_design.x * m_beta;
        for (Eigen::Index j = 0; j < m_units; ++j) {
            const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
            const Eigen::Index size = m_design.unitSize(j);
            m_eta.segment(start, size).noalias() += m_design.z.middleRows(start, size) * m_u.col(j);
        }
        if (m_hasKnownOffset)
            m_eta += m_knownOffset;
        for (int cycle = 0; cycle < kLogitCycles; ++cycle) {
            linearMovePoisson(sampling ? kPoissonMoveAntithetic : 0.0);
            shiftMove(rho, sampling);
            if (sampling)
                addLevel2CovarianceMean();
            drawLevel2Covariance(m_rng, m_u, m_level2Prior, m_level2Scratch, m_omega,
                                 m_omegaInverse);
        }
    }
}

void GlmSampler::updateFixedEffects(double rho)
{
    const Eigen::MatrixXd& z = m_design.z;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index end = start + m_design.unitSize(j);
        for (Eigen::Index i = start; i < end; ++i) {
            double offset = 0.0;
            for (Eigen::Index a = 0; a < m_q; ++a)
                offset += z(i, a) * m_u(a, j);
            m_offset(i) = offset;
        }
    }
    if (m_hasKnownOffset)
        m_offset += m_knownOffset;
    const double current = evaluateFixed(m_beta, 0);
    fillStandardNormal(m_rng, m_pVector);
    const double forward =
        -0.5 * m_pVector.squaredNorm() + m_cholesky[0].matrixLLT().diagonal().array().log().sum();
    m_cholesky[0].matrixU().solveInPlace(m_pVector);
    m_fixedNoise = std::sqrt(1.0 - rho * rho) * m_pVector;
    m_proposal = m_center[0] + m_fixedNoise;
    m_proposal += rho * (m_beta - m_center[0]);
    const double proposed = evaluateFixed(m_proposal, 1);
    const double backward = logProposalDensity(m_information[1], m_cholesky[1], m_center[1],
                                               m_proposal, m_beta, rho, m_pVector, m_pVector2);
    const double logRatio = proposed - current + backward - forward;
    ++m_fixedTried;
    // Control variate: the noise, plus the accept/reject noise x_{t+1} - E[x_{t+1} | x_t, y].
    const double acceptance = std::isfinite(logRatio) ? std::exp(std::min(0.0, logRatio)) : 0.0;
    m_fixedNoise *= kNoiseControl;
    m_fixedNoise -= (1.0 - acceptance) * m_beta + acceptance * m_proposal;
    if (std::log(m_rng.uniform()) < logRatio) {
        m_beta = m_proposal;
        ++m_fixedAccepted;
    }
    m_fixedNoise += m_beta;
    m_etaFixed.noalias() = m_design.x * m_beta;
    if (m_hasKnownOffset)
        m_etaFixed += m_knownOffset;
}

void GlmSampler::updateLogitBlock(bool sampling)
{
    const Eigen::MatrixXd& x = m_design.x;
    const Eigen::MatrixXd& z = m_design.z;
    // Linear predictor and the Polya-Gamma weights.
    m_eta.noalias() = x * m_beta;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index end = start + m_design.unitSize(j);
        for (Eigen::Index i = start; i < end; ++i)
            for (Eigen::Index a = 0; a < m_q; ++a)
                m_eta(i) += z(i, a) * m_u(a, j);
    }
    if (m_hasKnownOffset)
        m_eta += m_knownOffset;
    for (Eigen::Index i = 0; i < m_eta.size(); ++i)
        m_pgWeight(i) = drawPolyaGamma(m_rng, m_trialCounts[static_cast<std::size_t>(i)], m_eta(i));
    if (sampling)
        prepareWeightControl(); // before the sums below are replaced: it uses the previous ones

    // Everything of the Gaussian model given omega that does not involve Omega, in one pass
    // over the rows: X'WX, X'kappa, and per unit X_j'W_jZ_j, Z_j'W_jZ_j, Z_j'kappa_j.
    m_weightedX.noalias() = m_pgWeight.asDiagonal() * x;
    m_xtwx.noalias() = x.transpose() * m_weightedX;
    // Given omega a known offset o turns the pseudo-responses kappa / omega into
    // kappa / omega - o, i.e. kappa into kappa - omega o.
    const Eigen::VectorXd* kappa = &m_kappa;
    if (m_hasKnownOffset) {
        m_offsetKappa = m_kappa - m_pgWeight.cwiseProduct(m_knownOffset);
        kappa = &m_offsetKappa;
    }
    m_xtk.noalias() = x.transpose() * *kappa;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        const auto zj = z.middleRows(start, size);
        m_xtwz.middleCols(j * m_q, m_q).noalias() =
            m_weightedX.middleRows(start, size).transpose() * zj;
        m_ztk.col(j).noalias() = zj.transpose() * kappa->segment(start, size);
        auto ztwz = m_ztwz.middleCols(j * m_q, m_q);
        ztwz.setZero();
        for (Eigen::Index i = start; i < start + size; ++i)
            for (Eigen::Index a = 0; a < m_q; ++a)
                for (Eigen::Index b = 0; b <= a; ++b)
                    ztwz(a, b) += m_pgWeight(i) * z(i, a) * z(i, b);
    }
    // Given omega, (beta, u) and Omega alternate a few times: these cycles cost O(J p^2 q) each,
    // against O(N) Polya-Gamma draws per sweep, and let Omega (the slowest parameter) move
    // further per sweep. Each cycle's conditional moments of beta feed the Rao-Blackwellised
    // mean.
    const int cycles = m_q > 0 ? kLogitCycles : 1;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        drawLogitEffects(sampling);
        if (m_q > 0) {
            if (sampling)
                addLevel2CovarianceMean();
            linearMoveLogit(sampling ? kAntithetic : 0.0);
            drawLevel2Covariance(m_rng, m_u, m_level2Prior, m_level2Scratch, m_omega,
                                 m_omegaInverse);
        }
    }
}

void GlmSampler::drawLogitEffects(bool sampling)
{
    // beta | omega, Omega with u integrated out: precision X'WX - sum_j X_j'W_jZ_j M_j^-1
    // Z_j'W_jX_j and linear term X'kappa - sum_j X_j'W_jZ_j M_j^-1 Z_j'kappa_j, where
    // M_j = Z_j'W_jZ_j + Omega^-1.
    m_precision = m_xtwx;
    m_linear = m_xtk;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const auto xtwz = m_xtwz.middleCols(j * m_q, m_q);
        m_unitMatrix = m_ztwz.middleCols(j * m_q, m_q) + m_omegaInverse;
        Eigen::LLT<Eigen::MatrixXd>& cholesky = m_blockCholesky[static_cast<std::size_t>(j)];
        cholesky.compute(m_unitMatrix); // reads the lower triangle only
        m_qp = xtwz.transpose();
        cholesky.solveInPlace(m_qp);
        m_precision.noalias() -= xtwz * m_qp;
        m_linear.noalias() -= m_qp.transpose() * m_ztk.col(j);
    }
    factor(m_betaCholesky, m_precision);
    m_mean = m_betaCholesky.solve(m_linear);
    m_linearizedBeta = m_mean;
    if (sampling) {
        m_covariance.setIdentity();
        m_betaCholesky.solveInPlace(m_covariance);
        addFixedEffectMoments(m_mean, m_covariance);
        m_controlled = m_mean - m_weightControlBeta;
        addConditionalMeans(0, m_controlled);
    }
    fillStandardNormal(m_rng, m_pVector);
    m_betaCholesky.matrixU().solveInPlace(m_pVector);
    m_beta = m_mean + m_pVector;

    // u_j | beta, omega, Omega ~ N(M_j^-1 (Z_j'kappa_j - Z_j'W_jX_j beta), M_j^-1); when
    // sampling, sum E[u_j u_j'] over that distribution for the Omega mean.
    if (sampling)
        m_scatterMean.setZero();
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::LLT<Eigen::MatrixXd>& cholesky = m_blockCholesky[static_cast<std::size_t>(j)];
        m_qVector = m_ztk.col(j);
        m_qVector2 = m_qVector;
        m_qVector2.noalias() -= m_xtwz.middleCols(j * m_q, m_q).transpose() * m_linearizedBeta;
        cholesky.solveInPlace(m_qVector2);
        m_linearizedU.col(j) = m_qVector2; // joint mean of u_j, (beta, u) given (omega, Omega)
        m_qVector.noalias() -= m_xtwz.middleCols(j * m_q, m_q).transpose() * m_beta;
        cholesky.solveInPlace(m_qVector);
        if (sampling) {
            m_unitInverse.setIdentity();
            cholesky.solveInPlace(m_unitInverse);
            m_scatterMean.noalias() += m_qVector * m_qVector.transpose();
            m_scatterMean += m_unitInverse;
        }
        fillStandardNormal(m_rng, m_qVector2);
        cholesky.matrixU().solveInPlace(m_qVector2);
        m_u.col(j) = m_qVector + m_qVector2;
    }
}

void GlmSampler::prepareWeightControl()
{
    // The fixed effects' conditional means given (omega, Omega) carry the noise of the
    // Polya-Gamma draw. Given the state before the draw, d = omega - E[omega | eta] has mean
    // zero, so a linear function of d whose coefficients are fixed before the draw can be
    // subtracted from every estimate without bias (a control variate). The coefficients are the
    // derivative of the mean in omega, at the previous cycle's Gaussian model: with A theta =
    // R'kappa, A = R'WR + blockdiag(0, Omega^-1), R = [X Z], dtheta = -A^-1 R'(d * R theta),
    // solved with that model's factors (beta's Schur complement and every M_j).
    const Eigen::MatrixXd& x = m_design.x;
    const Eigen::MatrixXd& z = m_design.z;
    m_linearizedEta.noalias() = x * m_linearizedBeta;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        m_linearizedEta.segment(start, size).noalias() +=
            z.middleRows(start, size) * m_linearizedU.col(j);
    }
    for (Eigen::Index i = 0; i < m_eta.size(); ++i)
        m_pgDeviation(i) =
            (m_pgWeight(i) - polyaGammaMean(m_trialCounts[static_cast<std::size_t>(i)], m_eta(i))) *
            m_linearizedEta(i);
    // beta part of -A^-1 R'v, v = d * R theta: P^-1 (-X'v + sum_j X_j'W_jZ_j M_j^-1 Z_j'v_j).
    m_weightControlBeta.noalias() = x.transpose() * m_pgDeviation;
    m_weightControlBeta = -m_weightControlBeta;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        m_qVector.noalias() =
            z.middleRows(start, size).transpose() * m_pgDeviation.segment(start, size);
        m_blockCholesky[static_cast<std::size_t>(j)].solveInPlace(m_qVector);
        m_weightControlBeta.noalias() += m_xtwz.middleCols(j * m_q, m_q) * m_qVector;
    }
    m_betaCholesky.solveInPlace(m_weightControlBeta);
}

void GlmSampler::updateRandomEffects(double rho)
{
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const double current = evaluateUnit(j, m_u.col(j), 0);
        fillStandardNormal(m_rng, m_qVector);
        const double forward = -0.5 * m_qVector.squaredNorm() +
                               m_unitCholesky[0].matrixLLT().diagonal().array().log().sum();
        m_unitCholesky[0].matrixU().solveInPlace(m_qVector);
        m_unitProposal = m_unitCenter[0] + std::sqrt(1.0 - rho * rho) * m_qVector;
        m_unitProposal += rho * (m_u.col(j) - m_unitCenter[0]);
        const double proposed = evaluateUnit(j, m_unitProposal, 1);
        const double backward =
            logProposalDensity(m_unitInformation[1], m_unitCholesky[1], m_unitCenter[1],
                               m_unitProposal, m_u.col(j), rho, m_qVector, m_qVector2);
        ++m_unitTried;
        if (std::log(m_rng.uniform()) < proposed - current + backward - forward) {
            m_u.col(j) = m_unitProposal;
            ++m_unitAccepted;
        }
    }
}

void GlmSampler::shiftMove(double rho, bool sampling)
{
    const Eigen::Index s = static_cast<Eigen::Index>(m_shiftColumns.size());
    if (sampling) // without a shift (or if it cannot be made), E[u u'] is u u'
        m_scatterMean.noalias() = m_u * m_u.transpose();
    if (s == 0)
        return;
    m_shiftPrecision.setZero();
    m_shiftLinear.setZero();
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Ref<const Eigen::MatrixXd> map = m_shiftMap.middleCols(j * s, s);
        m_qs.noalias() = m_omegaInverse * map;
        m_shiftPrecision.noalias() += map.transpose() * m_qs;
        m_shiftLinear.noalias() += m_qs.transpose() * m_u.col(j);
    }
    m_shiftCholesky.compute(m_shiftPrecision);
    if (m_shiftCholesky.info() != Eigen::Success)
        return;
    // delta | rest ~ N(mean, precision^-1) with the current state at delta = 0; the
    // overrelaxed draw mean + rho (0 - mean) + sqrt(1 - rho^2) noise leaves it invariant.
    m_shiftCholesky.solveInPlace(m_shiftLinear);
    if (sampling) {
        // Rao-Blackwellisation along the shift: given the orbit {(beta_S + delta, u_j - A_j
        // delta)}, beta_S is Normal with mean beta_S + mean(delta) and covariance
        // precision^-1; the other fixed effects are fixed on the orbit.
        m_mean = m_beta;
        m_covariance.setZero();
        m_shiftCovariance.setIdentity();
        m_shiftCholesky.solveInPlace(m_shiftCovariance);
        for (Eigen::Index c = 0; c < s; ++c) {
            const Eigen::Index k = m_shiftColumns[static_cast<std::size_t>(c)];
            m_mean(k) += m_shiftLinear(c);
            for (Eigen::Index d = 0; d < s; ++d)
                m_covariance(k, m_shiftColumns[static_cast<std::size_t>(d)]) =
                    m_shiftCovariance(c, d);
        }
        addFixedEffectMoments(m_mean, m_covariance);
        addControlledFixedMean(m_mean);
        // The same orbit for Omega: E[(u_j - A_j delta)(u_j - A_j delta)'] =
        // (u_j - A_j mu)(u_j - A_j mu)' + A_j Sigma A_j', summed over units.
        m_scatterMean.setZero();
        for (Eigen::Index j = 0; j < m_units; ++j) {
            const Eigen::Ref<const Eigen::MatrixXd> map = m_shiftMap.middleCols(j * s, s);
            m_qVector = m_u.col(j);
            m_qVector.noalias() -= map * m_shiftLinear;
            m_scatterMean.noalias() += m_qVector * m_qVector.transpose();
            m_qs.noalias() = map * m_shiftCovariance;
            m_scatterMean.noalias() += m_qs * map.transpose();
        }
    }
    fillStandardNormal(m_rng, m_shiftDraw);
    m_shiftCholesky.matrixU().solveInPlace(m_shiftDraw);
    m_shiftDraw *= std::sqrt(1.0 - rho * rho);
    m_shiftDraw += (1.0 - rho) * m_shiftLinear;
    for (Eigen::Index c = 0; c < s; ++c)
        m_beta(m_shiftColumns[static_cast<std::size_t>(c)]) += m_shiftDraw(c);
    for (Eigen::Index j = 0; j < m_units; ++j)
        m_u.col(j).noalias() -= m_shiftMap.middleCols(j * s, s) * m_shiftDraw;
}

void GlmSampler::addControlledFixedMean(const Eigen::Ref<const Eigen::VectorXd>& estimate)
{
    m_controlled = estimate;
    m_controlled -= m_fixedNoise;
    addConditionalMeans(0, m_controlled);
}

namespace {

/// The inverse from an LU factorisation, P^-1 then the two triangular solves: Eigen's
/// PartialPivLU::inverse() and its permutation products allocate temporaries.
void invertInto(const Eigen::PartialPivLU<Eigen::MatrixXd>& lu, Eigen::MatrixXd& out)
{
    out.setZero();
    const auto& indices = lu.permutationP().indices();
    for (Eigen::Index i = 0; i < out.cols(); ++i)
        out(indices(i), i) = 1.0;
    lu.matrixLU().triangularView<Eigen::UnitLower>().solveInPlace(out);
    lu.matrixLU().triangularView<Eigen::Upper>().solveInPlace(out);
}

/// K = G (x) I_q, which maps the move's covariates vec(z u') to vec(z (G u)').
void kroneckerWithIdentity(const Eigen::MatrixXd& g, Eigen::MatrixXd& out)
{
    const Eigen::Index q = g.rows();
    out.setZero();
    for (Eigen::Index a = 0; a < q; ++a)
        for (Eigen::Index b = 0; b < q; ++b)
            for (Eigen::Index c = 0; c < q; ++c)
                out(a * q + c, b * q + c) = g(a, b);
}

} // namespace

bool GlmSampler::proposeLinearMove(double rho)
{
    // G ~ N(c + rho (vec I - c), (1 - rho^2) I0^-1), c = vec I + I0^-1 g0, from slot 0 into
    // m_moveMatrix (antithetic for rho < 0: the scale and shape of (u, Omega) are reflected
    // through the centre); m_moveCenter keeps c. Only det G > 0 (the group GL+(q)); anything
    // else counts as rejected.
    const Eigen::Index q = m_q;
    m_moveCenter = m_moveGradient[0];
    m_moveCholesky[0].solveInPlace(m_moveCenter);
    for (Eigen::Index a = 0; a < q; ++a)
        m_moveCenter(a * q + a) += 1.0;
    fillStandardNormal(m_rng, m_moveVector);
    m_moveCholesky[0].matrixU().solveInPlace(m_moveVector);
    m_moveVector *= std::sqrt(1.0 - rho * rho);
    m_moveVector += (1.0 - rho) * m_moveCenter;
    m_moveVector += rho * m_moveIdentity;
    m_moveMatrix = Eigen::Map<const Eigen::MatrixXd>(m_moveVector.data(), q, q);
    m_moveLu.compute(m_moveMatrix);
    if (!(m_moveLu.determinant() > 0.0)) {
        ++m_moveTried;
        return false;
    }
    invertInto(m_moveLu, m_moveInverse);
    return true;
}

bool GlmSampler::acceptLinearMove(double logLikelihoodChange, double rho)
{
    // Metropolis-Hastings for (u_j, Omega) -> (G u_j, G Omega G') (see GlmSampler.h). Slot 0:
    // information and gradient in vec(G) at the current state (G = I), factored; slot 1 the same
    // at the proposed state in its own coordinates, where the way back is G^-1. With Lebesgue
    // measure on G the ratio carries |det G|^(J + q + 1) (Jacobian of the state map),
    // |det G|^-2q (Jacobian of G -> G^-1), |det G|^-J (the N(0, Omega) density of u) and the
    // inverse-Wishart(nu0, S0) prior ratio |det G|^-(nu0 + q + 1) exp(-tr(S0 dOmega^-1) / 2):
    // in all |det G|^-(nu0 + 2q).
    const Eigen::Index q = m_q;
    const double logDeterminant = std::log(m_moveLu.determinant());
    const double forward =
        logProposalDensity(m_moveInformation[0], m_moveCholesky[0], m_moveCenter, m_moveIdentity,
                           m_moveVector, rho, m_moveWork, m_moveWork2);
    m_moveCenter = m_moveGradient[1];
    m_moveCholesky[1].solveInPlace(m_moveCenter);
    for (Eigen::Index a = 0; a < q; ++a)
        m_moveCenter(a * q + a) += 1.0;
    m_moveVector = Eigen::Map<const Eigen::VectorXd>(m_moveInverse.data(), q * q);
    const double backward =
        logProposalDensity(m_moveInformation[1], m_moveCholesky[1], m_moveCenter, m_moveIdentity,
                           m_moveVector, rho, m_moveWork, m_moveWork2);
    // Prior: tr(S0 (G^-T Omega^-1 G^-1 - Omega^-1)).
    m_qWork.noalias() = m_omegaInverse * m_moveInverse;
    m_scatter.noalias() = m_moveInverse.transpose() * m_qWork; // proposed Omega^-1
    const double trace = (m_scalePriorScale.cwiseProduct(m_scatter - m_omegaInverse)).sum();
    const double logRatio = logLikelihoodChange -
                            (m_scalePriorDf + 2.0 * static_cast<double>(q)) * logDeterminant -
                            0.5 * trace + backward - forward;
    ++m_moveTried;
    if (!(std::log(m_rng.uniform()) < logRatio))
        return false;
    ++m_moveAccepted;
    m_omegaInverse = m_scatter;
    m_qWork.noalias() = m_moveMatrix * m_omega;
    m_omega.noalias() = m_qWork * m_moveMatrix.transpose();
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_qVector = m_u.col(j);
        m_u.col(j).noalias() = m_moveMatrix * m_qVector;
    }
    return true;
}

void GlmSampler::linearMoveLogit(double rho)
{
    // Given the Polya-Gamma weights the log-likelihood is sum kappa eta - omega eta^2 / 2 with
    // eta_i = x_i'beta + z_i'G u_j: exactly quadratic in vec(G), whose covariates are
    // vec(z_i u_j'). At G = I: information sum_j (u_j u_j') (x) Z_j'W_jZ_j and gradient
    // vec(sum_j Z_j'(kappa_j - W_j eta_j) u_j'), from the per-unit sums (O(J q^4)).
    const Eigen::Index q = m_q;
    Eigen::MatrixXd& information = m_moveInformation[0];
    Eigen::VectorXd& gradient = m_moveGradient[0];
    information.setZero();
    gradient.setZero();
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const auto ztwz = m_ztwz.middleCols(j * q, q);
        m_qVector2 = m_ztk.col(j);
        m_qVector2.noalias() -= m_xtwz.middleCols(j * q, q).transpose() * m_beta;
        m_qVector2.noalias() -= ztwz.selfadjointView<Eigen::Lower>() * m_u.col(j);
        for (Eigen::Index b = 0; b < q; ++b)
            for (Eigen::Index a = 0; a < q; ++a) {
                gradient(b * q + a) += m_qVector2(a) * m_u(b, j);
                for (Eigen::Index d = 0; d < q; ++d)
                    for (Eigen::Index c = 0; c < q; ++c) {
                        const double zz = c <= a ? ztwz(a, c) : ztwz(c, a);
                        information(b * q + a, d * q + c) += m_u(b, j) * m_u(d, j) * zz;
                    }
            }
    }
    factor(m_moveCholesky[0], information);
    if (!proposeLinearMove(rho))
        return;
    // Exact change g'delta - delta'I delta / 2, delta = vec(G - I); at the proposed state
    // I1 = K I K' and g1 = K (g - I delta), K = G (x) I.
    m_moveWork = m_moveVector;
    for (Eigen::Index a = 0; a < q; ++a)
        m_moveWork(a * q + a) -= 1.0;
    m_moveWork2.noalias() = information * m_moveWork;
    const double change = gradient.dot(m_moveWork) - 0.5 * m_moveWork.dot(m_moveWork2);
    kroneckerWithIdentity(m_moveMatrix, m_moveKronecker);
    m_moveWork = gradient - m_moveWork2;
    m_moveGradient[1].noalias() = m_moveKronecker * m_moveWork;
    m_moveProduct.noalias() = m_moveKronecker * information;
    m_moveInformation[1].noalias() = m_moveProduct * m_moveKronecker.transpose();
    factor(m_moveCholesky[1], m_moveInformation[1]);
    acceptLinearMove(change, rho);
}

double GlmSampler::poissonMoveTerms(const Eigen::Ref<const Eigen::MatrixXd>& g, int slot)
{
    // Log-likelihood at (G u_j), and its gradient and information in vec(H) for the state's
    // own move H around I: eta_i(H) = eta_i + z_i'(H G u_j - u_j), covariates vec(z_i v_j'),
    // v_j = G u_j. v_j is constant within a unit, so the rows only form Z_j'r_j and Z_j'W_jZ_j;
    // the gradient is sum_j vec(Z_j'r_j v_j') and the information sum_j (v_j v_j') (x) Z_j'W_jZ_j.
    const Eigen::Index q = m_q;
    const std::size_t index = static_cast<std::size_t>(slot);
    Eigen::MatrixXd& information = m_moveInformation[index];
    Eigen::VectorXd& gradient = m_moveGradient[index];
    information.setZero();
    gradient.setZero();
    const Eigen::MatrixXd& z = m_design.z;
    const Eigen::Ref<const Eigen::VectorXd> y = m_design.y.col(0);
    double logLik = 0.0;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_qVector.noalias() = g * m_u.col(j); // v_j = G u_j
        m_qVector2 = m_qVector - m_u.col(j);  // change of u_j
        m_moveUnitScore.setZero();
        m_moveUnitWeight.setZero();
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index end = start + m_design.unitSize(j);
        for (Eigen::Index i = start; i < end; ++i) {
            double eta = m_eta(i);
            for (Eigen::Index a = 0; a < q; ++a)
                eta += z(i, a) * m_qVector2(a);
            double term = 0.0;
            double residual = 0.0;
            double weight = 0.0;
            familyTerms(false, eta, y(i), 1.0, term, residual, weight);
            logLik += term;
            for (Eigen::Index a = 0; a < q; ++a) {
                m_moveUnitScore(a) += residual * z(i, a);
                for (Eigen::Index c = 0; c <= a; ++c)
                    m_moveUnitWeight(a, c) += weight * z(i, a) * z(i, c);
            }
        }
        for (Eigen::Index b = 0; b < q; ++b)
            for (Eigen::Index a = 0; a < q; ++a) {
                gradient(b * q + a) += m_moveUnitScore(a) * m_qVector(b);
                for (Eigen::Index d = 0; d < q; ++d)
                    for (Eigen::Index c = 0; c < q; ++c)
                        information(b * q + a, d * q + c) +=
                            m_qVector(b) * m_qVector(d) *
                            (c <= a ? m_moveUnitWeight(a, c) : m_moveUnitWeight(c, a));
            }
    }
    factor(m_moveCholesky[index], information);
    return std::isfinite(logLik) ? logLik : -std::numeric_limits<double>::infinity();
}

void GlmSampler::linearMovePoisson(double rho)
{
    // IWLS proposal for vec(G) from the current state (one Fisher-scoring step from G = I).
    m_moveMatrix.setIdentity();
    const double current = poissonMoveTerms(m_moveMatrix, 0);
    if (!proposeLinearMove(rho))
        return;
    const double proposed = poissonMoveTerms(m_moveMatrix, 1);
    if (!std::isfinite(proposed)) {
        ++m_moveTried;
        return;
    }
    if (!acceptLinearMove(proposed - current, rho))
        return;
    // Keep eta consistent with the accepted state: u_j is now G u_j_old, so the change of
    // Z_j u_j is Z_j (I - G^-1) u_j.
    const Eigen::MatrixXd& z = m_design.z;
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const Eigen::Index start = m_design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = m_design.unitSize(j);
        m_qVector = m_u.col(j);
        m_qVector.noalias() -= m_moveInverse * m_u.col(j);
        m_eta.segment(start, size).noalias() += z.middleRows(start, size) * m_qVector;
    }
}

void GlmSampler::setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset)
{
    m_knownOffset = offset.col(0);
    m_hasKnownOffset = true;
}

void GlmSampler::addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const
{
    addUnitEffects(m_design, m_u, out);
}

void GlmSampler::exportShared(Eigen::VectorXd& out) const
{
    out = m_beta;
}

void GlmSampler::importShared(const Eigen::VectorXd& in)
{
    m_beta = in;
}

void GlmSampler::addLevel2CovarianceMean()
{
    // The mean of Omega's full conditional with E[sum u_j u_j'] in place of the scatter.
    level2CovarianceMeanInto(m_scatterMean, m_units, m_level2Prior);
    addConditionalMeanMatrix(m_p, m_scatterMean);
}

void GlmSampler::writeValues(double* out) const
{
    for (Eigen::Index k = 0; k < m_p; ++k)
        *out++ = m_beta(k);
    if (m_q == 1)
        *out = m_omega(0, 0);
    else if (m_q > 1)
        writeLowerTriangle(m_omega, out);
}

std::vector<std::pair<std::string, double>> GlmSampler::acceptanceRates() const
{
    std::vector<std::pair<std::string, double>> rates;
    if (m_fixedTried > 0)
        rates.emplace_back("beta", static_cast<double>(m_fixedAccepted) /
                                       static_cast<double>(m_fixedTried));
    if (m_unitTried > 0)
        rates.emplace_back("u",
                           static_cast<double>(m_unitAccepted) / static_cast<double>(m_unitTried));
    if (m_moveTried > 0)
        rates.emplace_back("Omega",
                           static_cast<double>(m_moveAccepted) / static_cast<double>(m_moveTried));
    return rates;
}

} // namespace grove
