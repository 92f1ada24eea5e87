// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/Runner.h"

#include "core/common/Error.h"
#include "core/io/DatasetReader.h"
#include "core/run/ChainPartial.h"
#include "core/run/DatasetDescription.h"
#include "core/run/DatasetLibrary.h"
#include "core/run/RunOutput.h"
#include "core/run/StackedOutputs.h"
#include "core/run/TemplateRun.h"
#include "core/spec/Command.h"
#include "core/spec/InputHistory.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace grove {

namespace {

// A dataset named on the command line: a bundled name or a file. Files join the library under
// their stem, so templates that name another dataset (L2Data) find it too.
std::shared_ptr<const Dataset> loadDataset(const std::string& nameOrPath, DatasetLibrary& library,
                                           std::ostream& err)
{
    const std::filesystem::path path = library.catalog().resolve(nameOrPath);
    if (library.catalog().find(nameOrPath) && path == *library.catalog().find(nameOrPath))
        return library.get(nameOrPath);
    std::vector<std::string> notes;
    Dataset dataset = readDataset(path, &notes);
    for (const std::string& note : notes)
        err << "grove-run: note: " << note << "\n";
    const std::string name = dataset.name();
    library.add(std::move(dataset));
    return library.get(name);
}

Answers mergeAnswers(Answers invars, const Answers& estoptions)
{
    for (const std::string& key : estoptions.keys()) {
        if (invars.contains(key))
            throw Error("input '" + key + "' is given both in the inputs and in the estoptions");
        invars.set(key, *estoptions.get(key));
    }
    return invars;
}

/// What a run or dry run works on: the template, the dataset and the validated answers.
struct ValidatedRequest {
    const Template* templ = nullptr;
    std::shared_ptr<const Dataset> dataset;
    std::string datasetName;
    Answers answers;
};

ValidatedRequest validateRequest(const RunnerOptions& options, DatasetLibrary& library,
                                 std::ostream& err)
{
    ValidatedRequest request;
    Answers given;
    std::string datasetArgument = options.dataset;
    if (!options.command.empty()) {
        const Command command = parseCommand(options.command);
        request.templ = &findTemplate(command.templateName);
        if (datasetArgument.empty())
            datasetArgument = command.datasetName;
        else if (datasetArgument != command.datasetName)
            err << "grove-run: note: using --dataset " << datasetArgument
                << " instead of the command's dataset '" << command.datasetName << "'\n";
        given = command.allAnswers();
    } else {
        request.templ = &findTemplate(options.templateName);
        given = mergeAnswers(parseInputString(options.inputs),
                             options.estoptions.empty() ? Answers()
                                                        : parseInputString(options.estoptions));
    }
    request.dataset = loadDataset(datasetArgument, library, err);
    request.datasetName = request.dataset->name();
    TemplateContext context;
    context.dataset = request.dataset.get();
    context.findDataset = [&library](std::string_view name) -> const Dataset* {
        const auto found = library.find(std::string(name));
        return found.get(); // the library keeps it alive
    };
    request.answers = request.templ->validate(given, context);
    return request;
}

// Progress lines on stderr, at most a few a second whatever the number of chains.
class ProgressPrinter {
public:
    explicit ProgressPrinter(std::ostream& err) : m_err(err) {}

    RunControl control()
    {
        RunControl control;
        control.stage = [this](const std::string& name) {
            const std::lock_guard lock(m_mutex);
            m_err << "grove-run: " << name << "\n" << std::flush;
        };
        control.progress = [this](int chain, long done, long total) {
            const auto now = std::chrono::steady_clock::now();
            const std::lock_guard lock(m_mutex);
            if (done != total && now - m_last < std::chrono::milliseconds(500))
                return;
            m_last = now;
            m_err << "grove-run:   chain " << chain << ": " << done << "/" << total << "\n"
                  << std::flush;
        };
        return control;
    }

private:
    std::ostream& m_err;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
};

// What every run that yields outputs does last: the command joins the outputs, every output
// (and the stacked exports and plots) goes into --out, the tables to stdout.
int finishRun(RunResult result, const ValidatedRequest& request, const RunnerOptions& options,
              const RunControl& control, std::ostream& out, std::ostream& err,
              const RunnerHooks& hooks)
{
    result.outputs.push_back(RunOutput::makeText(
        "Command", printCommand(request.templ->makeCommand(request.datasetName, request.answers))));
    writeRunOutputs(result, options.outDir);
    if (!options.exports.empty() &&
        writeStackedOutputs(result, options.exports, options.outDir) == 0)
        err << "grove-run: warning: --export: this run completed no dataset to export\n";
    if (hooks.writePlots) {
        control.reportStage("Diagnostics plots");
        hooks.writePlots(result, options.outDir);
    }
    try {
        InputHistory().add(
            {request.templ->name(), request.datasetName, printInputString(request.answers)});
    } catch (const Error& error) {
        err << "grove-run: note: " << error.what() << "\n"; // the run itself succeeded
    }
    for (const char* name : {"ResultsTable:Imputation", "ResultsTable:CompleteCases",
                             "ResultsTable:WaldTests", "ModelResults"}) {
        if (const RunOutput* table = result.find(name))
            out << name << "\n" << tableToText(table->table) << "\n";
    }
    for (const std::string& warning : result.warnings)
        err << "grove-run: warning: " << warning << "\n";
    err << "grove-run: wrote " << result.outputs.size() << " outputs to " << options.outDir << "\n";
    if (!result.convergence.empty())
        err << "grove-run: " << result.convergence << "\n"; // last, so nobody misses it
    return 0;
}

RunSettings settingsFrom(const RunnerOptions& options)
{
    RunSettings settings;
    settings.seed = options.seed.value_or(1);
    settings.threads = options.threads.value_or(
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    settings.chains = options.chains.value_or(0);
    settings.chainPerImputation = options.chainPerImputation;
    settings.completeDataDf = options.completeDataDf.value_or(CompleteDataDf{});
    settings.onlyChain = options.chainIndex.value_or(-1);
    return settings;
}

// grove-run --chains K --chain-index k: chain k's parts into a partial folder.
int runOneChain(const ValidatedRequest& request, const RunnerOptions& options,
                const std::string& datasetArgument, std::ostream& err)
{
    const RunSettings settings = settingsFrom(options);
    const TwoLevelImputeModels models =
        imputationTemplateModels(request.templ->name(), request.answers, settings);
    ProgressPrinter printer(err);
    const ImputationRunParts parts =
        sampleImputationModels(*request.dataset, models, settings, printer.control());
    ChainPartialManifest manifest;
    manifest.templateName = request.templ->name();
    manifest.datasetName = datasetArgument;
    manifest.datasetFingerprint = datasetFingerprint(*request.dataset);
    manifest.inputs = printInputString(request.answers);
    manifest.seed = settings.seed;
    manifest.chains = models.schedule.chains;
    manifest.chainIndex = settings.onlyChain;
    writeChainPartial(manifest, parts, options.outDir);
    err << "grove-run: wrote chain " << manifest.chainIndex << " of " << manifest.chains << " to "
        << options.outDir << "; combine the chains with grove-run --merge DIR... --out DIR\n";
    return 0;
}

std::string datasetArgumentOf(const RunnerOptions& options)
{
    return options.dataset.empty() ? parseCommand(options.command).datasetName : options.dataset;
}

// grove-run --merge DIR... --out DIR: the partial folders of every chain into the outputs of
// the single-process run.
int mergeChains(const RunnerOptions& options, DatasetLibrary& library, std::ostream& out,
                std::ostream& err, const RunnerHooks& hooks)
{
    std::vector<std::filesystem::path> given(options.merge.begin(), options.merge.end());
    const std::vector<std::filesystem::path> folders = orderChainPartials(given);
    const ChainPartialManifest manifest = readChainPartialManifest(folders.front());
    RunnerOptions request = options;
    request.mode = RunnerOptions::Mode::Run;
    if (request.dataset.empty())
        request.dataset = manifest.datasetName;
    request.templateName = manifest.templateName;
    request.inputs = manifest.inputs;
    request.seed = manifest.seed;
    request.chains = manifest.chains;
    const ValidatedRequest validated = validateRequest(request, library, err);
    if (datasetFingerprint(*validated.dataset) != manifest.datasetFingerprint)
        throw Error("dataset '" + request.dataset +
                    "' is not the one the chains imputed (its values differ); give the same "
                    "file with --dataset");
    const RunSettings settings = settingsFrom(request);
    const TwoLevelImputeModels models =
        imputationTemplateModels(validated.templ->name(), validated.answers, settings);
    ProgressPrinter printer(err);
    const RunControl control = printer.control();
    control.reportStage("Merging " + std::to_string(folders.size()) + " chains");
    RunResult result = imputationOutputs(
        validated.templ->name(), *validated.dataset, models, validated.answers, settings, control,
        mergeChainPartials(folders, models.schedule.imputations, models.schedule.firstImputation));
    return finishRun(std::move(result), validated, request, control, out, err, hooks);
}

} // namespace

int executeRunner(const RunnerOptions& options, const DatasetCatalog& catalog, std::ostream& out,
                  std::ostream& err, const RunnerHooks& hooks)
{
    DatasetLibrary library(catalog);
    using Mode = RunnerOptions::Mode;
    switch (options.mode) {
    case Mode::Help: out << runnerUsage(); return 0;
    case Mode::ListDatasets:
        for (const std::string& name : catalog.names())
            out << name << "\n";
        return 0;
    case Mode::ListTemplates:
        for (const std::string& name : templateNames())
            out << name << "  " << findTemplate(name).description() << "\n";
        return 0;
    case Mode::Describe:
        out << describeDataset(*loadDataset(options.dataset, library, err));
        return 0;
    case Mode::Version: return 0;
    case Mode::DryRun:
    case Mode::Merge:
    case Mode::Run: break;
    }
    if (options.mode == Mode::Merge)
        return mergeChains(options, library, out, err, hooks);
    const ValidatedRequest request = validateRequest(options, library, err);
    if (!options.exports.empty()) {
        // Names the export formats cannot take stop the run before it starts.
        checkExportableNames(request.dataset->columnNames(), options.exports,
                             "dataset '" + request.datasetName + "'");
        for (const std::string& name : datasetsNamedBy(request.templ->name(), request.answers))
            checkExportableNames(library.get(name)->columnNames(), options.exports,
                                 "dataset '" + name + "'");
    }
    if (options.mode == Mode::DryRun) {
        out << "Input string: " << printInputString(request.answers) << "\n";
        out << "Command: "
            << printCommand(request.templ->makeCommand(request.datasetName, request.answers))
            << "\n";
        return 0;
    }
    NamedDatasets others;
    for (const std::string& name : datasetsNamedBy(request.templ->name(), request.answers))
        others[name] = library.get(name);

    if (options.chainIndex)
        return runOneChain(request, options, datasetArgumentOf(options), err);
    const RunSettings settings = settingsFrom(options);
    ProgressPrinter printer(err);
    const RunControl control = printer.control();
    RunResult result = runTemplate(request.templ->name(), *request.dataset, request.answers, others,
                                   settings, control);
    return finishRun(std::move(result), request, options, control, out, err, hooks);
}

} // namespace grove
