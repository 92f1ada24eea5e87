// SPDX-License-Identifier: GPL-3.0-or-later
// The pooling rules on the worked example: complete-data df by the between-within rule, D1
// with Reiter's df, variance components pooled inside their parameter space and named by what
// they are.
#include "core/io/DatasetReader.h"
#include "core/run/TwoLevelImputeRun.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "PipelineSupport.h"
#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace grove {
namespace {

using pipelinetest::runSettings;
using pipelinetest::tutmiss;

RunResult run(const std::map<std::string, std::string>& changes, const RunSettings& settings)
{
    Answers answers = parseInputString(workedExampleInputs);
    for (const auto& [key, value] : changes)
        answers.set(key, value);
    TemplateContext context;
    context.dataset = &tutmiss();
    return runTwoLevelImpute(tutmiss(), findTemplate("2LevelImpute").validate(answers, context),
                             settings, RunControl{});
}

// A table's cell by row key (first column) and column name.
const TableCell& cell(const Table& table, const std::string& row, const std::string& column)
{
    const auto c = std::find(table.columns.begin(), table.columns.end(), column);
    EXPECT_NE(c, table.columns.end()) << column;
    for (const auto& r : table.rows)
        if (std::get<std::string>(r[0]) == row)
            return r[static_cast<std::size_t>(c - table.columns.begin())];
    ADD_FAILURE() << "no row " << row;
    return table.rows.front().front();
}

double number(const Table& table, const std::string& row, const std::string& column)
{
    return std::get<double>(cell(table, row, column));
}

std::string text(const Table& table, const std::string& row, const std::string& column)
{
    return std::get<std::string>(cell(table, row, column));
}

TEST(PooledRules, WorkedExampleBetweenWithinDf)
{
    // tutmiss: N = 4059 pupils, J = 65 schools. standlrtmiss and girlmiss vary within schools
    // (p1 = 2): N - J - p1 = 3992. cons and the two schgendmiss dummies do not (p2 = 2):
    // J - p2 - 1 = 62.
    RunSettings settings = runSettings(1, 2, 2);
    const RunResult result = run({}, settings);
    const Table& pooled = result.find("ResultsTable:Imputation")->table;
    EXPECT_DOUBLE_EQ(number(pooled, "beta_0", "df_complete"), 62.0);
    EXPECT_DOUBLE_EQ(number(pooled, "beta_1", "df_complete"), 3992.0);
    EXPECT_DOUBLE_EQ(number(pooled, "beta_2", "df_complete"), 3992.0);
    EXPECT_DOUBLE_EQ(number(pooled, "beta_3", "df_complete"), 62.0);
    EXPECT_DOUBLE_EQ(number(pooled, "beta_4", "df_complete"), 62.0);
    for (const char* beta : {"beta_0", "beta_1", "beta_2", "beta_3", "beta_4"}) {
        // Barnard-Rubin df never exceed the complete-data df (nu_obs < nu_com).
        EXPECT_LT(number(pooled, beta, "df"), number(pooled, beta, "df_complete")) << beta;
        EXPECT_EQ(text(pooled, beta, "interval"), "t");
    }
    const Table& wald = result.find("ResultsTable:WaldTests")->table;
    EXPECT_DOUBLE_EQ(number(wald, "schgendmiss", "df_complete"), 62.0);
    EXPECT_LT(number(wald, "schgendmiss", "df2"), 62.0) << "Reiter's df are below df_com";

    // Infinite complete-data df: Rubin's (1987) df, larger than the finite ones.
    settings.completeDataDf = parseCompleteDataDf("inf");
    const RunResult infinite = run({}, settings);
    const Table& pooledInf = infinite.find("ResultsTable:Imputation")->table;
    EXPECT_TRUE(std::isinf(number(pooledInf, "beta_0", "df_complete")));
    EXPECT_GT(number(pooledInf, "beta_0", "df"), number(pooled, "beta_0", "df"));
    EXPECT_GT(number(infinite.find("ResultsTable:WaldTests")->table, "schgendmiss", "df2"),
              number(wald, "schgendmiss", "df2"));
    // The same estimates; with finite df the posterior variance is converted to a squared
    // standard error, W (62 - 2) / 62, and the t quantile grows.
    EXPECT_DOUBLE_EQ(number(pooledInf, "beta_0", "estimate"), number(pooled, "beta_0", "estimate"));
    EXPECT_NEAR(number(pooled, "beta_0", "within"),
                number(pooledInf, "beta_0", "within") * 60.0 / 62.0, 1e-15);
    EXPECT_DOUBLE_EQ(number(pooled, "beta_0", "between"), number(pooledInf, "beta_0", "between"));
    EXPECT_GT(number(pooled, "beta_0", "upper95") - number(pooled, "beta_0", "lower95"),
              number(pooledInf, "beta_0", "upper95") - number(pooledInf, "beta_0", "lower95"));
}

TEST(PooledRules, VarianceComponentsStayInTheirSpaceWithoutPValues)
{
    const RunResult result =
        run({{"MOIslope", "Yes"}, {"xslope", "standlrtmiss"}}, runSettings(2, 2, 2));
    const Table& pooled = result.find("ResultsTable:Imputation")->table;
    const std::map<std::string, std::string> terms = {{"omega_u_0", "var(cons)"},
                                                      {"omega_u_1", "cov(cons,standlrtmiss)"},
                                                      {"omega_u_2", "var(standlrtmiss)"},
                                                      {"sigma2_e", "var(residual)"}};
    for (const auto& [parameter, term] : terms) {
        EXPECT_EQ(text(pooled, parameter, "term"), term);
        EXPECT_EQ(text(pooled, parameter, "interval"), "mixed draws");
        EXPECT_TRUE(std::isnan(number(pooled, parameter, "pvalue"))) << parameter;
        EXPECT_TRUE(std::isnan(number(pooled, parameter, "df"))) << parameter;
        const double estimate = number(pooled, parameter, "estimate");
        EXPECT_LT(number(pooled, parameter, "lower95"), estimate) << parameter;
        EXPECT_GT(number(pooled, parameter, "upper95"), estimate) << parameter;
        EXPECT_GT(number(pooled, parameter, "se"), 0.0) << parameter;
    }
    for (const char* variance : {"omega_u_0", "omega_u_2", "sigma2_e"})
        EXPECT_GT(number(pooled, variance, "lower95"), 0.0) << variance;
    // A covariance's interval may cross zero; it stays within what the variances allow.
    const double bound =
        std::sqrt(number(pooled, "omega_u_0", "upper95") * number(pooled, "omega_u_2", "upper95"));
    EXPECT_GT(number(pooled, "omega_u_1", "lower95"), -bound);
    EXPECT_LT(number(pooled, "omega_u_1", "upper95"), bound);
}

TEST(PooledRules, SpacingFlagFiresAtLag10AndIsQuietAtLag500OnTheWorkedExample)
{
    // The school-level covariances of the imputation model mix slowly: at lag 10 the
    // autocorrelation of omega_u_8 (girlmiss's latent with schgendmiss's first latent) is
    // about 0.7, so 2 chains giving 4 imputations 10 iterations apart are flagged.
    const RunResult close = run({{"imputeevery", "10"}}, runSettings(1, 2, 2));
    ASSERT_FALSE(close.warnings.empty());
    bool flagged = false;
    for (const std::string& warning : close.warnings)
        flagged = flagged || warning.find("too close together") != std::string::npos;
    EXPECT_TRUE(flagged);
    const Table& spacing = close.find("Imputation_Model_Spacing")->table;
    EXPECT_EQ(text(spacing, "omega_u_8", "flag"), "too close");
    EXPECT_GT(number(spacing, "omega_u_8", "acf_at_imputeevery"), 0.1);
    EXPECT_GT(number(spacing, "omega_u_8", "imputeevery_needed"), 10.0);

    // 500 iterations apart they are not.
    const RunResult wide = run({{"imputeevery", "500"}}, runSettings(1, 2, 2));
    for (const std::string& warning : wide.warnings)
        EXPECT_EQ(warning.find("too close together"), std::string::npos) << warning;
    const Table& wideSpacing = wide.find("Imputation_Model_Spacing")->table;
    ASSERT_FALSE(wideSpacing.rows.empty());
    for (const auto& row : wideSpacing.rows) {
        EXPECT_EQ(std::get<std::string>(row[4]), "") << std::get<std::string>(row[0]);
        EXPECT_LT(std::get<double>(row[2]), 0.1) << std::get<std::string>(row[0]);
    }
}

TEST(PooledRules, OneChainPerImputationIsTheSameWhateverTheThreads)
{
    // Four chains, each burnt in to imputefirst and giving one dataset, on 1 or 2 threads.
    const std::map<std::string, std::string> shorter = {{"imputefirst", "300"}};
    RunSettings one = runSettings(9, 1, 0);
    one.chainPerImputation = true;
    RunSettings two = runSettings(9, 2, 0);
    two.chainPerImputation = true;
    const RunResult a = run(shorter, one);
    const RunResult b = run(shorter, two);
    for (const char* name : {"Imputation_Model_impute_datafile_chain0_iter300",
                             "Imputation_Model_impute_datafile_chain3_iter300"})
        EXPECT_NE(a.find(name), nullptr) << name;
    EXPECT_EQ(a.find("Imputation_Model_impute_datafile_chain0_iter350"), nullptr);
    EXPECT_EQ(tableToCsv(a.find("ResultsTable:Imputation")->table),
              tableToCsv(b.find("ResultsTable:Imputation")->table));
    EXPECT_EQ(tableToCsv(a.find("Imputation_Model_Spacing")->table),
              tableToCsv(b.find("Imputation_Model_Spacing")->table));
}

} // namespace
} // namespace grove
