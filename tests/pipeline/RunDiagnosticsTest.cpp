// SPDX-License-Identifier: GPL-3.0-or-later
// The run's own diagnostics on real runs: the convergence summary on a short and a long run of
// the worked example, and imputed-versus-observed on data with a known shift (MAR).
#include "core/diag/Descriptive.h"
#include "core/run/ImputedVsObserved.h"
#include "core/run/TwoLevelImputeRun.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "PipelineSupport.h"
#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

namespace grove {
namespace {

using pipelinetest::runSettings;
using pipelinetest::tutmiss;

Answers validated(const Dataset& data, const std::string& inputs,
                  const std::map<std::string, std::string>& changes)
{
    Answers answers = parseInputString(inputs);
    for (const auto& [key, value] : changes)
        answers.set(key, value);
    TemplateContext context;
    context.dataset = &data;
    return findTemplate("2LevelImpute").validate(answers, context);
}

std::size_t flaggedRows(const RunResult& result, const std::string& model)
{
    const RunOutput* table = result.find("Imputation_Model_Convergence");
    EXPECT_NE(table, nullptr);
    if (table == nullptr)
        return 0;
    std::size_t flagged = 0;
    for (const auto& row : table->table.rows)
        if (std::get<std::string>(row[0]) == model && std::get<std::string>(row[9]) == "flagged")
            ++flagged;
    return flagged;
}

TEST(RunDiagnostics, ConvergenceFlagsAShortRunAndNotALongOne)
{
    // 30 iterations before the first imputation, 5 between them: nowhere near converged.
    const RunResult shortRun = runTwoLevelImpute(
        tutmiss(),
        validated(
            tutmiss(), workedExampleInputs,
            {{"imputefirst", "30"}, {"imputeevery", "5"}, {"burnin", "5"}, {"iterations", "40"}}),
        runSettings(3, 2, 2), RunControl{});
    EXPECT_TRUE(shortRun.convergenceFlagged);
    EXPECT_GT(flaggedRows(shortRun, "Imputation_Model"), 5u);
    EXPECT_GT(flaggedRows(shortRun, "Model1"), 0u);
    EXPECT_NE(shortRun.convergence.find("parameters flagged"), std::string::npos)
        << shortRun.convergence;
    EXPECT_NE(shortRun.convergence.find("raise imputefirst"), std::string::npos);

    // 2 chains of 10,000 iterations before the first imputation and 1,000 between: every
    // imputation-model parameter has bulk and tail ESS above 100 over the second half.
    const RunResult longRun = runTwoLevelImpute(tutmiss(),
                                                validated(tutmiss(), workedExampleInputs,
                                                          {{"imputefirst", "10000"},
                                                           {"imputeevery", "1000"},
                                                           {"burnin", "500"},
                                                           {"iterations", "2000"}}),
                                                runSettings(3, 2, 2), RunControl{});
    const RunOutput* table = longRun.find("Imputation_Model_Convergence");
    ASSERT_NE(table, nullptr);
    for (const auto& row : table->table.rows)
        EXPECT_EQ(std::get<std::string>(row[9]), "")
            << std::get<std::string>(row[0]) << " " << std::get<std::string>(row[1]) << ": "
            << std::get<std::string>(row[10]);
    EXPECT_FALSE(longRun.convergenceFlagged);
    EXPECT_EQ(longRun.convergence.rfind("Convergence: all ", 0), 0u) << longRun.convergence;
}

// 60 schools of 25 pupils: x = u_j + N(0, 1), y = 0.8 x + v_j + N(0, 0.6^2) with school effects
// u_j ~ N(0, 0.5^2) and v_j ~ N(0, 0.3^2); x is missing with
// probability 1 / (1 + exp(-2 y)) - missing at random given y, so the missing x are larger
// than the observed ones. Returns the data and the mean of the x values that were deleted.
std::pair<Dataset, double> shiftedData()
{
    std::mt19937_64 engine(20261203);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> school, x, y;
    for (int j = 0; j < 60; ++j) {
        const double u = 0.5 * normal(engine);
        const double v = 0.3 * normal(engine);
        for (int i = 0; i < 25; ++i) {
            school.push_back(j + 1);
            x.push_back(u + normal(engine));
            y.push_back(0.8 * x.back() + v + 0.6 * normal(engine));
        }
    }
    Column xColumn("x", x);
    double deletedSum = 0.0;
    std::size_t deleted = 0;
    for (std::size_t r = 0; r < x.size(); ++r)
        if (uniform(engine) < 1.0 / (1.0 + std::exp(-2.0 * y[r]))) {
            deletedSum += x[r];
            ++deleted;
            xColumn.setMissing(r);
        }
    Dataset data("shifted");
    data.addColumn(Column("school", school));
    data.addColumn(Column("cons", std::vector<double>(x.size(), 1.0)));
    data.addColumn(Column("y", y));
    data.addColumn(std::move(xColumn));
    return {std::move(data), deletedSum / static_cast<double>(deleted)};
}

TEST(RunDiagnostics, ImputedVersusObservedShowsAKnownShift)
{
    const auto [data, deletedMean] = shiftedData();
    const std::string inputs =
        "{'numlevs': 'Yes', 'L2ID': 'school', 'MOIlevel': '2 levels', 'MOIdist': 'Normal', "
        "'MOIslope': 'No', 'y': 'y', 'x': 'cons,x', 'yimp1': 'y,x', 'bin1_1': 'Normal', "
        "'bin1_2': 'Normal', 'ximp1_0': 'cons', 'ximp1_1': 'cons', 'want2': 'No', "
        "'condmarg': 'Yes', 'numimpute': '5', 'imputefirst': '1000', 'imputeevery': '200', "
        "'burnin': '100', 'iterations': '250'}";
    const RunResult result =
        runTwoLevelImpute(data, validated(data, inputs, {}), runSettings(5, 2, 5), RunControl{});
    const RunOutput* output = result.find("Imputation_Model_ImputedVsObserved");
    ASSERT_NE(output, nullptr);
    ASSERT_NE(output->imputedVsObserved, nullptr);
    const ImputedVariableComparison* x = nullptr;
    for (const ImputedVariableComparison& v : output->imputedVsObserved->variables)
        if (v.variable.name == "x")
            x = &v;
    ASSERT_NE(x, nullptr);
    const double observedMean = sampleMean(x->observed);
    ASSERT_EQ(x->imputed.size(), 5u);
    // The table's rows: observed, then imputations 1..5, each shifted upwards. Their average
    // estimates the mean of the deleted values (between-imputation sd of one mean about 0.05).
    const Table& table = output->table;
    std::size_t imputedRows = 0;
    double meanOfMeans = 0.0;
    for (const auto& row : table.rows) {
        if (std::get<std::string>(row[0]) != "x" || std::get<std::string>(row[2]) != "imputed")
            continue;
        ++imputedRows;
        meanOfMeans += std::get<double>(row[6]) / 5.0;
        EXPECT_GT(std::get<double>(row[9]), 0.3)
            << "shift in observed sd, imputation " << std::get<double>(row[3]);
    }
    EXPECT_NEAR(meanOfMeans, deletedMean, 0.1);
    EXPECT_EQ(imputedRows, 5u);
    EXPECT_GT(deletedMean - observedMean, 0.5) << "the simulation deletes the larger values";
    // Densities for the figure: one grid, observed plus one curve per imputation.
    EXPECT_EQ(x->observedDensity.size(), x->grid.size());
    EXPECT_EQ(x->imputedDensity.size(), 5u);
    // The per-unit view has every school with a missing x; none sits far outside its range.
    const RunOutput* units = result.find("Imputation_Model_ImputedVsObserved_Units");
    ASSERT_NE(units, nullptr);
    EXPECT_GT(x->units.size(), 40u);
    std::size_t flagged = 0;
    for (const UnitImputedVsObserved& unit : x->units)
        flagged += unit.flagged ? 1 : 0;
    EXPECT_LE(flagged, 3u);
}

} // namespace
} // namespace grove
