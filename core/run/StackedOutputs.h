// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/StackedExport.h"
#include "core/run/RunOutput.h"

#include <filesystem>
#include <string>
#include <vector>

namespace grove {

/// The stem of the stacked exports a completed-dataset output belongs to, or empty for any
/// other output: `Imputation_Model_impute_datafile_chain0_iter1000` -> `Imputation_Model`,
/// `Imputation_Model_impute_L2Data_chain1_iter1050` -> `Imputation_Model_L2Data` (NLevelImpute's
/// `L3Data`... likewise), the one-pass
/// template's `impute_datafile_...` -> `impute` and `impute_L2Data_...` -> `impute_L2Data`.
std::string stackedExportStem(const std::string& outputName);

/// The completed datasets of a run grouped by stem, in imputation order, each with the data it
/// was completed from (RunResult::originals). Points into `result`.
std::vector<ImputedDatasets> imputedDatasetSets(const RunResult& result);

/// One row per unit of `completedUnits` (whose `idVariable` names the units), with its columns,
/// each unit taking the first observed value of its rows in `source`: the level-2 data as they
/// were before imputation.
Dataset unitsBeforeImputation(const Dataset& source, const Dataset& completedUnits,
                              const std::string& idVariable);

/// Writes the stacked exports (writeStackedExports) of every set of completed datasets of a
/// run into `folder`; returns the number of sets (0: the run completed no dataset).
std::size_t writeStackedOutputs(const RunResult& result, const std::vector<ExportFormat>& formats,
                                const std::filesystem::path& folder);

} // namespace grove
