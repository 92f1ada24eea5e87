// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/spec/TemplateContext.h"

#include <string>

namespace grove::test {

/// tutmiss (4059 pupils in 65 schools) and tutmiss_lev2, read once from CSV. They come from
/// datasets/csv/ when the bundled datasets exist, else from the copies in tests/spec/data/
/// (core/io is being written alongside, so these tests read CSV themselves).
const Dataset& tutmiss();
const Dataset& tutmissLev2();

/// A context with tutmiss as the current dataset and tutmiss_lev2 findable by name.
TemplateContext tutmissContext();

/// Reads a comma-separated file with a header of (optionally quoted) names; empty cells are
/// missing. Enough for the test data, not a general reader.
Dataset readCsv(const std::string& path, const std::string& name);

} // namespace grove::test
