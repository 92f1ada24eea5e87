// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ReadStatWriter.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"

#include <readstat.h>

#include <cmath>
#include <memory>

namespace grove {

namespace {

// Stata's largest non-missing values of each integer type; above them are missing codes.
constexpr double int8Max = 100;
constexpr double int16Max = 32740;
constexpr double int32Max = 2147483620;

readstat_type_t storageTypeFor(const Column& column)
{
    double lowest = 0.0;
    double highest = 0.0;
    for (std::size_t row = 0; row < column.size(); ++row) {
        if (column.isMissing(row))
            continue;
        const double v = column.values[row];
        if (v != std::floor(v) || (v == 0.0 && std::signbit(v)))
            return READSTAT_TYPE_DOUBLE;
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
    }
    if (lowest >= -127 && highest <= int8Max)
        return READSTAT_TYPE_INT8;
    if (lowest >= -32767 && highest <= int16Max)
        return READSTAT_TYPE_INT16;
    if (lowest >= -2147483647.0 && highest <= int32Max)
        return READSTAT_TYPE_INT32;
    return READSTAT_TYPE_DOUBLE;
}

ssize_t writeBytes(const void* data, size_t length, void* ctx)
{
    auto* file = static_cast<AtomicFile*>(ctx);
    if (std::fwrite(data, 1, length, file->handle()) != length)
        return -1;
    return static_cast<ssize_t>(length);
}

struct WriterDeleter {
    void operator()(readstat_writer_t* writer) const { readstat_writer_free(writer); }
};

void check(readstat_error_t status, const std::filesystem::path& path)
{
    if (status != READSTAT_OK)
        throw Error("cannot write '" + path.filename().string() +
                    "': " + readstat_error_message(status));
}

} // namespace

void writeWithReadStat(const Dataset& dataset, const std::filesystem::path& path,
                       WrittenStatFormat format)
{
    AtomicFile file(path);
    std::unique_ptr<readstat_writer_t, WriterDeleter> writer(readstat_writer_init());
    check(readstat_set_data_writer(writer.get(), writeBytes), path);
    const bool stata = format == WrittenStatFormat::StataDta;
    if (stata)
        check(readstat_writer_set_file_format_version(writer.get(), 117), path);
    check(readstat_writer_set_file_timestamp(writer.get(), 0), path);

    std::vector<readstat_variable_t*> variables;
    std::vector<readstat_type_t> types;
    for (const Column& column : dataset.columns()) {
        // SPSS keeps every number as a double.
        const readstat_type_t type = stata ? storageTypeFor(column) : READSTAT_TYPE_DOUBLE;
        readstat_variable_t* variable =
            readstat_add_variable(writer.get(), column.name.c_str(), type, 0);
        if (!column.label.empty())
            readstat_variable_set_label(variable, column.label.c_str());
        // Stata labels whole numbers only; SPSS labels any number.
        const bool labelled =
            !column.valueLabels.empty() && (!stata || type != READSTAT_TYPE_DOUBLE);
        if (labelled) {
            const std::string setName =
                column.valueLabelSetName.empty() ? column.name : column.valueLabelSetName;
            readstat_label_set_t* labels = readstat_add_label_set(
                writer.get(), stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, setName.c_str());
            for (const auto& [value, text] : column.valueLabels) {
                if (!stata)
                    readstat_label_double_value(labels, value, text.c_str());
                else if (value == std::floor(value) && std::fabs(value) <= int32Max)
                    readstat_label_int32_value(labels, static_cast<std::int32_t>(value),
                                               text.c_str());
            }
            readstat_variable_set_label_set(variable, labels);
        }
        variables.push_back(variable);
        types.push_back(type);
    }

    const long rows = static_cast<long>(dataset.rowCount());
    check(stata ? readstat_begin_writing_dta(writer.get(), &file, rows)
                : readstat_begin_writing_sav(writer.get(), &file, rows),
          path);
    for (std::size_t row = 0; row < dataset.rowCount(); ++row) {
        check(readstat_begin_row(writer.get()), path);
        for (std::size_t c = 0; c < dataset.columnCount(); ++c) {
            const Column& column = dataset.column(c);
            if (column.isMissing(row)) {
                check(readstat_insert_missing_value(writer.get(), variables[c]), path);
                continue;
            }
            const double v = column.values[row];
            switch (types[c]) {
            case READSTAT_TYPE_INT8:
                check(readstat_insert_int8_value(writer.get(), variables[c],
                                                 static_cast<std::int8_t>(v)),
                      path);
                break;
            case READSTAT_TYPE_INT16:
                check(readstat_insert_int16_value(writer.get(), variables[c],
                                                  static_cast<std::int16_t>(v)),
                      path);
                break;
            case READSTAT_TYPE_INT32:
                check(readstat_insert_int32_value(writer.get(), variables[c],
                                                  static_cast<std::int32_t>(v)),
                      path);
                break;
            default: check(readstat_insert_double_value(writer.get(), variables[c], v), path);
            }
        }
        check(readstat_end_row(writer.get()), path);
    }
    check(readstat_end_writing(writer.get()), path);
    writer.reset();
    file.commit();
}

} // namespace grove
