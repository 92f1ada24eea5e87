// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/MoiDesign.h"
#include "core/moi/MoiSampler.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <vector>

namespace grove {

/// Binomial (logit link) and Poisson (log link) MOI, 1 or 2 levels, random intercept and
/// optional random slopes (Stat-JR's 1LevelMod / 2LevelMod / 2LevelRS for those responses).
///
/// A sweep: (1) the fixed-effect block by Metropolis-Hastings with an IWLS proposal (one
/// Fisher-scoring step from the current value, with the inverse information as covariance;
/// Gamerman 1997), which needs no tuning and accepts most proposals; (2) each unit's random
/// effects likewise, with their N(0, Omega) prior in the target; (3) an exact Gibbs move of a
/// common shift delta: beta_S += delta, u_j -= A_j delta, where S are the fixed effects of
/// cluster-level columns (cons, level-2 variables) and random-slope variables and A_j maps them
/// to unit j's random coefficients, so the linear predictor is unchanged and delta | rest is
/// Normal (Liu & Sabatti 2000). It removes the slow trade-off between an intercept and the
/// random effects that non-centred samplers suffer in large units; (4) Omega given u.
/// The design must outlive the sampler.
class GlmSampler final : public MoiSampler {
public:
    GlmSampler(const MoiDesign& design, MoiDistribution distribution, std::uint64_t seed,
               int chain);

private:
    void iterate(bool sampling) override;
    void writeValues(double* out) const override;
    std::vector<std::pair<std::string, double>> acceptanceRates() const override;

    void setStartingValues();
    void prepareShiftMove();
    double evaluateFixed(const Eigen::Ref<const Eigen::VectorXd>& beta, int slot);
    double evaluateUnit(Eigen::Index unit, const Eigen::Ref<const Eigen::VectorXd>& u, int slot);
    void updateFixedEffects();
    void updateRandomEffects();
    void shiftMove();
    void drawLevel2Covariance();

    const MoiDesign& m_design;
    bool m_binomial = true;
    RandomStream m_rng;
    Eigen::Index m_p = 0;
    Eigen::Index m_q = 0;
    Eigen::Index m_units = 0;

    // State.
    Eigen::VectorXd m_beta;
    Eigen::MatrixXd m_u; ///< q x J
    Eigen::MatrixXd m_omega;
    Eigen::MatrixXd m_omegaInverse;
    Eigen::MatrixXd m_priorScale; ///< inverse-Wishart prior scale when q >= 2

    // Row-wise scratch.
    Eigen::VectorXd m_eta;
    Eigen::VectorXd m_etaFixed;
    Eigen::VectorXd m_offset;
    Eigen::VectorXd m_weight;
    Eigen::VectorXd m_residual;
    Eigen::MatrixXd m_weightedX;

    // Fixed-effect proposals: slot 0 at the current value, slot 1 at the proposal.
    std::array<Eigen::MatrixXd, 2> m_information;
    std::array<Eigen::VectorXd, 2> m_center;
    std::array<Eigen::LLT<Eigen::MatrixXd>, 2> m_cholesky;
    Eigen::VectorXd m_proposal;
    Eigen::VectorXd m_pVector;
    Eigen::VectorXd m_pVector2;

    // Unit proposals, likewise.
    std::array<Eigen::MatrixXd, 2> m_unitInformation;
    std::array<Eigen::VectorXd, 2> m_unitCenter;
    std::array<Eigen::LLT<Eigen::MatrixXd>, 2> m_unitCholesky;
    Eigen::VectorXd m_unitProposal;
    Eigen::VectorXd m_qVector;
    Eigen::VectorXd m_qVector2;

    // Shift move.
    std::vector<Eigen::Index> m_shiftColumns;
    Eigen::MatrixXd m_shiftMap; ///< q x (s J): A_j side by side
    Eigen::MatrixXd m_shiftPrecision;
    Eigen::VectorXd m_shiftLinear;
    Eigen::VectorXd m_shiftDraw;
    Eigen::MatrixXd m_qs;
    Eigen::LLT<Eigen::MatrixXd> m_shiftCholesky;

    // Omega draw.
    Eigen::MatrixXd m_scatter;
    Eigen::LLT<Eigen::MatrixXd> m_qCholesky;
    Eigen::MatrixXd m_scaleFactor;
    Eigen::MatrixXd m_bartlett;
    Eigen::MatrixXd m_qWork;

    long m_fixedTried = 0;
    long m_fixedAccepted = 0;
    long m_unitTried = 0;
    long m_unitAccepted = 0;
};

} // namespace grove
