// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// The analysis packages whose multiple-imputation tools read Grove's stacked exports.
enum class ExportFormat { Stata, Spss, R };

/// Parses a comma-separated list such as "stata,spss,r" (any case, spaces allowed). Throws Error
/// naming an unknown or repeated format.
std::vector<ExportFormat> parseExportFormats(std::string_view list);

/// One dataset imputed M times: the data as they were (missing values missing) and the M
/// completed datasets, all with the same rows and columns in the same order.
struct ImputedDatasets {
    std::string stem; ///< files are named stem + "_mi_flong.dta", stem + "_stacked.sav", ...
    const Dataset* original = nullptr;
    std::vector<const Dataset*> completed;
};

/// The variables that were imputed: missing somewhere in the original and filled in the first
/// completed dataset.
std::vector<std::string> imputedVariables(const ImputedDatasets& data);

/// Throws Error naming the first variable of `names` that a format cannot take (Stata: 1-32
/// letters, digits or _; SPSS: see spssNameProblem) or that clashes with a column the stacked
/// layout adds (_mi_m, _mi_id, _mi_miss; Imputation_; .imp, .id). `what` names the dataset.
void checkExportableNames(const std::vector<std::string>& names,
                          const std::vector<ExportFormat>& formats, const std::string& what);

/// The files writeStackedExports writes for `stem`, in order.
std::vector<std::string> stackedExportFiles(const std::string& stem,
                                            const std::vector<ExportFormat>& formats);

/// Stata's mi flong layout: m = 0 (the original) then 1..M stacked, with _mi_m, _mi_id (the
/// row, 1..N) and _mi_miss (1 where an imputed variable is missing in m = 0, missing in m > 0).
Dataset stataFlongDataset(const ImputedDatasets& data);
/// SPSS's layout: the same stack with `Imputation_` (0 = original) first.
Dataset spssStackedDataset(const ImputedDatasets& data);

/// Writes, for every set, the stacked exports of each format into `folder`:
/// Stata `<stem>_mi_flong.dta` + `<stem>_mi_import.do`, SPSS `<stem>_stacked.sav`, R
/// `<stem>_long.csv` + `<stem>_mids.R`. Every name of every set is checked before the first
/// file is written, and each file is written atomically, so bad input leaves no file behind.
void writeStackedExports(const std::vector<ImputedDatasets>& sets,
                         const std::vector<ExportFormat>& formats,
                         const std::filesystem::path& folder);

} // namespace grove
