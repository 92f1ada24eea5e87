// SPDX-License-Identifier: GPL-3.0-or-later
// The whole 2LevelImpute pipeline on tutmiss against peers and against itself.
#include "core/run/TwoLevelImputeRun.h"
#include "core/io/DatasetReader.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "PipelineSupport.h"
#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <map>

namespace grove {
namespace {

using pipelinetest::runSettings;
using pipelinetest::tutmiss;

Answers validatedAnswers(const std::map<std::string, std::string>& changes = {})
{
    Answers answers = parseInputString(workedExampleInputs);
    for (const auto& [key, value] : changes)
        answers.set(key, value);
    TemplateContext context;
    context.dataset = &tutmiss();
    return findTemplate("2LevelImpute").validate(answers, context);
}

double number(const TableCell& cell)
{
    return std::get<double>(cell);
}

// Rows of a results table by parameter name: columns by name.
std::map<std::string, std::map<std::string, double>> tableByParameter(const Table& table)
{
    std::map<std::string, std::map<std::string, double>> rows;
    for (const auto& row : table.rows) {
        const std::string parameter = std::get<std::string>(row[0]);
        for (std::size_t c = 2; c < table.columns.size(); ++c) {
            if (std::holds_alternative<double>(row[c]))
                rows[parameter][table.columns[c]] = number(row[c]);
        }
    }
    return rows;
}

TEST(TwoLevelImputeRun, PooledEstimatesAgreeWithJomoLme4Mitml)
{
    // Reference: jomo + lme4 + mitml on the same tutmiss (tutmiss_peers.csv, case jomo_pooled),
    // with schgendmiss category 0 as the reference. Grove's `:cat` makes the LAST category (2)
    // the reference, so the reference figures are re-expressed in Grove's coding:
    //   cons          = (Intercept) + cat2        = -0.15103 + 0.13729 = -0.01374
    //   schgendmiss_0 = -cat2                     = -0.13729
    //   schgendmiss_1 = cat1 - cat2               =  0.16881 - 0.13729 = 0.03152
    // with the reference SEs of the matching coefficient (se of cat2 for cons and _0, the larger
    // of cat1's and cat2's for _1, a conservative choice since the covariance is not published).
    // Tolerance (the issue's): 1.5 standard errors for each fixed effect, 15% for variances.
    // Both are Monte Carlo results with 10 imputations, so the tolerance covers two sets of
    // imputation noise.
    const RunResult result = runTwoLevelImpute(tutmiss(), validatedAnswers({{"numimpute", "10"}}),
                                               runSettings(11, 2, 2), RunControl{});
    const auto pooled = tableByParameter(result.find("ResultsTable:Imputation")->table);
    struct Reference {
        const char* parameter;
        double estimate;
        double se;
    };
    const Reference fixed[] = {{"beta_0", -0.01374, 0.09396},
                               {"beta_1", 0.56024, 0.01273},
                               {"beta_2", 0.16514, 0.03552},
                               {"beta_3", -0.13729, 0.09396},
                               {"beta_4", 0.03152, 0.11193}};
    for (const Reference& ref : fixed) {
        const double estimate = pooled.at(ref.parameter).at("estimate");
        EXPECT_NEAR(estimate, ref.estimate, 1.5 * ref.se)
            << ref.parameter << ": Grove " << estimate << ", jomo+lme4 " << ref.estimate;
    }
    EXPECT_NEAR(pooled.at("sigma2_u").at("estimate"), 0.07893, 0.15 * 0.07893);
    EXPECT_NEAR(pooled.at("sigma2_e").at("estimate"), 0.55971, 0.15 * 0.55971);
    // Pooled SEs are of the reference's size (their ratio within 25%).
    EXPECT_NEAR(pooled.at("beta_1").at("se") / 0.01273, 1.0, 0.25);
    EXPECT_NEAR(pooled.at("beta_2").at("se") / 0.03552, 1.0, 0.25);
}

TEST(TwoLevelImputeRun, CompleteCasesAgreeWithLme4)
{
    // Reference: lme4 on the complete cases (tutmiss_peers.csv, case complete_cases); REML
    // against a posterior mean from 250 iterations: 0.5 SE for fixed effects.
    const RunResult result =
        runTwoLevelImpute(tutmiss(), validatedAnswers(), runSettings(3, 2, 2), RunControl{});
    const auto cc = tableByParameter(result.find("ResultsTable:CompleteCases")->table);
    EXPECT_NEAR(cc.at("beta_1").at("mean"), 0.54401, 0.5 * 0.01473);
    EXPECT_NEAR(cc.at("beta_2").at("mean"), 0.17404, 0.5 * 0.03806);
    EXPECT_NEAR(cc.at("beta_0").at("mean"), -0.17424 + 0.12151, 0.5 * 0.09765);
    EXPECT_NEAR(cc.at("sigma2_e").at("mean"), 0.55838, 0.05 * 0.55838);
}

TEST(TwoLevelImputeRun, OutputsFollowTheSeedsNamesAndOrder)
{
    const RunResult result =
        runTwoLevelImpute(tutmiss(), validatedAnswers(), runSettings(1, 2, 2), RunControl{});
    std::vector<std::string> names;
    for (const RunOutput& output : result.outputs)
        names.push_back(output.name);
    EXPECT_EQ(names.front(), "ResultsTable:Imputation");
    for (const char* expected :
         {"ResultsTable:CompleteCases", "Imputation_Model_ModelResults", "Imputation_Model_out",
          "CombinedResults", "Model1_ModelResults", "Model4_out", "CompleteCasesModel_ModelResults",
          "Imputation_Model_impute_datafile_chain0_iter1000",
          "Imputation_Model_impute_datafile_chain1_iter1000",
          "Imputation_Model_impute_datafile_chain0_iter1050",
          "Imputation_Model_impute_L2Data_chain1_iter1050", "Inputs"})
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
    const RunOutput* completed = result.find("Imputation_Model_impute_datafile_chain0_iter1000");
    ASSERT_NE(completed, nullptr);
    for (const char* variable : {"standlrtmiss", "girlmiss", "schgendmiss"})
        EXPECT_EQ(completed->dataset->column(variable).missingCount(), 0u) << variable;
    EXPECT_EQ(completed->dataset->column("avslrtmiss").missingCount(),
              tutmiss().column("avslrtmiss").missingCount())
        << "variables outside the imputation model keep their missing values";
    // Imputed categories are valid codes.
    for (double value : completed->dataset->column("schgendmiss").values)
        EXPECT_TRUE(value == 0 || value == 1 || value == 2);
}

TEST(TwoLevelImputeRun, SameSeedSameResultsWhateverTheThreads)
{
    // Two chains run one after the other on one thread, or side by side on two: bit-identical.
    const Answers answers = validatedAnswers({{"imputefirst", "200"}, {"imputeevery", "20"}});
    const RunResult one = runTwoLevelImpute(tutmiss(), answers, runSettings(5, 1, 2), RunControl{});
    const RunResult two = runTwoLevelImpute(tutmiss(), answers, runSettings(5, 2, 2), RunControl{});
    const Table& a = one.find("ResultsTable:Imputation")->table;
    const Table& b = two.find("ResultsTable:Imputation")->table;
    ASSERT_EQ(a.rows.size(), b.rows.size());
    // Cell by cell, bit for bit; a NaN (no p-value for a variance) matches a NaN.
    const auto same = [](const TableCell& x, const TableCell& y) {
        if (std::holds_alternative<double>(x) && std::holds_alternative<double>(y) &&
            std::isnan(std::get<double>(x)))
            return std::isnan(std::get<double>(y));
        return x == y;
    };
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
        ASSERT_EQ(a.rows[r].size(), b.rows[r].size());
        for (std::size_t c = 0; c < a.rows[r].size(); ++c)
            EXPECT_TRUE(same(a.rows[r][c], b.rows[r][c])) << "row " << r << ", column " << c;
    }
}

TEST(TwoLevelImputeRun, CancellationStopsTheRun)
{
    std::atomic<bool> cancel{true};
    RunControl control;
    control.cancelFlag = &cancel;
    EXPECT_THROW(
        (void)runTwoLevelImpute(tutmiss(), validatedAnswers(), runSettings(1, 2, 0), control),
        RunCancelled);
}

} // namespace
} // namespace grove
