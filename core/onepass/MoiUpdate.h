// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/mcmc/ConstrainedCovarianceSampler.h"
#include "core/onepass/ImputationComponents.h"
#include "core/onepass/OnePassDesign.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cmath>
#include <memory>
#include <vector>

namespace grove::onepass {

/// Fills `out` with standard normal draws.
void fillNormalsInto(RandomStream& rng, Eigen::VectorXd& out);

/// The model of interest's parameters given the current design matrix X (terms recomputed
/// from the current imputations; the random coefficients Z are columns of X).
///
/// Normal: blocked Gibbs. beta is drawn with the random effects integrated out (Woodbury per
/// unit: X'V^-1X = sum_j (X_j'X_j - X_j'Z_j M_j^-1 Z_j'X_j) / sigma2, M_j = Z_j'Z_j +
/// sigma2 Omega^-1), then every u_j | beta, then Omega | u and sigma2 | beta, u: the intercept
/// does not crawl against the u_j (bench/README.md). Every step reads sufficient statistics (X'X,
/// X'y, and per unit X_j'Z_j, Z_j'Z_j, Z_j'y_j, y'y); those of the rows without a missing factor
/// are computed once, so an iteration visits only the rows whose terms can change. Non-normal
/// families: Metropolis-Hastings with an IWLS proposal (Gamerman 1997) for beta given u and for
/// each u_j given beta (N(0, Omega) prior in its target), followed by an exact Gibbs shift of the
/// cluster-level fixed effects against the random effects (beta_S += d, u_j -= d, linear predictor
/// unchanged; Liu & Sabatti 2000); the negative binomial dispersion alpha (var = mu + alpha mu^2)
/// by random-walk Metropolis on log alpha with a Gamma(0.001, 0.001) prior, its step adapted in
/// burn-in. Priors: flat on beta; Gamma(0.001, 0.001) on 1/sigma2; Omega uniform (IW(-(q+1), 0), as
/// MLwiN) or Wishart (IW(q+1, 0.001 I), weakly informative). No allocation per iteration.
class MoiUpdate {
public:
    MoiUpdate(const OnePassDesign& design, const RowMatrix& x);

    void update(RandomStream& rng, bool adapting);

    /// Over-dispersed start (`defaultsv` No), once, before the first update: every beta_t moved
    /// by three approximate posterior sds (sqrt(s2 (X'X)^-1_tt) at the starting X, s2 the
    /// residual variance or the GLM's working variance at the mean) times N(0, 1); sigma2,
    /// alpha and the diagonal of Omega scaled by log-normal factors; u_j drawn from N(0, Omega).
    void overdisperse(RandomStream& rng);

    /// Linear predictor of sorted row i from the current row of X.
    double linearPredictor(std::size_t row) const
    {
        const auto i = static_cast<Eigen::Index>(row);
        const double* x = m_x.data() + i * m_p; // row-major, contiguous
        const double* beta = m_beta.data();
        double eta = 0.0;
        for (Eigen::Index a = 0; a < m_p; ++a)
            eta += x[a] * beta[a];
        if (m_q > 0) {
            const auto j = static_cast<Eigen::Index>(m_unitOfRow[row]);
            for (Eigen::Index r = 0; r < m_q; ++r)
                eta += m_x(i, m_random[static_cast<std::size_t>(r)]) * m_u(j, r);
        }
        return eta;
    }
    /// Log-likelihood of response y at linear predictor eta (up to a constant in eta).
    double logLikelihood(double y, double eta) const
    {
        switch (m_family) {
        case Family::Normal: {
            const double r = y - eta;
            return -0.5 * r * r / m_sigma2;
        }
        case Family::Binomial:
            // y eta - log(1 + e^eta), written to stay finite for large |eta|.
            return y * eta -
                   (eta > 0.0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta)));
        case Family::Poisson: return y * eta - std::exp(eta);
        case Family::NegativeBinomial: {
            const double mu = std::exp(eta);
            const double r = 1.0 / m_alpha;
            return y * eta - (y + r) * std::log1p(m_alpha * mu);
        }
        }
        return 0.0;
    }
    /// The MOI mean mu at eta (identity, logistic or exp).
    double mean(double eta) const;

    Eigen::Index fixedCount() const { return m_p; }
    Eigen::Index randomCount() const { return m_q; }
    bool hasScale() const;
    const Eigen::VectorXd& beta() const { return m_beta; }
    const RowMatrix& randomEffects() const { return m_u; }
    /// beta, omega_uint (lower triangle), then sigma2 or alpha when the family has it.
    void write(double* out) const;
    /// (block, rate, scale) of the Metropolis steps, measured after adaptation.
    void acceptance(std::vector<std::tuple<std::string, double, double>>& out) const;

private:
    void updateNormal(RandomStream& rng);
    void normalStatistics();
    /// Adds sorted row i of unit j to the Normal sufficient statistics (lower triangle of X'X).
    /// P, Q: the numbers of terms and random terms when known at compile time (0: at run time).
    template <int P, int Q> void addRowStatistics(Eigen::Index row, Eigen::Index unit);
    template <int P, int Q> void addDynamicRows();
    void updateGlm(RandomStream& rng, bool adapting);
    void glmFixedEffects(RandomStream& rng);
    void glmRandomEffects(RandomStream& rng);
    void glmShift(RandomStream& rng);
    void dispersion(RandomStream& rng, bool adapting);
    void drawOmega(RandomStream& rng);
    void refreshOmegaInverse();
    /// IWLS weights and working responses at the current state (minus `offsetOfRow`).
    /// IWLS step for the fixed effects at `beta` (offset Z u): precision X'WX into `factor`,
    /// mean into `mean`; returns the log-likelihood at `beta`.
    double fixedIwls(const Eigen::VectorXd& beta, Eigen::MatrixXd& precision,
                     Eigen::LLT<Eigen::MatrixXd>& factor, Eigen::VectorXd& mean);
    /// The same for unit j's random effects `u` (offset X beta, prior N(0, Omega)); returns the
    /// log-likelihood of the unit's rows plus the log prior at `u`.
    double unitIwls(Eigen::Index unit, const Eigen::VectorXd& u, Eigen::MatrixXd& precision,
                    Eigen::LLT<Eigen::MatrixXd>& factor, Eigen::VectorXd& mean);
    /// Working weight and working residual (y - mu) / (dmu/deta) at linear predictor eta.
    void workingValues(double y, double eta, double& weight, double& residual) const;
    static double logProposal(const Eigen::VectorXd& x, const Eigen::VectorXd& mean,
                              const Eigen::MatrixXd& precision,
                              const Eigen::LLT<Eigen::MatrixXd>& factor, Eigen::VectorXd& scratch);
    double dispersionLogTarget(double alpha) const;

    const OnePassDesign& m_design;
    const RowMatrix& m_x;
    const std::vector<std::size_t>& m_unitOfRow;
    const std::vector<std::size_t>& m_unitStart;
    const std::vector<double>& m_y;
    Family m_family;
    Eigen::Index m_n = 0;
    Eigen::Index m_p = 0;
    Eigen::Index m_q = 0;
    Eigen::Index m_units = 0;
    std::vector<Eigen::Index> m_random;

    // State.
    Eigen::VectorXd m_beta;
    RowMatrix m_u; ///< J x q
    Eigen::MatrixXd m_omega;
    Eigen::MatrixXd m_omegaInverse;
    double m_sigma2 = 1.0;
    double m_alpha = 0.1;
    std::unique_ptr<ConstrainedCovarianceSampler> m_omegaSampler;

    // Normal sufficient statistics, per iteration: those of the rows whose terms never change
    // (no missing factor) are kept from construction, the others are added each iteration.
    std::vector<std::size_t> m_dynamicRows;
    /// The dynamic rows unit by unit: run r is unit `unit`'s rows, up to index `end` of
    /// m_dynamicRows (from the previous run's end).
    struct DynamicRun {
        std::size_t unit = 0;
        std::size_t end = 0;
    };
    std::vector<DynamicRun> m_dynamicRuns;
    Eigen::MatrixXd m_xtxConstant;
    Eigen::VectorXd m_xtyConstant;
    Eigen::MatrixXd m_xtzConstant;
    Eigen::MatrixXd m_ztzConstant;
    Eigen::MatrixXd m_ztyConstant;
    double m_yty = 0.0;
    Eigen::MatrixXd m_xtx;
    Eigen::VectorXd m_xty;
    Eigen::MatrixXd m_xtz; ///< p x (q J)
    Eigen::MatrixXd m_ztz; ///< q x (q J)
    Eigen::MatrixXd m_zty; ///< q x J
    std::vector<Eigen::LLT<Eigen::MatrixXd>> m_unitFactor;
    std::vector<double> m_unitInverse; ///< q = 1: M_j^-1 per unit

    // Scratch.
    Eigen::MatrixXd m_precision;
    Eigen::VectorXd m_linear;
    Eigen::VectorXd m_normals;
    Eigen::VectorXd m_candidate;
    Eigen::LLT<Eigen::MatrixXd> m_factor;
    Eigen::MatrixXd m_qp;
    Eigen::MatrixXd m_qPrecision;
    Eigen::VectorXd m_qLinear;
    Eigen::VectorXd m_qNormals;
    Eigen::VectorXd m_qCandidate;
    Eigen::VectorXd m_qMean;
    Eigen::LLT<Eigen::MatrixXd> m_qFactor;
    Eigen::MatrixXd m_scatter;
    Eigen::VectorXd m_offset; ///< n: the part of the linear predictor not being updated
    Eigen::MatrixXd m_reversePrecision;
    Eigen::VectorXd m_forwardMean;
    Eigen::VectorXd m_reverseMean;
    Eigen::VectorXd m_pScratch;
    Eigen::LLT<Eigen::MatrixXd> m_reverseFactor;
    Eigen::MatrixXd m_qReversePrecision;
    Eigen::VectorXd m_qReverseMean;
    Eigen::VectorXd m_qCurrent;
    Eigen::VectorXd m_qScratch;
    Eigen::LLT<Eigen::MatrixXd> m_qReverseFactor;
    Eigen::LLT<Eigen::MatrixXd> m_omegaFactor;

    // Metropolis bookkeeping (counted after adaptation).
    long m_fixedProposed = 0;
    long m_fixedAccepted = 0;
    long m_randomProposed = 0;
    long m_randomAccepted = 0;
    double m_dispersionStep = 0.2;
    long m_dispersionWindow = 0;
    long m_dispersionWindowAccepted = 0;
    long m_dispersionProposed = 0;
    long m_dispersionAccepted = 0;
};

} // namespace grove::onepass
