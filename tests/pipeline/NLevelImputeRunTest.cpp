// SPDX-License-Identifier: GPL-3.0-or-later
// NLevelImpute with one classification is 2LevelImpute: the worked example through both.
#include "core/io/DatasetReader.h"
#include "core/run/TemplateRun.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace grove {
namespace {

const Dataset& tutmiss()
{
    static const Dataset dataset = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    return dataset;
}

/// The worked example in NLevelImpute's keys: classification 1 is school, in the MOI.
const std::string nLevelWorkedExample =
    "{'numclass': '1', 'classid_1': 'school', 'MOIclass_1': 'Yes', 'MOIdist': 'Normal', "
    "'MOIslope': 'No', 'y': 'normexam', 'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', "
    "'yimp1': 'normexam,standlrtmiss,girlmiss', 'bin1_1': 'Normal', 'bin1_2': 'Normal', "
    "'bin1_3': 'Binary', 'ximp1_0': 'cons', 'ximp1_1': 'cons,vrband:cat', 'ximp1_2': 'cons', "
    "'want2': 'Yes', 'yimp2': 'schgendmiss', 'bin2_1': 'Unordered', 'ncatsschgendmiss': '3', "
    "'ximp2_0_0': 'cons', 'ximp2_0_1': 'cons', 'numimpute': '4', 'imputefirst': '1000', "
    "'imputeevery': '50', 'burnin': '100', 'iterations': '250'}";

RunResult run(const std::string& templateName, const std::string& inputs, std::uint64_t seed)
{
    TemplateContext context;
    context.dataset = &tutmiss();
    const Answers answers = findTemplate(templateName).validate(parseInputString(inputs), context);
    RunSettings settings;
    settings.seed = seed;
    settings.threads = 2;
    settings.chains = 2;
    return runTemplate(templateName, tutmiss(), answers, {}, settings, RunControl{});
}

/// Pooled rows by position: (name, estimate, se, complete-data df).
struct PooledRow {
    std::string name;
    double estimate = 0.0;
    double se = 0.0;
    TableCell completeDataDf;
};

std::vector<PooledRow> pooled(const RunResult& result)
{
    const Table& table = result.find("ResultsTable:Imputation")->table;
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(
            std::find(table.columns.begin(), table.columns.end(), name) - table.columns.begin());
    };
    std::vector<PooledRow> rows;
    for (const auto& row : table.rows)
        rows.push_back({std::get<std::string>(row[0]), std::get<double>(row[column("estimate")]),
                        std::get<double>(row[column("se")]), row.at(column("df_complete"))});
    return rows;
}

TEST(NLevelImputeRun, OneClassificationIsTwoLevelImpute)
{
    // Same seed: the same engine and the same MOI sampler give the same numbers, the school
    // variance named sigma2_school instead of sigma2_u.
    const std::vector<PooledRow> two = pooled(run("2LevelImpute", workedExampleInputs, 21));
    const std::vector<PooledRow> same = pooled(run("NLevelImpute", nLevelWorkedExample, 21));
    ASSERT_EQ(two.size(), same.size());
    for (std::size_t k = 0; k < two.size(); ++k) {
        EXPECT_EQ(same[k].name, two[k].name == "sigma2_u" ? "sigma2_school" : two[k].name);
        EXPECT_DOUBLE_EQ(same[k].estimate, two[k].estimate) << two[k].name;
        EXPECT_DOUBLE_EQ(same[k].se, two[k].se) << two[k].name;
        // Equal, or both not applicable (NaN: variances carry no df).
        const auto sameDf = [](const TableCell& a, const TableCell& b) {
            const auto* x = std::get_if<double>(&a);
            const auto* y = std::get_if<double>(&b);
            return a == b || (x && y && std::isnan(*x) && std::isnan(*y));
        };
        EXPECT_TRUE(sameDf(same[k].completeDataDf, two[k].completeDataDf)) << two[k].name;
    }
    // Another seed: independent runs agree within Monte Carlo error. The difference of two
    // 4-imputation estimates has sd sqrt(2 B (1 + 1/4) / 4 + MOI noise), under 0.4 se for these
    // parameters (fraction of missing information under 0.3), so 1.2 se is 3 sd.
    const std::vector<PooledRow> other = pooled(run("NLevelImpute", nLevelWorkedExample, 22));
    for (std::size_t k = 0; k < two.size(); ++k)
        EXPECT_NEAR(other[k].estimate, two[k].estimate, 1.2 * two[k].se) << two[k].name;
}

TEST(NLevelImputeRun, OutputsAreNamedAsTwoLevelImpute)
{
    const RunResult result = run("NLevelImpute", nLevelWorkedExample, 23);
    for (const char* expected :
         {"ResultsTable:Imputation", "ResultsTable:CompleteCases", "Imputation_Model_ModelResults",
          "Imputation_Model_out", "CombinedResults", "Model1_ModelResults", "Model4_out",
          "CompleteCasesModel_ModelResults", "Imputation_Model_impute_datafile_chain0_iter1000",
          "Imputation_Model_impute_datafile_chain1_iter1050",
          "Imputation_Model_impute_L2Data_chain1_iter1050", "Inputs"})
        EXPECT_NE(result.find(expected), nullptr) << expected;
    const RunOutput* completed = result.find("Imputation_Model_impute_datafile_chain0_iter1000");
    ASSERT_NE(completed, nullptr);
    for (const char* variable : {"standlrtmiss", "girlmiss", "schgendmiss"})
        EXPECT_EQ(completed->dataset->column(variable).missingCount(), 0u) << variable;
}

} // namespace
} // namespace grove
