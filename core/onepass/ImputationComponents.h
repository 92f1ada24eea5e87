// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/mcmc/ConstrainedCovarianceSampler.h"
#include "core/onepass/OnePassDesign.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <memory>
#include <vector>

namespace grove::onepass {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The imputation components' parameters and latents (seed 000 appendix, A2-A4): level-1
/// z_i = W_i alpha + v_j1 + e_i, e_i ~ N(0, Sigma_e), level-2 z_j2 = W_j alpha + v_j2,
/// v_j = (v_j1, v_j2) ~ N(0, Omega_u); probit latents have variance 1 (in Sigma_e at level 1,
/// in Omega_u at level 2). Without a level-2 imputation model there is no v.
///
/// `updateParameters` is one Gibbs sweep given the latents: alpha_1 | v, alpha_2 | v_1, every
/// v_j1 given the rest (its N(D v_j2, T) prior conditional on the level-2 residuals times the
/// unit's level-1 rows), an exact shift move on the intercepts (alpha_k += d, v_jk -= d leaves
/// the level-1 likelihood unchanged; d | rest is Normal, Liu & Sabatti 2000) so that intercepts
/// do not crawl against the v_j in large units, then Sigma_e and Omega_u through
/// ConstrainedCovarianceSampler. The chain then redraws latents and missing values using
/// `conditionalLevel1` / `conditionalLevel2`. No allocation after construction.
class ImputationComponents {
public:
    ImputationComponents(const OnePassDesign& design,
                         const std::vector<std::vector<double>>& values);

    void updateParameters(RandomStream& rng, bool adapting);

    /// Mean and sd of level-1 latent k at sorted row i given the row's other latents.
    void conditionalLevel1(std::size_t row, int k, double& mean, double& sd) const;
    /// Mean and sd of level-2 latent m (0-based among level-2 components) of unit j given v_j's
    /// other elements.
    void conditionalLevel2(std::size_t unit, int m, double& mean, double& sd) const;

    /// Latents: z1 is n x P1 (sorted rows), z2 is J x P2. The chain writes them; after a change
    /// of z2(j, m) it must call `level2Changed(j, m)`.
    RowMatrix& level1Latents() { return m_z1; }
    RowMatrix& level2Latents() { return m_z2; }
    void level2Changed(std::size_t unit, int m);

    /// omega_u (lower triangle), then beta2imp, then omega_e (lower triangle) counts and values.
    Eigen::Index omegaUCount() const;
    Eigen::Index omegaECount() const;
    void writeOmegaU(double* out) const;
    void writeAlpha(double* out) const;
    void writeOmegaE(double* out) const;
    /// Acceptance of the latent-correlation Metropolis step of Sigma_e; < 0 when it has none.
    double correlationAcceptance() const;

private:
    void refreshDerived();
    void drawAlpha1(RandomStream& rng);
    void drawAlpha2(RandomStream& rng);
    void drawV1(RandomStream& rng);
    void shiftIntercepts(RandomStream& rng);
    void drawCovariances(RandomStream& rng);
    void recomputeLevel2Residuals();
    static void drawGaussian(RandomStream& rng, Eigen::LLT<Eigen::MatrixXd>& factor,
                             const Eigen::MatrixXd& precision, Eigen::VectorXd& linear,
                             Eigen::VectorXd& normals, Eigen::Ref<Eigen::VectorXd> out);

    const OnePassDesign& m_design;
    Eigen::Index m_n = 0;
    Eigen::Index m_units = 0;
    Eigen::Index m_p1 = 0;
    Eigen::Index m_p2 = 0;
    Eigen::Index m_q = 0;
    Eigen::Index m_k1 = 0; ///< level-1 coefficients (first in alpha)
    Eigen::Index m_k2 = 0;

    RowMatrix m_z1;
    RowMatrix m_z2;
    RowMatrix m_v;     ///< J x q
    RowMatrix m_mean1; ///< n x P1: W alpha + v_j1
    Eigen::VectorXd m_alpha;
    Eigen::MatrixXd m_sigmaE;
    Eigen::MatrixXd m_precisionE;
    Eigen::MatrixXd m_omegaU;
    Eigen::MatrixXd m_precisionU;
    std::unique_ptr<ConstrainedCovarianceSampler> m_sigmaESampler;
    std::unique_ptr<ConstrainedCovarianceSampler> m_omegaUSampler;

    // Constant cross products of the explanatory variables.
    Eigen::MatrixXd m_wtw1; ///< K1 x K1, blocks W_k'W_l
    Eigen::MatrixXd m_wtw2; ///< K2 x K2

    // Derived each sweep from Omega_u: v_j1 | v_j2 ~ N(D v_j2, T); v_j2 | v_j1 ~ N(C v_j1, S).
    Eigen::MatrixXd m_regressionD;
    Eigen::MatrixXd m_conditionalTInverse;
    Eigen::MatrixXd m_regressionC;
    Eigen::MatrixXd m_conditionalSInverse;

    // Scratch.
    RowMatrix m_residual1;        ///< n x P1
    Eigen::MatrixXd m_cross1;     ///< K1 x P1: W_k' r (stacked)
    Eigen::MatrixXd m_precision1; ///< K1 x K1
    Eigen::VectorXd m_linear1;
    Eigen::VectorXd m_normals1;
    Eigen::LLT<Eigen::MatrixXd> m_factor1;
    Eigen::MatrixXd m_precision2; ///< K2 x K2
    Eigen::VectorXd m_linear2;
    Eigen::VectorXd m_normals2;
    Eigen::LLT<Eigen::MatrixXd> m_factor2;
    Eigen::LLT<Eigen::MatrixXd> m_factorU;
    Eigen::LLT<Eigen::MatrixXd> m_factorE;
    Eigen::LLT<Eigen::MatrixXd> m_smallFactor;
    Eigen::LLT<Eigen::MatrixXd> m_shiftFactor;
    Eigen::MatrixXd m_smallPrecision;
    Eigen::VectorXd m_smallLinear;
    Eigen::VectorXd m_smallNormals;
    Eigen::VectorXd m_smallDraw;
    Eigen::VectorXd m_unitSum;
    Eigen::MatrixXd m_level2Residual; ///< J x P2
    Eigen::MatrixXd m_cross2;         ///< K2 x P2
    Eigen::MatrixXd m_sumOfSquares;
    Eigen::MatrixXd m_qSquares;
    Eigen::MatrixXd m_shiftPrecision;
    Eigen::VectorXd m_shiftLinear;
    Eigen::VectorXd m_shiftNormals;
    Eigen::VectorXd m_shiftDraw;
    Eigen::VectorXd m_vSum;
    std::vector<int> m_shiftComponents;
};

} // namespace grove::onepass
