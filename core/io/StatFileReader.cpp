// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/StatFileReader.h"

#include "core/common/Error.h"

#include <readstat.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>

namespace grove {

namespace {

// Everything ReadStat's callbacks need, passed as its user_ctx: no static state, so files can
// be read on several threads at once.
struct ReadContext {
    std::vector<Column> columns;
    std::vector<bool> keep;            // per file variable
    std::vector<int> columnOfVariable; // file index -> column, or -1
    std::map<std::string, std::map<double, std::string>> labelSets;
    std::vector<std::string> labelSetOfColumn;
    std::vector<std::string> skipped;
    std::string firstError;
    long rowCount = -1;
};

int handleMetadata(readstat_metadata_t* metadata, void* ctx)
{
    auto* context = static_cast<ReadContext*>(ctx);
    context->rowCount = readstat_get_row_count(metadata);
    return READSTAT_HANDLER_OK;
}

// A damaged .dta can leave a variable's value-label name without its terminating NUL; ReadStat
// passes the 129-byte field on as it is (found by tests/fuzz's stat_file harness).
constexpr std::size_t kLabelSetNameCapacity = 129;

std::string boundedText(const char* text, std::size_t capacity)
{
    return text ? std::string(text, strnlen(text, capacity)) : std::string();
}

int handleVariable(int index, readstat_variable_t* variable, const char* labelSet, void* ctx)
{
    auto* context = static_cast<ReadContext*>(ctx);
    const auto fileIndex = static_cast<std::size_t>(index);
    if (context->columnOfVariable.size() <= fileIndex)
        context->columnOfVariable.resize(fileIndex + 1, -1);
    const char* name = readstat_variable_get_name(variable);
    if (readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING) {
        context->skipped.emplace_back(name ? name : "");
        return READSTAT_HANDLER_OK;
    }
    Column column;
    column.name = name ? name : "";
    if (const char* label = readstat_variable_get_label(variable))
        column.label = label;
    // The header's row count is only a promise (checked after reading); a damaged header can
    // claim billions, so reserve no more than a million rows ahead and grow beyond that.
    if (context->rowCount > 0) {
        const auto rows = std::min<std::size_t>(static_cast<std::size_t>(context->rowCount),
                                                std::size_t{1} << 20);
        column.values.reserve(rows);
        column.missing.reserve(rows);
    }
    context->columnOfVariable[fileIndex] = static_cast<int>(context->columns.size());
    context->labelSetOfColumn.emplace_back(boundedText(labelSet, kLabelSetNameCapacity));
    context->columns.push_back(std::move(column));
    return READSTAT_HANDLER_OK;
}

double numericValue(readstat_value_t value)
{
    switch (readstat_value_type(value)) {
    case READSTAT_TYPE_INT8: return readstat_int8_value(value);
    case READSTAT_TYPE_INT16: return readstat_int16_value(value);
    case READSTAT_TYPE_INT32: return readstat_int32_value(value);
    case READSTAT_TYPE_FLOAT: return static_cast<double>(readstat_float_value(value));
    case READSTAT_TYPE_DOUBLE: return readstat_double_value(value);
    default: return missingValue;
    }
}

int handleValue(int row, readstat_variable_t* variable, readstat_value_t value, void* ctx)
{
    auto* context = static_cast<ReadContext*>(ctx);
    const auto fileIndex = static_cast<std::size_t>(readstat_variable_get_index(variable));
    if (fileIndex >= context->columnOfVariable.size() || context->columnOfVariable[fileIndex] < 0)
        return READSTAT_HANDLER_OK;
    Column& column =
        context->columns[static_cast<std::size_t>(context->columnOfVariable[fileIndex])];
    if (static_cast<std::size_t>(row) != column.values.size()) {
        context->firstError = "rows out of order in variable '" + column.name + "'";
        return READSTAT_HANDLER_ABORT;
    }
    const bool missing = readstat_value_is_missing(value, variable) != 0;
    column.values.push_back(missing ? missingValue : numericValue(value));
    column.missing.push_back(missing ? 1 : 0);
    if (!missing && isMissingCode(column.values.back()))
        column.setMissing(column.values.size() - 1);
    return READSTAT_HANDLER_OK;
}

int handleValueLabel(const char* labelSet, readstat_value_t value, const char* label, void* ctx)
{
    auto* context = static_cast<ReadContext*>(ctx);
    if (readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC ||
        readstat_value_is_tagged_missing(value) || readstat_value_is_system_missing(value))
        return READSTAT_HANDLER_OK;
    context->labelSets[labelSet ? labelSet : ""][numericValue(value)] = label ? label : "";
    return READSTAT_HANDLER_OK;
}

void handleError(const char* message, void* ctx)
{
    auto* context = static_cast<ReadContext*>(ctx);
    if (context->firstError.empty() && message) {
        context->firstError = message;
        while (!context->firstError.empty() &&
               (context->firstError.back() == '\n' || context->firstError.back() == '\r'))
            context->firstError.pop_back();
    }
}

// Stata 13+ files are framed by <stata_dta> ... </stata_dta>. ReadStat stops reading once it
// has the data, so a file cut short after the data would pass unnoticed without this check.
bool isTruncatedStata13File(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(11, '\0');
    if (!in.read(head.data(), 11) || head != "<stata_dta>")
        return false;
    const std::string closing = "</stata_dta>";
    in.seekg(-static_cast<std::streamoff>(closing.size()), std::ios::end);
    std::string tail(closing.size(), '\0');
    return !in.read(tail.data(), static_cast<std::streamsize>(tail.size())) || tail != closing;
}

const char* formatName(StatFileFormat format)
{
    switch (format) {
    case StatFileFormat::StataDta: return "a Stata .dta";
    case StatFileFormat::SpssSav: return "an SPSS .sav";
    case StatFileFormat::SpssPor: return "an SPSS portable .por";
    case StatFileFormat::SasSas7bdat: return "a SAS .sas7bdat";
    }
    return "a statistics";
}

// Stata 13+ files open with <stata_dta><header><release>NNN</release>; ReadStat accepts other
// release numbers in that frame and then reads past its own buffers (a heap over-read found by
// tests/fuzz's stat_file harness), so only the releases of that format (117-119) pass.
bool hasForeignReleaseInStata13Frame(const std::filesystem::path& path)
{
    static const std::string opening = "<stata_dta><header><release>";
    std::ifstream in(path, std::ios::binary);
    std::string head(opening.size() + 3, '\0');
    if (!in.read(head.data(), static_cast<std::streamsize>(head.size())) ||
        head.compare(0, opening.size(), opening) != 0)
        return false;
    const std::string release = head.substr(opening.size());
    return release != "117" && release != "118" && release != "119";
}

struct ParserDeleter {
    void operator()(readstat_parser_t* parser) const { readstat_parser_free(parser); }
};

} // namespace

Dataset readStatFile(const std::filesystem::path& path, StatFileFormat format,
                     std::vector<std::string>* notes)
{
    const std::string file = path.filename().string();
    std::unique_ptr<readstat_parser_t, ParserDeleter> parser(readstat_parser_init());
    readstat_set_metadata_handler(parser.get(), handleMetadata);
    readstat_set_variable_handler(parser.get(), handleVariable);
    readstat_set_value_handler(parser.get(), handleValue);
    readstat_set_value_label_handler(parser.get(), handleValueLabel);
    readstat_set_error_handler(parser.get(), handleError);

    if (format == StatFileFormat::StataDta && hasForeignReleaseInStata13Frame(path))
        throw Error("cannot read '" + file +
                    "': it is not a Stata .dta file, or it is damaged (its Stata 13+ header "
                    "names a release other than 117-119)");
    ReadContext context;
    const std::string pathText = path.string();
    readstat_error_t status = READSTAT_OK;
    switch (format) {
    case StatFileFormat::StataDta:
        status = readstat_parse_dta(parser.get(), pathText.c_str(), &context);
        break;
    case StatFileFormat::SpssSav:
        status = readstat_parse_sav(parser.get(), pathText.c_str(), &context);
        break;
    case StatFileFormat::SpssPor:
        status = readstat_parse_por(parser.get(), pathText.c_str(), &context);
        break;
    case StatFileFormat::SasSas7bdat:
        status = readstat_parse_sas7bdat(parser.get(), pathText.c_str(), &context);
        break;
    }
    if (status == READSTAT_ERROR_USER_ABORT && !context.firstError.empty())
        throw Error("cannot read '" + file + "': " + context.firstError + " (the file is damaged)");
    if (status != READSTAT_OK)
        throw Error("cannot read '" + file + "': it is not " + formatName(format) +
                    " file, or it is damaged (ReadStat: " + readstat_error_message(status) + ")");
    if (format == StatFileFormat::StataDta && isTruncatedStata13File(path))
        throw Error("cannot read '" + file +
                    "': the file is truncated (it does not end with "
                    "</stata_dta>)");
    if (context.columns.empty())
        throw Error("cannot read '" + file + "': it has no numeric variables");

    Dataset dataset(path.stem().string());
    const std::size_t rows = context.columns.front().values.size();
    for (std::size_t i = 0; i < context.columns.size(); ++i) {
        Column& column = context.columns[i];
        if (column.values.size() != rows)
            throw Error("cannot read '" + file + "': variable '" + column.name + "' has " +
                        std::to_string(column.values.size()) + " values, expected " +
                        std::to_string(rows) + " (the file is truncated or corrupt)");
        const std::string& setName = context.labelSetOfColumn[i];
        if (!setName.empty()) {
            const auto found = context.labelSets.find(setName);
            if (found != context.labelSets.end()) {
                column.valueLabels = found->second;
                column.valueLabelSetName = setName;
            }
        }
        dataset.addColumn(std::move(column));
    }
    if (context.rowCount >= 0 && static_cast<std::size_t>(context.rowCount) != rows)
        throw Error("cannot read '" + file + "': the header promises " +
                    std::to_string(context.rowCount) + " rows but " + std::to_string(rows) +
                    " were found (the file is truncated or corrupt)");
    if (notes) {
        for (const std::string& name : context.skipped)
            notes->push_back("text variable '" + name + "' in '" + file +
                             "' was left out: Grove analyses numeric variables only");
    }
    return dataset;
}

} // namespace grove
