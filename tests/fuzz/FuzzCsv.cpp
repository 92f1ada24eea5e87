// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: the delimited-text reader on arbitrary bytes. Any input must give a dataset
// or one Error line; never a crash, hang or leak.
#include "core/common/Error.h"
#include "core/io/CsvReader.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::istringstream input(std::string(reinterpret_cast<const char*>(data), size));
    std::vector<std::string> notes;
    try {
        const grove::Dataset dataset = grove::readCsv(input, "fuzz", "fuzz.csv", &notes);
        for (std::size_t i = 0; i < dataset.columnCount(); ++i)
            (void)dataset.summary(i);
    } catch (const grove::Error& error) {
        if (std::string(error.what()).find('\n') != std::string::npos)
            __builtin_trap(); // messages are one line
    }
    return 0;
}
