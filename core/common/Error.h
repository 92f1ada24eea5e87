// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace grove {

/// The one exception type that crosses core/ boundaries. Its message is a single line meant
/// for the user: it names the problem (the variable, key, file or value) and, where it can,
/// what to do about it. Entry points (grove-run, the GUI) print it as it is.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace grove
