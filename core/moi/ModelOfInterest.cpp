// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/ModelOfInterest.h"

#include "core/common/Error.h"
#include "core/moi/GlmSampler.h"
#include "core/moi/MoiDesign.h"
#include "core/moi/MvNormalSampler.h"
#include "core/moi/NormalSampler.h"

#include <memory>

namespace grove {

MoiFit fitModelOfInterest(const Dataset& data, const MoiSpec& spec, std::uint64_t seed, int chain,
                          const RunControl& control)
{
    const MoiDesign design = buildMoiDesign(data, spec);
    std::unique_ptr<MoiSampler> sampler;
    switch (spec.distribution) {
    case MoiDistribution::Normal:
        sampler = std::make_unique<NormalSampler>(design, seed, chain);
        break;
    case MoiDistribution::Binomial:
    case MoiDistribution::Poisson:
        sampler = std::make_unique<GlmSampler>(design, spec.distribution, seed, chain);
        break;
    case MoiDistribution::MultivariateNormal:
        sampler = std::make_unique<MvNormalSampler>(design, seed, chain);
        break;
    }
    if (!sampler)
        throw Error("model of interest: unknown distribution");
    MoiFit fit = sampler->run(spec.burnin, spec.iterations, spec.thinning, chain, control);
    fit.rowCount = static_cast<std::size_t>(design.rows());
    fit.unitCount = static_cast<std::size_t>(design.twoLevel ? design.unitCount() : 1);
    return fit;
}

} // namespace grove
