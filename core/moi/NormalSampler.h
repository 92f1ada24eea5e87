// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/MoiDesign.h"
#include "core/moi/MoiSampler.h"
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
class NormalSampler final : public MoiSampler {
public:
    NormalSampler(const MoiDesign& design, std::uint64_t seed, int chain);

private:
    void iterate(bool sampling) override;
    void writeValues(double* out) const override;

    void setStartingValues(const MoiDesign& design);
    void drawFixedEffects(bool sampling);
    void drawRandomEffects();
    void drawLevel2Covariance();
    void drawLevel1Variance();
    Eigen::Block<Eigen::MatrixXd, Eigen::Dynamic, Eigen::Dynamic, true> xtzOf(Eigen::Index unit);

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

    // Prior for Omega when q >= 2: inverse-Wishart(q, m_priorScale).
    Eigen::MatrixXd m_priorScale;

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
    Eigen::MatrixXd m_scatter;
    Eigen::LLT<Eigen::MatrixXd> m_qCholesky;
    Eigen::MatrixXd m_scaleFactor;
    Eigen::MatrixXd m_bartlett;
    Eigen::MatrixXd m_qWork;
};

} // namespace grove
