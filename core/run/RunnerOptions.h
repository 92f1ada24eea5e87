// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/StackedExport.h"
#include "core/pool/CompleteDataDf.h"

#include <optional>
#include <string>
#include <vector>

namespace grove {

/// What `grove-run` was asked to do, parsed from its arguments (see `runnerUsage()`).
struct RunnerOptions {
    enum class Mode { Run, DryRun, Describe, Help, Version, ListDatasets, ListTemplates, Merge };
    Mode mode = Mode::Run;
    std::string dataset; ///< bundled name or path
    std::string templateName;
    std::string inputs;     ///< input string, `{...}`
    std::string estoptions; ///< estimation options, `{...}`
    std::string command;    ///< a whole `RunStatJR(...)` command
    std::optional<unsigned long long> seed;
    std::optional<int> threads;
    std::optional<int> chains;
    bool chainPerImputation = false;              ///< --chain-per-imputation
    std::optional<CompleteDataDf> completeDataDf; ///< --complete-df
    std::string outDir;
    std::vector<ExportFormat> exports; ///< --export stata,spss,r: stacked completed datasets
    std::optional<int> chainIndex;     ///< --chain-index k: only chain k of --chains K
    std::vector<std::string> merge;    ///< --merge DIR...: partial folders to combine
};

/// Parses grove-run's arguments (without the program name). Accepts `--key value` and
/// `--key=value`. Throws Error with one line naming the bad argument: unknown options, missing
/// values, repeated options, non-numeric seeds or thread counts, and combinations that make no
/// sense (`--command` with `--template`, a run without `--out`, ...).
RunnerOptions parseRunnerArguments(const std::vector<std::string>& arguments);

/// The `--help` text.
std::string runnerUsage();

} // namespace grove
