// SPDX-License-Identifier: GPL-3.0-or-later
// The stacked exports for Stata, SPSS and R, read back with the formats' own reader (ReadStat)
// and with R where it is installed.
#include "core/io/StackedExport.h"
#include "core/io/CsvReader.h"
#include "core/io/StatFileReader.h"
#include "io/IoTestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace grove {
namespace {

namespace fs = std::filesystem;

std::string textOf(const fs::path& path)
{
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Three rows, y missing in rows 2 and 3 and labelled, x complete, z missing and left missing
// (not in the imputation model), imputed twice.
struct Imputed {
    Dataset original{"original"};
    std::vector<Dataset> completed;
    ImputedDatasets view() const
    {
        ImputedDatasets data{"Imputation_Model", &original, {}};
        for (const Dataset& d : completed)
            data.completed.push_back(&d);
        return data;
    }
};

Imputed imputedExample()
{
    Imputed example;
    Column y("y", {1, missingValue, missingValue});
    y.setMissing(1);
    y.setMissing(2);
    y.valueLabels = {{0, "no"}, {1, "yes"}};
    y.valueLabelSetName = "yesno";
    y.label = "outcome";
    Column x("x", {0.25, -1.0 / 3.0, 1e-300});
    Column z("z", {missingValue, 2, 3});
    z.setMissing(0);
    example.original.addColumn(y);
    example.original.addColumn(x);
    example.original.addColumn(z);
    for (const std::vector<double>& filled : {std::vector<double>{1, 0, 1}, {1, 1, 0}}) {
        Dataset completed = example.original;
        completed.setName("completed");
        completed.column("y").setValue(1, filled[1]);
        completed.column("y").setValue(2, filled[2]);
        example.completed.push_back(std::move(completed));
    }
    return example;
}

TEST(StackedExport, FormatsParseAndUnknownOnesAreNamed)
{
    EXPECT_EQ(
        parseExportFormats("stata,spss,r"),
        (std::vector<ExportFormat>{ExportFormat::Stata, ExportFormat::Spss, ExportFormat::R}));
    EXPECT_EQ(parseExportFormats(" R , Stata"),
              (std::vector<ExportFormat>{ExportFormat::R, ExportFormat::Stata}));
    EXPECT_EQ(errorOf([] { parseExportFormats("stata,sas"); }),
              "unknown export format 'sas' (choose from stata, spss, r)");
    EXPECT_EQ(errorOf([] { parseExportFormats("r,R"); }), "export format 'r' is given twice");
    EXPECT_EQ(errorOf([] { parseExportFormats(""); }),
              "unknown export format '' (choose from stata, spss, r)");
}

TEST(StackedExport, ImputedVariablesAreThoseFilledIn)
{
    const Imputed example = imputedExample();
    EXPECT_EQ(imputedVariables(example.view()), std::vector<std::string>{"y"});
}

TEST(StackedExport, StataFlongRoundTrip)
{
    TempDir dir;
    const Imputed example = imputedExample();
    writeStackedExports({example.view()}, {ExportFormat::Stata}, dir.path());
    const Dataset back = readStatFile(dir.path() / "Imputation_Model_mi_flong.dta",
                                      StatFileFormat::StataDta, nullptr);
    const Dataset expected = stataFlongDataset(example.view());
    expectSameData(back, expected);
    ASSERT_EQ(back.columnNames(),
              (std::vector<std::string>{"_mi_m", "_mi_id", "_mi_miss", "y", "x", "z"}));
    ASSERT_EQ(back.rowCount(), 9u);
    const std::vector<double> m = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    const std::vector<double> id = {1, 2, 3, 1, 2, 3, 1, 2, 3};
    for (std::size_t row = 0; row < 9; ++row) {
        EXPECT_EQ(back.column("_mi_m").values[row], m[row]);
        EXPECT_EQ(back.column("_mi_id").values[row], id[row]);
        // _mi_miss: 1 where an imputed variable is missing in m = 0, missing in m > 0.
        EXPECT_EQ(back.column("_mi_miss").isMissing(row), row >= 3);
    }
    EXPECT_EQ(back.column("_mi_miss").values[0], 0.0);
    EXPECT_EQ(back.column("_mi_miss").values[1], 1.0);
    EXPECT_TRUE(back.column("y").isMissing(1));
    EXPECT_EQ(back.column("y").values[4], 0.0);
    EXPECT_EQ(back.column("y").values[8], 0.0);
    EXPECT_TRUE(back.column("z").isMissing(6)); // not imputed: stays missing
    EXPECT_EQ(back.column("y").valueLabels, example.original.column("y").valueLabels);
    EXPECT_EQ(back.column("y").label, "outcome");

    const std::string doFile = textOf(dir.path() / "Imputation_Model_mi_import.do");
    EXPECT_NE(doFile.find("use \"Imputation_Model_mi_flong.dta\", clear\n"), std::string::npos);
    EXPECT_NE(doFile.find("mi import flong, m(grove_m) id(grove_id) imputed(y) clear\n"),
              std::string::npos)
        << doFile;
}

TEST(StackedExport, SpssStackedRoundTripKeepsLabels)
{
    TempDir dir;
    const Imputed example = imputedExample();
    writeStackedExports({example.view()}, {ExportFormat::Spss}, dir.path());
    const Dataset back =
        readStatFile(dir.path() / "Imputation_Model_stacked.sav", StatFileFormat::SpssSav, nullptr);
    expectSameData(back, spssStackedDataset(example.view()));
    ASSERT_EQ(back.columnNames(), (std::vector<std::string>{"Imputation_", "y", "x", "z"}));
    EXPECT_EQ(back.column("Imputation_").values[3], 1.0);
    EXPECT_EQ(back.column("y").valueLabels, example.original.column("y").valueLabels);
    EXPECT_EQ(back.column("y").label, "outcome");
}

TEST(StackedExport, RLongCsvIsExactAndScriptBuildsMids)
{
    TempDir dir;
    const Imputed example = imputedExample();
    writeStackedExports({example.view()}, {ExportFormat::R}, dir.path());
    const Dataset back = readCsv(dir.path() / "Imputation_Model_long.csv");
    ASSERT_EQ(back.columnNames(), (std::vector<std::string>{".imp", ".id", "y", "x", "z"}));
    Dataset expected = spssStackedDataset(example.view());
    expected.removeColumn("Imputation_");
    for (std::size_t row = 0; row < back.rowCount(); ++row) {
        EXPECT_EQ(back.column(".imp").values[row], static_cast<double>(row / 3));
        EXPECT_EQ(back.column(".id").values[row], static_cast<double>(row % 3 + 1));
    }
    Dataset data = back;
    data.removeColumn(".imp");
    data.removeColumn(".id");
    expectSameData(data, expected); // %.17g: every double exactly
    const std::string script = textOf(dir.path() / "Imputation_Model_mids.R");
    EXPECT_NE(script.find("as.mids(long, .imp = \".imp\", .id = \".id\")"), std::string::npos);
    EXPECT_NE(script.find("mids2mitml.list(imp)"), std::string::npos);
}

TEST(StackedExport, NamesAFormatCannotTakeStopBeforeAnyFile)
{
    TempDir dir;
    Imputed example = imputedExample();
    const std::string longName(33, 'v');
    for (Dataset* d : {&example.original, &example.completed[0], &example.completed[1]})
        d->column("x").name = longName;
    EXPECT_EQ(errorOf([&] {
                  writeStackedExports({example.view()},
                                      {ExportFormat::R, ExportFormat::Spss, ExportFormat::Stata},
                                      dir.path());
              }),
              "cannot export 'Imputation_Model' for Stata: variable '" + longName +
                  "' is not a valid Stata variable name (1-32 letters, digits or _, not starting "
                  "with a digit)");
    EXPECT_TRUE(fs::is_empty(dir.path())) << "no file may be written";

    EXPECT_EQ(errorOf([] {
                  checkExportableNames({"ok", "_x"}, {ExportFormat::Spss}, "'d'");
              }),
              "cannot export 'd' for SPSS: variable '_x' does not start with a letter, as SPSS "
              "variable names must");
    EXPECT_EQ(errorOf([] { checkExportableNames({"with"}, {ExportFormat::Spss}, "'d'"); }),
              "cannot export 'd' for SPSS: variable 'with' is a reserved word in SPSS");
    EXPECT_EQ(errorOf([] { checkExportableNames({"a."}, {ExportFormat::Spss}, "'d'"); }),
              "cannot export 'd' for SPSS: variable 'a.' ends with a period, which SPSS variable "
              "names cannot");
    EXPECT_EQ(errorOf([] { checkExportableNames({"_mi_m"}, {ExportFormat::Stata}, "'d'"); }),
              "cannot export 'd' for Stata: variable '_mi_m' clashes with a variable of Stata's "
              "mi layout");
    EXPECT_EQ(errorOf([] { checkExportableNames({".imp"}, {ExportFormat::R}, "'d'"); }),
              "cannot export 'd' for R: variable '.imp' clashes with mice's .imp/.id columns");
    EXPECT_EQ(errorOf([] {
                  checkExportableNames({"_x", "2y"}, {ExportFormat::R}, "'d'");
              }),
              "(no error)");
}

TEST(StackedExport, CompletedDatasetsOfAnotherShapeAreRefused)
{
    TempDir dir;
    Imputed example = imputedExample();
    example.completed[1].removeColumn("z");
    EXPECT_EQ(
        errorOf([&] { writeStackedExports({example.view()}, {ExportFormat::R}, dir.path()); }),
        "'Imputation_Model': completed dataset 'completed' does not have the rows and "
        "variables of the original data");
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

} // namespace
} // namespace grove
