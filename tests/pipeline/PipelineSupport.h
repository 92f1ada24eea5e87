// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/DatasetReader.h"
#include "core/run/TwoLevelImputeRun.h"

#include <cstdint>
#include <string>

namespace grove::pipelinetest {

/// Seed, threads and chains; every other run setting at its default.
inline RunSettings runSettings(std::uint64_t seed, int threads, int chains)
{
    RunSettings settings;
    settings.seed = seed;
    settings.threads = threads;
    settings.chains = chains;
    return settings;
}

/// The bundled tutmiss dataset, read once.
inline const Dataset& tutmiss()
{
    static const Dataset dataset = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    return dataset;
}

} // namespace grove::pipelinetest
