// SPDX-License-Identifier: GPL-3.0-or-later
// Pipeline speed: the Stat-JR manual's 2LevelImpute worked example end to end (imputation 1150
// iterations x 2 chains, 4 MOI fits, complete cases, Rubin's rules), as
//   grove-run --dataset tutmiss --template 2LevelImpute --seed 1 --chains 2 --threads 2
//             --inputs "<README's input string>" --out DIR
// runs it, less the diagnostic SVGs (drawn by the Qt part of grove-run, not by core).
// Two timings per repetition: the runner (reading tutmiss.dta, the run, writing the 27
// outputs) and the run alone (runTemplate on a dataset already in memory).
// Built with the GUI, it also times the runner with the figures grove-run draws (the SVGs, as
// grove-run's writePlots hook draws them) and each writing step on its own, and prints the share
// of end-to-end time that writing all outputs takes.
// Usage: bench_pipeline [repetitions=5] [threads=2]   (prints what it measured; the R peer is
// bench/pipeline_r.R, and bench/compare_pipeline.sh runs both back to back)
#include "core/io/DatasetCatalog.h"
#include "core/io/DatasetReader.h"
#include "core/run/Runner.h"
#include "core/run/RunnerOptions.h"
#include "core/run/TemplateRun.h"
#include "core/spec/InputString.h"

#ifdef GROVE_BENCH_WITH_PLOTS
#include "ui/plots/DiagnosticSvgs.h"
#include "ui/plots/ParameterDiagnostics.h"

#include <QApplication>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace grove;

namespace {

// The worked example of README.md (and tests/common/WorkedExample.h; benches do not include
// test headers).
const char* const kWorkedExampleInputs =
    "{'numlevs': 'Yes', 'L2ID': 'school', 'MOIlevel': '2 levels', 'MOIdist': 'Normal', "
    "'MOIslope': 'No', 'y': 'normexam', 'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', "
    "'yimp1': 'normexam,standlrtmiss,girlmiss', 'bin1_1': 'Normal', 'bin1_2': 'Normal', "
    "'bin1_3': 'Binary', 'ximp1_0': 'cons', 'ximp1_1': 'cons,vrband:cat', 'ximp1_2': 'cons', "
    "'want2': 'Yes', 'yimp2': 'schgendmiss', 'bin2_1': 'Unordered', 'ncatsschgendmiss': '3', "
    "'ximp2_0_0': 'cons', 'ximp2_0_1': 'cons', 'condmarg': 'Yes', 'numimpute': '4', "
    "'imputefirst': '1000', 'imputeevery': '50', 'burnin': '100', 'iterations': '250'}";

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

void report(const char* what, const std::vector<double>& times)
{
    std::printf("%-52s median %.3f s  (min %.3f, max %.3f, %zu runs)\n", what, median(times),
                *std::min_element(times.begin(), times.end()),
                *std::max_element(times.begin(), times.end()), times.size());
}

} // namespace

int main(int argc, char** argv)
{
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2;
    const DatasetCatalog catalog({GROVE_DATASETS_DIR});
    const std::filesystem::path out =
        std::filesystem::temp_directory_path() / "grove_bench_pipeline";

    RunnerOptions options;
    options.mode = RunnerOptions::Mode::Run;
    options.dataset = "tutmiss";
    options.templateName = "2LevelImpute";
    options.inputs = kWorkedExampleInputs;
    options.seed = 1;
    options.chains = 2;
    options.threads = threads;
    options.outDir = out.string();

    std::vector<double> runnerTimes;
    std::string tables;
    for (int r = 0; r < repetitions; ++r) {
        std::ostringstream results;
        std::ostringstream progress;
        const auto start = std::chrono::steady_clock::now();
        const int status = executeRunner(options, catalog, results, progress);
        runnerTimes.push_back(secondsSince(start));
        if (status != 0) {
            std::cerr << "bench_pipeline: the run failed: " << progress.str() << "\n";
            return 1;
        }
        tables = results.str();
    }

    const Dataset tutmiss = readDataset(*catalog.find("tutmiss"));
    const Answers answers = parseInputString(kWorkedExampleInputs);
    RunSettings settings;
    settings.seed = 1;
    settings.chains = 2;
    settings.threads = threads;
    std::vector<double> runTimes;
    for (int r = 0; r < repetitions; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const RunResult result = runTemplate("2LevelImpute", tutmiss, answers, {}, settings, {});
        runTimes.push_back(secondsSince(start));
        if (result.find("ResultsTable:Imputation") == nullptr) {
            std::cerr << "bench_pipeline: no ResultsTable:Imputation\n";
            return 1;
        }
    }

#ifdef GROVE_BENCH_WITH_PLOTS
    // grove-run as the user runs it: the runner plus the figures, drawn offscreen.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    char qtName[] = "bench_pipeline";
    char* qtArgv[] = {qtName, nullptr};
    QApplication application(qtArgc, qtArgv);
    RunnerHooks hooks;
    hooks.writePlots = [](const RunResult& result, const std::string& folder) {
        writeRunFigures(result, folder);
    };
    std::vector<double> endToEndTimes;
    for (int r = 0; r < repetitions; ++r) {
        std::filesystem::remove_all(out);
        std::ostringstream results;
        std::ostringstream progress;
        const auto start = std::chrono::steady_clock::now();
        if (executeRunner(options, catalog, results, progress, hooks) != 0) {
            std::cerr << "bench_pipeline: the run failed: " << progress.str() << "\n";
            return 1;
        }
        endToEndTimes.push_back(secondsSince(start));
    }
    // Each writing step on its own, on one run's result.
    const RunResult written = runTemplate("2LevelImpute", tutmiss, answers, {}, settings, {});
    std::vector<double> fileTimes;
    std::vector<double> figureTimes;
    for (int r = 0; r < repetitions; ++r) {
        std::filesystem::remove_all(out);
        auto start = std::chrono::steady_clock::now();
        writeRunOutputs(written, out.string());
        fileTimes.push_back(secondsSince(start));
        start = std::chrono::steady_clock::now();
        writeRunFigures(written, out);
        figureTimes.push_back(secondsSince(start));
    }
    // Of which the Qt-free part: the six panels' diagnostics of every parameter, one thread.
    std::vector<double> diagnosticsTimes;
    for (int r = 0; r < repetitions; ++r) {
        const auto start = std::chrono::steady_clock::now();
        for (const RunOutput* output : plottedChains(written))
            for (std::size_t p = 0; p < output->chains->parameterCount(); ++p)
                ParameterDiagnostics::compute(*output->chains, p);
        diagnosticsTimes.push_back(secondsSince(start));
    }
    std::size_t svgs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out))
        svgs += entry.path().extension() == ".svg" ? 1 : 0;
#endif
    std::filesystem::remove_all(out);

    std::printf("Seeds' worked example (tutmiss, 2 chains x 1150 imputation iterations, 4 MOI "
                "fits + complete cases of 100 + 250 iterations, Rubin's rules), %d thread(s)\n",
                threads);
    report("grove-run equivalent (read, run, write 27 outputs):", runnerTimes);
    report("run only (runTemplate, dataset in memory):", runTimes);
#ifdef GROVE_BENCH_WITH_PLOTS
    report("grove-run end to end (read, run, write, figures):", endToEndTimes);
    report("  writing the tables, chains and datasets:", fileTimes);
    const std::string figuresLabel = "  writing the " + std::to_string(svgs) + " figures (SVG):";
    report(figuresLabel.c_str(), figureTimes);
    report("    their diagnostics computed alone (one thread):", diagnosticsTimes);
    std::printf("writing all outputs: %.1f%% of end-to-end time (medians)\n",
                100.0 * (median(fileTimes) + median(figureTimes)) / median(endToEndTimes));
#endif
    std::printf("\n%s", tables.c_str());
    return 0;
}
