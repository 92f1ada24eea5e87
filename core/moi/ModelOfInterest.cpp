// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/ModelOfInterest.h"

#include "core/moi/ClassificationsSampler.h"
#include "core/moi/MoiDesign.h"

#include <memory>

namespace grove {

MoiFit fitModelOfInterest(const Dataset& data, const MoiSpec& spec, std::uint64_t seed, int chain,
                          const RunControl& control)
{
    const std::vector<MoiDesign> designs = spec.classifications.empty()
                                               ? std::vector<MoiDesign>{buildMoiDesign(data, spec)}
                                               : buildClassificationDesigns(data, spec);
    std::unique_ptr<MoiSampler> sampler =
        designs.size() == 1
            ? makeMoiSampler(designs.front(), spec.distribution, seed, chain)
            : std::make_unique<ClassificationsSampler>(designs, spec.distribution, seed, chain);
    MoiFit fit = sampler->run(spec.burnin, spec.iterations, spec.thinning, chain, control);
    const MoiDesign& first = designs.front();
    fit.rowCount = static_cast<std::size_t>(first.rows());
    fit.unitCount = static_cast<std::size_t>(first.twoLevel ? first.unitCount() : 1);
    return fit;
}

} // namespace grove
