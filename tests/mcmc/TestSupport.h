// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared helpers for the engine's statistical tests: simulation and summaries.

#include "core/data/Dataset.h"
#include "core/mcmc/JointImputation.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Dense>

#include <string>
#include <vector>

namespace grove::testing {

/// A draw from N(0, covariance).
inline Eigen::VectorXd drawNormalVector(RandomStream& rng, const Eigen::MatrixXd& covariance)
{
    const Eigen::LLT<Eigen::MatrixXd> factor(covariance);
    Eigen::VectorXd z(covariance.rows());
    for (Eigen::Index i = 0; i < z.size(); ++i)
        z(i) = rng.normal();
    const Eigen::VectorXd result = factor.matrixL() * z;
    return result;
}

/// Exchangeable covariance: variances on the diagonal, correlation rho everywhere else.
inline Eigen::MatrixXd exchangeable(const Eigen::VectorXd& variances, double rho)
{
    const Eigen::Index p = variances.size();
    Eigen::MatrixXd result(p, p);
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            result(a, b) = (a == b ? 1.0 : rho) * std::sqrt(variances(a) * variances(b));
    return result;
}

/// `omega` with the correlation of the two latents of an Unordered response (dimensions first,
/// first + 1) set to 0, as the model fixes it.
inline Eigen::MatrixXd withUnorderedBlock(Eigen::MatrixXd omega, Eigen::Index first)
{
    omega(first, first + 1) = omega(first + 1, first) = 0.0;
    return omega;
}

/// Category of an Unordered response from its latents (maximum indicant, last = reference).
inline double maximumIndicant(const double* latent, int count)
{
    int best = count;
    double bestValue = 0.0;
    for (int k = 0; k < count; ++k)
        if (latent[k] > bestValue) {
            bestValue = latent[k];
            best = k;
        }
    return best;
}

inline const ParameterSummary& summaryOf(const ImputationResult& result,
                                         const std::string& description)
{
    for (const ParameterSummary& s : result.summary)
        if (s.description == description)
            return s;
    throw std::runtime_error("no parameter described as " + description);
}

inline const ParameterSummary& summaryByTerm(const ImputationResult& result,
                                             const std::string& term)
{
    for (const ParameterSummary& s : result.summary)
        if (s.term == term)
            return s;
    throw std::runtime_error("no parameter with term " + term);
}

inline ImputationSchedule singleChain(long iterations, std::uint64_t seed)
{
    ImputationSchedule schedule;
    schedule.imputations = 1;
    schedule.firstImputation = iterations;
    schedule.imputationGap = 1;
    schedule.chains = 1;
    schedule.threads = 1;
    schedule.seed = seed;
    return schedule;
}

} // namespace grove::testing
