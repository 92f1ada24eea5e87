// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/MoiDesign.h"
#include "core/moi/MoiSampler.h"
#include "core/moi/SamplingSteps.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>

#include <array>
#include <cstdint>
#include <vector>

namespace grove {

/// Binomial (logit link) and Poisson (log link) MOI, 1 or 2 levels, random intercept and
/// optional random slopes (Stat-JR's 1LevelMod / 2LevelMod / 2LevelRS for those responses).
///
/// Binomial (a denominator n_i, binary when 1): Polya-Gamma data augmentation (Polson, Scott &
/// Windle 2013). A sweep draws omega_i ~ PG(n_i, eta_i) for every row; given omega the model is
/// a linear mixed model with pseudo-responses kappa_i / omega_i, kappa_i = y_i - n_i / 2, and
/// known residual variances 1 / omega_i, so (beta, u) is drawn as one exact Gaussian block:
/// beta with the random effects integrated out (Woodbury per unit), then every u_j given beta;
/// then Omega given u; the (beta, u) and Omega steps alternate kLogitCycles (3) times per PG
/// draw, since they cost O(J) once the per-unit sums of the weights are formed. No Metropolis
/// step, no tuning. The fixed effects' conditional mean and
/// covariance given (omega, Omega) are Gaussian and exact, so their posterior moments are
/// Rao-Blackwellised (MoiSampler::addFixedEffectMoments): E[beta] = E[E[beta | omega, Omega]].
///
/// Poisson: no conjugate augmentation exists, so a sweep is (1) the fixed-effect block by
/// Metropolis-Hastings with an IWLS proposal (one Fisher-scoring step from the current value
/// gives the centre c and the information I; Gamerman 1997); (2) each unit's random effects
/// likewise, with their N(0, Omega) prior in the target; (3) an exact move of a common shift
/// delta: beta_S += delta, u_j -= A_j delta, where S are the fixed effects of cluster-level
/// columns (cons, level-2 variables) and random-slope variables and A_j maps them to unit j's
/// random coefficients, so the linear predictor is unchanged and delta | rest is Normal (Liu &
/// Sabatti 2000); it removes the slow trade-off between an intercept and the random effects
/// that non-centred samplers suffer in large units; (4) Omega given u.
/// The proposal in (1) is antithetic (Gaussian overrelaxation, Adler 1981; Neal 1998):
/// x' = c + rho (x - c) + sqrt(1 - rho^2) I^{-1/2} z with rho < 0, and the shift in (3) is
/// overrelaxed the same way around its exact conditional mean. The unit proposals in (2) are
/// not (rho = 0): Omega depends on u_j u_j', which an antithetic move correlates by rho^2 from
/// sweep to sweep. For a Gaussian target these
/// kernels are reversible and successive draws are negatively correlated, so the mean of a
/// short run is more accurate than that of independent draws (variance factor about
/// (1 + rho) / (1 - rho)); the Metropolis-Hastings correction (with the backward density
/// computed at the proposal) keeps them exact for the non-Gaussian Poisson conditionals.
/// Antithetic moves start after burn-in (from a far start a reflection overshoots). The shift
/// and Omega steps, which do not touch the rows, alternate kLogitCycles times per sweep; each
/// shift Rao-Blackwellises the shifted fixed effects: given the orbit of the shift, beta_S is
/// Normal with mean beta_S + E[delta], so MoiSampler averages those conditional means (the
/// other fixed effects enter with their draws).
///
/// Both samplers add a linear move of the level-2 covariance (parameter expansion as a group
/// move; Liu & Wu 1999, Liu & Sabatti 2000): (u_j, Omega) -> (G u_j, G Omega G') for all units
/// at once, G in GL+(q). Gibbs steps of u given Omega and Omega given u trade slowly when the
/// units carry little information about their effects (small units, binary responses): u is
/// shrunk towards 0 by Omega and Omega follows u. The move lets the data set the size and the
/// correlation of all the u_j together, and Omega follows. vec(G) is proposed from the Gaussian
/// (Binomial given the Polya-Gamma weights: exact) or IWLS (Poisson) approximation of the
/// likelihood in vec(G) around G = I, and accepted by Metropolis-Hastings; the way back is G^-1
/// from the proposed state. With an inverse-Wishart(nu0, S0) prior (a Gamma(a, b) prior on a
/// precision is nu0 = 2a, S0 = 2b) the log ratio is the log-likelihood change
/// - (nu0 + 2q) log det G - tr(S0 (G^-T Omega^-1 G^-1 - Omega^-1)) / 2 + the log proposal
/// densities backward minus forward (the N(0, Omega) density of u is invariant up to |det G|^-J,
/// which the Jacobian of u cancels; |det G|^(q + 1) is that of Omega, |det G|^-2q that of
/// G -> G^-1). The Binomial move uses only per-unit sums (O(J q^4)) and runs in every
/// (beta, u) / Omega cycle; the Poisson move costs two passes over the rows and runs in every
/// shift / Omega cycle. Once sampling, the move is antithetic like the other proposals: vec(G) ~
/// N(c + rho (vec I - c), (1 - rho^2) I^-1) around the approximation's centre c, so the common
/// scale and shape of (u, Omega), the slow direction, are reflected through their conditional
/// mode instead of redrawn (rho = -0.7 Binomial, -0.8 Poisson; the backward density is that of
/// G^-1 from the proposed state with the same rho). With random slopes this cut the level-2
/// covariances' short-run root-mean-square gaps from 0.028/0.041/0.050 to 0.018/0.031/0.033 sd
/// (Binomial) and from 0.041/0.041/0.042 to 0.033/0.036/0.035 (Poisson; 0.027/0.025/0.028 with
/// the unit proposals no longer antithetic).
///
/// Control variates for the fixed effects' reported means (MoiSampler::addConditionalMeans). A
/// quantity whose mean is zero given everything drawn before it can be subtracted, times a
/// coefficient fixed before it is drawn, from every estimate without bias; chosen to be the
/// part of the estimates' noise that enters linearly, it removes most of that noise.
/// Binomial: the conditional mean of beta given (omega, Omega) moves with the Polya-Gamma
/// weights; d = omega - E[omega | eta] has mean zero given the state, and the derivative of that
/// mean in omega at the previous cycle's Gaussian model gives the coefficients (the fixed
/// effects' root-mean-square short-run error falls by a factor 1.5-3). Poisson: the
/// fixed-effect proposal is x' = c + rho (x - c) + e with e ~ N(0, (1 - rho^2) I^-1), and
/// e / (1 - rho) plus the accept/reject noise x_{t+1} - E[x_{t+1} | x_t, x'] is subtracted: for a
/// Gaussian target this leaves the mean of the centres c, i.e. removes the draws' noise.
/// The reported sds still come from the draws (or the Rao-Blackwellised moments).
///
/// A 2-level model runs 3 sweeps per stored iteration (kLevel2Sweeps in the .cpp): the level-2
/// (co)variances' error is set by how far u moves per sweep, which no estimator removes.
///
/// Reported posterior means of the level-2 (co)variances (MoiFit::summary) are
/// Rao-Blackwellised: every (beta, u) / shift and Omega cycle during sampling adds the mean of
/// Omega's full conditional, (b + E[sum u_j^2] / 2) / (a + J/2 - 1) for sigma2_u (Gamma(a, b) on
/// the precision) or (S0 + E[sum u_j u_j']) / (J - 1) for Omega (inverse-Wishart(q, S0) prior,
/// posterior df q + J), with the expectation taken over the step that just moved u:
/// Binomial, the exact Gaussian draw of u given (beta, omega, Omega) (E[u_j u_j'] = m_j m_j' +
/// M_j^-1); Poisson, the exact Gaussian shift along its orbit (u_j - A_j delta, delta ~
/// N(mu, Sigma): E = (u_j - A_j mu)(u_j - A_j mu)' + A_j Sigma A_j'). The sds are those of the
/// draws.
/// The design must outlive the sampler.
class GlmSampler final : public MoiSampler {
public:
    GlmSampler(const MoiDesign& design, MoiDistribution distribution, std::uint64_t seed,
               int chain);

    /// Several classifications: the offset enters every linear predictor (Binomial: given the
    /// Polya-Gamma weights kappa becomes kappa - omega o); shared are the fixed effects.
    void setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset) override;
    void addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const override;
    void exportShared(Eigen::VectorXd& out) const override;
    void importShared(const Eigen::VectorXd& in) override;

private:
    void iterate(bool sampling) override;
    void sweep(bool sampling);
    void writeValues(double* out) const override;
    std::vector<std::pair<std::string, double>> acceptanceRates() const override;

    void setStartingValues();
    void prepareShiftMove();
    double evaluateFixed(const Eigen::Ref<const Eigen::VectorXd>& beta, int slot);
    double evaluateUnit(Eigen::Index unit, const Eigen::Ref<const Eigen::VectorXd>& u, int slot);
    void updateFixedEffects(double rho);
    void updateRandomEffects(double rho);
    void updateLogitBlock(bool sampling);
    void drawLogitEffects(bool sampling);
    void prepareWeightControl();
    void shiftMove(double rho, bool sampling);
    void addControlledFixedMean(const Eigen::Ref<const Eigen::VectorXd>& estimate);
    void addLevel2CovarianceMean();
    void linearMoveLogit(double rho);
    void linearMovePoisson(double rho);
    double poissonMoveTerms(const Eigen::Ref<const Eigen::MatrixXd>& g, int slot);
    bool proposeLinearMove(double rho);
    bool acceptLinearMove(double logLikelihoodChange, double rho);

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
    Level2Prior m_level2Prior;

    // The other classifications' part of the linear predictor (ClassificationsSampler).
    bool m_hasKnownOffset = false;
    Eigen::VectorXd m_knownOffset;
    Eigen::VectorXd m_offsetKappa; ///< kappa - omega o (Binomial)

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
    Eigen::VectorXd m_fixedNoise; ///< the proposal's Gaussian noise (control variate)
    Eigen::VectorXd m_controlled;
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
    Eigen::MatrixXd m_shiftCovariance;
    Eigen::MatrixXd m_qs;
    Eigen::LLT<Eigen::MatrixXd> m_shiftCholesky;

    // Omega draw.
    Eigen::MatrixXd m_scatter;
    Level2CovarianceScratch m_level2Scratch;
    Eigen::MatrixXd m_qWork;
    /// E[sum_j u_j u_j' | ...] for the Rao-Blackwellised Omega mean (see the class comment).
    Eigen::MatrixXd m_scatterMean;
    Eigen::MatrixXd m_unitInverse;

    // Linear move of (u, Omega) (parameter expansion, see the class comment), in vec(G)
    // (q^2 coordinates): slot 0 at the current state, slot 1 at the proposed one, each in its
    // own coordinates.
    std::array<Eigen::MatrixXd, 2> m_moveInformation;
    std::array<Eigen::VectorXd, 2> m_moveGradient;
    std::array<Eigen::LLT<Eigen::MatrixXd>, 2> m_moveCholesky;
    Eigen::VectorXd m_moveCenter;
    Eigen::VectorXd m_moveUnitScore;  ///< Z_j'r_j (Poisson move)
    Eigen::MatrixXd m_moveUnitWeight; ///< Z_j'W_jZ_j, lower triangle (Poisson move)
    Eigen::VectorXd m_moveVector;     ///< proposed vec(G), then vec(G^-1)
    Eigen::VectorXd m_moveIdentity;   ///< vec(I): the current state in its own coordinates
    Eigen::VectorXd m_moveWork;
    Eigen::VectorXd m_moveWork2;
    Eigen::MatrixXd m_moveMatrix;  ///< G
    Eigen::MatrixXd m_moveInverse; ///< G^-1
    Eigen::PartialPivLU<Eigen::MatrixXd> m_moveLu;
    Eigen::MatrixXd m_moveKronecker; ///< G (x) I
    Eigen::MatrixXd m_moveProduct;
    double m_scalePriorDf = 0.0;       ///< nu0 of the (inverse-Wishart form of the) Omega prior
    Eigen::MatrixXd m_scalePriorScale; ///< S0 likewise
    long m_moveTried = 0;
    long m_moveAccepted = 0;

    // Polya-Gamma block (Binomial).
    Eigen::VectorXd m_kappa;        ///< y - n / 2
    std::vector<int> m_trialCounts; ///< n as whole numbers
    Eigen::VectorXd m_pgWeight;     ///< omega, one per row
    Eigen::MatrixXd m_xtwz;         ///< p x (q J): X_j' W_j Z_j side by side
    Eigen::MatrixXd m_ztk;          ///< q x J: Z_j' kappa_j
    Eigen::MatrixXd m_ztwz;         ///< q x (q J): Z_j' W_j Z_j (lower triangles)
    Eigen::MatrixXd m_xtwx;         ///< X' W X
    Eigen::VectorXd m_xtk;          ///< X' kappa
    std::vector<Eigen::LLT<Eigen::MatrixXd>> m_blockCholesky; ///< of Z_j' W_j Z_j + Omega^-1
    Eigen::MatrixXd m_unitMatrix;
    Eigen::MatrixXd m_qp;
    Eigen::MatrixXd m_precision;
    Eigen::VectorXd m_linear;
    Eigen::VectorXd m_mean;
    Eigen::MatrixXd m_covariance;
    Eigen::LLT<Eigen::MatrixXd> m_betaCholesky;
    Eigen::VectorXd m_linearizedBeta;    ///< mean of beta given (omega, Omega), last cycle
    Eigen::MatrixXd m_linearizedU;       ///< q x J: joint mean of u likewise
    Eigen::VectorXd m_weightControlBeta; ///< control variate of beta's means (see .cpp)
    Eigen::VectorXd m_pgDeviation;       ///< (omega - E[omega | eta]) times theta's predictor
    Eigen::VectorXd m_linearizedEta;     ///< theta's linear predictor

    long m_fixedTried = 0;
    long m_fixedAccepted = 0;
    long m_unitTried = 0;
    long m_unitAccepted = 0;
};

} // namespace grove
