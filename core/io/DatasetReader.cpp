// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/DatasetReader.h"

#include "core/common/Error.h"
#include "core/io/CsvReader.h"
#include "core/io/StatFileReader.h"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace grove {

const std::vector<std::string>& readableExtensions()
{
    static const std::vector<std::string> extensions{".dta",  ".csv", ".txt",     ".sav",
                                                     ".zsav", ".por", ".sas7bdat"};
    return extensions;
}

Dataset readDataset(const std::filesystem::path& path, std::vector<std::string>* notes)
{
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw Error("no such file: '" + path.string() + "'");
    if (std::filesystem::is_directory(path, error))
        throw Error("'" + path.string() + "' is a folder, not a dataset file");
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".dta")
        return readStatFile(path, StatFileFormat::StataDta, notes);
    if (extension == ".csv" || extension == ".txt")
        return readCsv(path, notes);
    if (extension == ".sav" || extension == ".zsav")
        return readStatFile(path, StatFileFormat::SpssSav, notes);
    if (extension == ".por")
        return readStatFile(path, StatFileFormat::SpssPor, notes);
    if (extension == ".sas7bdat")
        return readStatFile(path, StatFileFormat::SasSas7bdat, notes);
    throw Error(
        "cannot read '" + path.filename().string() +
        "': unknown file type (Grove reads .dta, .csv, .txt, .sav, .zsav, .por, .sas7bdat)");
}

} // namespace grove
