// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/MoiDesign.h"
#include "core/moi/MoiSampler.h"
#include "core/moi/SamplingSteps.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace grove {

/// Univariate Normal MOI, 1 or 2 levels, random intercept and optional random slopes
/// (Stat-JR's 1LevelMod / 2LevelMod / 2LevelRS with a Normal response).
///
/// Each sweep draws (beta, u) as one block given the variances: beta from its distribution
/// with u integrated out (Woodbury per unit: X'V^-1X = sum_j (X_j'X_j - X_j'Z_j M_j^-1
/// Z_j'X_j) / sigma2_e, M_j = Z_j'Z_j + sigma2_e Omega^-1), then every u_j given beta; then
/// Omega given u and sigma2_e given beta, u. Everything is computed from per-unit sufficient
/// statistics fixed at construction, so a sweep never touches the rows: O(J (p^2 q + q^3)).
///
/// Reported posterior means (MoiFit::summary): all Rao-Blackwellised. The fixed effects average
/// E[beta | Omega, sigma2_e] and its covariance (law of total variance). The variances average
/// the mean of the full conditional they are about to be drawn from, with the random effects
/// integrated out as well: given (beta, Omega, sigma2_e), u_j ~ N(m_j, V_j) independently, so
/// E[u_j u_j'] = m_j m_j' + V_j and E[sum of squared residuals] follows in closed form; then
///  - sigma2_u (Gamma(a, b) prior on the precision, J units): (b + E[sum u_j^2] / 2) / (a + J/2 -
///  1),
///  - Omega (inverse-Wishart(q, S0) prior, q >= 2): (S0 + E[sum u_j u_j']) / (J - 1), the mean
///    of an inverse-Wishart(q + J, S) being S / (q + J - q - 1),
///  - sigma2_e (Gamma(a, b), N rows): (b + E[RSS] / 2) / (a + N/2 - 1).
/// This removes both the noise of the variance draw and that of the random-effect draw. The
/// sds of the variances are those of the draws.
class NormalSampler final : public MoiSampler {
public:
    /// The design must outlive the sampler.
    NormalSampler(const MoiDesign& design, std::uint64_t seed, int chain);

    /// Several classifications: y minus `offset`; shared are (beta, sigma2_e).
    void setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset) override;
    void addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const override;
    void exportShared(Eigen::VectorXd& out) const override;
    void importShared(const Eigen::VectorXd& in) override;

private:
    void iterate(bool sampling) override;
    void writeValues(double* out) const override;

    void setStartingValues(const MoiDesign& design);
    /// X'y, y'y and Z_j'y_j for the response `y` (design order).
    void setResponseStatistics(const Eigen::Ref<const Eigen::VectorXd>& y);
    void drawFixedEffects(bool sampling);
    void factorUnits();
    void drawRandomEffects(bool sampling);
    void drawLevel1Variance(bool sampling);
    Eigen::Block<Eigen::MatrixXd, Eigen::Dynamic, Eigen::Dynamic, true> xtzOf(Eigen::Index unit);

    const MoiDesign& m_design;
    RandomStream m_rng;
    Eigen::Index m_p = 0;
    Eigen::Index m_q = 0;
    Eigen::Index m_units = 0;
    double m_rows = 0.0;

    // Sufficient statistics (constant).
    Eigen::MatrixXd m_xtx;
    Eigen::VectorXd m_xty;
    double m_yty = 0.0;
    Eigen::MatrixXd m_xtz; ///< p x (q J): X_j'Z_j side by side
    Eigen::MatrixXd m_ztz; ///< q x (q J)
    Eigen::MatrixXd m_zty; ///< q x J

    // State.
    Eigen::VectorXd m_beta;
    Eigen::MatrixXd m_u; ///< q x J
    Eigen::MatrixXd m_omega;
    Eigen::MatrixXd m_omegaInverse;
    double m_sigma2 = 1.0;

    Level2Prior m_level2Prior;
    Level2CovarianceScratch m_level2Scratch;

    // Scratch, sized once.
    Eigen::MatrixXd m_precision;
    Eigen::VectorXd m_linear;
    Eigen::VectorXd m_mean;
    Eigen::MatrixXd m_covariance;
    Eigen::LLT<Eigen::MatrixXd> m_betaCholesky;
    std::vector<Eigen::LLT<Eigen::MatrixXd>> m_unitCholesky;
    Eigen::MatrixXd m_unitMatrix;
    Eigen::MatrixXd m_qp;
    Eigen::VectorXd m_qVector;
    Eigen::VectorXd m_qVector2;
    Eigen::VectorXd m_pVector;
    Eigen::VectorXd m_qVector3;
    Eigen::MatrixXd m_unitInverse;      ///< M_j^-1
    Eigen::MatrixXd m_scatterMean;      ///< E[sum_j u_j u_j' | beta, Omega, sigma2_e]
    Eigen::VectorXd m_varianceMean;     ///< one conditional mean (sigma2_e)
    double m_expectedSquares = 0.0;     ///< E[RSS | beta, Omega, sigma2_e]
    Eigen::VectorXd m_adjustedResponse; ///< y minus the other classifications' effects
};

} // namespace grove
