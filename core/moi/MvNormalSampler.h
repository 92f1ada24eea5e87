// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/MoiDesign.h"
#include "core/moi/MoiSampler.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cstdint>

namespace grove {

/// Multivariate Normal MOI, 1 or 2 levels (Stat-JR's 1LevelMVNormal / 2LevelMVNormal): every
/// response has its own coefficients on the same explanatory variables; level-1 residuals have
/// an unstructured covariance Omega_e and, with 2 levels, unit effects an unstructured
/// covariance Omega_u, both with inverse-Wishart priors.
///
/// The fixed effects are drawn with the unit effects integrated out, using the split of each
/// unit into within-unit deviations (covariance Omega_e) and the unit mean (covariance
/// Omega_e / n_j + Omega_u); then the unit effects given them. Sweeps use only sufficient
/// statistics: within-unit cross-products and unit means of X and Y.
///
/// Reported posterior means (MoiFit::summary) are Rao-Blackwellised: the fixed effects as in
/// NormalSampler; each covariance averages the mean of the inverse-Wishart full conditional it
/// is about to be drawn from, with the unit effects integrated out over their Gaussian
/// conditional given (B, Omega_u, Omega_e): u_j ~ N(m_j, Q_j^-1), so
///  - Omega_u (prior inverse-Wishart(R, S0u), posterior df R + J): (S0u + sum_j (m_j m_j' +
///    Q_j^-1)) / (J - 1);
///  - Omega_e (prior inverse-Wishart(R, S0e), posterior df R + N): (S0e + W(B) + sum_j n_j
///    ((rbar_j - m_j)(rbar_j - m_j)' + Q_j^-1)) / (N - 1), W(B) the within-unit residual
///    cross-products (1 level: (S0e + residual cross-products) / (N - 1)).
/// The sds are those of the draws.
class MvNormalSampler final : public MoiSampler {
public:
    /// The design must outlive the sampler.
    MvNormalSampler(const MoiDesign& design, std::uint64_t seed, int chain);

    /// Several classifications: Y minus `offset`; shared are (B, Omega_e).
    void setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset) override;
    void addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const override;
    void exportShared(Eigen::VectorXd& out) const override;
    void importShared(const Eigen::VectorXd& in) override;

private:
    void iterate(bool sampling) override;
    void writeValues(double* out) const override;

    void setStartingValues();
    /// X'Y, the within-unit Wxy, Wyy and the unit means of Y for the responses `y`.
    void setResponseStatistics(const Eigen::Ref<const Eigen::MatrixXd>& y);
    void drawFixedEffects(bool sampling);
    void drawUnitEffects(bool sampling);
    void drawLevel2Covariance();
    void drawLevel1Covariance(bool sampling);
    void invert(const Eigen::MatrixXd& matrix, Eigen::MatrixXd& inverse);

    const MoiDesign& m_design;
    RandomStream m_rng;
    Eigen::Index m_p = 0;
    Eigen::Index m_r = 0;
    Eigen::Index m_units = 0;
    double m_rows = 0.0;
    bool m_twoLevel = false;

    // Sufficient statistics: within-unit cross-products (plain cross-products for 1 level),
    // unit sizes and means, and the totals for starting values.
    Eigen::MatrixXd m_wxx;
    Eigen::MatrixXd m_wxy;
    Eigen::MatrixXd m_wyy;
    Eigen::VectorXd m_unitSize;
    Eigen::MatrixXd m_xbar;      ///< p x J
    Eigen::MatrixXd m_ybar;      ///< R x J
    Eigen::MatrixXd m_xbarOuter; ///< p x (p J)
    Eigen::MatrixXd m_xtx;
    Eigen::MatrixXd m_xty;

    // State.
    Eigen::MatrixXd m_b; ///< p x R coefficients
    Eigen::MatrixXd m_u; ///< R x J
    Eigen::MatrixXd m_omegaU;
    Eigen::MatrixXd m_omegaE;
    Eigen::MatrixXd m_omegaUInverse;
    Eigen::MatrixXd m_omegaEInverse;
    Eigen::MatrixXd m_priorScaleU;
    Eigen::MatrixXd m_priorScaleE;

    // Scratch.
    Eigen::MatrixXd m_precision; ///< pR x pR
    Eigen::VectorXd m_linear;
    Eigen::MatrixXd m_linearMatrix; ///< p x R
    Eigen::VectorXd m_mean;
    Eigen::VectorXd m_draw;
    Eigen::MatrixXd m_covariance;
    Eigen::LLT<Eigen::MatrixXd> m_betaCholesky;
    Eigen::MatrixXd m_unitResidual; ///< R x J: ybar_j - B' xbar_j
    Eigen::MatrixXd m_rr;
    Eigen::MatrixXd m_rr2;
    Eigen::MatrixXd m_pr;
    Eigen::VectorXd m_rVector;
    Eigen::VectorXd m_rVector2;
    Eigen::LLT<Eigen::MatrixXd> m_rCholesky;
    Eigen::MatrixXd m_scaleFactor;
    Eigen::MatrixXd m_bartlett;
    Eigen::MatrixXd m_work;
    Eigen::MatrixXd m_scatterMeanU;       ///< E[sum_j u_j u_j' | B, Omega_u, Omega_e]
    Eigen::MatrixXd m_scatterMeanBetween; ///< E[sum_j n_j (rbar_j - u_j)(...)' | same]
    Eigen::MatrixXd m_adjustedResponse;   ///< Y minus the other classifications' effects
};

} // namespace grove
