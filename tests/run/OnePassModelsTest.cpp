// SPDX-License-Identifier: GPL-3.0-or-later
// 2LevelMissingOnePass answers -> the engine's OnePassSpec (core/run/OnePassModels).
#include "core/run/OnePassModels.h"
#include "core/common/Error.h"
#include "core/io/DatasetCatalog.h"
#include "core/run/DatasetLibrary.h"
#include "core/spec/InputString.h"
#include "core/spec/TemplateRegistry.h"

#include "common/SeedStrings.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

using onepass::CovariancePrior;
using onepass::CovariateKind;
using onepass::Family;
using onepass::OnePassSpec;

DatasetLibrary& library()
{
    static DatasetLibrary instance(DatasetCatalog({GROVE_DATASETS_DIR}));
    return instance;
}

const Dataset& tutmiss()
{
    static const std::shared_ptr<const Dataset> data = library().get("tutmiss");
    return *data;
}

const Dataset& tutmissLev2()
{
    static const std::shared_ptr<const Dataset> data = library().get("tutmiss_lev2");
    return *data;
}

// The answers as grove-run and the GUI hand them over: validated against tutmiss.
Answers validated(const std::string& inputString)
{
    TemplateContext context;
    context.dataset = &tutmiss();
    context.findDataset = [](std::string_view name) -> const Dataset* {
        return library().find(std::string(name)).get();
    };
    return findTemplate("2LevelMissingOnePass").validate(parseInputString(inputString), context);
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

std::vector<std::string> factorNames(const onepass::MoiTerm& term)
{
    std::vector<std::string> names;
    for (const auto& f : term.factors)
        names.push_back(f.variable + "^" + std::to_string(f.power));
    return names;
}

using Names = std::vector<std::string>;

TEST(OnePassModels, SeedInteractionString)
{
    const OnePassSpec spec =
        onePassSpecFrom(validated(test::seedOnePassInteraction), tutmiss(), nullptr);
    EXPECT_EQ(spec.response, "normexam");
    EXPECT_EQ(spec.family, Family::Normal);
    EXPECT_EQ(spec.level2Id, "school");
    ASSERT_EQ(spec.terms.size(), 4u);
    EXPECT_EQ(spec.terms[0].name, "cons");
    EXPECT_EQ(factorNames(spec.terms[0]), Names{"cons^1"});
    EXPECT_EQ(spec.terms[1].name, "standlrtmiss");
    EXPECT_EQ(spec.terms[2].name, "girlmiss");
    EXPECT_EQ(spec.terms[3].name, "standlrtmiss*girlmiss");
    EXPECT_EQ(factorNames(spec.terms[3]), (Names{"standlrtmiss^1", "girlmiss^1"}));
    EXPECT_EQ(spec.randomCoefficients, Names{"cons"});
    EXPECT_EQ(spec.moiPrior, CovariancePrior::Uniform);
    ASSERT_EQ(spec.level1Responses.size(), 2u);
    EXPECT_EQ(spec.level1Responses[0].variable, "standlrtmiss");
    EXPECT_EQ(spec.level1Responses[0].kind, CovariateKind::Normal);
    EXPECT_EQ(spec.level1Responses[0].explanatory, Names{"cons"});
    EXPECT_EQ(spec.level1Responses[1].variable, "girlmiss");
    EXPECT_EQ(spec.level1Responses[1].kind, CovariateKind::Binary);
    EXPECT_EQ(spec.level1Responses[1].explanatory, Names{"cons"});
    EXPECT_TRUE(spec.imputationLevel2);
    EXPECT_TRUE(spec.level2Responses.empty());
    EXPECT_EQ(spec.imputationPrior, CovariancePrior::Uniform);
    EXPECT_EQ(spec.chains, 3);
    EXPECT_EQ(spec.seed, 1u);
    EXPECT_EQ(spec.burnin, 500);
    EXPECT_EQ(spec.iterations, 2000);
    EXPECT_EQ(spec.thinning, 1);
    EXPECT_EQ(spec.adaptIterations, 500) << "defaultalg Yes adapts during the whole burn-in";
    EXPECT_TRUE(spec.defaultStartingValues) << "defaultsv Yes";
    EXPECT_FALSE(spec.storeResiduals);
    EXPECT_FALSE(spec.makePrediction);
    EXPECT_TRUE(spec.imputeIterations.empty());
    EXPECT_EQ(onePassChainsName(validated(test::seedOnePassInteraction)), "out");
}

TEST(OnePassModels, SeedAppendixStringTakesLevel2ResponsesFromL2Data)
{
    const Answers answers = validated(test::seedOnePassLevel2);
    const OnePassSpec spec = onePassSpecFrom(answers, tutmiss(), &tutmissLev2());
    ASSERT_EQ(spec.terms.size(), 4u);
    EXPECT_EQ(spec.terms[1].name, "standlrt");
    EXPECT_EQ(spec.terms[3].name, "avslrtmiss");
    ASSERT_EQ(spec.level1Responses.size(), 1u);
    EXPECT_EQ(spec.level1Responses[0].variable, "girlmiss");
    EXPECT_EQ(spec.level1Responses[0].kind, CovariateKind::Binary);
    ASSERT_EQ(spec.level2Responses.size(), 1u);
    EXPECT_EQ(spec.level2Responses[0].variable, "avslrtmiss");
    EXPECT_EQ(spec.level2Responses[0].kind, CovariateKind::Normal);
    EXPECT_EQ(spec.level2Responses[0].explanatory, Names{"cons"});
    EXPECT_TRUE(spec.imputationLevel2);
    EXPECT_EQ(spec.level2Id, "school");

    // Without the level-2 dataset the run cannot start: the message names the key and dataset.
    try {
        (void)onePassSpecFrom(answers, tutmiss(), nullptr);
        FAIL() << "expected an Error";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "'L2Data': the level 2 dataset 'tutmiss_lev2' is not loaded");
    }
    // A level-2 dataset without the ID.
    Dataset noId = tutmissLev2();
    noId.removeColumn("school");
    EXPECT_THROW((void)onePassSpecFrom(answers, tutmiss(), &noId), Error);
}

TEST(OnePassModels, InteractionInEitherFactorOrderAndPowers)
{
    std::string text =
        replaced(test::seedOnePassInteraction, "standlrtmiss,girlmiss,standlrtmiss*girlmiss",
                 "girlmiss*standlrtmiss,cons,standlrtmiss^2,girlmiss,standlrtmiss");
    text = replaced(text, "'numpoly': '0'",
                    "'numpoly': '1', 'xpoly0': 'standlrtmiss', 'xpower0': '2'");
    text = replaced(text, "'xvars': 'cons,", "'xvars': '");
    const OnePassSpec spec = onePassSpecFrom(validated(text), tutmiss(), nullptr);
    ASSERT_EQ(spec.terms.size(), 5u);
    EXPECT_EQ(spec.terms[0].name, "girlmiss*standlrtmiss")
        << "the user's spelling and order are kept";
    EXPECT_EQ(factorNames(spec.terms[0]), (Names{"girlmiss^1", "standlrtmiss^1"}));
    EXPECT_EQ(spec.terms[1].name, "cons");
    EXPECT_EQ(spec.terms[2].name, "standlrtmiss^2");
    EXPECT_EQ(factorNames(spec.terms[2]), Names{"standlrtmiss^2"});

    // A power inside an interaction, and a three-way product.
    Answers raw = validated(test::seedOnePassInteraction);
    raw.set("xvars", "cons,standlrtmiss^3*girlmiss,standlrtmiss*girlmiss*standlrt");
    const OnePassSpec mixed = onePassSpecFrom(raw, tutmiss(), nullptr);
    EXPECT_EQ(factorNames(mixed.terms[1]), (Names{"standlrtmiss^3", "girlmiss^1"}));
    EXPECT_EQ(factorNames(mixed.terms[2]), (Names{"standlrtmiss^1", "girlmiss^1", "standlrt^1"}));
}

TEST(OnePassModels, OptionsAndPriors)
{
    Answers a = validated(test::seedOnePassInteraction);
    a.set("D", "Negative binomial");
    a.set("priorsint", "Wishart");
    a.set("priors2", "Wishart");
    a.set("storeresid", "Yes");
    a.set("makepred", "Yes");
    a.set("nchains", "2");
    a.set("seed", "42");
    a.set("burnin", "100");
    a.set("iterations", "300");
    a.set("thinning", "3");
    a.set("defaultalg", "No");
    a.set("adaptiters", "40");
    a.set("defaultsv", "No");
    a.set("imputeiters", "300, 100,100");
    a.set("outdata", "mychains");
    OnePassSpec spec = onePassSpecFrom(a, tutmiss(), nullptr);
    EXPECT_EQ(spec.family, Family::NegativeBinomial);
    EXPECT_EQ(spec.moiPrior, CovariancePrior::Wishart);
    EXPECT_EQ(spec.imputationPrior, CovariancePrior::Wishart);
    EXPECT_TRUE(spec.storeResiduals);
    EXPECT_TRUE(spec.makePrediction);
    EXPECT_EQ(spec.chains, 2);
    EXPECT_EQ(spec.seed, 42u);
    EXPECT_EQ(spec.burnin, 100);
    EXPECT_EQ(spec.iterations, 300);
    EXPECT_EQ(spec.thinning, 3);
    EXPECT_EQ(spec.adaptIterations, 40);
    EXPECT_FALSE(spec.defaultStartingValues) << "defaultsv No: over-dispersed starts";
    EXPECT_EQ(spec.imputeIterations, (std::vector<long>{100, 300})) << "sorted, once each";
    EXPECT_EQ(onePassChainsName(a), "mychains");

    a.set("adaptiters", "5000");
    EXPECT_EQ(onePassSpecFrom(a, tutmiss(), nullptr).adaptIterations, 100)
        << "capped at the burn-in";
    a.set("D", "Binomial");
    EXPECT_EQ(onePassSpecFrom(a, tutmiss(), nullptr).family, Family::Binomial);
    a.set("D", "Poisson");
    EXPECT_EQ(onePassSpecFrom(a, tutmiss(), nullptr).family, Family::Poisson);
}

TEST(OnePassModels, SingleLevelMoiWithLevel2ImputationModel)
{
    Answers a = validated(test::seedOnePassInteraction);
    a.set("L2int", "No");
    a.remove("L2ID");
    a.remove("x2vars");
    a.remove("priorsint");
    a.remove("storeresid");
    const OnePassSpec spec = onePassSpecFrom(a, tutmiss(), nullptr);
    EXPECT_EQ(spec.level2Id, "school") << "the imputation components' level 2";
    EXPECT_TRUE(spec.randomCoefficients.empty()) << "no level-2 effects in the MOI";
    EXPECT_TRUE(spec.imputationLevel2);

    a.set("L2imp", "No");
    a.remove("L2IDimp");
    a.remove("L2resp");
    a.remove("priors2");
    const OnePassSpec single = onePassSpecFrom(a, tutmiss(), nullptr);
    EXPECT_TRUE(single.level2Id.empty());
    EXPECT_FALSE(single.imputationLevel2);
}

TEST(OnePassModels, RandomSlopes)
{
    Answers a = validated(test::seedOnePassInteraction);
    a.set("x2vars", "cons,standlrtmiss");
    EXPECT_EQ(onePassSpecFrom(a, tutmiss(), nullptr).randomCoefficients,
              (Names{"cons", "standlrtmiss"}));
    a.set("x2vars", "cons,standlrt");
    EXPECT_THROW((void)onePassSpecFrom(a, tutmiss(), nullptr), Error);
}

TEST(OnePassModels, CategoricalExplanatoryVariablesBecomeDummies)
{
    const std::string text =
        replaced(test::seedOnePassInteraction, "'ximp1': 'cons'", "'ximp1': 'cons,vrband:cat'");
    const Answers a = validated(text);
    const OnePassSpec spec = onePassSpecFrom(a, tutmiss(), nullptr);
    EXPECT_EQ(spec.level1Responses[0].explanatory, (Names{"cons", "vrband_1", "vrband_2"}))
        << "vrband has categories 1, 2, 3; the last is the reference";
    EXPECT_EQ(onePassCategoricalVariables(a, false), Names{"vrband"});
    EXPECT_TRUE(onePassCategoricalVariables(a, true).empty());

    const Dataset withDummies = withDummyColumns(tutmiss(), {"vrband"});
    EXPECT_EQ(withDummies.columnCount(), tutmiss().columnCount() + 2);
    const Column& vrband = tutmiss().column("vrband");
    const Column& dummy = withDummies.column("vrband_2");
    for (std::size_t row = 0; row < vrband.size(); ++row)
        ASSERT_EQ(dummy.values[row], vrband.values[row] == 2 ? 1.0 : 0.0) << row;
    // Adding them again finds identical columns and keeps them; a different one is an error.
    EXPECT_EQ(withDummyColumns(withDummies, {"vrband"}).columnCount(), withDummies.columnCount());
    Dataset clash = tutmiss();
    clash.addColumn(Column("vrband_1", std::vector<double>(clash.rowCount(), 5.0)));
    EXPECT_THROW((void)withDummyColumns(clash, {"vrband"}), Error);
}

TEST(OnePassModels, ImputeIterations)
{
    EXPECT_TRUE(parseImputeIterations("0", 100).empty());
    EXPECT_TRUE(parseImputeIterations("", 100).empty());
    EXPECT_EQ(parseImputeIterations("50,1, 100", 100), (std::vector<long>{1, 50, 100}));
    EXPECT_THROW((void)parseImputeIterations("101", 100), Error);
    EXPECT_THROW((void)parseImputeIterations("1,x", 100), Error);
    EXPECT_THROW((void)parseImputeIterations("0,5", 100), Error);
}

TEST(OnePassModels, AnswersTheEngineCannotTakeAreOneLineErrors)
{
    const Answers seed = validated(test::seedOnePassInteraction);
    const auto message = [](const Answers& a) {
        try {
            (void)onePassSpecFrom(a, tutmiss(), nullptr);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    Answers a = seed;
    a.set("xvars", "cons,standlrtmiss*nosuch");
    EXPECT_EQ(
        message(a),
        "'xvars': 'nosuch' (in term 'standlrtmiss*nosuch') is not a variable of dataset 'tutmiss'");
    a = seed;
    a.set("bin2", "Ordered");
    EXPECT_EQ(message(a), "'bin2' must be Normal or Binary, not 'Ordered'");
    a = seed;
    a.remove("ximp1");
    EXPECT_EQ(message(a), "'ximp1' is not answered");
    a = seed;
    a.set("D", "Gamma");
    EXPECT_NE(message(a).find("'D' must be Normal, Binomial, Poisson or Negative binomial"),
              std::string::npos);
    a = seed;
    a.set("xvars", "cons,standlrtmiss^x");
    EXPECT_NE(message(a).find("the power in MOI term 'standlrtmiss^x'"), std::string::npos);
    a = seed;
    a.set("L2IDimp", "student");
    EXPECT_NE(message(a).find("'L2IDimp' must be the MOI's level 2 ID 'school'"),
              std::string::npos);
    a = seed;
    a.set("xvars", "cons,girlmiss,girlmiss");
    EXPECT_EQ(message(a), "'xvars' names 'girlmiss' twice");
    a = seed;
    a.set("thinning", "5000");
    EXPECT_NE(message(a).find("'thinning' (5000) must not exceed"), std::string::npos);
    EXPECT_EQ(message(seed), "no error");
}

} // namespace
} // namespace grove
