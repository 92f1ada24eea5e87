// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/TwoLevelImputeRun.h"

#include "core/data/ValueScreen.h"

#include "core/common/Error.h"
#include "core/diag/ChainSummary.h"
#include "core/mcmc/JointImputation.h"
#include "core/moi/ModelOfInterest.h"
#include "core/run/ConvergenceSummary.h"
#include "core/run/ImputationSpacing.h"
#include "core/run/ImputedVsObserved.h"
#include "core/run/MethodsText.h"
#include "core/run/ParallelFor.h"
#include "core/run/PooledResults.h"
#include "core/run/StackedOutputs.h"
#include "core/run/TwoLevelImputeModels.h"
#include "core/spec/InputString.h"

#include <algorithm>
#include <optional>
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
    for (const std::string& id : spec.classifications)
        names.push_back(id);
    return names;
}

// Every variable the imputation model and the model of interest read.
std::vector<std::string> modelledVariables(const ImputationModelSpec& imputation,
                                           const MoiSpec& moi)
{
    std::vector<std::string> names = moiVariables(moi);
    const auto addResponse = [&names](const ImputationResponse& response) {
        names.push_back(response.variable);
        for (const ExplanatoryTerm& term : response.explanatory)
            names.push_back(term.variable);
        for (const std::vector<ExplanatoryTerm>& terms : response.explanatoryPerCategory)
            for (const ExplanatoryTerm& term : terms)
                names.push_back(term.variable);
    };
    for (const ImputationResponse& response : imputation.level1Responses)
        addResponse(response);
    for (const ImputationClassification& classification : imputation.classifications) {
        names.push_back(classification.id);
        for (const ImputationResponse& response : classification.responses)
            addResponse(response);
    }
    return names;
}

// parameter, term, mean, sd, 2.5%, 97.5%, ESS, R-hat, flags: the Stat-JR manual's chain results
// table.
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

// The imputation model's responses, level 1 first, for the imputed-versus-observed comparison.
std::vector<ImputedVariable> imputedVariables(const ImputationModelSpec& spec)
{
    std::vector<ImputedVariable> variables;
    const std::string firstUnits = spec.classifications.empty() ? "" : spec.classifications[0].id;
    for (const ImputationResponse& response : spec.level1Responses)
        variables.push_back(
            {response.variable, response.type != ResponseType::Normal, firstUnits, false});
    for (const ImputationClassification& classification : spec.classifications)
        for (const ImputationResponse& response : classification.responses)
            variables.push_back({response.variable, response.type != ResponseType::Normal,
                                 classification.id, true});
    return variables;
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
    return runImputationModels("2LevelImpute", dataset,
                               twoLevelImputeModels(answers, settings.seed, settings.threads, 0),
                               answers, settings, control);
}

TwoLevelImputeModels scheduledModels(TwoLevelImputeModels models, const RunSettings& settings)
{
    models.schedule.chains = settings.chainPerImputation ? models.schedule.imputations
                             : settings.chains > 0
                                 ? std::min(settings.chains, models.schedule.imputations)
                                 : defaultChainCount(models.schedule.imputations);
    models.schedule.onlyChain = settings.onlyChain;
    return models;
}

ImputationRunParts sampleImputationModels(const Dataset& dataset,
                                          const TwoLevelImputeModels& models,
                                          const RunSettings& settings, const RunControl& control)
{
    const MoiSpec& moi = models.modelOfInterest;
    refuseUnmodellableValues(dataset, modelledVariables(models.imputation, moi));

    control.reportStage("Imputation");
    ImputationRunParts parts;
    parts.imputed = runJointImputation(dataset, models.imputation, models.schedule, control);

    // The model of interest on every completed dataset (of this chain, for one chain) and on
    // the complete cases (whole runs only), in parallel.
    const std::size_t imputations = parts.imputed.completedDatasets.size();
    std::vector<std::size_t> jobs;
    for (std::size_t m = 0; m < imputations; ++m)
        if (parts.imputed.completedDatasets[m].columnCount() > 0)
            jobs.push_back(m);
    const bool wholeRun = settings.onlyChain < 0;
    if (wholeRun)
        jobs.push_back(imputations);
    parts.fits.resize(imputations);
    control.reportStage("Models of interest");
    parallelFor(jobs.size(), settings.threads, [&](std::size_t job) {
        const std::size_t m = jobs[job];
        if (m < imputations)
            parts.fits[m] =
                fitModelOfInterest(parts.imputed.completedDatasets[m], moi, moiSeed(settings.seed),
                                   static_cast<int>(m), control);
        else
            fitCompleteCases(dataset, moi, settings, control, parts);
    });
    return parts;
}

void fitCompleteCases(const Dataset& dataset, const MoiSpec& moi, const RunSettings& settings,
                      const RunControl& control, ImputationRunParts& parts)
{
    parts.completeCasesFitted = true;
    const std::vector<std::size_t> completeRows = dataset.completeRows(moiVariables(moi));
    parts.completeCaseRows = completeRows.size();
    // The complete cases are only a comparison: when they cannot take the model (no complete
    // row, fewer than 2 level-2 units left, ...) the run says why and goes on without them.
    if (completeRows.empty()) {
        parts.completeCaseProblem = "no row has every variable of the model of interest observed";
        return;
    }
    try {
        parts.completeCaseFit =
            fitModelOfInterest(dataset.selectRows(completeRows), moi, moiSeed(settings.seed),
                               static_cast<int>(parts.imputed.completedDatasets.size()), control);
    } catch (const Error& error) {
        parts.completeCaseProblem = error.what();
    }
}

RunResult runImputationModels(const std::string& templateName, const Dataset& dataset,
                              TwoLevelImputeModels models, const Answers& answers,
                              const RunSettings& settings, const RunControl& control)
{
    models = scheduledModels(std::move(models), settings);
    return imputationOutputs(templateName, dataset, models, answers, settings, control,
                             sampleImputationModels(dataset, models, settings, control));
}

RunResult imputationOutputs(const std::string& templateName, const Dataset& dataset,
                            const TwoLevelImputeModels& models, const Answers& answers,
                            const RunSettings& settings, const RunControl& control,
                            ImputationRunParts parts)
{
    const MoiSpec& moi = models.modelOfInterest;
    const std::vector<std::string> modelled = modelledVariables(models.imputation, moi);
    if (!parts.completeCasesFitted)
        fitCompleteCases(dataset, moi, settings, control, parts);
    ImputationResult& imputed = parts.imputed;
    std::vector<MoiFit>& fits = parts.fits;
    const std::size_t imputations = imputed.completedDatasets.size();
    std::optional<MoiFit>& completeCaseFit = parts.completeCaseFit;
    const std::string& completeCaseProblem = parts.completeCaseProblem;

    const std::vector<double> completeDataDfs = moiCompleteDataDfs(
        settings.completeDataDf, moiFixedEffectDesign(imputed.completedDatasets.front(), moi),
        fits.front());
    RunResult result;
    result.warnings = extremeValueWarnings(dataset, modelled);
    Table pooled = pooledResultsTable(fits, completeDataDfs, moi.iterations);
    if (std::string warning = monteCarloWarning(pooled, moi.iterations); !warning.empty())
        result.warnings.push_back(std::move(warning));
    result.outputs.push_back(RunOutput::makeTable("ResultsTable:Imputation", std::move(pooled)));
    if (completeCaseFit)
        result.outputs.push_back(
            RunOutput::makeTable("ResultsTable:CompleteCases", moiFitTable(*completeCaseFit)));
    else
        result.warnings.push_back(
            "The complete-cases model was not fitted: " + completeCaseProblem + ".");
    const Table waldTests = categoricalWaldTests(fits, moi, completeDataDfs);
    if (!waldTests.rows.empty())
        result.outputs.push_back(RunOutput::makeTable("ResultsTable:WaldTests", waldTests));
    const ImputationSpacing spacing =
        imputationSpacing(imputed.chains, models.schedule.firstImputation,
                          models.schedule.imputationGap, models.schedule.imputations);
    if (spacing.flagged())
        result.warnings.push_back(spacing.message());
    result.outputs.push_back(RunOutput::makeTable("Imputation_Model_Spacing", spacing.table()));
    ConvergenceSummary convergence;
    convergence.imputationChains = imputed.chains.chainCount();
    convergence.rows = convergenceRows("Imputation_Model", imputed.chains, convergence.criteria,
                                       models.schedule.firstImputation / 2, &spacing);
    for (std::size_t m = 0; m < fits.size(); ++m)
        for (ConvergenceRow& row :
             convergenceRows("Model" + std::to_string(m + 1), fits[m].chains, convergence.criteria))
            convergence.rows.push_back(std::move(row));
    if (completeCaseFit)
        for (ConvergenceRow& row :
             convergenceRows("CompleteCasesModel", completeCaseFit->chains, convergence.criteria))
            convergence.rows.push_back(std::move(row));
    result.convergence = convergence.message();
    result.convergenceFlagged = convergence.flaggedCount() > 0;
    result.outputs.push_back(
        RunOutput::makeTable("Imputation_Model_Convergence", convergence.table()));
    {
        std::vector<const Dataset*> completed;
        for (const Dataset& data : imputed.completedDatasets)
            completed.push_back(&data);
        auto comparison = std::make_shared<const ImputedVsObserved>(
            compareImputedWithObserved(dataset, completed, imputedVariables(models.imputation)));
        RunOutput table =
            RunOutput::makeTable("Imputation_Model_ImputedVsObserved", comparison->table());
        table.imputedVsObserved = comparison;
        result.outputs.push_back(std::move(table));
        const Table units = comparison->unitTable();
        if (!units.rows.empty())
            result.outputs.push_back(
                RunOutput::makeTable("Imputation_Model_ImputedVsObserved_Units", units));
    }
    const Table imputationTable = imputationModelTable(imputed);
    result.outputs.push_back(
        RunOutput::makeTable("Imputation_Model_ModelParameters", imputationTable));
    result.outputs.push_back(
        RunOutput::makeTable("Imputation_Model_ModelResults", imputationTable));
    // The data before imputation: m = 0 of the stacked exports.
    result.originals[stackedExportStem(imputed.completedDatasets.front().name())] =
        std::make_shared<const Dataset>(dataset);
    for (const std::vector<Dataset>& unitDatasets : imputed.classificationDatasets)
        if (!unitDatasets.empty()) {
            const Dataset& units = unitDatasets.front();
            result.originals[stackedExportStem(units.name())] = std::make_shared<const Dataset>(
                unitsBeforeImputation(dataset, units, units.column(0).name));
        }
    for (std::size_t m = 0; m < imputations; ++m) {
        const std::string name = imputed.completedDatasets[m].name();
        result.outputs.push_back(
            RunOutput::makeDataset(name, std::move(imputed.completedDatasets[m])));
        for (std::vector<Dataset>& unitDatasets : imputed.classificationDatasets)
            if (m < unitDatasets.size()) {
                const std::string unitName = unitDatasets[m].name();
                result.outputs.push_back(
                    RunOutput::makeDataset(unitName, std::move(unitDatasets[m])));
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
    if (completeCaseFit) {
        result.outputs.push_back(
            RunOutput::makeTable("CompleteCasesModel_ModelResults", moiFitTable(*completeCaseFit)));
        result.outputs.push_back(
            RunOutput::makeChains("CompleteCasesModel_out", std::move(completeCaseFit->chains)));
    }
    MethodsFacts facts;
    facts.templateName = templateName;
    facts.datasetName = dataset.name();
    facts.chains = static_cast<int>(convergence.imputationChains);
    facts.convergence = result.convergence;
    facts.categoricalWaldTests = !waldTests.rows.empty();
    facts.completeDataDf = settings.completeDataDf;
    facts.rows = dataset.rowCount();
    facts.completeCases = completeCaseFit ? parts.completeCaseRows : 0;
    result.outputs.push_back(
        RunOutput::makeText("MethodsText", imputationMethodsText(models, facts)));
    result.outputs.push_back(RunOutput::makeText("Inputs", printInputString(answers)));
    return result;
}

} // namespace grove
