// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue of bad data (tests/data/bad/catalogue.tsv, made by make_catalogue.py there):
// every case must stop with its one-line message and leave no output folder, or run when the
// data are unusual but fine.
#include "core/common/Error.h"
#include "core/io/DatasetCatalog.h"
#include "core/run/Runner.h"
#include "core/run/RunnerOptions.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace grove {
namespace {

namespace fs = std::filesystem;

struct CatalogueCase {
    std::string name, dataset, templateName, inputs, expected;
};

std::vector<CatalogueCase> readCatalogue(const fs::path& file)
{
    std::vector<CatalogueCase> cases;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> fields;
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, '\t');)
            fields.push_back(cell);
        if (fields.size() == 5)
            cases.push_back({fields[0], fields[1], fields[2], fields[3], fields[4]});
    }
    return cases;
}

// Runs from the catalogue's folder, as a user naming files beside them would.
class CurrentFolder {
public:
    explicit CurrentFolder(const fs::path& folder) : m_previous(fs::current_path())
    {
        fs::current_path(folder);
    }
    ~CurrentFolder() { fs::current_path(m_previous); }
    CurrentFolder(const CurrentFolder&) = delete;
    CurrentFolder& operator=(const CurrentFolder&) = delete;

private:
    fs::path m_previous;
};

TEST(BadDataCatalogue, EveryCaseStopsWithItsOneLineMessageAndWritesNothing)
{
    const fs::path folder = fs::path(GROVE_TEST_DATA_DIR) / "bad";
    const std::vector<CatalogueCase> cases = readCatalogue(folder / "catalogue.tsv");
    ASSERT_GE(cases.size(), 100u);
    const fs::path scratch =
        fs::temp_directory_path() / ("grove-bad-catalogue-" + std::to_string(::getpid()));
    fs::remove_all(scratch);
    fs::create_directories(scratch);
    ::setenv("GROVE_HISTORY_FILE", (scratch / "history.tsv").c_str(), 1);
    const DatasetCatalog catalog({});
    CurrentFolder here(folder);
    for (const CatalogueCase& c : cases) {
        SCOPED_TRACE(c.name);
        const fs::path out = scratch / "out";
        std::ostringstream stdoutText;
        std::ostringstream stderrText;
        std::string message = "OK";
        try {
            const RunnerOptions options = parseRunnerArguments(
                {"--dataset", c.dataset, "--template", c.templateName, "--inputs", c.inputs,
                 "--threads", "1", "--out", out.string()});
            const int status = executeRunner(options, catalog, stdoutText, stderrText);
            if (status != 0)
                message = "exit status " + std::to_string(status);
        } catch (const Error& error) {
            message = error.what();
        }
        EXPECT_EQ(message, c.expected);
        EXPECT_EQ(message.find('\n'), std::string::npos);
        if (c.expected != "OK") {
            EXPECT_FALSE(fs::exists(out)) << "a stopped run must leave no output folder";
        }
        fs::remove_all(out);
    }
    ::unsetenv("GROVE_HISTORY_FILE");
    fs::remove_all(scratch);
}

} // namespace
} // namespace grove
