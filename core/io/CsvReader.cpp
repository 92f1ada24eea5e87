// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/CsvReader.h"

#include "core/common/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>

namespace grove {

namespace {

std::string trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

char detectDelimiter(const std::string& header)
{
    for (char candidate : {'\t', ',', ';'}) {
        if (header.find(candidate) != std::string::npos)
            return candidate;
    }
    return ' ';
}

// Splits one line; quoted fields may contain the delimiter and doubled quotes.
std::vector<std::string> splitLine(const std::string& line, char delimiter, bool& unterminated)
{
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    bool wasQuoted = false;
    unterminated = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && trim(field).empty()) {
            quoted = true;
            wasQuoted = true;
            field.clear();
        } else if (c == delimiter || (delimiter == ' ' && c == '\t')) {
            if (delimiter == ' ' && trim(field).empty() && !wasQuoted)
                continue; // runs of spaces are one separator
            fields.push_back(wasQuoted ? field : trim(field));
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    unterminated = quoted;
    if (delimiter != ' ' || !trim(field).empty() || wasQuoted)
        fields.push_back(wasQuoted ? field : trim(field));
    return fields;
}

enum class FieldProblem { none, notANumber, infinite, outOfRange };

FieldProblem parseNumber(const std::string& text, double& value)
{
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ptr != end)
        return FieldProblem::notANumber;
    if (ec == std::errc::result_out_of_range)
        return FieldProblem::outOfRange;
    if (ec != std::errc())
        return FieldProblem::notANumber;
    return std::isfinite(value) ? FieldProblem::none : FieldProblem::infinite;
}

// Control characters other than tab and carriage return do not occur in delimited text; they
// mean a binary file (a spreadsheet, an image) with a .csv or .txt name.
bool hasBinaryBytes(const std::string& line)
{
    return std::any_of(line.begin(), line.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 && byte != '\t' && byte != '\r';
    });
}

bool isMissingText(const std::string& text)
{
    return text.empty() || text == "." || text == "NA" || text == "na";
}

// NaN is how numpy and some spreadsheets write an undefined result; it is read as missing,
// but said, because a NaN can also be a computation that went wrong upstream.
bool isNotANumberText(const std::string& text)
{
    return text == "NaN" || text == "nan" || text == "NAN";
}

} // namespace

Dataset readCsv(std::istream& input, const std::string& datasetName, const std::string& fileName,
                std::vector<std::string>* notes)
{
    std::string header;
    if (!std::getline(input, header) || trim(header).empty())
        throw Error("cannot read '" + fileName +
                    "': it is empty (a header row of names is needed)");
    if (header.size() >= 3 && header.compare(0, 3, "\xEF\xBB\xBF") == 0)
        header.erase(0, 3); // a UTF-8 byte-order mark from spreadsheet programs
    if (trim(header).empty())
        throw Error("cannot read '" + fileName +
                    "': it is empty (a header row of names is needed)");
    if (hasBinaryBytes(header))
        throw Error("cannot read '" + fileName + "': it is not a text file");
    const char delimiter = detectDelimiter(header);
    bool unterminated = false;
    const std::vector<std::string> names = splitLine(header, delimiter, unterminated);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty())
            throw Error("cannot read '" + fileName + "': column " + std::to_string(i + 1) +
                        " of the header has no name");
        if (!seen.insert(names[i]).second)
            throw Error("cannot read '" + fileName + "': the header names '" + names[i] +
                        "' twice");
    }

    std::vector<Column> columns(names.size());
    struct NanCells {
        std::size_t count = 0;
        std::size_t firstLine = 0;
    };
    std::vector<NanCells> nanCells(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        columns[i].name = names[i];

    std::string line;
    std::size_t lineNumber = 1;
    while (std::getline(input, line)) {
        ++lineNumber;
        if (hasBinaryBytes(line))
            throw Error("cannot read '" + fileName + "': line " + std::to_string(lineNumber) +
                        " holds binary bytes; it is not a text file");
        if (trim(line).empty())
            continue;
        const std::vector<std::string> fields = splitLine(line, delimiter, unterminated);
        if (unterminated)
            throw Error("cannot read '" + fileName + "': line " + std::to_string(lineNumber) +
                        " has an unterminated quote");
        // A file cut short ends without a newline, in the middle of its last row.
        if (fields.size() < names.size() && input.eof())
            throw Error("cannot read '" + fileName + "': it ends in the middle of line " +
                        std::to_string(lineNumber) + " (" + std::to_string(fields.size()) + " of " +
                        std::to_string(names.size()) + " fields): the file looks truncated");
        if (fields.size() != names.size())
            throw Error("cannot read '" + fileName + "': line " + std::to_string(lineNumber) +
                        " has " + std::to_string(fields.size()) + " fields but the header has " +
                        std::to_string(names.size()));
        for (std::size_t i = 0; i < fields.size(); ++i) {
            double value = missingValue;
            const bool notANumber = isNotANumberText(fields[i]);
            const bool missing = notANumber || isMissingText(fields[i]);
            if (notANumber && nanCells[i].count++ == 0)
                nanCells[i].firstLine = lineNumber;
            const FieldProblem problem =
                missing ? FieldProblem::none : parseNumber(fields[i], value);
            if (problem != FieldProblem::none) {
                const std::string cell = "cannot read '" + fileName + "': line " +
                                         std::to_string(lineNumber) + ", variable '" + names[i] +
                                         "': '" + fields[i] + "' ";
                if (problem == FieldProblem::infinite)
                    throw Error(cell + "is infinite; write NA or leave the cell empty for a "
                                       "missing value");
                if (problem == FieldProblem::outOfRange)
                    throw Error(cell + "is too large or too small to be held as a number");
                throw Error(cell + "is not a number (only numeric data can be analysed)");
            }
            columns[i].values.push_back(missing ? missingValue : value);
            columns[i].missing.push_back(missing ? 1 : 0);
            if (!missing && isMissingCode(value))
                columns[i].setMissing(columns[i].values.size() - 1);
        }
    }
    if (input.bad())
        throw Error("cannot read '" + fileName + "': a read error occurred");
    if (columns.front().values.empty())
        throw Error("cannot read '" + fileName + "': it has a header but no rows of data");

    if (notes)
        for (std::size_t i = 0; i < names.size(); ++i)
            if (nanCells[i].count > 0)
                notes->push_back(
                    "'" + fileName + "': variable '" + names[i] + "' has " +
                    std::to_string(nanCells[i].count) +
                    (nanCells[i].count == 1 ? " cell" : " cells") + " written NaN (first on line " +
                    std::to_string(nanCells[i].firstLine) + "); they are read as missing");
    Dataset dataset(datasetName);
    for (Column& column : columns)
        dataset.addColumn(std::move(column));
    return dataset;
}

Dataset readCsv(const std::filesystem::path& path, std::vector<std::string>* notes)
{
    std::ifstream input(path, std::ios::binary);
    if (!input)
        throw Error("cannot open '" + path.string() + "'");
    return readCsv(input, path.stem().string(), path.filename().string(), notes);
}

} // namespace grove
