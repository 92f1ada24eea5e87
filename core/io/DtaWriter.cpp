// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/DtaWriter.h"

#include "core/common/Error.h"
#include "core/io/ReadStatWriter.h"

#include <cctype>

namespace grove {

bool isValidStataName(std::string_view name)
{
    if (name.empty() || name.size() > 32)
        return false;
    if (std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    }
    return true;
}

void writeDta(const Dataset& dataset, const std::filesystem::path& path)
{
    for (const Column& column : dataset.columns()) {
        if (!isValidStataName(column.name))
            throw Error("cannot write '" + path.filename().string() + "': '" + column.name +
                        "' is not a valid Stata variable name (1-32 letters, digits or _)");
    }
    writeWithReadStat(dataset, path, WrittenStatFormat::StataDta);
}

} // namespace grove
