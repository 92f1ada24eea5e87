// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <vector>

namespace grove {

/// Draws a covariance matrix Sigma given residual sums of squares when some of its dimensions
/// are latent normals whose variance is fixed at 1 (probit identification).
///
/// Order the dimensions as (L, C): latent, free. The prior is an inverse-Wishart(nu, Psi)
/// written through its Bartlett decomposition, with the latent block restricted to
/// correlation matrices (with the within-response blocks of Unordered latents fixed at
/// identity): Sigma_LL ~ IW(nu - |C|, Psi_LL) restricted to unit diagonal, and
/// (B = Sigma_CL Sigma_LL^{-1}, Sigma_C.L) independent of it as under IW(nu, Psi). Then
///  - (B, Sigma_C.L) | residuals is exactly the same decomposition of IW(nu + n, Psi + S):
///    drawn in closed form (an inverse-Wishart draw, of which the latent block is discarded);
///  - R = Sigma_LL | residuals has density |R|^{-(n+nu-|C|+|L|+1)/2} exp(-tr(R^{-1}A_LL)/2) on
///    correlation matrices; it is updated by a random-walk Metropolis step on all its free
///    correlations at once, computed from the |L| x |L| sufficient statistics only (no pass over
///    the data), with a step size adapted during burn-in.
/// With no latent dimension this is the plain conjugate inverse-Wishart draw. No allocation
/// after construction. Not thread-safe: one per chain.
class ConstrainedCovarianceSampler {
public:
    /// `latentGroup[d]` is -1 for a free dimension and, for a latent one (variance fixed at 1),
    /// the index of the response it belongs to: the latents of one Unordered response are
    /// uncorrelated by definition (their correlations are not identified from one categorical
    /// observation, and REALCOM-IMPUTE fixes that block too). Prior IW(priorDf, priorScale).
    ConstrainedCovarianceSampler(const std::vector<int>& latentGroup, double priorDf,
                                 const Eigen::Ref<const Eigen::MatrixXd>& priorScale);

    /// Replaces `sigma` by a draw given S = sum of e e' over `count` residual vectors. The
    /// current latent correlation block of `sigma` is the Metropolis starting point.
    void draw(RandomStream& rng, const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares,
              double count, Eigen::Ref<Eigen::MatrixXd> sigma);
    /// The same draw with the latent correlation block of `sigma` kept as it is: only
    /// (B, Sigma_C.L), exactly from their conditional (ExpandedCovarianceSampler's proposal).
    void drawGivenLatentBlock(RandomStream& rng,
                              const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares, double count,
                              Eigen::Ref<Eigen::MatrixXd> sigma);

    /// Tunes the Metropolis step towards 25-40% acceptance; call during burn-in only.
    void adapt();
    double acceptanceRate() const;
    bool hasMetropolisStep() const { return m_freeCorrelations > 0; }

private:
    double logTarget(const Eigen::Ref<const Eigen::MatrixXd>& correlation, double power);
    void drawBlocks(RandomStream& rng, const Eigen::Ref<const Eigen::MatrixXd>& sumOfSquares,
                    double count, Eigen::Ref<Eigen::MatrixXd> sigma, bool moveCorrelations);

    int m_dimension = 0;
    int m_latentCount = 0;
    std::vector<int> m_order; // permuted index -> original index (latent first)
    std::vector<int> m_group; // latent group of each permuted latent index
    int m_freeCorrelations = 0;
    double m_priorDf = 0.0;
    Eigen::MatrixXd m_priorScale; // permuted
    Eigen::MatrixXd m_posteriorScale;
    Eigen::MatrixXd m_bartlett;
    Eigen::MatrixXd m_inverseBartlett;
    Eigen::MatrixXd m_left;
    Eigen::MatrixXd m_draw;
    Eigen::MatrixXd m_regression;  // B, |C| x |L|
    Eigen::MatrixXd m_conditional; // Sigma_C.L
    Eigen::MatrixXd m_correlation;
    Eigen::MatrixXd m_proposal;
    Eigen::MatrixXd m_work;
    Eigen::MatrixXd m_assembled;
    Eigen::LLT<Eigen::MatrixXd> m_scaleFactor;
    Eigen::LLT<Eigen::MatrixXd> m_latentFactor;
    double m_step = 0.05;
    long m_proposed = 0;
    long m_accepted = 0;
    long m_windowProposed = 0;
    long m_windowAccepted = 0;
};

} // namespace grove
