// SPDX-License-Identifier: GPL-3.0-or-later
// The 2LevelMissingOnePass service: the outputs Parker & Goldstein 2019 name, built from real small
// runs on tutmiss (and tutmiss_lev2), and the errors a caller can make.
#include "core/run/OnePassRun.h"
#include "core/common/Error.h"
#include "core/io/DatasetCatalog.h"
#include "core/run/DatasetLibrary.h"
#include "core/run/TemplateRun.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "common/SeedStrings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace grove {
namespace {

DatasetLibrary& library()
{
    static DatasetLibrary instance(DatasetCatalog({GROVE_DATASETS_DIR}));
    return instance;
}

Answers validated(const Answers& given)
{
    TemplateContext context;
    context.dataset = library().get("tutmiss").get();
    context.findDataset = [](std::string_view name) -> const Dataset* {
        return library().find(std::string(name)).get();
    };
    return findTemplate("2LevelMissingOnePass").validate(given, context);
}

// A seed string made short enough for a unit test: 2 chains, 40 + 60 iterations.
Answers shortRun(const char* seedString)
{
    Answers a = parseInputString(seedString);
    a.set("nchains", "2");
    a.set("burnin", "40");
    a.set("iterations", "60");
    return a;
}

RunResult run(const Answers& answers, const NamedDatasets& others = {})
{
    RunSettings settings;
    settings.threads = 2;
    return runTemplate("2LevelMissingOnePass", *library().get("tutmiss"), validated(answers),
                       others, settings, RunControl());
}

std::vector<std::string> column(const Table& table, std::size_t c)
{
    std::vector<std::string> values;
    for (const auto& row : table.rows)
        values.push_back(std::get<std::string>(row.at(c)));
    return values;
}

std::vector<std::string> outputNames(const RunResult& result)
{
    std::vector<std::string> names;
    for (const RunOutput& o : result.outputs)
        names.push_back(o.name);
    return names;
}

const std::vector<std::string> resultsColumns = {"parameter", "term", "mean", "sd",   "lower95",
                                                 "upper95",   "mcse", "ess",  "rhat", "flag"};

TEST(OnePassRun, SeedInteractionModelOutputs)
{
    Answers a = shortRun(test::seedOnePassInteraction);
    a.set("storeresid", "Yes");
    a.set("makepred", "Yes");
    a.set("imputeiters", "30,60");
    a.set("outdata", "chains");
    const RunResult result = run(a);

    const std::vector<std::string> names = outputNames(result);
    for (const char* name :
         {"ModelResults", "ModelParameters", "chains", "Residuals", "Prediction", "Notes", "Inputs",
          "impute_datafile_chain0_iter30", "impute_datafile_chain0_iter60",
          "impute_datafile_chain1_iter30", "impute_datafile_chain1_iter60"})
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    EXPECT_EQ(names.front(), "ModelResults");
    EXPECT_EQ(std::count_if(names.begin(), names.end(),
                            [](const std::string& n) { return n.starts_with("impute_L2Data"); }),
              0)
        << "no level-2 responses, so no level-2 datasets";
    // The convergence summary and the methods paragraph of the one-pass model.
    ASSERT_NE(result.find("Convergence"), nullptr);
    EXPECT_FALSE(result.find("Convergence")->table.rows.empty());
    EXPECT_EQ(result.convergence.rfind("Convergence: ", 0), 0u) << result.convergence;
    ASSERT_NE(result.find("MethodsText"), nullptr);
    const std::string& methods = result.find("MethodsText")->text;
    EXPECT_NE(methods.find("Goldstein, Carpenter & Browne 2014"), std::string::npos) << methods;
    EXPECT_NE(methods.find(result.convergence), std::string::npos) << methods;

    // ModelResults: the parameters of Parker & Goldstein 2019 (Parker & Goldstein 2019, the
    // interaction example's table) in its order.
    const Table& results = result.find("ModelResults")->table;
    EXPECT_EQ(results.columns, resultsColumns);
    EXPECT_EQ(column(results, 0),
              (std::vector<std::string>{"omega_u_0", "omega_u_1", "omega_u_2", "beta_0", "beta_1",
                                        "beta_2", "beta_3", "omega_uint_0", "sigma2"}));
    EXPECT_EQ(column(results, 1)[3], "cons");
    EXPECT_EQ(column(results, 1)[6], "standlrtmiss*girlmiss");
    for (const auto& row : results.rows) {
        const double mean = std::get<double>(row[2]);
        const double sd = std::get<double>(row[3]);
        const double lower = std::get<double>(row[4]);
        const double upper = std::get<double>(row[5]);
        EXPECT_TRUE(std::isfinite(mean)) << std::get<std::string>(row[0]);
        EXPECT_GT(sd, 0.0) << std::get<std::string>(row[0]);
        EXPECT_LE(lower, mean);
        EXPECT_GE(upper, mean);
        EXPECT_GT(std::get<double>(row[6]), 0.0) << "mcse";
        EXPECT_GT(std::get<double>(row[7]), 0.0) << "ess";
    }
    // The slope of standlrtmiss is about 0.56 in every analysis of tutmiss (Parker & Goldstein
    // 2019's table: 0.5567, sd 0.020); 60 draws are enough to be within 0.1 of it.
    EXPECT_NEAR(std::get<double>(results.rows[4][2]), 0.557, 0.1);

    // ModelParameters: every monitored parameter, the imputation components' ones too, and
    // the chains output holds exactly those, so every parameter gets its six panels.
    const Table& parameters = result.find("ModelParameters")->table;
    EXPECT_EQ(parameters.columns, resultsColumns);
    const std::vector<std::string> all = column(parameters, 0);
    for (const std::string& name : column(results, 0))
        EXPECT_NE(std::find(all.begin(), all.end(), name), all.end()) << name;
    EXPECT_TRUE(std::any_of(all.begin(), all.end(),
                            [](const std::string& n) { return n.starts_with("beta2imp_"); }));
    EXPECT_TRUE(std::any_of(all.begin(), all.end(),
                            [](const std::string& n) { return n.starts_with("omega_e_"); }));
    const RunOutput* chains = result.find("chains");
    ASSERT_EQ(chains->kind, RunOutput::Kind::ChainsOutput);
    EXPECT_EQ(chains->chains->chainCount(), 2u);
    ASSERT_EQ(chains->chains->parameterCount(), all.size());
    for (std::size_t p = 0; p < all.size(); ++p)
        EXPECT_EQ(chains->chains->parameters[p].name, all[p]);
    EXPECT_EQ(chains->chains->draws[0][0].size(), 60u);

    // Residuals: one per school for the random intercept.
    const Table& residuals = result.find("Residuals")->table;
    EXPECT_EQ(residuals.columns, (std::vector<std::string>{"parameter", "unit", "mean", "sd"}));
    EXPECT_EQ(residuals.rows.size(), 65u);

    // Prediction: the kept rows (normexam is never missing in tutmiss) and `pred`.
    const Dataset& prediction = *result.find("Prediction")->dataset;
    EXPECT_EQ(prediction.rowCount(), 4059u);
    ASSERT_TRUE(prediction.hasColumn("pred"));
    EXPECT_FALSE(prediction.column("pred").hasMissing());
    EXPECT_TRUE(prediction.hasColumn("normexam"));

    // The completed datasets: the imputed covariates are complete, the observed values kept,
    // and girlmiss stays 0/1.
    const Dataset& original = *library().get("tutmiss");
    const Dataset& completed = *result.find("impute_datafile_chain1_iter60")->dataset;
    EXPECT_EQ(completed.rowCount(), 4059u);
    for (const char* name : {"standlrtmiss", "girlmiss"}) {
        const Column& filled = completed.column(name);
        const Column& raw = original.column(name);
        EXPECT_FALSE(filled.hasMissing()) << name;
        for (std::size_t row = 0; row < raw.size(); ++row) {
            if (!raw.isMissing(row)) {
                ASSERT_EQ(filled.values[row], raw.values[row]) << name << " row " << row;
            }
        }
    }
    EXPECT_EQ(completed.column("girlmiss").distinctValues(), (std::vector<double>{0.0, 1.0}));

    const std::string notes = result.find("Notes")->text;
    EXPECT_NE(notes.find("Rows used: 4059 of 4059; 0 rows dropped because normexam"),
              std::string::npos)
        << notes;
    EXPECT_NE(notes.find("Metropolis acceptance"), std::string::npos) << notes;
    EXPECT_EQ(result.find("Inputs")->text.rfind("{'y': 'normexam', 'D': 'Normal'", 0), 0u);
}

TEST(OnePassRun, AppendixStringWithLevel2ResponsesFromL2Data)
{
    Answers a = shortRun(test::seedOnePassLevel2);
    a.set("imputeiters", "60");
    const NamedDatasets others = {{"tutmiss_lev2", library().get("tutmiss_lev2")}};
    const RunResult result = run(a, others);
    const Table& results = result.find("ModelResults")->table;
    const std::vector<std::string> parameters = column(results, 0);
    for (const char* name : {"beta_0", "beta_1", "beta_2", "beta_3", "omega_uint_0", "sigma2"})
        EXPECT_NE(std::find(parameters.begin(), parameters.end(), name), parameters.end()) << name;
    EXPECT_EQ(column(results, 1)[static_cast<std::size_t>(
                  std::find(parameters.begin(), parameters.end(), "beta_3") - parameters.begin())],
              "avslrtmiss");

    const RunOutput* level2 = result.find("impute_L2Data_chain0_iter60");
    ASSERT_NE(level2, nullptr);
    EXPECT_EQ(level2->dataset->rowCount(), 65u);
    EXPECT_FALSE(level2->dataset->column("avslrtmiss").hasMissing());
    ASSERT_NE(result.find("impute_datafile_chain1_iter60"), nullptr);
    EXPECT_FALSE(
        result.find("impute_datafile_chain1_iter60")->dataset->column("girlmiss").hasMissing());
}

TEST(OnePassRun, CategoricalExplanatoryVariablesDoNotReachTheCompletedDatasets)
{
    Answers a = shortRun(test::seedOnePassInteraction);
    a.set("ximp1", "cons,vrband:cat");
    a.set("imputeiters", "60");
    const RunResult result = run(a);
    const Dataset& completed = *result.find("impute_datafile_chain0_iter60")->dataset;
    EXPECT_FALSE(completed.hasColumn("vrband_1"));
    EXPECT_TRUE(completed.hasColumn("vrband"));
    const std::vector<std::string> parameters = column(result.find("ModelParameters")->table, 1);
    EXPECT_TRUE(std::any_of(parameters.begin(), parameters.end(), [](const std::string& term) {
        return term.ends_with("vrband_2");
    })) << "the dummies are the imputation component's terms";
}

TEST(OnePassRun, BinomialResponseWithMissingValuesDropsThoseRows)
{
    // tutmiss with a binary response: normexam > 0, missing in every tenth row (406 rows).
    Dataset data = *library().get("tutmiss");
    const Column& normexam = data.column("normexam");
    Column passed("passed", std::vector<double>(data.rowCount(), 0.0));
    for (std::size_t row = 0; row < data.rowCount(); ++row)
        passed.values[row] = normexam.values[row] > 0 ? 1.0 : 0.0;
    for (std::size_t row = 0; row < data.rowCount(); row += 10)
        passed.setMissing(row);
    data.addColumn(std::move(passed));

    Answers given = shortRun(test::seedOnePassInteraction);
    given.set("y", "passed");
    given.set("D", "Binomial");
    given.set("makepred", "Yes");
    given.set("imputeiters", "60");
    TemplateContext context;
    context.dataset = &data;
    const Answers answers = findTemplate("2LevelMissingOnePass").validate(given, context);
    RunSettings settings;
    settings.threads = 2;
    const RunResult result =
        runTemplate("2LevelMissingOnePass", data, answers, {}, settings, RunControl());

    const std::vector<std::string> parameters = column(result.find("ModelResults")->table, 0);
    EXPECT_EQ(std::count(parameters.begin(), parameters.end(), "sigma2"), 0)
        << "no level-1 variance";
    EXPECT_EQ(std::count(parameters.begin(), parameters.end(), "beta_3"), 1);
    const std::string notes = result.find("Notes")->text;
    EXPECT_NE(notes.find("Rows used: 3653 of 4059; 406 rows dropped because passed"),
              std::string::npos)
        << notes;
    const Dataset& prediction = *result.find("Prediction")->dataset;
    ASSERT_EQ(prediction.rowCount(), 3653u);
    EXPECT_FALSE(prediction.column("passed").hasMissing());
    for (const double p : prediction.column("pred").values) {
        ASSERT_GT(p, 0.0);
        ASSERT_LT(p, 1.0);
    }
    EXPECT_EQ(result.find("impute_datafile_chain0_iter60")->dataset->rowCount(), 3653u);
}

TEST(OnePassRun, CallerMistakesAreOneLineErrors)
{
    // The level-2 dataset the answers name must be handed over.
    Answers a = shortRun(test::seedOnePassLevel2);
    try {
        (void)run(a);
        FAIL() << "expected an Error";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "'L2Data': the level 2 dataset 'tutmiss_lev2' is not loaded");
    }
    // `outdata` cannot take the name of another output.
    Answers b = shortRun(test::seedOnePassInteraction);
    b.set("outdata", "ModelResults");
    EXPECT_THROW((void)run(b), Error);
}

TEST(OnePassRun, ResultsTableFromChains)
{
    ChainSet chains;
    chains.parameters = {{"beta_0", "cons"}, {"sigma2", "sigma2"}};
    // Two chains of periodic patterns: means 1 and 5, 2.5% and 97.5% quantiles of beta_0 0.5, 1.5.
    std::vector<double> a;
    std::vector<double> b;
    for (int i = 0; i < 198; ++i) { // whole periods of both patterns
        a.push_back(1.0 + ((i % 2) ? 0.5 : -0.5));
        b.push_back(5.0 + ((i % 3) - 1.0));
    }
    chains.draws = {{a, b}, {a, b}};
    const Table table = onePassResultsTable(chains);
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(std::get<std::string>(table.rows[0][0]), "beta_0");
    EXPECT_EQ(std::get<std::string>(table.rows[0][1]), "cons");
    EXPECT_DOUBLE_EQ(std::get<double>(table.rows[0][2]), 1.0);
    EXPECT_DOUBLE_EQ(std::get<double>(table.rows[1][2]), 5.0);
    EXPECT_DOUBLE_EQ(std::get<double>(table.rows[0][4]), 0.5);
    EXPECT_DOUBLE_EQ(std::get<double>(table.rows[0][5]), 1.5);
}

} // namespace
} // namespace grove
