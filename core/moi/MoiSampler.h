// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/common/RunControl.h"
#include "core/moi/ModelOfInterest.h"

#include <Eigen/Core>

#include <string>
#include <utility>
#include <vector>

namespace grove {

/// The run loop shared by the MOI samplers: burn-in, thinning, storage of the draws,
/// cancellation and progress, the summaries, and Rao-Blackwellised posterior means: the
/// fixed effects' moments for samplers that supply their conditional mean and covariance, and
/// the means of other parameters (variances, covariances) for samplers that supply their
/// conditional means.
///
/// What a summary reports: `mean` is the average of the conditional means (or other unbiased
/// estimates, see addConditionalMeans) the sampler supplied during sampling when it supplied any
/// for that parameter, else the fixed effects' Rao-Blackwellised mean when moments were supplied,
/// else the plain draw mean (fixedEffectMean is the same); `sd` is the fixed effects' square-rooted
/// Rao-Blackwellised variance (law of total variance) and, for every other parameter, the plain sd
/// of the stored draws. `drawMean` and `drawSd` are always the plain draw statistics.
class MoiSampler {
public:
    virtual ~MoiSampler() = default;
    MoiSampler(const MoiSampler&) = delete;
    MoiSampler& operator=(const MoiSampler&) = delete;

    /// Runs `burnin + iterations` sweeps, storing every `thinning`-th after burn-in.
    MoiFit run(long burnin, long iterations, long thinning, int chain, const RunControl& control);

    // Composition over several classifications (ClassificationsSampler): each classification's
    // sampler updates its own random effects and covariance, and the parameters all share,
    // given the other classifications' effects as a known part of every row's mean. Samplers
    // that cannot take part throw Error.

    /// The other classifications' part of each row's mean: N x R, this sampler's design order.
    virtual void setOffset(const Eigen::Ref<const Eigen::MatrixXd>& offset);
    /// Adds this sampler's random part (Z_j u_j per row) into `out`, N x R, design order.
    virtual void addRandomPart(Eigen::Ref<Eigen::MatrixXd> out) const;
    /// The parameters shared by every classification's sampler (the fixed effects and the
    /// level-1 (co)variance), packed in a sampler-specific order.
    virtual void exportShared(Eigen::VectorXd& out) const;
    virtual void importShared(const Eigen::VectorXd& in);
    /// One sweep (iterate) and the current values (writeValues), for a composing sampler.
    void step(bool sampling) { iterate(sampling); }
    void currentValues(double* out) const { writeValues(out); }
    const std::vector<ParameterInfo>& parameters() const { return m_parameters; }
    Eigen::Index fixedEffectCount() const { return m_fixedCount; }
    std::vector<std::pair<std::string, double>> acceptanceRatesOf() const
    {
        return acceptanceRates();
    }

protected:
    /// `parameters` in storage order; the first `fixedEffectCount` are the fixed effects.
    MoiSampler(std::vector<ParameterInfo> parameters, Eigen::Index fixedEffectCount);

    /// One sweep over all parameters. `sampling` is false during burn-in.
    virtual void iterate(bool sampling) = 0;
    /// Writes the current value of every parameter, in storage order.
    virtual void writeValues(double* out) const = 0;
    virtual std::vector<std::pair<std::string, double>> acceptanceRates() const { return {}; }

    /// Called by samplers once per sampling sweep with the fixed effects' conditional posterior
    /// mean and covariance given the other parameters (Rao-Blackwellisation).
    void addFixedEffectMoments(const Eigen::Ref<const Eigen::VectorXd>& mean,
                               const Eigen::Ref<const Eigen::MatrixXd>& covariance);

    /// Called by samplers during sampling sweeps, any number of times per sweep, with the
    /// conditional posterior mean of parameters [first, first + means.size()) (storage order)
    /// given some of the other unknowns: an unbiased estimate of their posterior mean under the
    /// stationary distribution (or any other such estimate, e.g. one with a zero-mean control
    /// variate subtracted). The reported mean is the average of all such calls; for fixed
    /// effects it takes precedence over addFixedEffectMoments, which then supplies only the sd.
    void addConditionalMeans(Eigen::Index first, const Eigen::Ref<const Eigen::VectorXd>& means);
    /// Likewise for a symmetric matrix stored as its lower triangle row-wise from `first`
    /// (writeLowerTriangle order); a 1 x 1 matrix is one parameter.
    void addConditionalMeanMatrix(Eigen::Index first,
                                  const Eigen::Ref<const Eigen::MatrixXd>& matrix);

private:
    std::vector<ParameterInfo> m_parameters;
    Eigen::Index m_fixedCount = 0;
    long m_momentCount = 0;
    Eigen::VectorXd m_meanOfMeans;      ///< running mean of the conditional means
    Eigen::MatrixXd m_spreadOfMeans;    ///< Welford sum of their outer deviations
    Eigen::MatrixXd m_sumOfCovariances; ///< sum of the conditional covariances
    Eigen::VectorXd m_delta;
    Eigen::VectorXd m_conditionalSum;     ///< per parameter, sum of conditional means
    std::vector<long> m_conditionalCount; ///< per parameter, number of them
};

} // namespace grove
