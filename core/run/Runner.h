// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/DatasetCatalog.h"
#include "core/run/RunnerOptions.h"

#include <ostream>

namespace grove {

/// The headless runner behind `grove-run`: one entry point per mode. Results go to `out`,
/// progress and notes to `err`. Returns the process exit status; throws Error (one line) on
/// bad input, which the caller prints.
int executeRunner(const RunnerOptions& options, const DatasetCatalog& catalog, std::ostream& out,
                  std::ostream& err);

} // namespace grove
