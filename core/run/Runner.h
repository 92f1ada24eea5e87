// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/DatasetCatalog.h"
#include "core/run/RunOutput.h"
#include "core/run/RunnerOptions.h"

#include <functional>

#include <ostream>

namespace grove {

/// What the runner cannot do without Qt, supplied by the executable: drawing the diagnostics.
struct RunnerHooks {
    /// Writes diagnostic plots for a finished run's chain outputs into `folder`.
    std::function<void(const RunResult& result, const std::string& folder)> writePlots;
};

/// The headless runner behind `grove-run`: one entry point per mode. Results go to `out`,
/// progress and notes to `err`. Returns the process exit status; throws Error (one line) on
/// bad input, which the caller prints.
int executeRunner(const RunnerOptions& options, const DatasetCatalog& catalog, std::ostream& out,
                  std::ostream& err, const RunnerHooks& hooks = {});

} // namespace grove
