// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace grove {

/// Posterior summary of one parameter over several chains.
struct ParameterSummary {
    std::string name;
    std::string term;
    std::string description;
    double mean = 0.0;
    double sd = 0.0;
    double ess = 0.0; ///< effective sample size over all chains (Geyer initial monotone sequence)
    long draws = 0;
};

/// Mean, sd and a simple ESS of draws pooled over chains: the autocorrelation averaged over
/// chains, summed in pairs until a pair turns negative (Geyer 1992, initial positive sequence,
/// made monotone). Chains may differ in length. core/diag has the full rank-normalised version.
ParameterSummary summarizeDraws(const std::vector<std::vector<double>>& chains);

} // namespace grove
