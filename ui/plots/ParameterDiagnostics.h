// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/diag/Autocorrelation.h"
#include "core/diag/BrooksGelmanRubin.h"
#include "core/diag/ChainSummary.h"
#include "core/diag/KernelDensity.h"
#include "core/diag/MonteCarloError.h"

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// Everything the six-panel figure draws for one parameter, computed from core/diag in one go
/// (Qt-free, so it can be timed and tested on its own). The x values of the MCSE and BGR
/// curves are mapped from "draws per chain" to stored iteration numbers (chain 0's), so all
/// iteration axes of the figure agree when chains are thinned or start after a burn-in.
struct ParameterDiagnostics {
    ParameterInfo parameter;                 ///< name and term
    std::vector<std::vector<double>> chains; ///< chains[c]: the draws of chain c
    std::vector<std::vector<double>> traceX; ///< traceX[c][k]: stored iteration of draw k
    ChainTableRow summary;                   ///< the summary line / table row
    KernelDensityResult density;             ///< top right
    AutocorrelationResult autocorrelation;   ///< middle row (joined chains)
    McseCurve mcse;                          ///< bottom left (iterations already mapped)
    BrooksGelmanRubinResult bgr;             ///< bottom right (iterations already mapped)
    std::string traceEmptyReason;            ///< non-empty when there is no draw to trace

    /// Computes all panels for parameter `parameterIndex` of `chains`.
    /// @throws std::out_of_range if parameterIndex is not a parameter of chains.
    static ParameterDiagnostics compute(const ChainSet& chains, std::size_t parameterIndex);
};

} // namespace grove
