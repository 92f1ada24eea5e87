// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/TwoLevelImputeRun.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace grove {

/// What identifies the run a partial folder belongs to: merging checks that every folder has
/// the same of everything but the chain index.
struct ChainPartialManifest {
    std::string templateName;
    std::string datasetName;
    std::string datasetFingerprint; ///< datasetFingerprint() of the dataset the chain imputed
    std::string inputs;             ///< the validated input string
    std::uint64_t seed = 1;
    int chains = 0;
    int chainIndex = 0;
};

/// A 64-bit FNV-1a hash (hex) of a dataset's names, values and missing flags: equal datasets,
/// equal fingerprints, on any machine.
std::string datasetFingerprint(const Dataset& dataset);

/// Writes chain `manifest.chainIndex`'s parts (its imputation chain, completed datasets and
/// model-of-interest fits) into `folder`: `grove-partial.txt`, `imputation_chain.txt`,
/// `fit_<m>.txt` (every double exactly, as hexadecimal floating point) and the completed
/// datasets as .dta. Each file is written atomically.
void writeChainPartial(const ChainPartialManifest& manifest, const ImputationRunParts& parts,
                       const std::filesystem::path& folder);

/// Reads the manifest of a partial folder. Throws Error naming the folder when it is not one.
ChainPartialManifest readChainPartialManifest(const std::filesystem::path& folder);

/// Checks that the folders' manifests come from one run (same template, dataset, inputs,
/// seed, chains) and hold every chain exactly once; returns the folders in chain order.
/// Throws Error with one line naming the problem.
std::vector<std::filesystem::path>
orderChainPartials(const std::vector<std::filesystem::path>& folders);

/// Puts the parts of every chain (folders in chain order) together as the whole run has them
/// before its outputs are made (the complete cases not yet fitted).
ImputationRunParts mergeChainPartials(const std::vector<std::filesystem::path>& folders,
                                      int imputations, long firstImputation);

} // namespace grove
