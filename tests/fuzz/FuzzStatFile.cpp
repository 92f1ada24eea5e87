// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: the Stata, SPSS and SAS readers (ReadStat underneath) on arbitrary bytes.
// The first byte chooses the format; the rest is written to a scratch file, since ReadStat
// reads from paths.
#include "core/common/Error.h"
#include "core/io/StatFileReader.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const grove::StatFileFormat formats[] = {
        grove::StatFileFormat::StataDta, grove::StatFileFormat::SpssSav,
        grove::StatFileFormat::SpssPor, grove::StatFileFormat::SasSas7bdat};
    static const char* extensions[] = {".dta", ".sav", ".por", ".sas7bdat"};
    const std::size_t kind = data[0] % 4;
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("grove-fuzz-" + std::to_string(::getpid()) + extensions[kind]);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    std::vector<std::string> notes;
    try {
        const grove::Dataset dataset = grove::readStatFile(file, formats[kind], &notes);
        for (std::size_t i = 0; i < dataset.columnCount(); ++i)
            (void)dataset.summary(i);
    } catch (const grove::Error& error) {
        if (std::string(error.what()).find('\n') != std::string::npos)
            __builtin_trap();
    }
    std::filesystem::remove(file);
    return 0;
}
