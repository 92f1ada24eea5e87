// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"

#include <string>
#include <string_view>

namespace grove {

/// Parses an input string as the seeds print it, `{'numlevs': 'Yes', 'L2ID': 'school'}`.
///
/// Accepts single or double quotes, the curly quotes a PDF copy produces, bare words where a
/// quote was lost (`{L2ID: 'school'}` as the Stat-JR manual's screenshots show), any key order,
/// extra whitespace and newlines, a trailing comma and `{}`. Keys keep the order of the text.
/// Throws Error "input string: <problem> at character N", e.g. for a duplicate key.
Answers parseInputString(std::string_view text);

/// Prints answers in their order, Python-dict style exactly as the seeds show them:
/// `{'numlevs': 'Yes', 'L2ID': 'school'}`; no answers print as `{}`.
/// parseInputString(printInputString(a)) == a for any answers.
std::string printInputString(const Answers& answers);

} // namespace grove
