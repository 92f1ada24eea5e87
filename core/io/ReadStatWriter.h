// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <filesystem>

namespace grove {

/// The files Grove writes through ReadStat's writer.
enum class WrittenStatFormat { StataDta, SpssSav };

/// Writes `dataset` through ReadStat, atomically (AtomicFile) and with a fixed timestamp, so the
/// same dataset gives the same bytes. Missing values become system missing; value and variable
/// labels are kept. Names are not checked here: writeDta and writeSav do that first.
void writeWithReadStat(const Dataset& dataset, const std::filesystem::path& path,
                       WrittenStatFormat format);

} // namespace grove
