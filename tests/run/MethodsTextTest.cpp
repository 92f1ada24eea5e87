// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/MethodsText.h"

#include "core/io/DatasetReader.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "common/WorkedExample.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>

namespace grove {
namespace {

const Dataset& tutmiss()
{
    static const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    return data;
}

// The worked example with some answers changed (nullopt removes the key).
TwoLevelImputeModels modelsWith(const std::map<std::string, std::optional<std::string>>& changes)
{
    Answers given = parseInputString(workedExampleInputs);
    Answers answers;
    for (const std::string& key : given.keys()) {
        const auto change = changes.find(key);
        if (change == changes.end())
            answers.set(key, *given.get(key));
        else if (change->second)
            answers.set(key, *change->second);
    }
    for (const auto& [key, value] : changes)
        if (value && !given.contains(key))
            answers.set(key, *value);
    TemplateContext context;
    context.dataset = &tutmiss();
    return twoLevelImputeModels(findTemplate("2LevelImpute").validate(answers, context), 1, 1, 0);
}

MethodsFacts workedFacts()
{
    MethodsFacts facts;
    facts.templateName = "2LevelImpute";
    facts.datasetName = "tutmiss";
    facts.chains = 2;
    facts.convergence = "Convergence: all 40 parameters passed.";
    facts.categoricalWaldTests = true;
    facts.rows = 4059;
    facts.completeCases = 3000;
    return facts;
}

TEST(MethodsText, NamesTheWorkedExamplesModelsAndReferences)
{
    const std::string text = imputationMethodsText(modelsWith({}), workedFacts());
    for (const char* expected :
         {"imputed with Grove ",
          "template 2LevelImpute",
          "tutmiss",
          "normexam (normal; explanatory: cons)",
          "standlrtmiss (normal; explanatory: cons and vrband (categorical))",
          "girlmiss (binary, probit latent normal",
          "random effect for school",
          "schgendmiss (unordered, 3 categories",
          "at the level of school",
          "conditional algorithm",
          "2 chains were run",
          "after 1000 iterations",
          "every 50 iterations",
          "M = 4 imputations",
          "Vehtari et al. 2021",
          "Convergence: all 40 parameters passed.",
          "multilevel normal model of normexam",
          "schgendmiss (categorical)",
          "random intercepts for school",
          "burn-in 100",
          "250 iterations",
          "Rubin 1987",
          "Barnard & Rubin",
          "(1999)",
          "between-within",
          "Li et al. 1991",
          "3000 complete cases (73.9% of 4059 rows)"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find("Grove unknown"), std::string::npos) << "the build names its version";
}

TEST(MethodsText, EveryAnswerItDependsOnChangesIt)
{
    const std::string base = imputationMethodsText(modelsWith({}), workedFacts());
    const std::vector<std::map<std::string, std::optional<std::string>>> changes = {
        {{"MOIlevel", "1 level"}, {"MOIslope", std::nullopt}},
        {{"MOIdist", "Multivariate Normal"},
         {"MOIslope", std::nullopt},
         {"y", "normexam,standlrtmiss"},
         {"x", "cons,girlmiss"}},
        {{"MOIslope", "Yes"}, {"xslope", "standlrtmiss"}},
        {{"y", "standlrtmiss"}, {"x", "cons,normexam,girlmiss,schgendmiss:cat"}},
        {{"x", "cons,standlrtmiss,girlmiss"}},
        {{"bin1_3", "Normal"}},
        {{"ximp1_0", "cons,vrband:cat"}},
        {{"ximp1_2", "cons,vrband"}},
        {{"bin2_1", "Ordered"},
         {"ximp2_0_0", std::nullopt},
         {"ximp2_0_1", std::nullopt},
         {"ximp2_0", "cons"}},
        {{"want2", "No"},
         {"yimp2", std::nullopt},
         {"bin2_1", std::nullopt},
         {"ncatsschgendmiss", std::nullopt},
         {"ximp2_0_0", std::nullopt},
         {"ximp2_0_1", std::nullopt},
         {"x", "cons,standlrtmiss,girlmiss"}},
        {{"condmarg", "No"}},
        {{"numimpute", "6"}},
        {{"imputefirst", "900"}},
        {{"imputeevery", "70"}},
        {{"burnin", "150"}},
        {{"iterations", "300"}},
    };
    for (const auto& change : changes) {
        std::string what;
        for (const auto& [key, value] : change)
            what += key + "=" + value.value_or("(removed)") + " ";
        std::string text;
        try {
            text = imputationMethodsText(modelsWith(change), workedFacts());
        } catch (const std::exception& error) {
            ADD_FAILURE() << what << ": " << error.what();
            continue;
        }
        EXPECT_NE(text, base) << what;
    }
    // The run's facts.
    const auto changedFacts = [&](auto&& edit) {
        MethodsFacts facts = workedFacts();
        edit(facts);
        return imputationMethodsText(modelsWith({}), facts);
    };
    EXPECT_NE(changedFacts([](MethodsFacts& f) { f.templateName = "NLevelImpute"; }), base);
    EXPECT_NE(changedFacts([](MethodsFacts& f) { f.datasetName = "other"; }), base);
    EXPECT_NE(changedFacts([](MethodsFacts& f) { f.chains = 1; }).find("1 chain was run"),
              std::string::npos);
    EXPECT_NE(changedFacts([](MethodsFacts& f) {
                  f.convergence = "Convergence: 3 flagged.";
              }).find("Convergence: 3 flagged."),
              std::string::npos);
    EXPECT_EQ(
        changedFacts([](MethodsFacts& f) { f.categoricalWaldTests = false; }).find("Li et al."),
        std::string::npos);
    EXPECT_NE(changedFacts([](MethodsFacts& f) {
                  f.completeDataDf.rule = CompleteDataDf::Rule::Infinite;
              }).find("infinite complete-data degrees of freedom"),
              std::string::npos);
    EXPECT_NE(changedFacts([](MethodsFacts& f) {
                  f.completeCases = 0;
              }).find("could not be fitted to the complete cases"),
              std::string::npos);
}

TEST(MethodsText, OnePassCitesGoldsteinCarpenterBrowne)
{
    onepass::OnePassSpec spec;
    spec.response = "normexam";
    spec.level2Id = "school";
    spec.terms = {{"cons", {}}, {"standlrt", {}}};
    spec.level1Responses = {{"standlrt", onepass::CovariateKind::Normal, {"cons"}}};
    spec.chains = 3;
    MethodsFacts facts = workedFacts();
    facts.templateName = "2LevelMissingOnePass";
    facts.chains = 3;
    const std::string text = onePassMethodsText(spec, facts);
    for (const char* expected : {"Goldstein, Carpenter & Browne 2014", "2LevelMissingOnePass",
                                 "normexam on cons and "
                                 "standlrt",
                                 "random intercept for school", "standlrt (normal)",
                                 "3 chains of 500", "Convergence: all 40"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    spec.burnin = 700;
    EXPECT_NE(onePassMethodsText(spec, facts), text);
}

} // namespace
} // namespace grove
