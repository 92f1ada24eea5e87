// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ConvergenceSummary.h"

#include "core/diag/EffectiveSampleSize.h"
#include "core/diag/RHat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

std::string figure(double value)
{
    std::ostringstream out;
    out.precision(value >= 10.0 ? 0 : 3);
    if (value >= 10.0)
        out << std::fixed;
    out << value;
    return out.str();
}

void addReason(std::string& reasons, const std::string& reason)
{
    reasons += (reasons.empty() ? "" : "; ") + reason;
}

} // namespace

std::vector<ConvergenceRow> convergenceRows(const std::string& model, const ChainSet& chains,
                                            const ConvergenceCriteria& criteria,
                                            long afterIteration, const ImputationSpacing* spacing)
{
    std::vector<ConvergenceRow> rows;
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        std::vector<std::vector<double>> draws;
        for (std::size_t c = 0; c < chains.chainCount(); ++c) {
            static const std::vector<long> none;
            const std::span<const double> kept = drawsAfterIteration(
                chains.draws[c][p], c < chains.iterations.size() ? chains.iterations[c] : none,
                afterIteration);
            draws.emplace_back(kept.begin(), kept.end());
        }
        if (draws.empty() || chainsAreConstant(draws))
            continue; // held fixed (a probit latent's variance): nothing to converge
        ConvergenceRow row;
        row.model = model;
        row.parameter = chains.parameters[p].name;
        row.term = chains.parameters[p].term;
        row.chains = draws.size();
        row.draws = shortestChainLength(draws);
        const RhatResult rhat = rankNormalizedSplitRhat(draws);
        row.rhat = rhat.rhat;
        row.bulkEss = bulkEffectiveSampleSize(draws);
        row.tailEss = tailEffectiveSampleSize(draws);
        row.acfAtImputeEvery = notANumber;
        if (!rhat.emptyReason.empty()) {
            // Too few draws for any figure: that alone means the run is too short.
            row.rhatFlag = true;
            addReason(row.reason, rhat.emptyReason);
        } else {
            if (row.rhat > criteria.maxRhat) {
                row.rhatFlag = true;
                addReason(row.reason,
                          "R-hat " + figure(row.rhat) + " > " + figure(criteria.maxRhat));
            }
            if (!(row.bulkEss >= criteria.minEss)) {
                row.essFlag = true;
                addReason(row.reason,
                          "bulk ESS " + figure(row.bulkEss) + " < " + figure(criteria.minEss));
            }
            if (!(row.tailEss >= criteria.minEss)) {
                row.essFlag = true;
                addReason(row.reason,
                          "tail ESS " + figure(row.tailEss) + " < " + figure(criteria.minEss));
            }
        }
        if (spacing != nullptr) {
            for (const SpacingRow& s : spacing->rows)
                if (s.parameter == row.parameter) {
                    row.acfAtImputeEvery = s.autocorrelation;
                    if (s.flagged) {
                        row.spacingFlag = true;
                        addReason(row.reason, "autocorrelation " + figure(s.autocorrelation) +
                                                  " at lag imputeevery = " +
                                                  std::to_string(spacing->imputeEvery) + " > " +
                                                  figure(spacing->threshold));
                    }
                }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::size_t ConvergenceSummary::flaggedCount() const
{
    return static_cast<std::size_t>(std::count_if(
        rows.begin(), rows.end(), [](const ConvergenceRow& r) { return r.flagged(); }));
}

std::string ConvergenceSummary::message() const
{
    std::ostringstream out;
    const std::size_t flagged = flaggedCount();
    bool imputationRhatOrEss = false;
    bool imputationSpacing = false;
    bool fitRhatOrEss = false;
    const ConvergenceRow* worst = nullptr;
    for (const ConvergenceRow& row : rows) {
        if (!row.flagged())
            continue;
        const bool imputation = row.model == "Imputation_Model";
        if (row.rhatFlag || row.essFlag)
            (imputation ? imputationRhatOrEss : fitRhatOrEss) = true;
        imputationSpacing = imputationSpacing || row.spacingFlag;
        if (worst == nullptr || (std::isfinite(row.rhat) && !(worst->rhat >= row.rhat)))
            worst = &row;
    }
    if (flagged == 0) {
        out << "Convergence: all " << rows.size()
            << " parameters passed (R-hat <= " << figure(criteria.maxRhat)
            << ", bulk and tail ESS >= " << figure(criteria.minEss)
            << (imputationChains > 0 ? ", imputations far enough apart" : "") << ").";
    } else {
        out << "Convergence: " << flagged << " of " << rows.size() << " parameters flagged";
        if (worst != nullptr)
            out << " (e.g. " << worst->model << " " << worst->parameter << ": " << worst->reason
                << ")";
        out << ". What to do:";
        std::vector<std::string> remedies;
        if (imputationRhatOrEss)
            remedies.push_back("run the imputation model longer (raise imputefirst)" +
                               std::string(imputationChains < 4 ? " or with more chains" : ""));
        if (imputationSpacing)
            remedies.push_back("raise imputeevery (or one chain per imputation)");
        if (fitRhatOrEss)
            remedies.push_back("raise the model of interest's burnin and iterations");
        for (std::size_t i = 0; i < remedies.size(); ++i)
            out << (i == 0 ? " " : "; ") << remedies[i];
        out << ". See Imputation_Model_Convergence.";
    }
    if (imputationChains == 1)
        out << " The imputation model ran one chain, so its R-hat only compares the chain's two "
               "halves: R-hat across chains needs two or more chains.";
    return out.str();
}

Table ConvergenceSummary::table() const
{
    Table table;
    table.columns = {
        "model",    "parameter",          "term", "chains", "draws", "rhat", "bulk_ess",
        "tail_ess", "acf_at_imputeevery", "flag", "reason"};
    for (const ConvergenceRow& row : rows)
        table.rows.push_back({row.model, row.parameter, row.term, static_cast<double>(row.chains),
                              static_cast<double>(row.draws), row.rhat, row.bulkEss, row.tailEss,
                              row.acfAtImputeEvery, std::string(row.flagged() ? "flagged" : ""),
                              row.reason});
    return table;
}

} // namespace grove
