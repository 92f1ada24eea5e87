// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/SavWriter.h"

#include "core/common/Error.h"
#include "core/io/ReadStatWriter.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace grove {

std::string spssNameProblem(std::string_view name)
{
    if (name.empty())
        return "is empty";
    if (name.size() > 64)
        return "is longer than SPSS's 64 characters";
    const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    if (!letter(name.front()) && name.front() != '@')
        return "does not start with a letter, as SPSS variable names must";
    const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '@' ||
               c == '#' || c == '$';
    });
    if (!allowed)
        return "has characters SPSS variable names cannot hold (letters, digits, . _ @ # $ only)";
    if (name.back() == '.')
        return "ends with a period, which SPSS variable names cannot";
    static constexpr std::array<std::string_view, 13> reserved = {
        "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"};
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    if (std::find(reserved.begin(), reserved.end(), upper) != reserved.end())
        return "is a reserved word in SPSS";
    return "";
}

void writeSav(const Dataset& dataset, const std::filesystem::path& path)
{
    for (const Column& column : dataset.columns()) {
        if (const std::string problem = spssNameProblem(column.name); !problem.empty())
            throw Error("cannot write '" + path.filename().string() + "': variable '" +
                        column.name + "' " + problem);
    }
    writeWithReadStat(dataset, path, WrittenStatFormat::SpssSav);
}

} // namespace grove
