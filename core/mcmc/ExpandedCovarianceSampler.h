// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/mcmc/ConstrainedCovarianceSampler.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <vector>

namespace grove {

/// Moves a covariance matrix Sigma whose latent dimensions have variance 1 by marginal data
/// augmentation (parameter expansion: Liu & Wu 1999; Imai & van Dyk 2005; Talhouk, Doucet &
/// Murphy 2012), towards the same posterior as ConstrainedCovarianceSampler: prior
/// IW(nu, Psi) restricted to the constraint set, given the residual cross-products S.
///
/// Working parameters: a scale alpha_d > 0 for each *scalable* latent dimension (the latent of a
/// Binary or Ordered response: its category is unchanged when the latent and its thresholds are
/// multiplied by alpha_d), and, when the level has exactly one Unordered response, one common
/// scale alpha_g for its m latents (its category, the largest positive latent, is unchanged by
/// a common scale; in the expanded model its block is alpha_g^2 I, as in the multinomial probit
/// expansion of Imai & van Dyk 2005). With several Unordered responses their latents are held
/// (their cross-correlations are left to ConstrainedCovarianceSampler's random walk). With
/// A = diag(alpha) (1 elsewhere):
///  1. alpha_d^2 ~ IG(nu/2, Psi_dd (Sigma^{-1})_dd / 2), and alpha_g^2 ~ IG(kappa, c_g / 2) with
///     kappa = (m (nu + m + 1) - 2) / 2, c_g = sum over the group of Psi_ii (Sigma^{-1})_ii:
///     the scales of Sigma~ = A Sigma A given Sigma under IW(nu, Psi) on the expanded set
///     (Barnard, McCulloch & Meng 2000; Psi diagonal);
///  2. Sigma~' is drawn given the rescaled residuals (S~ = A S A) from its conditional under
///     IW(nu, Psi): with the Unordered block s I first, s' ~ IG((nu - p + m + m + 1) m / 2 +
///     n m / 2 - 1, (tr Psi_UU + tr S~_UU) / 2) (held, where not expanded), then the rest given
///     it by ConstrainedCovarianceSampler's exact Bartlett draw of (B, Sigma_C.L);
///  3. alpha'_d = sqrt(Sigma~'_dd) and Sigma' = A'^{-1} Sigma~' A'^{-1}; every quantity on
///     dimension d's scale (latents, coefficients, unit effects, thresholds, other covariance
///     rows) is multiplied by c_d = alpha_d / alpha'_d by the caller.
/// Steps 1-3 are a Gibbs draw of the working scales followed by a Metropolis-Hastings step on
/// Sigma~ in the expanded model. Unrestricted IW(nu, Psi) on Sigma~ induces IW(nu, Psi)(Sigma)
/// v(Sigma) with v = prod_d exp(Psi_dd s^dd / 2) (s^dd)^(-nu/2), s^dd = (Sigma^{-1})_dd, on the
/// identified matrix (with a factor exp(c_g / 2) c_g^-kappa for the Unordered group), so
/// `propose` returns log v(Sigma) - log v(Sigma') (the stated prior is
/// kept exactly); the caller adds its own parameters' log prior ratio under the rescaling
/// (flat coefficients and thresholds: k log c_d; an inverse-Wishart Omega_u) and accepts with
/// that probability. Sigma' stays within a posterior sd of Sigma, so nearly all are accepted.
/// For an improper prior (nu <= p - 1 or Psi = 0) the working prior is IW(p + 1, I) and the
/// ratio carries the difference. No allocation after construction; one per chain.
class ExpandedCovarianceSampler {
public:
    /// `latentGroup` as ConstrainedCovarianceSampler's; `scalable[d]`: dimension d is a latent
    /// that may be rescaled on its own (a Binary or Ordered response's).
    ExpandedCovarianceSampler(const std::vector<int>& latentGroup,
                              const std::vector<bool>& scalable, double priorDf,
                              const Eigen::Ref<const Eigen::MatrixXd>& priorScale);

    /// Whether the held (Unordered) latent block has free correlations, which this step does
    /// not move: the caller then also runs ConstrainedCovarianceSampler::draw.
    /// Whether any dimension is rescaled at all (else the step would do nothing).
    bool expandsAny() const
    {
        return std::find(m_scaled.begin(), m_scaled.end(), true) != m_scaled.end();
    }
    bool holdsFreeCorrelations() const { return m_conditional.hasMetropolisStep(); }

    /// Proposes Sigma' from the current `sigma` and S = sum of e e' over `count` residual
    /// vectors; returns this step's log acceptance ratio (see the class comment).
    double propose(RandomStream& rng, const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares,
                   double count, const Eigen::Ref<const Eigen::MatrixXd>& sigma);
    /// c_d = alpha_d / alpha'_d of the last proposal per dimension (1 where not scalable).
    const std::vector<double>& scales() const { return m_scale; }
    /// Whether dimension d is rescaled (a scalable latent, or one of the expanded group's).
    bool isScaled(int d) const { return m_scaled[static_cast<std::size_t>(d)]; }
    /// Writes the last proposal into `sigma`.
    void accept(Eigen::Ref<Eigen::MatrixXd> sigma);
    void reject() { ++m_proposed; }
    double acceptanceRate() const;

private:
    double logPriorTerm(const Eigen::Ref<const Eigen::MatrixXd>& sigma);

    int m_dimension = 0;
    std::vector<bool> m_scalable;
    std::vector<bool> m_scaled;
    std::vector<int> m_group;  // the expanded Unordered group's dimensions (empty: none)
    double m_groupShape = 0.0; // kappa
    double m_priorDf = 0.0;
    Eigen::MatrixXd m_priorScale;
    double m_workingDf = 0.0;
    Eigen::VectorXd m_workingScale; // diagonal
    bool m_sameWorkingPrior = true;
    ConstrainedCovarianceSampler m_conditional;
    std::vector<double> m_alpha;
    std::vector<double> m_scale;
    Eigen::MatrixXd m_expandedSums;
    Eigen::MatrixXd m_candidate;
    Eigen::MatrixXd m_inverse;
    Eigen::LLT<Eigen::MatrixXd> m_factor;
    long m_proposed = 0;
    long m_accepted = 0;
};

} // namespace grove
