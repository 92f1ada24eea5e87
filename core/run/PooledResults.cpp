// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/PooledResults.h"

#include "core/diag/ChainSummary.h"
#include "core/diag/MonteCarloError.h"
#include "core/moi/MoiDesign.h"
#include "core/pool/RubinsRules.h"
#include "core/pool/WaldTest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace grove {

FixedEffectDesign moiFixedEffectDesign(const Dataset& data, const MoiSpec& spec)
{
    // Several classifications: the between-within rule at the first (lowest) one.
    const MoiDesign design = spec.classifications.empty()
                                 ? buildMoiDesign(data, spec)
                                 : buildClassificationDesigns(data, spec).front();
    FixedEffectDesign facts;
    facts.rows = static_cast<std::size_t>(design.rows());
    facts.units = design.twoLevel ? static_cast<std::size_t>(design.unitCount()) : 1;
    for (Eigen::Index c = 0; c < design.fixedCount(); ++c) {
        bool varies = false;
        for (Eigen::Index unit = 0; unit < design.unitCount() && !varies; ++unit) {
            const Eigen::Index start = design.unitStart[static_cast<std::size_t>(unit)];
            const auto block = design.x.col(c).segment(start, design.unitSize(unit));
            varies = block.size() > 0 && (block.array() != block(0)).any();
        }
        facts.variesWithinUnits.push_back(varies);
    }
    return facts;
}

std::vector<double> moiCompleteDataDfs(const CompleteDataDf& rule, const FixedEffectDesign& design,
                                       const MoiFit& fit)
{
    const std::vector<double> perColumn = completeDataDfs(rule, design);
    std::vector<double> dfs(fit.summary.size(), std::numeric_limits<double>::infinity());
    for (std::size_t p = 0; p < fit.fixedEffectCount && !perColumn.empty(); ++p)
        dfs[p] = perColumn[p % perColumn.size()];
    return dfs;
}

namespace {

// The fits are Bayesian: their posterior variances become squared standard errors for the t
// reference on completeDataDf df (posteriorVarianceToSquaredSe). Without this the small-sample
// correction is counted twice: in a simulation with 12 clusters the level-2 coefficient's
// intervals covered 97.8% instead of 95% (tests/pipeline/CoverageSimulationTest.cpp).
PooledEstimate poolParameter(const std::vector<MoiFit>& fits, std::size_t parameter,
                             double completeDataDf)
{
    const double factor = posteriorVarianceToSquaredSe(completeDataDf);
    std::vector<double> estimates;
    std::vector<double> variances;
    for (const MoiFit& fit : fits) {
        estimates.push_back(fit.summary.at(parameter).mean);
        variances.push_back(factor * fit.summary[parameter].sd * fit.summary[parameter].sd);
    }
    return poolScalar(estimates, variances, completeDataDf);
}

ChainSummary mixedPosteriorDraws(const std::vector<MoiFit>& fits, std::size_t parameter)
{
    std::vector<std::vector<double>> draws;
    for (const MoiFit& fit : fits)
        for (const auto& chain : fit.chains.draws)
            draws.push_back(chain.at(parameter));
    return summarizeChains(draws);
}

// The share of the between-imputation variance B that is Monte Carlo noise of the fits'
// estimates: mean MCSE^2 / B. The MCSE is that of the plain draw mean (batch means), an upper
// bound for the Rao-Blackwellised means (Normal fixed effects, every variance parameter): the
// per-iteration conditional means are not stored, so their own MCSE cannot be measured.
struct MonteCarloShare {
    double share = 0.0;
    /// MOI iterations that would bring the share under the maximum; NaN when it is under, or
    /// infinite when B is all noise (then no number of iterations can be read off).
    double iterationsNeeded = std::numeric_limits<double>::quiet_NaN();
    std::string flag;
};

MonteCarloShare monteCarloShare(const std::vector<MoiFit>& fits, std::size_t parameter,
                                double between, long iterations)
{
    double sumSquares = 0.0;
    for (const MoiFit& fit : fits) {
        double mcse = 0.0;
        for (const auto& chain : fit.chains.draws) // one chain per fit
            mcse = chainMcseOfMean(std::span<const std::vector<double>>(&chain.at(parameter), 1));
        sumSquares += mcse * mcse;
    }
    MonteCarloShare result;
    const double noise = sumSquares / static_cast<double>(fits.size());
    if (!std::isfinite(noise)) {
        result.share = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    result.share = between > 0.0 ? noise / between
                                 : (noise > 0.0 ? std::numeric_limits<double>::infinity() : 0.0);
    if (!(result.share > maximumMonteCarloShare))
        return result;
    // B = B_imputation + noise, noise proportional to 1 / iterations: the share falls to the
    // maximum s0 when noise' = s0 / (1 - s0) B_imputation, i.e. at
    // iterations * s (1 - s0) / ((1 - s) s0) (9 s / (1 - s) for s0 = 10%).
    const double s0 = maximumMonteCarloShare;
    if (result.share < 1.0) {
        result.iterationsNeeded = std::ceil(static_cast<double>(iterations) * result.share *
                                            (1.0 - s0) / ((1.0 - result.share) * s0) / 100.0) *
                                  100.0;
        result.flag = "MC noise > 10% of B";
    } else {
        result.iterationsNeeded = std::numeric_limits<double>::infinity();
        result.flag = "MC noise >= B";
    }
    return result;
}

} // namespace

Table pooledResultsTable(const std::vector<MoiFit>& fits,
                         const std::vector<double>& completeDataDfs, long iterations)
{
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    Table table;
    table.columns = {"parameter", "term",        "estimate", "se",
                     "df",        "df_complete", "riv",      "fmi",
                     "lower95",   "upper95",     "pvalue",   "within",
                     "between",   "interval",    "mc_share", "mc_iterations_needed",
                     "flag"};
    const MoiFit& first = fits.front();
    for (std::size_t p = 0; p < first.summary.size(); ++p) {
        const std::string& name = first.summary[p].name;
        const std::string& term = first.summary[p].term;
        if (p < first.fixedEffectCount) {
            const PooledEstimate pooled = poolParameter(fits, p, completeDataDfs.at(p));
            const MonteCarloShare noise =
                monteCarloShare(fits, p, pooled.betweenVariance, iterations);
            table.rows.push_back({name, term, pooled.estimate, pooled.standardError, pooled.df,
                                  completeDataDfs[p], pooled.riv, pooled.fmi, pooled.lower95,
                                  pooled.upper95, pooled.pValue, pooled.withinVariance,
                                  pooled.betweenVariance, std::string("t"), noise.share,
                                  noise.iterationsNeeded, noise.flag});
            continue;
        }
        // Variances and covariances: a symmetric t interval can leave the parameter space and
        // a Wald test of a variance sits on the boundary. The M posteriors mixed together
        // approximate the posterior given the observed data (Zhou & Reiter 2010), so its
        // quantiles give an interval inside the space; Rubin's W, B, riv and fmi still say how
        // much the imputations disagree.
        const PooledEstimate rubin =
            poolParameter(fits, p, std::numeric_limits<double>::infinity());
        const ChainSummary mixture = mixedPosteriorDraws(fits, p);
        const MonteCarloShare noise = monteCarloShare(fits, p, rubin.betweenVariance, iterations);
        table.rows.push_back(
            {name, term, rubin.estimate, mixture.sd, none, none, rubin.riv, rubin.fmi,
             mixture.lower95, mixture.upper95, none, rubin.withinVariance, rubin.betweenVariance,
             std::string("mixed draws"), noise.share, noise.iterationsNeeded, noise.flag});
    }
    return table;
}

std::string monteCarloWarning(const Table& pooled, long iterations)
{
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(
            std::find(pooled.columns.begin(), pooled.columns.end(), name) - pooled.columns.begin());
    };
    const std::size_t shareColumn = column("mc_share");
    const std::size_t neededColumn = column("mc_iterations_needed");
    std::ostringstream names;
    double needed = 0.0;
    for (const auto& row : pooled.rows) {
        if (neededColumn >= row.size())
            break;
        const double rowNeeded = std::get<double>(row[neededColumn]);
        if (std::isnan(rowNeeded))
            continue;
        needed = std::max(needed, rowNeeded);
        names << (names.tellp() > 0 ? ", " : "") << std::get<std::string>(row[0]) << " "
              << std::lround(100.0 * std::min(std::get<double>(row[shareColumn]), 9.99)) << "%";
    }
    if (names.tellp() == 0)
        return {};
    std::ostringstream line;
    line << "Monte Carlo noise of the model-of-interest fits is more than 10% of the "
            "between-imputation variance B for "
         << names.str() << "; ";
    if (std::isinf(needed))
        line << "for some B is all noise: raise the MOI iterations (now " << iterations
             << ") several-fold";
    else
        line << "MOI iterations >= " << static_cast<long>(needed) << " (now " << iterations
             << ") would bring all under 10%";
    line << " (see mc_share in ResultsTable:Imputation).";
    return line.str();
}

Table categoricalWaldTests(const std::vector<MoiFit>& fits, const MoiSpec& spec,
                           const std::vector<double>& completeDataDfs)
{
    Table table;
    table.columns = {"variable", "parameters", "D1",          "df1", "df2",
                     "pvalue",   "riv",        "df_complete", "note"};
    const MoiFit& first = fits.front();
    for (const MoiTerm& term : spec.explanatory) {
        if (!term.categorical)
            continue;
        std::vector<Eigen::Index> indices;
        double completeDf = std::numeric_limits<double>::infinity();
        for (std::size_t p = 0; p < first.fixedEffectCount; ++p) {
            if (first.summary[p].term.rfind(term.variable + "_", 0) == 0) {
                indices.push_back(static_cast<Eigen::Index>(p));
                completeDf = std::min(completeDf, completeDataDfs.at(p));
            }
        }
        if (indices.empty())
            continue;
        std::vector<Eigen::VectorXd> estimates;
        std::vector<Eigen::MatrixXd> covariances;
        for (const MoiFit& fit : fits) {
            estimates.push_back(fit.fixedEffectMean(indices));
            covariances.push_back(posteriorVarianceToSquaredSe(completeDf) *
                                  fit.fixedEffectCovariance(indices, indices));
        }
        const WaldTestResult test = pooledWaldTest(estimates, covariances, completeDf);
        table.rows.push_back({term.variable, static_cast<double>(indices.size()), test.statistic,
                              test.numeratorDf, test.denominatorDf, test.pValue, test.riv,
                              completeDf, test.note});
    }
    return table;
}

} // namespace grove
