// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/spec/TemplateContext.h"

#include <string>

namespace grove::test {

/// tutmiss (4059 pupils in 65 schools) and tutmiss_lev2, read once from the bundled
/// datasets/csv/ with a tiny reader of their own, so the spec tests depend on core/data only.
const Dataset& tutmiss();
const Dataset& tutmissLev2();

/// A context with tutmiss as the current dataset and tutmiss_lev2 findable by name.
TemplateContext tutmissContext();

/// Reads a comma-separated file with a header of (optionally quoted) names; empty cells are
/// missing. Enough for the test data, not a general reader.
Dataset readCsv(const std::string& path, const std::string& name);

} // namespace grove::test
