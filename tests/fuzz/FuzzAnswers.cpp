// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: each template's answer validation against a real dataset (tutmiss), the
// path every pasted input string, command and grove-run call takes. The first byte chooses
// the template; the rest is an input string.
#include "core/common/Error.h"
#include "core/io/CsvReader.h"
#include "core/spec/InputString.h"
#include "core/spec/Template.h"
#include "core/spec/TemplateRegistry.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const grove::Dataset tutmiss =
        grove::readCsv(std::string(GROVE_DATASETS_DIR) + "/csv/tutmiss.csv");
    static const std::vector<std::string> names = grove::templateNames();
    const grove::Template& chosen = grove::findTemplate(names[data[0] % names.size()]);
    grove::TemplateContext context;
    context.dataset = &tutmiss;
    context.findDataset = [](std::string_view name) -> const grove::Dataset* {
        return name == "tutmiss" ? &tutmiss : nullptr;
    };
    try {
        const grove::Answers given =
            grove::parseInputString(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
        (void)chosen.walkFlow(given, context);
        const grove::Answers valid = chosen.validate(given, context);
        (void)chosen.makeCommand("tutmiss", valid);
    } catch (const grove::Error& error) {
        if (std::string(error.what()).find('\n') != std::string::npos)
            __builtin_trap();
    }
    return 0;
}
