// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/OnePassRun.h"

#include "core/common/Error.h"
#include "core/data/ValueScreen.h"
#include "core/diag/ChainSummary.h"
#include "core/run/ConvergenceSummary.h"
#include "core/run/MethodsText.h"
#include "core/run/OnePassModels.h"
#include "core/run/StackedOutputs.h"
#include "core/spec/InputString.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>

namespace grove {

namespace {

// Names the outputs of a one-pass run always have; `outdata` must not take one of them.
const std::vector<std::string> fixedOutputNames = {
    "ModelResults", "ModelParameters", "Residuals",   "Prediction", "Notes",
    "Inputs",       "Command",         "Convergence", "MethodsText"};

void removeColumns(Dataset& data, const std::vector<std::string>& names)
{
    for (const std::string& name : names) {
        if (data.hasColumn(name))
            data.removeColumn(name);
    }
}

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string notesText(const onepass::OnePassResult& result, const onepass::OnePassSpec& spec,
                      const Dataset& level1)
{
    std::ostringstream out;
    const std::size_t used = result.keptRows.size();
    out << "Rows used: " << used << " of " << level1.rowCount() << "; " << result.droppedRows
        << (result.droppedRows == 1 ? " row" : " rows") << " dropped because " << spec.response
        << " (the MOI response) is missing.\n";
    out << "Chains: " << spec.chains << " of " << spec.burnin << " burn-in + " << spec.iterations
        << " iterations (thinning " << spec.thinning << "), seed " << spec.seed << ", "
        << (spec.defaultStartingValues ? "every chain started from the default values"
                                       : "each chain started from its own over-dispersed values")
        << "; Metropolis proposals adapted during the first " << spec.adaptIterations
        << " burn-in iterations.\n";
    if (result.acceptance.empty()) {
        out << "Metropolis acceptance rates: no Metropolis steps in this model.";
    } else {
        out << "Metropolis acceptance rates after adaptation (block: rate, proposal scale):";
        for (const onepass::AcceptanceRate& a : result.acceptance)
            out << "\n  " << a.block << ": " << fixed(a.rate, 3) << ", "
                << fixed(a.proposalScale, 4);
    }
    return out.str();
}

} // namespace

Table onePassResultsTable(const ChainSet& chains)
{
    Table table;
    table.columns = {"parameter", "term", "mean", "sd",   "lower95",
                     "upper95",   "mcse", "ess",  "rhat", "flag"};
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        const ChainTableRow row = chainTableRow(chains.chainsOf(p));
        std::string flag;
        if (row.rhatAbove1_1)
            flag = "R-hat > 1.1";
        if (row.essBelow100)
            flag += std::string(flag.empty() ? "" : "; ") + "ESS < 100";
        table.rows.push_back({chains.parameters[p].name, chains.parameters[p].term, row.mean,
                              row.sd, row.lower95, row.upper95, row.mcse, row.ess, row.rhat, flag});
    }
    return table;
}

RunResult onePassOutputs(onepass::OnePassResult result, const onepass::OnePassSpec& spec,
                         const Answers& answers, const Dataset& level1, const Dataset* level2,
                         const std::vector<std::string>& addedColumns)
{
    RunResult run;
    run.outputs.push_back(
        RunOutput::makeTable("ModelResults", onePassResultsTable(result.results)));
    run.outputs.push_back(
        RunOutput::makeTable("ModelParameters", onePassResultsTable(result.parameters)));
    // The model's chains are judged like the MOI fits of an imputation run.
    ConvergenceSummary convergence;
    convergence.rows = convergenceRows("Model", result.parameters, convergence.criteria);
    run.convergence = convergence.message();
    run.convergenceFlagged = convergence.flaggedCount() > 0;
    if (result.parameters.chainCount() == 1)
        run.convergence += " One chain: R-hat only compares its two halves; R-hat across chains "
                           "needs two or more (nchains).";
    run.outputs.push_back(RunOutput::makeTable("Convergence", convergence.table()));
    run.outputs.push_back(
        RunOutput::makeChains(onePassChainsName(answers), std::move(result.parameters)));

    if (spec.storeResiduals) {
        Table residuals;
        residuals.columns = {"parameter", "unit", "mean", "sd"};
        for (const onepass::ResidualSummary& r : result.residuals)
            residuals.rows.push_back({r.name, r.unitId, r.mean, r.sd});
        run.outputs.push_back(RunOutput::makeTable("Residuals", std::move(residuals)));
    }
    if (spec.makePrediction) {
        if (result.predictions.size() != result.keptRows.size())
            throw Error("the one-pass sampler returned " +
                        std::to_string(result.predictions.size()) + " predictions for " +
                        std::to_string(result.keptRows.size()) + " rows");
        Dataset prediction = level1.selectRows(result.keptRows);
        prediction.setName("Prediction");
        prediction.setColumn(Column("pred", std::move(result.predictions)));
        run.outputs.push_back(RunOutput::makeDataset("Prediction", std::move(prediction)));
    }
    for (onepass::ImputedDatasets& imputed : result.imputed) {
        const std::string suffix =
            "_chain" + std::to_string(imputed.chain) + "_iter" + std::to_string(imputed.iteration);
        removeColumns(imputed.level1, addedColumns);
        const std::string level1Name = "impute_datafile" + suffix;
        imputed.level1.setName(level1Name);
        run.outputs.push_back(RunOutput::makeDataset(level1Name, std::move(imputed.level1)));
        if (imputed.level2) {
            removeColumns(*imputed.level2, addedColumns);
            const std::string level2Name = "impute_L2Data" + suffix;
            imputed.level2->setName(level2Name);
            run.outputs.push_back(RunOutput::makeDataset(level2Name, std::move(*imputed.level2)));
        }
    }
    // The data before imputation: m = 0 of the stacked exports.
    for (const RunOutput& output : run.outputs) {
        const std::string stem = stackedExportStem(output.name);
        if (stem.empty() || run.originals.count(stem) || (stem != "impute" && !level2))
            continue;
        run.originals[stem] = std::make_shared<const Dataset>(
            stem == "impute" ? level1.selectRows(result.keptRows)
                             : unitsBeforeImputation(*level2, *output.dataset, spec.level2Id));
    }
    run.outputs.push_back(RunOutput::makeText("Notes", notesText(result, spec, level1)));
    MethodsFacts facts;
    facts.templateName = "2LevelMissingOnePass";
    facts.datasetName = level1.name();
    facts.chains = spec.chains;
    facts.convergence = run.convergence;
    facts.rows = level1.rowCount();
    run.outputs.push_back(RunOutput::makeText("MethodsText", onePassMethodsText(spec, facts)));
    run.outputs.push_back(RunOutput::makeText("Inputs", printInputString(answers)));
    return run;
}

RunResult runOnePassTemplate(const Dataset& dataset, const Answers& answers,
                             const NamedDatasets& others, const RunSettings& settings,
                             const RunControl& control)
{
    const std::string chainsName = onePassChainsName(answers);
    if (std::find(fixedOutputNames.begin(), fixedOutputNames.end(), chainsName) !=
        fixedOutputNames.end())
        throw Error("'outdata': '" + chainsName +
                    "' is the name of another output; choose another name");

    const Dataset* level2 = nullptr;
    if (answers.valueOr("L2resp", "No") == "Yes") {
        const std::string name = answers.valueOr("L2Data", "");
        const auto found = others.find(name);
        if (found == others.end() || !found->second)
            throw Error("'L2Data': the level 2 dataset '" + name + "' is not loaded");
        level2 = found->second.get();
    }
    const onepass::OnePassSpec spec = onePassSpecFrom(answers, dataset, level2);

    // `:cat` explanatory variables of the imputation components enter as dummy columns, added
    // to copies of the datasets (and left out of the completed datasets again).
    std::vector<std::string> added;
    std::optional<Dataset> level1Copy;
    const std::vector<std::string> level1Dummies = onePassCategoricalVariables(answers, false);
    if (!level1Dummies.empty()) {
        level1Copy = withDummyColumns(dataset, level1Dummies);
        for (const std::string& name : level1Copy->columnNames()) {
            if (!dataset.hasColumn(name))
                added.push_back(name);
        }
    }
    std::optional<Dataset> level2Copy;
    if (level2) {
        const std::vector<std::string> level2Dummies = onePassCategoricalVariables(answers, true);
        if (!level2Dummies.empty()) {
            level2Copy = withDummyColumns(*level2, level2Dummies);
            for (const std::string& name : level2Copy->columnNames()) {
                if (!level2->hasColumn(name))
                    added.push_back(name);
            }
        }
    }

    std::vector<std::string> level1Variables{spec.response};
    std::vector<std::string> level2Variables;
    for (const onepass::MoiTerm& term : spec.terms)
        for (const onepass::TermFactor& factor : term.factors)
            level1Variables.push_back(factor.variable);
    for (const onepass::ImputationResponse& response : spec.level1Responses) {
        level1Variables.push_back(response.variable);
        level1Variables.insert(level1Variables.end(), response.explanatory.begin(),
                               response.explanatory.end());
    }
    for (const onepass::ImputationResponse& response : spec.level2Responses) {
        level2Variables.push_back(response.variable);
        level2Variables.insert(level2Variables.end(), response.explanatory.begin(),
                               response.explanatory.end());
    }
    refuseUnmodellableValues(dataset, level1Variables);
    if (level2)
        refuseUnmodellableValues(*level2, level2Variables);

    control.reportStage("One-pass model");
    onepass::OnePassResult result =
        onepass::runOnePass(level1Copy ? *level1Copy : dataset, level2Copy ? &*level2Copy : level2,
                            spec, std::max(1, settings.threads), control);
    RunResult run = onePassOutputs(std::move(result), spec, answers, dataset, level2, added);
    std::vector<std::string> warnings = extremeValueWarnings(dataset, level1Variables);
    if (level2)
        for (std::string& warning : extremeValueWarnings(*level2, level2Variables))
            warnings.push_back(std::move(warning));
    run.warnings.insert(run.warnings.begin(), warnings.begin(), warnings.end());
    return run;
}

} // namespace grove
