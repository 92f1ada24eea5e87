// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/StackedExport.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/CsvField.h"
#include "core/io/DtaWriter.h"
#include "core/io/SavWriter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

namespace grove {

namespace {

// Columns the stacked layouts add, and the names the .do file renames Stata's to (mi import
// makes its own _mi_ variables, so the stack's must be out of its way).
constexpr std::array<std::string_view, 5> stataAdded = {"_mi_m", "_mi_id", "_mi_miss", "grove_m",
                                                        "grove_id"};
constexpr std::string_view spssImputation = "Imputation_";
constexpr std::array<std::string_view, 2> rAdded = {".imp", ".id"};

std::string formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Stata: return "Stata";
    case ExportFormat::Spss: return "SPSS";
    case ExportFormat::R: return "R";
    }
    return "";
}

std::string lowercase(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return lower;
}

std::string trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return "";
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

void checkShapes(const ImputedDatasets& data)
{
    if (!data.original || data.completed.empty())
        throw Error("'" + data.stem + "': no completed datasets to export");
    for (const Dataset* completed : data.completed) {
        if (completed->rowCount() != data.original->rowCount() ||
            completed->columnNames() != data.original->columnNames())
            throw Error("'" + data.stem + "': completed dataset '" + completed->name() +
                        "' does not have the rows and variables of the original data");
    }
}

// m = 0 (the original), then 1..M, each N rows; `added` columns first, filled by `fill`.
Dataset stacked(const ImputedDatasets& data, const std::string& name,
                const std::vector<std::string>& added,
                const std::function<double(std::size_t column, int m, std::size_t row)>& fill)
{
    checkShapes(data);
    const std::size_t rows = data.original->rowCount();
    const std::size_t total = rows * (data.completed.size() + 1);
    Dataset result(name);
    for (std::size_t a = 0; a < added.size(); ++a) {
        std::vector<double> values(total);
        for (std::size_t k = 0; k < total; ++k)
            values[k] = fill(a, static_cast<int>(k / rows), k % rows);
        Column column(added[a], std::move(values));
        for (std::size_t k = 0; k < total; ++k)
            if (std::isnan(column.values[k]))
                column.setMissing(k);
        result.addColumn(std::move(column));
    }
    for (std::size_t c = 0; c < data.original->columnCount(); ++c) {
        const Column& original = data.original->column(c);
        Column column = original;
        column.values.resize(total);
        column.missing.resize(total);
        for (std::size_t m = 0; m < data.completed.size(); ++m) {
            const Column& completed = data.completed[m]->column(c);
            std::copy(completed.values.begin(), completed.values.end(),
                      column.values.begin() + static_cast<std::ptrdiff_t>((m + 1) * rows));
            std::copy(completed.missing.begin(), completed.missing.end(),
                      column.missing.begin() + static_cast<std::ptrdiff_t>((m + 1) * rows));
        }
        result.addColumn(std::move(column));
    }
    return result;
}

std::string numberField(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

std::string longCsv(const ImputedDatasets& data)
{
    checkShapes(data);
    std::ostringstream out;
    out << ".imp,.id";
    for (const std::string& name : data.original->columnNames())
        out << "," << csvField(name);
    out << "\n";
    const std::size_t rows = data.original->rowCount();
    for (std::size_t m = 0; m <= data.completed.size(); ++m) {
        const Dataset& source = m == 0 ? *data.original : *data.completed[m - 1];
        for (std::size_t row = 0; row < rows; ++row) {
            out << m << "," << row + 1;
            for (const Column& column : source.columns())
                out << "," << (column.isMissing(row) ? "NA" : numberField(column.values[row]));
            out << "\n";
        }
    }
    return out.str();
}

std::string stataDoFile(const std::string& stem, const std::vector<std::string>& imputed)
{
    std::ostringstream out;
    out << "* Grove's completed datasets as Stata mi data (flong style), imputed variables\n"
           "* registered, ready for mi estimate. Run it from the folder that holds\n"
           "* "
        << stem << "_mi_flong.dta:  do " << stem << "_mi_import.do\n"
        << "use \"" << stem << "_mi_flong.dta\", clear\n"
        << "* mi import makes its own _mi_ variables: it gets the stack's under other names.\n"
           "rename _mi_m grove_m\n"
           "rename _mi_id grove_id\n"
           "drop _mi_miss\n"
           "mi import flong, m(grove_m) id(grove_id)";
    if (!imputed.empty()) {
        out << " imputed(";
        for (std::size_t v = 0; v < imputed.size(); ++v)
            out << (v ? " " : "") << imputed[v];
        out << ")";
    }
    out << " clear\n"
           "mi describe\n"
           "* for example:  mi estimate: mixed y x || id:\n";
    return out.str();
}

std::string rScript(const std::string& stem)
{
    const std::string csv = stem + "_long.csv";
    std::ostringstream out;
    out << "# Grove's completed datasets as a mice mids and a mitml.list, ready for with(), "
           "pool()\n"
           "# and testEstimates(). Run it with Rscript "
        << stem
        << "_mids.R, or source() it from its folder.\n"
           "library(mice)\n"
           "library(mitml)\n"
           "file <- \""
        << csv
        << "\"\n"
           "if (!file.exists(file)) {\n"
           "  script <- sub(\"^--file=\", \"\", grep(\"^--file=\", commandArgs(FALSE), value = "
           "TRUE))\n"
           "  if (length(script) == 1) file <- file.path(dirname(script), file)\n"
           "}\n"
           "long <- read.csv(file, check.names = FALSE)\n"
           "# .imp 0 is the data with its missing values, 1..M the completed datasets; .id the "
           "row.\n"
           "imp <- as.mids(long, .imp = \".imp\", .id = \".id\")\n"
           "implist <- mids2mitml.list(imp)\n"
           "# for example:  summary(pool(with(imp, lm(y ~ x))))\n"
           "#               testEstimates(with(implist, lme4::lmer(y ~ x + (1 | id))), "
           "extra.pars = TRUE)\n";
    return out.str();
}

} // namespace

std::vector<ExportFormat> parseExportFormats(std::string_view list)
{
    std::vector<ExportFormat> formats;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string item = lowercase(trimmed(list.substr(start, comma - start)));
        ExportFormat format{};
        if (item == "stata")
            format = ExportFormat::Stata;
        else if (item == "spss")
            format = ExportFormat::Spss;
        else if (item == "r")
            format = ExportFormat::R;
        else
            throw Error("unknown export format '" + item + "' (choose from stata, spss, r)");
        if (std::find(formats.begin(), formats.end(), format) != formats.end())
            throw Error("export format '" + item + "' is given twice");
        formats.push_back(format);
        start = comma + 1;
    }
    return formats;
}

std::vector<std::string> imputedVariables(const ImputedDatasets& data)
{
    checkShapes(data);
    std::vector<std::string> names;
    for (std::size_t c = 0; c < data.original->columnCount(); ++c) {
        const Column& original = data.original->column(c);
        const Column& first = data.completed.front()->column(c);
        for (std::size_t row = 0; row < original.size(); ++row) {
            if (original.isMissing(row) && !first.isMissing(row)) {
                names.push_back(original.name);
                break;
            }
        }
    }
    return names;
}

void checkExportableNames(const std::vector<std::string>& names,
                          const std::vector<ExportFormat>& formats, const std::string& what)
{
    for (const ExportFormat format : formats) {
        for (const std::string& name : names) {
            std::string problem;
            switch (format) {
            case ExportFormat::Stata:
                if (!isValidStataName(name))
                    problem = "is not a valid Stata variable name (1-32 letters, digits or _, "
                              "not starting with a digit)";
                else if (std::find(stataAdded.begin(), stataAdded.end(), name) != stataAdded.end())
                    problem = "clashes with a variable of Stata's mi layout";
                break;
            case ExportFormat::Spss:
                problem = spssNameProblem(name);
                if (problem.empty() && name == spssImputation)
                    problem = "clashes with SPSS's Imputation_ variable";
                break;
            case ExportFormat::R:
                if (std::find(rAdded.begin(), rAdded.end(), name) != rAdded.end())
                    problem = "clashes with mice's .imp/.id columns";
                break;
            }
            if (!problem.empty())
                throw Error("cannot export " + what + " for " + formatName(format) +
                            ": variable '" + name + "' " + problem);
        }
    }
}

std::vector<std::string> stackedExportFiles(const std::string& stem,
                                            const std::vector<ExportFormat>& formats)
{
    std::vector<std::string> files;
    for (const ExportFormat format : formats) {
        switch (format) {
        case ExportFormat::Stata:
            files.push_back(stem + "_mi_flong.dta");
            files.push_back(stem + "_mi_import.do");
            break;
        case ExportFormat::Spss: files.push_back(stem + "_stacked.sav"); break;
        case ExportFormat::R:
            files.push_back(stem + "_long.csv");
            files.push_back(stem + "_mids.R");
            break;
        }
    }
    return files;
}

Dataset stataFlongDataset(const ImputedDatasets& data)
{
    const std::vector<std::string> imputed = imputedVariables(data);
    std::vector<std::uint8_t> incomplete(data.original->rowCount(), 0);
    for (const std::string& name : imputed) {
        const Column& column = data.original->column(name);
        for (std::size_t row = 0; row < column.size(); ++row)
            incomplete[row] = incomplete[row] || column.isMissing(row);
    }
    return stacked(data, data.stem + "_mi_flong", {"_mi_m", "_mi_id", "_mi_miss"},
                   [&](std::size_t column, int m, std::size_t row) -> double {
                       if (column == 0)
                           return m;
                       if (column == 1)
                           return static_cast<double>(row + 1);
                       return m == 0 ? incomplete[row] : missingValue;
                   });
}

Dataset spssStackedDataset(const ImputedDatasets& data)
{
    return stacked(data, data.stem + "_stacked", {std::string(spssImputation)},
                   [](std::size_t, int m, std::size_t) -> double { return m; });
}

void writeStackedExports(const std::vector<ImputedDatasets>& sets,
                         const std::vector<ExportFormat>& formats,
                         const std::filesystem::path& folder)
{
    for (const ImputedDatasets& data : sets) {
        checkShapes(data);
        checkExportableNames(data.original->columnNames(), formats, "'" + data.stem + "'");
    }
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw Error("cannot create output folder '" + folder.string() + "': " + error.message());
    for (const ImputedDatasets& data : sets) {
        for (const ExportFormat format : formats) {
            switch (format) {
            case ExportFormat::Stata:
                writeDta(stataFlongDataset(data), folder / (data.stem + "_mi_flong.dta"));
                writeTextFileAtomically(folder / (data.stem + "_mi_import.do"),
                                        stataDoFile(data.stem, imputedVariables(data)));
                break;
            case ExportFormat::Spss:
                writeSav(spssStackedDataset(data), folder / (data.stem + "_stacked.sav"));
                break;
            case ExportFormat::R:
                writeTextFileAtomically(folder / (data.stem + "_long.csv"), longCsv(data));
                writeTextFileAtomically(folder / (data.stem + "_mids.R"), rScript(data.stem));
                break;
            }
        }
    }
}

} // namespace grove
