// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/TwoLevelImputeRun.h"

#include "core/common/Error.h"
#include "core/diag/ChainSummary.h"
#include "core/mcmc/JointImputation.h"
#include "core/moi/ModelOfInterest.h"
#include "core/pool/RubinsRules.h"
#include "core/pool/WaldTest.h"
#include "core/run/ParallelFor.h"
#include "core/run/TwoLevelImputeModels.h"
#include "core/spec/InputString.h"

#include <algorithm>
#include <set>
#include <thread>

namespace grove {

namespace {

// MOI fits draw from streams of their own, apart from the imputation chains' (seed, chain).
std::uint64_t moiSeed(std::uint64_t seed)
{
    return seed * 0x9E3779B97F4A7C15ULL + 0x4D4F49ULL;
}

std::vector<std::string> moiVariables(const MoiSpec& spec)
{
    std::vector<std::string> names = spec.responses;
    for (const MoiTerm& term : spec.explanatory)
        names.push_back(term.variable);
    for (const std::string& slope : spec.randomSlopes)
        names.push_back(slope);
    if (!spec.level2Id.empty())
        names.push_back(spec.level2Id);
    return names;
}

// parameter, term, mean, sd, 2.5%, 97.5%, ESS, R-hat, flags: the seeds' chain results table.
Table chainResultsTable(const ChainSet& chains)
{
    Table table;
    table.columns = {"parameter", "term", "mean", "sd",  "lower95",
                     "upper95",   "ess",  "rhat", "flag"};
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        const std::vector<std::vector<double>> draws = chains.chainsOf(p);
        const ChainTableRow row = chainTableRow(draws);
        std::string flag;
        if (row.rhatAbove1_1)
            flag = "R-hat > 1.1";
        if (row.essBelow100)
            flag += std::string(flag.empty() ? "" : "; ") + "ESS < 100";
        table.rows.push_back({chains.parameters[p].name, chains.parameters[p].term, row.mean,
                              row.sd, row.lower95, row.upper95, row.ess, row.rhat, flag});
    }
    return table;
}

Table moiFitTable(const MoiFit& fit)
{
    Table table = chainResultsTable(fit.chains);
    // Normal fixed effects carry Rao-Blackwellised moments: sharper than the draws' own.
    for (std::size_t p = 0; p < fit.summary.size() && p < table.rows.size(); ++p) {
        table.rows[p][2] = fit.summary[p].mean;
        table.rows[p][3] = fit.summary[p].sd;
    }
    return table;
}

Table pooledTable(const std::vector<MoiFit>& fits)
{
    Table table;
    table.columns = {"parameter", "term",    "estimate", "se",     "df",     "riv",
                     "fmi",       "lower95", "upper95",  "pvalue", "within", "between"};
    const MoiFit& first = fits.front();
    for (std::size_t p = 0; p < first.summary.size(); ++p) {
        std::vector<double> estimates;
        std::vector<double> variances;
        for (const MoiFit& fit : fits) {
            estimates.push_back(fit.summary[p].mean);
            variances.push_back(fit.summary[p].sd * fit.summary[p].sd);
        }
        const PooledEstimate pooled = poolScalar(estimates, variances);
        table.rows.push_back({first.summary[p].name, first.summary[p].term, pooled.estimate,
                              pooled.standardError, pooled.df, pooled.riv, pooled.fmi,
                              pooled.lower95, pooled.upper95, pooled.pValue, pooled.withinVariance,
                              pooled.betweenVariance});
    }
    return table;
}

// D1 (Li, Raghunathan & Rubin 1991) for the dummies of every `:cat` explanatory variable.
Table categoricalWaldTests(const std::vector<MoiFit>& fits, const MoiSpec& spec)
{
    Table table;
    table.columns = {"variable", "parameters", "D1", "df1", "df2", "pvalue", "riv", "note"};
    const MoiFit& first = fits.front();
    for (const MoiTerm& term : spec.explanatory) {
        if (!term.categorical)
            continue;
        std::vector<Eigen::Index> indices;
        for (std::size_t p = 0; p < first.fixedEffectCount; ++p) {
            if (first.summary[p].term.rfind(term.variable + "_", 0) == 0)
                indices.push_back(static_cast<Eigen::Index>(p));
        }
        if (indices.empty())
            continue;
        std::vector<Eigen::VectorXd> estimates;
        std::vector<Eigen::MatrixXd> covariances;
        for (const MoiFit& fit : fits) {
            estimates.push_back(fit.fixedEffectMean(indices));
            covariances.push_back(fit.fixedEffectCovariance(indices, indices));
        }
        const WaldTestResult test = pooledWaldTest(estimates, covariances);
        table.rows.push_back({term.variable, static_cast<double>(indices.size()), test.statistic,
                              test.numeratorDf, test.denominatorDf, test.pValue, test.riv,
                              test.note});
    }
    return table;
}

ChainSet combinedChains(const std::vector<MoiFit>& fits)
{
    ChainSet combined;
    combined.parameters = fits.front().chains.parameters;
    for (const MoiFit& fit : fits) {
        combined.draws.push_back(fit.chains.draws.front());
        if (!fit.chains.iterations.empty())
            combined.iterations.push_back(fit.chains.iterations.front());
    }
    return combined;
}

Table imputationModelTable(const ImputationResult& imputed)
{
    Table table;
    table.columns = {"parameter", "term", "mean", "sd", "ess"};
    for (const ParameterSummary& s : imputed.summary)
        table.rows.push_back({s.name, s.term, s.mean, s.sd, s.ess});
    return table;
}

} // namespace

int defaultChainCount(int imputations)
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::max(1, std::min(cores, imputations));
}

RunResult runTwoLevelImpute(const Dataset& dataset, const Answers& answers,
                            const RunSettings& settings, const RunControl& control)
{
    TwoLevelImputeModels models = twoLevelImputeModels(answers, settings.seed, settings.threads, 0);
    models.schedule.chains = settings.chains > 0
                                 ? std::min(settings.chains, models.schedule.imputations)
                                 : defaultChainCount(models.schedule.imputations);
    const MoiSpec& moi = models.modelOfInterest;

    control.reportStage("Imputation");
    ImputationResult imputed =
        runJointImputation(dataset, models.imputation, models.schedule, control);

    // The model of interest on every completed dataset and on the complete cases, in parallel.
    const std::size_t imputations = imputed.completedDatasets.size();
    const std::vector<std::string> variables = moiVariables(moi);
    const std::vector<std::size_t> completeRows = dataset.completeRows(variables);
    if (completeRows.empty())
        throw Error("no row has every variable of the model of interest observed, so the "
                    "complete-cases model cannot be fitted");
    const Dataset completeCases = dataset.selectRows(completeRows);
    std::vector<MoiFit> fits(imputations + 1);
    control.reportStage("Models of interest");
    parallelFor(imputations + 1, settings.threads, [&](std::size_t m) {
        const Dataset& data = m < imputations ? imputed.completedDatasets[m] : completeCases;
        fits[m] =
            fitModelOfInterest(data, moi, moiSeed(settings.seed), static_cast<int>(m), control);
    });
    MoiFit completeCaseFit = std::move(fits.back());
    fits.pop_back();

    RunResult result;
    result.outputs.push_back(RunOutput::makeTable("ResultsTable:Imputation", pooledTable(fits)));
    result.outputs.push_back(
        RunOutput::makeTable("ResultsTable:CompleteCases", moiFitTable(completeCaseFit)));
    const Table waldTests = categoricalWaldTests(fits, moi);
    if (!waldTests.rows.empty())
        result.outputs.push_back(RunOutput::makeTable("ResultsTable:WaldTests", waldTests));
    const Table imputationTable = imputationModelTable(imputed);
    result.outputs.push_back(
        RunOutput::makeTable("Imputation_Model_ModelParameters", imputationTable));
    result.outputs.push_back(
        RunOutput::makeTable("Imputation_Model_ModelResults", imputationTable));
    for (std::size_t m = 0; m < imputations; ++m) {
        const std::string name = imputed.completedDatasets[m].name();
        result.outputs.push_back(
            RunOutput::makeDataset(name, std::move(imputed.completedDatasets[m])));
        if (m < imputed.level2Datasets.size()) {
            const std::string l2Name = imputed.level2Datasets[m].name();
            result.outputs.push_back(
                RunOutput::makeDataset(l2Name, std::move(imputed.level2Datasets[m])));
        }
    }
    result.outputs.push_back(
        RunOutput::makeChains("Imputation_Model_out", std::move(imputed.chains)));
    result.outputs.push_back(RunOutput::makeChains("CombinedResults", combinedChains(fits)));
    for (std::size_t m = 0; m < fits.size(); ++m) {
        const std::string prefix = "Model" + std::to_string(m + 1);
        result.outputs.push_back(
            RunOutput::makeTable(prefix + "_ModelResults", moiFitTable(fits[m])));
        result.outputs.push_back(RunOutput::makeChains(prefix + "_out", std::move(fits[m].chains)));
    }
    result.outputs.push_back(
        RunOutput::makeTable("CompleteCasesModel_ModelResults", moiFitTable(completeCaseFit)));
    result.outputs.push_back(
        RunOutput::makeChains("CompleteCasesModel_out", std::move(completeCaseFit.chains)));
    result.outputs.push_back(RunOutput::makeText("Inputs", printInputString(answers)));
    return result;
}

} // namespace grove
