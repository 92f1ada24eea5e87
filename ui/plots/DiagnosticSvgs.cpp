// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/DiagnosticSvgs.h"

#include "core/common/Error.h"
#include "core/run/ParallelFor.h"
#include "ui/plots/DiagnosticsFigure.h"
#include "ui/plots/ImputedVsObservedFigure.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace grove {

std::string diagnosticSvgFileName(const std::string& outputName, const std::string& parameter)
{
    std::string name = outputName + "_" + parameter;
    for (char& ch : name) {
        const bool unsafe = ch == ':' || ch == '/' || ch == '\\' || ch == '*' || ch == '?' ||
                            ch == '"' || ch == '<' || ch == '>' || ch == '|' || ch == ' ' ||
                            static_cast<unsigned char>(ch) < 0x20;
        if (unsafe)
            ch = '_';
    }
    return name + ".svg";
}

void writeDiagnosticSvgs(const ChainSet& chains, const std::string& outputName,
                         const std::filesystem::path& folder)
{
    // The figure only reads the chains while this function runs, so a non-owning pointer
    // (aliasing an empty owner) avoids copying every draw.
    const std::shared_ptr<const ChainSet> view(std::shared_ptr<const ChainSet>(), &chains);
    DiagnosticsFigure figure;
    figure.resize(1200, 900);
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        if (p == 0)
            figure.setChains(view, 0);
        else
            figure.setParameter(p);
        const std::filesystem::path path =
            folder / diagnosticSvgFileName(outputName, chains.parameters[p].name);
        if (!figure.saveSvg(QString::fromStdString(path.string()), 1200, 900))
            throw Error("cannot write the diagnostics plot " + path.string());
    }
}

void writeRunFigures(const RunResult& result, const std::filesystem::path& folder, int threads)
{
    // The six panels' diagnostics are Qt-free and computed on worker threads (parallelFor, the
    // run's pool), while this (GUI) thread draws and writes each figure as soon as its
    // diagnostics are ready: QCustomPlot is a widget, so drawing stays here.
    struct Job {
        const RunOutput* output;
        std::size_t parameter;
    };
    std::vector<Job> jobs;
    for (const RunOutput* output : plottedChains(result))
        for (std::size_t p = 0; p < output->chains->parameterCount(); ++p)
            jobs.push_back({output, p});
    std::vector<std::optional<ParameterDiagnostics>> ready(jobs.size());
    std::mutex mutex;
    std::condition_variable readyChanged;
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::thread workers([&] {
        try {
            parallelFor(jobs.size(), threads, [&](std::size_t i) {
                if (stop)
                    return;
                ParameterDiagnostics computed =
                    ParameterDiagnostics::compute(*jobs[i].output->chains, jobs[i].parameter);
                const std::lock_guard lock(mutex);
                ready[i] = std::move(computed);
                readyChanged.notify_all();
            });
        } catch (...) {
            const std::lock_guard lock(mutex);
            failure = std::current_exception();
            readyChanged.notify_all();
        }
    });
    const auto joinWorkers = [&] {
        stop = true;
        if (workers.joinable())
            workers.join();
    };
    try {
        DiagnosticsFigure figure;
        figure.resize(1200, 900);
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            ParameterDiagnostics diagnostics;
            {
                std::unique_lock lock(mutex);
                readyChanged.wait(lock, [&] { return ready[i].has_value() || failure; });
                if (!ready[i])
                    std::rethrow_exception(failure);
                diagnostics = std::move(*ready[i]);
                ready[i].reset();
            }
            const RunOutput& output = *jobs[i].output;
            // A non-owning pointer (aliasing an empty owner): the result outlives the figure.
            const std::shared_ptr<const ChainSet> view(std::shared_ptr<const ChainSet>(),
                                                       output.chains.get());
            figure.showComputed(view, jobs[i].parameter, std::move(diagnostics));
            const std::filesystem::path path =
                folder / diagnosticSvgFileName(output.name,
                                               output.chains->parameters[jobs[i].parameter].name);
            if (!figure.saveSvg(QString::fromStdString(path.string()), 1200, 900))
                throw Error("cannot write the diagnostics plot " + path.string());
        }
    } catch (...) {
        joinWorkers();
        throw;
    }
    joinWorkers();
    for (const RunOutput& output : result.outputs)
        if (output.imputedVsObserved)
            for (std::size_t v = 0; v < output.imputedVsObserved->variables.size(); ++v)
                writeImputedVsObservedSvg(output.imputedVsObserved, output.name, v,
                                          folder.string());
}

} // namespace grove
