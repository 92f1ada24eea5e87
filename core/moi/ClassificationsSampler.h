// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/MoiDesign.h"
#include "core/moi/MoiSampler.h"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <vector>

namespace grove {

/// The sampler of one MOI design: Normal, Binomial / Poisson or Multivariate Normal. The design
/// must outlive it.
std::unique_ptr<MoiSampler> makeMoiSampler(const MoiDesign& design, MoiDistribution distribution,
                                           std::uint64_t seed, int chain);

/// An MOI with random effects for several classifications, nested or crossed: the effects add,
/// y = X beta + sum_c Z_c u_c + e. Blocked Gibbs over the classifications: in turn, each
/// classification's own 2-level sampler (makeMoiSampler on its design) runs one sweep given the
/// other classifications' effects, which enter every row's mean as a known offset, and updates
/// the fixed effects and level-1 parameters (shared, passed on to the next) with its own random
/// effects and covariance. Each sweep leaves the joint posterior invariant, so their
/// composition does; the 2-level samplers' blocking (beta with u_c integrated out, unit moves)
/// works per classification. The reported means and sds are those of the draws (the 2-level
/// samplers' Rao-Blackwellised estimates condition on the other classifications' draws).
///
/// Parameters: the fixed effects, then each classification's level-2 parameters, named after
/// it, then the level-1 ones, as ModelOfInterest.h lists.
class ClassificationsSampler final : public MoiSampler {
public:
    /// `designs` (at least 2, from buildClassificationDesigns) must outlive the sampler.
    /// Classification c draws from stream (seed + c * golden, chain).
    ClassificationsSampler(const std::vector<MoiDesign>& designs, MoiDistribution distribution,
                           std::uint64_t seed, int chain);

private:
    ClassificationsSampler(const std::vector<MoiDesign>& designs, MoiDistribution distribution,
                           std::vector<std::unique_ptr<MoiSampler>> samplers);

    void iterate(bool sampling) override;
    void writeValues(double* out) const override;
    std::vector<std::pair<std::string, double>> acceptanceRates() const override;

    const std::vector<MoiDesign>& m_designs;
    std::vector<std::unique_ptr<MoiSampler>> m_samplers;
    std::vector<Eigen::Index> m_level2Count; ///< per classification
    std::vector<Eigen::MatrixXd> m_parts;    ///< per classification, Z_c u_c, N x R, data order
    Eigen::MatrixXd m_offset;                ///< sum of the others' parts, data order
    Eigen::MatrixXd m_designOrder;           ///< scratch in one classification's row order
    Eigen::VectorXd m_shared;
    mutable std::vector<std::vector<double>> m_values; ///< per classification's sampler
};

} // namespace grove
