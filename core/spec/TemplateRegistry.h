// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Template.h"

#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// The template called `name` (exact spelling, e.g. "2LevelImpute"). Throws Error listing the
/// known names when there is none. The templates live for the whole program.
const Template& findTemplate(std::string_view name);

/// The names of all templates, in the order the template chooser lists them.
std::vector<std::string> templateNames();

} // namespace grove
