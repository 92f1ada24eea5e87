// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/RunOutput.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/CsvField.h"
#include "core/io/DtaWriter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace grove {

RunOutput RunOutput::makeTable(std::string name, Table table)
{
    RunOutput output;
    output.name = std::move(name);
    output.kind = Kind::TableOutput;
    output.table = std::move(table);
    return output;
}

RunOutput RunOutput::makeDataset(std::string name, Dataset dataset)
{
    RunOutput output;
    output.name = std::move(name);
    output.kind = Kind::DatasetOutput;
    output.dataset = std::make_shared<const Dataset>(std::move(dataset));
    return output;
}

RunOutput RunOutput::makeChains(std::string name, ChainSet chains)
{
    RunOutput output;
    output.name = std::move(name);
    output.kind = Kind::ChainsOutput;
    output.chains = std::make_shared<const ChainSet>(std::move(chains));
    return output;
}

RunOutput RunOutput::makeText(std::string name, std::string text)
{
    RunOutput output;
    output.name = std::move(name);
    output.kind = Kind::TextOutput;
    output.text = std::move(text);
    return output;
}

const RunOutput* RunResult::find(const std::string& name) const
{
    const auto it = std::find_if(outputs.begin(), outputs.end(),
                                 [&name](const RunOutput& o) { return o.name == name; });
    return it == outputs.end() ? nullptr : &*it;
}

std::vector<const RunOutput*> plottedChains(const RunResult& result)
{
    const bool combined = result.find("CombinedResults") != nullptr;
    std::vector<const RunOutput*> plotted;
    for (const RunOutput& output : result.outputs) {
        if (output.kind != RunOutput::Kind::ChainsOutput || !output.chains)
            continue;
        if (combined && output.name != "CombinedResults" && output.name != "Imputation_Model_out")
            continue;
        plotted.push_back(&output);
    }
    return plotted;
}

std::string outputFileName(const RunOutput& output)
{
    std::string name = output.name;
    std::replace(name.begin(), name.end(), ':', '_');
    switch (output.kind) {
    case RunOutput::Kind::TableOutput:
    case RunOutput::Kind::ChainsOutput: return name + ".csv";
    case RunOutput::Kind::DatasetOutput: return name + ".dta";
    case RunOutput::Kind::TextOutput: return name + ".txt";
    }
    return name;
}

namespace {

std::string numberText(double value, int digits)
{
    if (std::isnan(value))
        return "";
    if (std::isinf(value))
        return value > 0 ? "Inf" : "-Inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

std::string cellText(const TableCell& cell, int digits)
{
    if (const double* number = std::get_if<double>(&cell))
        return numberText(*number, digits);
    return std::get<std::string>(cell);
}

} // namespace

std::string tableToCsv(const Table& table)
{
    std::ostringstream out;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        out << (c ? "," : "") << csvField(table.columns[c]);
    out << "\n";
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            out << (c ? "," : "") << csvField(cellText(row[c], 10));
        out << "\n";
    }
    return out.str();
}

std::string chainsToCsv(const ChainSet& chains)
{
    std::ostringstream out;
    out << "chain,iteration";
    for (const ParameterInfo& p : chains.parameters)
        out << "," << csvField(p.name);
    out << "\n";
    for (std::size_t c = 0; c < chains.chainCount(); ++c) {
        const auto& draws = chains.draws[c];
        const std::size_t length = draws.empty() ? 0 : draws.front().size();
        for (std::size_t k = 0; k < length; ++k) {
            const long iteration = c < chains.iterations.size() && k < chains.iterations[c].size()
                                       ? chains.iterations[c][k]
                                       : static_cast<long>(k + 1);
            out << c << "," << iteration;
            for (const auto& parameter : draws)
                out << "," << numberText(parameter[k], 10);
            out << "\n";
        }
    }
    return out.str();
}

std::string tableToText(const Table& table)
{
    std::vector<std::vector<std::string>> cells;
    cells.push_back(table.columns);
    for (const auto& row : table.rows) {
        std::vector<std::string> line;
        for (const TableCell& cell : row)
            line.push_back(cellText(cell, 6));
        cells.push_back(std::move(line));
    }
    std::vector<std::size_t> widths(table.columns.size(), 0);
    for (const auto& line : cells)
        for (std::size_t c = 0; c < line.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], line[c].size());
    std::ostringstream out;
    for (const auto& line : cells) {
        for (std::size_t c = 0; c < line.size() && c < widths.size(); ++c) {
            const bool textColumn = c < 2;
            const std::string padding(widths[c] - line[c].size(), ' ');
            out << (c ? "  " : "") << (textColumn ? line[c] + padding : padding + line[c]);
        }
        out << "\n";
    }
    return out.str();
}

void writeRunOutputs(const RunResult& result, const std::string& folder)
{
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw Error("cannot create output folder '" + folder + "': " + error.message());
    for (const RunOutput& output : result.outputs) {
        const std::filesystem::path path = std::filesystem::path(folder) / outputFileName(output);
        switch (output.kind) {
        case RunOutput::Kind::TableOutput:
            writeTextFileAtomically(path, tableToCsv(output.table));
            break;
        case RunOutput::Kind::ChainsOutput:
            writeTextFileAtomically(path, chainsToCsv(*output.chains));
            break;
        case RunOutput::Kind::DatasetOutput: writeDta(*output.dataset, path); break;
        case RunOutput::Kind::TextOutput: writeTextFileAtomically(path, output.text + "\n"); break;
        }
    }
}

} // namespace grove
