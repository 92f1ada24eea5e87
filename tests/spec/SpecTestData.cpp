// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpecTestData.h"

#include "core/spec/Text.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace grove::test {
namespace {

std::string unquoted(std::string text)
{
    text = trimmed(text);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        return text.substr(1, text.size() - 2);
    return text;
}

std::string dataPath(const std::string& file)
{
    return (std::filesystem::path(GROVE_DATASETS_DIR) / "csv" / file).string();
}

} // namespace

Dataset readCsv(const std::string& path, const std::string& name)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names;
    for (const std::string& cell : splitOn(line, ','))
        names.push_back(unquoted(cell));
    std::vector<std::vector<double>> values(names.size());
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        const std::vector<std::string> cells = splitOn(line, ',');
        for (std::size_t c = 0; c < names.size(); ++c) {
            const std::string cell = c < cells.size() ? unquoted(cells[c]) : std::string();
            values[c].push_back(cell.empty() ? missingValue : std::stod(cell));
        }
    }
    Dataset ds(name);
    for (std::size_t c = 0; c < names.size(); ++c)
        ds.addColumn(Column(names[c], values[c]));
    return ds;
}

const Dataset& tutmiss()
{
    static const Dataset ds = readCsv(dataPath("tutmiss.csv"), "tutmiss");
    return ds;
}

const Dataset& tutmissLev2()
{
    static const Dataset ds = readCsv(dataPath("tutmiss_lev2.csv"), "tutmiss_lev2");
    return ds;
}

TemplateContext tutmissContext()
{
    TemplateContext context;
    context.dataset = &tutmiss();
    context.findDataset = [](std::string_view name) -> const Dataset* {
        if (name == "tutmiss")
            return &tutmiss();
        if (name == "tutmiss_lev2")
            return &tutmissLev2();
        return nullptr;
    };
    return context;
}

} // namespace grove::test
