// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/DatasetLibrary.h"
#include "core/common/Error.h"
#include "core/run/DatasetDescription.h"
#include "core/run/RunnerOptions.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(DatasetLibrary, BundledAndAddedDatasets)
{
    DatasetLibrary library(DatasetCatalog({GROVE_DATASETS_DIR}));
    const auto tutmiss = library.get("tutmiss");
    EXPECT_EQ(tutmiss->rowCount(), 4059u);
    EXPECT_EQ(library.get("tutmiss"), tutmiss) << "read once, then shared";
    EXPECT_TRUE(library.isBundled("tutmiss"));
    Dataset mine("mine");
    mine.addColumn(Column("x", {1, 2}));
    library.add(mine);
    const std::vector<std::string> names = library.names();
    EXPECT_EQ(names.back(), "mine");
    EXPECT_FALSE(library.isBundled("mine"));
    EXPECT_THROW((void)library.get("nosuch"), Error);
    EXPECT_EQ(library.find("nosuch"), nullptr);
    library.reloadBundled();
    EXPECT_NE(library.get("tutmiss"), tutmiss) << "read again after a reload";
    EXPECT_EQ(library.get("mine")->rowCount(), 2u);
}

TEST(RunnerOptions, ParsesTheContract)
{
    const RunnerOptions options =
        parseRunnerArguments({"--dataset", "tutmiss", "--template=2LevelImpute", "--inputs",
                              "{'a': 'b'}", "--seed", "7", "--threads", "2", "--out", "/tmp/x"});
    EXPECT_EQ(options.mode, RunnerOptions::Mode::Run);
    EXPECT_EQ(options.templateName, "2LevelImpute");
    EXPECT_EQ(options.inputs, "{'a': 'b'}");
    EXPECT_EQ(options.seed, 7u);
    EXPECT_EQ(options.threads, 2);
    EXPECT_EQ(options.outDir, "/tmp/x");
    const RunnerOptions dry = parseRunnerArguments(
        {"--command",
         "RunStatJR(template='2LevelImpute', dataset='tutmiss', invars = {}, estoptions = {})",
         "--dry-run"});
    EXPECT_EQ(dry.mode, RunnerOptions::Mode::DryRun);
    EXPECT_THROW((void)parseRunnerArguments({"--threads", "2x"}), Error);
}

// An option is never taken as the value of the option before it.
TEST(RunnerOptions, AnOptionIsNotAValue)
{
    try {
        (void)parseRunnerArguments({"--dataset", "--describe"});
        ADD_FAILURE() << "--describe taken as the dataset's name";
    } catch (const Error& error) {
        EXPECT_STREQ(error.what(), "option --dataset needs a value");
    }
    EXPECT_EQ(parseRunnerArguments({"--dataset=-odd name", "--describe"}).dataset, "-odd name");
    EXPECT_EQ(parseRunnerArguments({"--seed", "0", "--dataset", "d", "--describe"}).seed, 0u);
}

TEST(DatasetDescription, FormatsNumbersForPeople)
{
    EXPECT_EQ(formatNumber(0.1661752), "0.1661752");
    EXPECT_EQ(formatNumber(65), "65");
    EXPECT_EQ(formatNumber(missingValue), ".");
}

} // namespace
} // namespace grove
