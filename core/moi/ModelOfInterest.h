// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/common/RunControl.h"
#include "core/data/Dataset.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/// @file
/// The model of interest (MOI) that 2LevelImpute fits to every completed dataset and to the
/// complete cases (Parker & Goldstein 2019, questions MOIlevel, MOIdist, MOIslope, y, x).
///
/// Parameter names (ChainSet::parameters, MoiFit::summary), in this order:
///  - `beta_0, beta_1, ...` fixed effects, in the order of the explanatory terms after `:cat`
///    expansion. Term: the variable (`cons` for the constant), `<var>_<value>` for a category
///    dummy. Multivariate Normal: numbered over responses in order (all terms of the first
///    response, then the second, ...), term `<response>:<variable>`.
///  - Univariate, 2 levels, random intercept only: `sigma2_u` (level-2 variance).
///  - Univariate, 2 levels, random slopes: `omega_u_0, omega_u_1, ...`, the level-2 covariance
///    of (intercept, slope 1, slope 2, ...), lower triangle row-wise: var(u0), cov(u1,u0),
///    var(u1), cov(u2,u0), cov(u2,u1), var(u2), ...
///  - Univariate Normal: `sigma2_e` (level-1 variance). Binomial and Poisson have none.
///  - Multivariate Normal: `omega_u_k` (2 levels) then `omega_e_k`, the level-2 and level-1
///    covariances of the responses, lower triangle row-wise as above.
///  - With MoiSpec::classifications, the level-2 parameters above once per classification, in
///    their order, with the classification's ID in place of `u` (`sigma2_school`,
///    `omega_school_0`), before the level-1 ones.
/// Variance parameters' terms say what they are: `var(cons)` (random intercept),
/// `cov(cons,x)` and `var(x)` (random slope of x), `var(residual)`; Multivariate Normal
/// `var(y1:cons)`, `cov(y1:cons,y2:cons)` at level 2 and `var(y1:residual)`, ... at level 1.
///
/// Priors (vague, as Stat-JR/MLwiN defaults): flat on fixed effects; a variance alone
/// (`sigma2_u`, `sigma2_e`) has Gamma(0.001, 0.001) on its precision; a q x q covariance
/// matrix has an inverse-Wishart(q, q * S0) prior, S0 the diagonal of a crude moment estimate
/// (per-cluster least squares for Normal models, 0.1 on the link scale for Binomial/Poisson),
/// i.e. the weight of q observations centred on a data-based guess, as MLwiN does.
///
/// Samplers: Normal and Multivariate Normal draw the fixed effects with the random effects
/// integrated out, then the random effects given them (a joint block), from per-cluster
/// sufficient statistics; the fixed-effect posterior mean and covariance in MoiFit are
/// Rao-Blackwellised (averages of the conditional mean and covariance over iterations), which
/// makes short runs (burn-in 100, 250 iterations) accurate. Binomial (logit link) uses
/// Polya-Gamma data augmentation: given the PG weights the model is Gaussian, so (beta, u) is
/// drawn as an exact block and the fixed-effect moments are Rao-Blackwellised the same way.
/// Poisson (log link) uses Metropolis-Hastings with antithetic IWLS (Gaussian-approximation)
/// proposals on the fixed-effect block and on each unit's random effects, plus an exact,
/// overrelaxed Gibbs "shift" move along the fixed effects of cluster-level terms and
/// random-coefficient variables (the gain of hierarchical centring without its poor mixing in
/// small clusters), whose Gaussian conditional Rao-Blackwellises those fixed effects. With the
/// Stat-JR manual's settings the fixed-effect means lie within 0.1 posterior sd of a
/// 20,000-iteration run (tests/moi/GlmShortRunTest.cpp). See GlmSampler.h.
///
/// What MoiFit::summary reports for the variances and covariances: `mean` is Rao-Blackwellised
/// in every sampler, the average over sampling sweeps of the mean of the parameter's
/// inverse-gamma / inverse-Wishart full conditional under the prior above (Gamma(a, b) on a
/// precision: (b + E[SS] / 2) / (a + n/2 - 1); inverse-Wishart(q, S0): (S0 + E[S]) / (n - 1)),
/// with the random effects integrated out over the Gaussian step that last moved them; `sd`
/// is the plain sd of the draws; `drawMean` / `drawSd` are always the plain draw statistics.
/// The Normal sampler runs 4 (u, Omega) cycles per sweep and the Binomial and Poisson samplers
/// a linear parameter-expansion move of (u, Omega), so that the level-2 covariance mixes. With
/// the Stat-JR manual's settings the Normal and Multivariate Normal variance means lie within 0.1
/// posterior sd of a 20,000-iteration run (worst over 5 seeds: 0.05 sd); Binomial and Poisson
/// variance means are within about 0.05-0.08 sd root-mean-square, not yet reliably within 0.1
/// (tests/moi/GlmShortRunTest.cpp states the measured figures).

namespace grove {

enum class MoiDistribution { Normal, Binomial, Poisson, MultivariateNormal };

/// An explanatory term; `categorical` is the Stat-JR manual's `:cat` suffix (dummies for every
/// category but the last, which is the reference).
struct MoiTerm {
    std::string variable;
    bool categorical = false;
};

/// What the MOI questions answered.
struct MoiSpec {
    std::vector<std::string> responses; ///< one, or several for MultivariateNormal
    MoiDistribution distribution = MoiDistribution::Normal;
    std::vector<MoiTerm> explanatory;
    bool twoLevel = false;
    std::string level2Id;
    /// NLevelImpute: the ID variables of the classifications with random intercepts (nested or
    /// crossed; their effects add), in place of twoLevel/level2Id when not empty. Random slopes
    /// vary across the units of the first. Variance parameters are named after the
    /// classification: `sigma2_<id>` or `omega_<id>_k` in place of `sigma2_u` / `omega_u_k`.
    std::vector<std::string> classifications;
    /// Explanatory variables (not categorical) whose coefficients vary at level 2, besides the
    /// intercept (MOIslope). Univariate models only.
    std::vector<std::string> randomSlopes;
    /// Binomial: the number of trials per row; empty means binary (denominator 1).
    std::string denominator;
    long burnin = 500;
    long iterations = 2000;
    long thinning = 1;
};

/// Posterior summary of one parameter.
struct MoiParameterSummary {
    std::string name;
    std::string term;
    /// Posterior mean: Rao-Blackwellised (the average over sampling sweeps of the parameter's
    /// conditional posterior mean) when `raoBlackwellised`, else the plain draw mean.
    double mean = 0.0;
    /// Posterior sd: for Rao-Blackwellised fixed effects from the law of total variance
    /// (mean conditional variance plus variance of the conditional means); for every other
    /// parameter the plain sd of the stored draws.
    double sd = 0.0;
    double drawMean = 0.0;         ///< plain mean of the stored draws
    double drawSd = 0.0;           ///< plain sd of the stored draws
    bool raoBlackwellised = false; ///< `mean` from conditional means (see above)
};

/// One chain of the MOI fitted to one dataset.
struct MoiFit {
    ChainSet chains;                          ///< one chain, parameters in the order above
    std::vector<MoiParameterSummary> summary; ///< same order as chains.parameters
    std::size_t fixedEffectCount = 0;         ///< the first parameters are the fixed effects
    Eigen::VectorXd fixedEffectMean;          ///< posterior mean of the fixed effects
    Eigen::MatrixXd fixedEffectCovariance;    ///< their posterior covariance (Rubin, D1 test)
    bool raoBlackwellised = false;            ///< fixed-effect moments from conditional moments
    std::size_t rowCount = 0;                 ///< level-1 units used
    std::size_t unitCount = 0;                ///< level-2 units (1 for a 1-level model)
    /// Acceptance rates of the Metropolis steps (Binomial, Poisson), e.g. {"beta", 0.8}.
    std::vector<std::pair<std::string, double>> acceptanceRates;
};

/// Fits the MOI by MCMC, one chain with stream (seed, chain). The data must be complete in
/// every model variable. Throws Error (one line for the user) on invalid input and
/// RunCancelled when `control` is cancelled.
MoiFit fitModelOfInterest(const Dataset& data, const MoiSpec& spec, std::uint64_t seed, int chain,
                          const RunControl& control);

} // namespace grove
