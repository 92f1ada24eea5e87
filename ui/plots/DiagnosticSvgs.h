// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/run/RunOutput.h"

#include <filesystem>
#include <string>
#include <thread>

namespace grove {

/// The file name of a parameter's diagnostics SVG: `<outputName>_<parameter>.svg`, with `:`,
/// path separators and other characters that are not safe in file names replaced by `_`
/// (as every output file name of grove-run is).
std::string diagnosticSvgFileName(const std::string& outputName, const std::string& parameter);

/// Writes the six-panel diagnostics of every parameter of `chains` into `folder` as
/// diagnosticSvgFileName(outputName, parameter name), 1200 x 900. Each file is written under a
/// temporary name in the folder and renamed, so a failure never leaves a half-written SVG.
/// Needs a QApplication (grove-run creates one with the offscreen platform).
/// @throws grove::Error naming the file that could not be written.
void writeDiagnosticSvgs(const ChainSet& chains, const std::string& outputName,
                         const std::filesystem::path& folder);

/// Every figure of a finished run, as grove-run writes them and Download too: the six-panel
/// diagnostics of each plotted chains output (plottedChains) and one imputed-versus-observed
/// figure per variable of each output that carries a comparison. The diagnostics are computed
/// on `threads` worker threads while the calling (GUI) thread draws; the files are the same
/// whatever `threads`. Needs a QApplication.
/// @throws grove::Error naming a file that could not be written.
void writeRunFigures(const RunResult& result, const std::filesystem::path& folder,
                     int threads = static_cast<int>(std::thread::hardware_concurrency()));

} // namespace grove
