// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/CsvReader.h"
#include "core/io/DatasetCatalog.h"
#include "core/io/DatasetReader.h"
#include "core/io/DtaWriter.h"
#include "core/io/StatFileReader.h"
#include "io/IoTestSupport.h"

#include <gtest/gtest.h>

#include <readstat.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace grove {
namespace {

namespace fs = std::filesystem;

const fs::path datasetsDir = GROVE_DATASETS_DIR;

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string readBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(BundledDatasets, DtaFilesEqualTheirCsvSourcesExactly)
{
    for (const char* name : {"tutorial", "tutmiss", "tutmiss_lev2", "threelevel"}) {
        SCOPED_TRACE(name);
        const Dataset fromDta = readDataset(datasetsDir / (std::string(name) + ".dta"));
        const Dataset fromCsv = readCsv(datasetsDir / "csv" / (std::string(name) + ".csv"));
        EXPECT_EQ(fromDta.name(), name);
        expectSameData(fromDta, fromCsv);
    }
}

TEST(BundledDatasets, TutmissHasTheExpectedShapeAndMissingCounts)
{
    const Dataset tutmiss = readDataset(datasetsDir / "tutmiss.dta");
    EXPECT_EQ(tutmiss.rowCount(), 4059u);
    EXPECT_EQ(tutmiss.columnCount(), 15u);
    EXPECT_EQ(tutmiss.column("normexam").missingCount(), 0u);
    EXPECT_GT(tutmiss.column("standlrtmiss").missingCount(), 0u);
    EXPECT_GT(tutmiss.column("girlmiss").missingCount(), 0u);
    EXPECT_GT(tutmiss.column("schgendmiss").missingCount(), 0u);
}

TEST(BundledDatasets, ConverterOutputIsReproducible)
{
    TempDir dir;
    const Dataset tutmiss = readCsv(datasetsDir / "csv" / "tutmiss.csv");
    writeDta(tutmiss, dir.path() / "tutmiss.dta");
    EXPECT_EQ(readBytes(dir.path() / "tutmiss.dta"), readBytes(datasetsDir / "tutmiss.dta"))
        << "datasets/tutmiss.dta is stale: run datasets/regenerate";
}

TEST(Dta, RoundTripKeepsValuesMissingAndLabels)
{
    TempDir dir;
    Dataset ds("labelled");
    Column school("school", {1, 1, 2, 70000, 3});
    Column gender("schgend", {0, 1, 2, missingValue, 1});
    gender.valueLabels = {{0, "mixed"}, {1, "boys"}, {2, "girls"}};
    gender.valueLabelSetName = "gendlab";
    gender.label = "school gender";
    Column score("score", {0.1, -2.5e-12, 1e300, missingValue, 3.0});
    Column big("big", {-100, 100, -127, 32740, 5});
    ds.addColumn(school);
    ds.addColumn(gender);
    ds.addColumn(score);
    ds.addColumn(big);
    const fs::path path = dir.path() / "labelled.dta";
    writeDta(ds, path);
    const Dataset back = readDataset(path);
    expectSameData(ds, back);
    EXPECT_EQ(back.column("schgend").valueLabels, gender.valueLabels);
    EXPECT_EQ(back.column("schgend").valueLabelSetName, "gendlab");
    EXPECT_EQ(back.column("schgend").label, "school gender");
}

TEST(Dta, WriterRejectsNamesStataCannotTake)
{
    TempDir dir;
    Dataset ds("bad");
    ds.addColumn(Column("2bad", {1}));
    const fs::path path = dir.path() / "bad.dta";
    EXPECT_EQ(errorOf([&] { writeDta(ds, path); }),
              "cannot write 'bad.dta': '2bad' is not a valid Stata variable name (1-32 letters, "
              "digits or _)");
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::is_empty(dir.path())) << "no partial file may be left behind";
}

TEST(Dta, CorruptAndTruncatedFilesGiveOneLineErrors)
{
    TempDir dir;
    const fs::path garbage = dir.path() / "garbage.dta";
    writeText(garbage, "this is not a Stata file at all, just some text\n");
    const std::string garbageError = errorOf([&] { (void)readDataset(garbage); });
    EXPECT_EQ(garbageError.rfind("cannot read 'garbage.dta': ", 0), 0u) << garbageError;
    EXPECT_EQ(garbageError.find('\n'), std::string::npos);

    const std::string whole = readBytes(datasetsDir / "tutmiss.dta");
    for (std::size_t keep :
         {std::size_t{10}, std::size_t{600}, whole.size() / 2, whole.size() - 20}) {
        const fs::path truncated = dir.path() / "truncated.dta";
        writeText(truncated, whole.substr(0, keep));
        const std::string error = errorOf([&] { (void)readDataset(truncated); });
        EXPECT_EQ(error.rfind("cannot read 'truncated.dta': ", 0), 0u) << keep << ": " << error;
    }
    const fs::path empty = dir.path() / "empty.dta";
    writeText(empty, "");
    EXPECT_EQ(errorOf([&] { (void)readDataset(empty); }).rfind("cannot read 'empty.dta'", 0), 0u);
}

TEST(Dta, StataMissingValuesIncludingTaggedAreMissing)
{
    // Write a file with system and tagged (.a) missing values straight through ReadStat.
    TempDir dir;
    const fs::path path = dir.path() / "tagged.dta";
    {
        AtomicFile file(path);
        readstat_writer_t* writer = readstat_writer_init();
        readstat_set_data_writer(writer, [](const void* data, size_t length, void* ctx) -> ssize_t {
            auto* f = static_cast<AtomicFile*>(ctx);
            return static_cast<ssize_t>(std::fwrite(data, 1, length, f->handle()));
        });
        readstat_writer_set_file_format_version(writer, 117);
        readstat_variable_t* x = readstat_add_variable(writer, "x", READSTAT_TYPE_DOUBLE, 0);
        ASSERT_EQ(readstat_begin_writing_dta(writer, &file, 4), READSTAT_OK);
        const auto row = [&](auto insert) {
            readstat_begin_row(writer);
            insert();
            readstat_end_row(writer);
        };
        row([&] { readstat_insert_double_value(writer, x, 1.5); });
        row([&] { readstat_insert_missing_value(writer, x); });
        row([&] { readstat_insert_tagged_missing_value(writer, x, 'a'); });
        row([&] { readstat_insert_double_value(writer, x, -9.999e29); });
        readstat_end_writing(writer);
        readstat_writer_free(writer);
        file.commit();
    }
    const Dataset ds = readDataset(path);
    const Column& x = ds.column("x");
    EXPECT_FALSE(x.isMissing(0));
    EXPECT_TRUE(x.isMissing(1));
    EXPECT_TRUE(x.isMissing(2));
    EXPECT_TRUE(x.isMissing(3)) << "the code -9.999e29 is missing";
}

TEST(Dta, ReadableByR)
{
    // Skipped where R (with haven or readstata13) is not installed: Grove never needs R.
    if (std::system("command -v Rscript >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "Rscript not installed";
    TempDir dir;
    const fs::path dta = dir.path() / "forR.dta";
    const fs::path csv = dir.path() / "fromR.csv";
    const Dataset tutmiss = readDataset(datasetsDir / "tutmiss.dta");
    writeDta(tutmiss, dta);
    const std::string script =
        "if (requireNamespace('haven', quietly=TRUE)) d <- as.data.frame(haven::read_dta('" +
        dta.string() +
        "')) else if (requireNamespace('readstata13', quietly=TRUE)) d <- "
        "readstata13::read.dta13('" +
        dta.string() + "', convert.factors=FALSE) else quit(status=3); write.csv(d, '" +
        csv.string() + "', row.names=FALSE, na='')";
    const int status = std::system(("Rscript -e \"" + script + "\" >/dev/null 2>&1").c_str());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
        GTEST_SKIP() << "neither haven nor readstata13 is installed in R";
    ASSERT_EQ(status, 0);
    const Dataset fromR = readCsv(csv);
    ASSERT_EQ(fromR.columnNames(), tutmiss.columnNames());
    for (std::size_t c = 0; c < tutmiss.columnCount(); ++c) {
        for (std::size_t row = 0; row < tutmiss.rowCount(); ++row) {
            ASSERT_EQ(fromR.column(c).isMissing(row), tutmiss.column(c).isMissing(row));
            if (!tutmiss.column(c).isMissing(row)) {
                // R's write.csv prints 15 significant digits.
                ASSERT_NEAR(fromR.column(c).values[row], tutmiss.column(c).values[row], 1e-13);
            }
        }
    }
}

TEST(Sav, SpssFilesAreRead)
{
    TempDir dir;
    const fs::path path = dir.path() / "spss.sav";
    {
        AtomicFile file(path);
        readstat_writer_t* writer = readstat_writer_init();
        readstat_set_data_writer(writer, [](const void* data, size_t length, void* ctx) -> ssize_t {
            auto* f = static_cast<AtomicFile*>(ctx);
            return static_cast<ssize_t>(std::fwrite(data, 1, length, f->handle()));
        });
        readstat_variable_t* y = readstat_add_variable(writer, "y", READSTAT_TYPE_DOUBLE, 0);
        readstat_variable_add_missing_double_value(y, 99);
        readstat_variable_t* name = readstat_add_variable(writer, "name", READSTAT_TYPE_STRING, 8);
        ASSERT_EQ(readstat_begin_writing_sav(writer, &file, 3), READSTAT_OK);
        for (double v : {1.25, 99.0, -3.0}) {
            readstat_begin_row(writer);
            readstat_insert_double_value(writer, y, v);
            readstat_insert_string_value(writer, name, "abc");
            readstat_end_row(writer);
        }
        readstat_end_writing(writer);
        readstat_writer_free(writer);
        file.commit();
    }
    std::vector<std::string> notes;
    const Dataset ds = readDataset(path, &notes);
    ASSERT_EQ(ds.columnNames(), std::vector<std::string>{"y"});
    EXPECT_DOUBLE_EQ(ds.column("y").values[0], 1.25);
    EXPECT_TRUE(ds.column("y").isMissing(1)) << "SPSS user-defined missing value";
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0], "text variable 'name' in 'spss.sav' was left out: Grove analyses numeric "
                        "variables only");
}

TEST(Sas, Sas7bdatFilesAreRead)
{
    TempDir dir;
    const fs::path path = dir.path() / "sasdata.sas7bdat";
    {
        AtomicFile file(path);
        readstat_writer_t* writer = readstat_writer_init();
        readstat_set_data_writer(writer, [](const void* data, size_t length, void* ctx) -> ssize_t {
            auto* f = static_cast<AtomicFile*>(ctx);
            return static_cast<ssize_t>(std::fwrite(data, 1, length, f->handle()));
        });
        readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_DOUBLE, 0);
        readstat_variable_t* score =
            readstat_add_variable(writer, "score", READSTAT_TYPE_DOUBLE, 0);
        ASSERT_EQ(readstat_begin_writing_sas7bdat(writer, &file, 3), READSTAT_OK);
        for (int row = 0; row < 3; ++row) {
            readstat_begin_row(writer);
            readstat_insert_double_value(writer, id, row + 1);
            if (row == 1)
                readstat_insert_missing_value(writer, score);
            else
                readstat_insert_double_value(writer, score, 0.25 * row - 1.0);
            readstat_end_row(writer);
        }
        ASSERT_EQ(readstat_end_writing(writer), READSTAT_OK);
        readstat_writer_free(writer);
        file.commit();
    }
    const Dataset ds = readDataset(path);
    EXPECT_EQ(ds.name(), "sasdata");
    ASSERT_EQ(ds.rowCount(), 3u);
    EXPECT_DOUBLE_EQ(ds.column("id").values[2], 3.0);
    EXPECT_DOUBLE_EQ(ds.column("score").values[0], -1.0);
    EXPECT_TRUE(ds.column("score").isMissing(1));
    EXPECT_DOUBLE_EQ(ds.column("score").values[2], -0.5);
}

TEST(Csv, MissingTokensQuotesAndDelimiters)
{
    std::istringstream comma("\"a\",b,c\n1,.,NA\n\"2\",,-9.999e29\n 3 , 4.5 ,+6\n");
    const Dataset ds = readCsv(comma, "t", "t.csv");
    ASSERT_EQ(ds.rowCount(), 3u);
    EXPECT_EQ(ds.columnNames(), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_DOUBLE_EQ(ds.column("a").values[1], 2.0);
    EXPECT_EQ(ds.column("b").missingCount(), 2u);
    EXPECT_EQ(ds.column("c").missingCount(), 2u);
    EXPECT_DOUBLE_EQ(ds.column("c").values[2], 6.0);

    std::istringstream tabs("x\ty\n1\t2\n");
    EXPECT_EQ(readCsv(tabs, "t", "t.txt").columnCount(), 2u);
    std::istringstream spaces("x   y z\n1  2   3\n4 5 6\n");
    const Dataset spaced = readCsv(spaces, "t", "t.txt");
    EXPECT_EQ(spaced.columnCount(), 3u);
    EXPECT_DOUBLE_EQ(spaced.column("z").values[1], 6.0);
}

TEST(Csv, BadFilesNameTheProblem)
{
    const auto readText = [](const std::string& text) {
        return errorOf([&] {
            std::istringstream in(text);
            (void)readCsv(in, "bad", "bad.csv");
        });
    };
    EXPECT_EQ(readText(""), "cannot read 'bad.csv': it is empty (a header row of names is needed)");
    EXPECT_EQ(readText("a,b\n1,2\n3,x7\n"),
              "cannot read 'bad.csv': line 3, variable 'b': 'x7' is not a number (only numeric "
              "data can be analysed)");
    EXPECT_EQ(readText("a,b\n1,2,3\n"),
              "cannot read 'bad.csv': line 2 has 3 fields but the header has 2");
    EXPECT_EQ(readText("a,a\n1,2\n"), "cannot read 'bad.csv': the header names 'a' twice");
    EXPECT_EQ(readText("a,,c\n1,2,3\n"),
              "cannot read 'bad.csv': column 2 of the header has no name");
    EXPECT_EQ(readText("a,b\n\"1,2\n"), "cannot read 'bad.csv': line 2 has an unterminated quote");
    EXPECT_EQ(readText("a,b\n1,2\n3,Inf\n"),
              "cannot read 'bad.csv': line 3, variable 'b': 'Inf' is infinite; write NA or leave "
              "the cell empty for a missing value");
    EXPECT_EQ(readText("a,b\n-infinity,2\n"),
              "cannot read 'bad.csv': line 2, variable 'a': '-infinity' is infinite; write NA or "
              "leave the cell empty for a missing value");
    EXPECT_EQ(readText("a,b\n1,2e999\n"),
              "cannot read 'bad.csv': line 2, variable 'b': '2e999' is too large or too small to "
              "be held as a number");
}

TEST(Csv, FuzzerFindingsStayOneLineErrors)
{
    // A file holding only a UTF-8 byte-order mark (found by tests/fuzz's csv harness).
    std::istringstream bomOnly("\xEF\xBB\xBF");
    EXPECT_EQ(errorOf([&] { (void)readCsv(bomOnly, "bad", "bad.csv"); }),
              "cannot read 'bad.csv': it is empty (a header row of names is needed)");
}

// Inputs the fuzz harnesses of tests/fuzz once crashed on (first byte: the format, as in
// FuzzStatFile.cpp); each must now give a dataset or a one-line Error.
TEST(FuzzRegressions, StatFilesThatOnceCrashedGiveOneLineErrors)
{
    TempDir dir;
    const fs::path regressions = fs::path(GROVE_TEST_DATA_DIR) / ".." / "fuzz" / "regressions";
    const char* extensions[] = {".dta", ".sav", ".por", ".sas7bdat"};
    const StatFileFormat formats[] = {StatFileFormat::StataDta, StatFileFormat::SpssSav,
                                      StatFileFormat::SpssPor, StatFileFormat::SasSas7bdat};
    int files = 0;
    for (const auto& entry : fs::directory_iterator(regressions)) {
        if (entry.path().filename().string().rfind("stat_file-", 0) != 0)
            continue;
        const std::string bytes = readBytes(entry.path());
        ASSERT_FALSE(bytes.empty());
        const std::size_t kind = static_cast<unsigned char>(bytes[0]) % 4;
        const fs::path file = dir.path() / (std::string("case") + extensions[kind]);
        writeText(file, bytes.substr(1));
        const std::string error =
            errorOf([&] { (void)readStatFile(file, formats[kind], nullptr); });
        EXPECT_EQ(error.find('\n'), std::string::npos) << entry.path();
        ++files;
    }
    EXPECT_GE(files, 1);
}

TEST(Csv, NotANumberCellsAreMissingAndSaid)
{
    std::istringstream in("a,b\n1,NaN\n2,3\nnan,NaN\n");
    std::vector<std::string> notes;
    const Dataset ds = readCsv(in, "t", "t.csv", &notes);
    EXPECT_EQ(ds.column("a").missingCount(), 1u);
    EXPECT_EQ(ds.column("b").missingCount(), 2u);
    EXPECT_EQ(notes, (std::vector<std::string>{
                         "'t.csv': variable 'a' has 1 cell written NaN (first on line 4); they "
                         "are read as missing",
                         "'t.csv': variable 'b' has 2 cells written NaN (first on line 2); they "
                         "are read as missing"}));
}

TEST(DatasetReader, UnknownTypesAndMissingFiles)
{
    EXPECT_EQ(errorOf([] { (void)readDataset("/nonexistent/x.dta"); }),
              "no such file: '/nonexistent/x.dta'");
    TempDir dir;
    writeText(dir.path() / "data.xlsx", "PK");
    EXPECT_EQ(errorOf([&] { (void)readDataset(dir.path() / "data.xlsx"); }),
              "cannot read 'data.xlsx': unknown file type (Grove reads .dta, .csv, .txt, .sav, "
              ".zsav, .por, .sas7bdat)");
    EXPECT_EQ(errorOf([&] { (void)readDataset(dir.path()); }),
              "'" + dir.path().string() + "' is a folder, not a dataset file");
}

TEST(DatasetCatalog, ResolvesBundledNamesAndPaths)
{
    const DatasetCatalog catalog({datasetsDir});
    const std::vector<std::string> names = catalog.names();
    EXPECT_NE(std::find(names.begin(), names.end(), "tutmiss"), names.end());
    EXPECT_EQ(catalog.resolve("tutmiss"), datasetsDir / "tutmiss.dta");
    EXPECT_EQ(catalog.resolve("other/file.csv"), fs::path("other/file.csv"));
    const std::string error = errorOf([&] { (void)catalog.resolve("nosuch"); });
    EXPECT_EQ(error.rfind("unknown dataset 'nosuch' (bundled datasets: ", 0), 0u) << error;
    EXPECT_NE(error.find("tutmiss_lev2"), std::string::npos);
}

TEST(AtomicFile, NothingIsLeftWithoutCommit)
{
    TempDir dir;
    {
        AtomicFile file(dir.path() / "out.txt");
        file.write("half");
    }
    EXPECT_TRUE(fs::is_empty(dir.path()));
    writeTextFileAtomically(dir.path() / "out.txt", "whole");
    EXPECT_EQ(readBytes(dir.path() / "out.txt"), "whole");
}

} // namespace
} // namespace grove
