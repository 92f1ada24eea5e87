// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ImputationSpacing.h"

#include "core/diag/Autocorrelation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <sstream>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

} // namespace

std::span<const double> drawsAfterIteration(const std::vector<double>& draws,
                                            const std::vector<long>& iterations, long skip)
{
    std::size_t start = 0;
    while (start < draws.size() && start < iterations.size() && iterations[start] <= skip)
        ++start;
    return std::span<const double>(draws).subspan(start);
}

ImputationSpacing imputationSpacing(const ChainSet& chains, long firstImputation, long imputeEvery,
                                    int imputations, double threshold)
{
    ImputationSpacing spacing;
    spacing.imputeEvery = imputeEvery;
    spacing.threshold = threshold;
    spacing.severalImputationsPerChain =
        static_cast<std::size_t>(imputations) > chains.chainCount();
    const long skip = firstImputation / 2;
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        // Autocorrelations of every chain up to half the shortest chain's usable length.
        std::vector<std::vector<double>> acfs;
        std::size_t maxLag = std::numeric_limits<std::size_t>::max();
        std::vector<std::span<const double>> series;
        for (std::size_t c = 0; c < chains.chainCount(); ++c) {
            const std::vector<long> none;
            series.push_back(drawsAfterIteration(
                chains.draws[c][p], c < chains.iterations.size() ? chains.iterations[c] : none,
                skip));
            maxLag = std::min(maxLag, series.back().size() / 2);
        }
        if (series.empty() || maxLag < 1)
            continue;
        bool constant = true;
        for (const std::span<const double> s : series) {
            acfs.push_back(autocorrelation(s, maxLag));
            constant = constant && std::isnan(acfs.back().at(std::min<std::size_t>(1, maxLag)));
        }
        if (constant)
            continue; // held fixed (e.g. a probit latent's variance)
        std::vector<double> mean(maxLag + 1, 0.0);
        for (std::size_t k = 0; k <= maxLag; ++k) {
            double sum = 0.0;
            std::size_t count = 0;
            for (const std::vector<double>& acf : acfs)
                if (k < acf.size() && std::isfinite(acf[k])) {
                    sum += acf[k];
                    ++count;
                }
            mean[k] = count ? sum / static_cast<double>(count) : notANumber;
        }
        SpacingRow row;
        row.parameter = chains.parameters[p].name;
        row.term = chains.parameters[p].term;
        row.spacingBelowThreshold = notANumber;
        for (std::size_t k = 1; k <= maxLag; ++k)
            if (mean[k] < threshold) {
                row.spacingBelowThreshold = static_cast<double>(k);
                break;
            }
        if (imputeEvery >= 1 && static_cast<std::size_t>(imputeEvery) <= maxLag) {
            row.autocorrelation = mean[static_cast<std::size_t>(imputeEvery)];
        } else {
            row.autocorrelation = notANumber;
            row.note = "chains too short to measure lag " + std::to_string(imputeEvery);
        }
        if (std::isnan(row.spacingBelowThreshold)) {
            std::ostringstream note;
            note << (row.note.empty() ? "" : "; ") << "still above " << threshold << " at lag "
                 << maxLag << " (the longest measurable)";
            row.note += note.str();
        }
        row.flagged = spacing.severalImputationsPerChain &&
                      (row.autocorrelation > threshold ||
                       (std::isnan(row.autocorrelation) &&
                        (std::isnan(row.spacingBelowThreshold) ||
                         row.spacingBelowThreshold > static_cast<double>(imputeEvery))));
        spacing.rows.push_back(std::move(row));
    }
    return spacing;
}

bool ImputationSpacing::flagged() const
{
    return std::any_of(rows.begin(), rows.end(), [](const SpacingRow& r) { return r.flagged; });
}

std::string ImputationSpacing::message() const
{
    std::vector<const SpacingRow*> flaggedRows;
    for (const SpacingRow& row : rows)
        if (row.flagged)
            flaggedRows.push_back(&row);
    if (flaggedRows.empty())
        return {};
    std::ostringstream out;
    out.precision(2);
    out << "Imputations from one chain are too close together: autocorrelation at lag "
        << imputeEvery << " (imputeevery) above " << threshold << " for " << flaggedRows.size()
        << " imputation-model parameter(s)";
    const SpacingRow* worst = flaggedRows.front();
    double needed = 0.0;
    bool unknown = false;
    for (const SpacingRow* row : flaggedRows) {
        if (row->autocorrelation > worst->autocorrelation)
            worst = row;
        if (std::isnan(row->spacingBelowThreshold))
            unknown = true;
        else
            needed = std::max(needed, row->spacingBelowThreshold);
    }
    out << " (worst " << worst->parameter << ": " << worst->autocorrelation << ")";
    if (unknown)
        out << "; some stay above it over the stored draws: raise imputefirst and imputeevery";
    else
        out << "; use imputeevery >= " << static_cast<long>(needed);
    out << ", or one chain per imputation. Between-imputation variances may be too small "
           "(see Imputation_Model_Spacing).";
    return out.str();
}

Table ImputationSpacing::table() const
{
    Table table;
    table.columns = {"parameter",          "term", "acf_at_imputeevery",
                     "imputeevery_needed", "flag", "note"};
    for (const SpacingRow& row : rows)
        table.rows.push_back({row.parameter, row.term, row.autocorrelation,
                              row.spacingBelowThreshold,
                              std::string(row.flagged ? "too close" : ""), row.note});
    return table;
}

} // namespace grove
