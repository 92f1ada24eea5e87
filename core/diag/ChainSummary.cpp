// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/ChainSummary.h"

#include "core/diag/EffectiveSampleSize.h"
#include "core/diag/MonteCarloError.h"
#include "core/diag/RHat.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
}

ChainSummary summarizeChains(ChainsView chains)
{
    ChainSummary summary;
    summary.emptyReason = chainsProblem(chains, 0);
    std::vector<double> joined = joinChains(chains);
    if (summary.emptyReason.empty() && joined.empty()) {
        summary.emptyReason = "the chains have no draws";
    }
    if (!summary.emptyReason.empty()) {
        summary.mean = summary.sd = summary.quantile025 = summary.median = summary.quantile975 =
            summary.lower95 = summary.upper95 = notANumber;
        return summary;
    }
    summary.draws = joined.size();
    summary.mean = sampleMean(joined);
    summary.sd = std::sqrt(sampleVariance(joined));
    std::sort(joined.begin(), joined.end());
    summary.quantile025 = sortedQuantile(joined, 0.025);
    summary.median = sortedQuantile(joined, 0.5);
    summary.quantile975 = sortedQuantile(joined, 0.975);
    summary.lower95 = summary.quantile025;
    summary.upper95 = summary.quantile975;
    return summary;
}

std::vector<double> traceIterations(std::size_t length, double firstIteration, double thinning)
{
    std::vector<double> iterations(length);
    for (std::size_t i = 0; i < length; ++i) {
        iterations[i] = firstIteration + thinning * static_cast<double>(i);
    }
    return iterations;
}

ChainTableRow chainTableRow(ChainsView chains)
{
    ChainTableRow row;
    const ChainSummary summary = summarizeChains(chains);
    row.mean = summary.mean;
    row.sd = summary.sd;
    row.lower95 = summary.lower95;
    row.upper95 = summary.upper95;

    const EffectiveSampleSizeResult ess = chainEffectiveSampleSize(chains);
    row.ess = ess.summed;
    row.bulkEss = ess.bulk;
    row.tailEss = ess.tail;
    const RhatResult rhat = rankNormalizedSplitRhat(chains);
    row.rhat = rhat.rhat;
    row.mcse = chainMcseOfMean(chains);

    row.rhatAbove1_1 = row.rhat > 1.1;
    row.essBelow100 = row.ess < 100.0 || row.bulkEss < 100.0 || row.tailEss < 100.0;
    for (const std::string* reason : {&summary.emptyReason, &ess.emptyReason, &rhat.emptyReason}) {
        if (!reason->empty()) {
            row.note = *reason;
            break;
        }
    }
    return row;
}

} // namespace grove
