// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: the input-string and RunStatJR(...) command parsers. What parses must
// print and parse back to the same answers (and command).
#include "core/common/Error.h"
#include "core/spec/Command.h"
#include "core/spec/InputString.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const grove::Answers answers = grove::parseInputString(text);
        if (!(grove::parseInputString(grove::printInputString(answers)) == answers))
            __builtin_trap();
    } catch (const grove::Error&) {
    }
    try {
        const grove::Command command = grove::parseCommand(text);
        if (!(grove::parseCommand(grove::printCommand(command)) == command))
            __builtin_trap();
    } catch (const grove::Error&) {
    }
    return 0;
}
