// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpecTestData.h"
#include "SpecTestUtil.h"
#include "common/SeedStrings.h"

#include "core/spec/Command.h"
#include "core/spec/TemplateRegistry.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

const Template& onePass()
{
    return findTemplate("2LevelMissingOnePass");
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

std::string interactionError(const std::function<void(Answers&)>& edit)
{
    return test::validationError(onePass(), test::seedOnePassInteraction, edit,
                                 test::tutmissContext());
}

std::string level2Error(const std::function<void(Answers&)>& edit)
{
    return test::validationError(onePass(), test::seedOnePassLevel2, edit, test::tutmissContext());
}

const std::vector<std::string> interactionOrder = {
    "y",         "D",           "L2int",  "L2ID",       "numpoly",   "numinter",   "xinter0",
    "xvars",     "x2vars",      "L1resp", "yimp",       "L2imp",     "L2IDimp",    "L2resp",
    "bin1",      "ximp1",       "bin2",   "ximp2",      "priorsint", "storeresid", "priors2",
    "nchains",   "seed",        "burnin", "iterations", "thinning",  "defaultalg", "makepred",
    "defaultsv", "imputeiters", "outdata"};

const std::vector<std::string> level2Order = {
    "y",        "D",         "L2int",       "L2ID",   "numpoly",    "numinter",  "xvars",
    "x2vars",   "L1resp",    "yimp",        "L2imp",  "L2IDimp",    "L2resp",    "L2Data",
    "yimp2",    "bin1",      "ximp1",       "bin2_1", "ximp2_1",    "priorsint", "storeresid",
    "priors2",  "nchains",   "seed",        "burnin", "iterations", "thinning",  "defaultalg",
    "makepred", "defaultsv", "imputeiters", "outdata"};

TEST(OnePass, InteractionSeedStringIsComplete)
{
    const Answers given = parseInputString(test::seedOnePassInteraction);
    const Answers valid = onePass().validate(given, test::tutmissContext());
    EXPECT_TRUE(valid.sameAs(given));
    EXPECT_EQ(valid.keys(), interactionOrder);
}

TEST(OnePass, Level2SeedStringIsCompleteWithTheLevel2Dataset)
{
    const Answers given = parseInputString(test::seedOnePassLevel2);
    const Answers valid = onePass().validate(given, test::tutmissContext());
    EXPECT_TRUE(valid.sameAs(given));
    EXPECT_EQ(valid.keys(), level2Order);
}

TEST(OnePass, WalkingTheFlowReproducesBothSeedStrings)
{
    for (const char* text : {test::seedOnePassInteraction, test::seedOnePassLevel2}) {
        const Answers seed = parseInputString(text);
        std::vector<std::string> prompts;
        const Answers walked =
            test::walkQuestionByQuestion(onePass(), seed, test::tutmissContext(), &prompts);
        EXPECT_TRUE(walked.sameAs(seed));
        EXPECT_EQ(walked, onePass().validate(seed, test::tutmissContext()));
        EXPECT_EQ(prompts.front(), "Model of interest (MOI) response:");
        EXPECT_EQ(prompts.back(), "Name of output results:");
    }
}

TEST(OnePass, PromptsFollowTheSeedScreenshot)
{
    std::vector<std::string> prompts;
    test::walkQuestionByQuestion(onePass(), parseInputString(test::seedOnePassInteraction),
                                 test::tutmissContext(), &prompts);
    const std::vector<std::string> expected = {
        "Model of interest (MOI) response:",
        "Specify distribution:",
        "Do you want a higher level in your model of interest?",
        "Level 2 ID for model of interest:",
        "Number of polynomial terms in model of interest:",
        "Number of interaction terms in model of interest:",
        "Variables to include in interaction term 1:",
        "Explanatory variables for MOI:",
        "Random coefficients in the MOI (including intercept):",
        "Do you want lower level responses in the missing data model?",
        "Lower level responses with missing data:",
        "Do you want a higher level in the imputation model?",
        "Level 2 ID for higher level imputation model:",
        "Do you want higher level responses in the imputation model?",
        "Response Type for response standlrtmiss:",
        "Explanatory variables for lower level response standlrtmiss in imputation:",
        "Response Type for response girlmiss:",
        "Explanatory variables for lower level response girlmiss in imputation:",
        "Priors for Level 2 random effects in MOI:",
        "Store level 2 residuals?",
        "Priors for Level 2 variables with missing data:",
        "Number of chains:",
        "Random Seed:",
        "Length of burnin:",
        "Number of iterations:",
        "Thinning:",
        "Use default algorithm settings:",
        "Generate prediction dataset:",
        "Use default starting values:",
        "Impute at iterations:",
        "Name of output results:"};
    EXPECT_EQ(prompts, expected);
}

TEST(OnePass, CommandSplitsEstimationOptionsAsTheSeedShows)
{
    const Answers valid =
        onePass().validate(parseInputString(test::seedOnePassInteraction), test::tutmissContext());
    const Command command = onePass().makeCommand("tutmiss", valid);
    EXPECT_TRUE(command.estoptions.sameAs(
        parseInputString("{'burnin': '500', 'defaultsv': 'Yes', 'thinning': '1', 'nchains': '3', "
                         "'defaultalg': 'Yes', "
                         "'iterations': '2000', 'seed': '1', 'makepred': 'No'}")));
    EXPECT_FALSE(command.invars.contains("burnin"));
    EXPECT_EQ(command.invars.get("imputeiters"), "0");
    const Command back = parseCommand(printCommand(command));
    EXPECT_EQ(back, command);
    EXPECT_EQ(onePass().validate(back.allAnswers(), test::tutmissContext()), valid);
    EXPECT_EQ(parseInputString(printInputString(valid)), valid);
}

TEST(OnePass, PolynomialTermsAndReorderedInteractionsAreAccepted)
{
    const auto poly = [](Answers& a) {
        a.set("numpoly", "1");
        a.set("xpoly0", "standlrtmiss");
        a.set("xpower0", "2");
        a.set("xvars", "cons,standlrtmiss,girlmiss,standlrtmiss^2,girlmiss*standlrtmiss");
    };
    EXPECT_EQ(interactionError(poly), "(valid)");
    EXPECT_EQ(interactionError([&](Answers& a) {
                  poly(a);
                  a.set("xpower0", "1");
              }),
              "'xpower0' (Power for variable A in polynomial term 1): must be a whole number of at "
              "least 2; got '1'");
    EXPECT_EQ(interactionError([&](Answers& a) {
                  poly(a);
                  a.set("xvars", "cons,standlrtmiss,girlmiss,standlrtmiss^3");
              }),
              "'xvars' (Explanatory variables for MOI): 'standlrtmiss^3' is not a variable in "
              "dataset 'tutmiss'");
}

TEST(OnePass, NonDefaultAlgorithmAsksForAdaptation)
{
    const TemplateContext ctx = test::tutmissContext();
    Answers a = parseInputString(test::seedOnePassInteraction);
    a.set("defaultalg", "No");
    EXPECT_EQ(interactionError([](Answers& x) { x.set("defaultalg", "No"); }),
              "'adaptiters' (Number of adaptation iterations) is not answered");
    a.set("adaptiters", "1000");
    const Answers valid = onePass().validate(a, ctx);
    EXPECT_EQ(onePass().makeCommand("tutmiss", valid).estoptions.get("adaptiters"), "1000");
}

TEST(OnePass, SingleLevelMoiSkipsLevel2Questions)
{
    const TemplateContext ctx = test::tutmissContext();
    const Answers a{{"y", "normexam"}, {"D", "Normal"}, {"L2int", "No"}};
    EXPECT_EQ(onePass().nextQuestion(a, ctx)->key, "numpoly");
    const Answers b{{"y", "normexam"}, {"D", "Normal"},   {"L2int", "No"},
                    {"numpoly", "0"},  {"numinter", "0"}, {"xvars", "cons,standlrt"}};
    EXPECT_EQ(onePass().nextQuestion(b, ctx)->key, "L1resp");
}

TEST(OnePass, BadAnswersAreNamedWithTheReason)
{
    const std::string avslrtMissing =
        std::to_string(test::tutmiss().column("avslrtmiss").missingCount());
    const std::string schgendMissing2 =
        std::to_string(test::tutmissLev2().column("schgendmiss").missingCount());

    EXPECT_EQ(interactionError([](Answers& a) { a.set("bin1", "Ordered"); }),
              "'bin1' (Response Type for response standlrtmiss): must be Normal or Binary; got "
              "'Ordered'");
    EXPECT_PRED2(startsWith, interactionError([](Answers& a) { a.set("bin1", "Binary"); }),
                 "'bin1' (Response Type for response standlrtmiss): a Binary response must be "
                 "coded 0 and 1; "
                 "'standlrtmiss' has -2.93");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("D", "Poisson"); }),
              "'D' (Specify distribution): a Poisson MOI response must be a count (0,1,2,...); "
              "'normexam' has "
              "other values");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("xinter0", "standlrtmiss"); }),
              "'xinter0' (Variables to include in interaction term 1): at least 2 variables are "
              "needed; got "
              "'standlrtmiss'");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("numinter", "one"); }),
              "'numinter' (Number of interaction terms in model of interest): must be a whole "
              "number of at least 0; "
              "got 'one'");
    EXPECT_EQ(interactionError([](Answers& a) {
                  a.set("xvars", "cons,standlrtmiss,girlmiss,standlrtmiss*girl");
              }),
              "'xvars' (Explanatory variables for MOI): 'standlrtmiss*girl' is not a variable in "
              "dataset 'tutmiss'");
    EXPECT_EQ(interactionError(
                  [](Answers& a) { a.set("xvars", "cons,standlrtmiss,girlmiss,vrband:cat"); }),
              "'xvars' (Explanatory variables for MOI): 'vrband:cat' is not allowed here: this "
              "question takes no "
              "categorical variables");
    EXPECT_EQ(
        interactionError([](Answers& a) { a.set("x2vars", "cons,girl"); }),
        "'x2vars' (Random coefficients in the MOI (including intercept)): 'girl' is not one of "
        "cons,standlrtmiss,girlmiss,standlrtmiss*girlmiss: random coefficients must be MOI "
        "explanatory "
        "variables");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("yimp", "normexam,girlmiss"); }),
              "'yimp' (Lower level responses with missing data): 'normexam' cannot be chosen here: "
              "the MOI response "
              "is not imputed (cases where it is missing are dropped), nor the ID");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("ximp1", "cons,avslrtmiss"); }),
              "'ximp1' (Explanatory variables for lower level response standlrtmiss in "
              "imputation): 'avslrtmiss' has " +
                  avslrtMissing +
                  " missing values; explanatory variables in the imputation model must be fully "
                  "observed; include "
                  "it as a response instead");
    EXPECT_EQ(
        interactionError([](Answers& a) { a.set("ximp2", "cons,standlrtmiss"); }),
        "'ximp2' (Explanatory variables for lower level response girlmiss in imputation): "
        "'standlrtmiss' "
        "cannot be chosen here: it is the MOI response or a response in the imputation model");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("L2IDimp", "student"); }),
              "'L2IDimp' (Level 2 ID for higher level imputation model): the imputation model's "
              "level 2 ID must be "
              "the MOI's ('school'): the template handles one level-2 classification");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("yimp", "standlrtmiss"); }),
              "inputs 'ximp2', 'bin2' are not asked for these answers to template "
              "2LevelMissingOnePass; remove them");
    EXPECT_EQ(interactionError([](Answers& a) {
                  a.set("yimp", "standlrtmiss");
                  a.remove("bin2");
                  a.remove("ximp2");
              }),
              "'xvars' (Explanatory variables for MOI): 'girlmiss' has missing values but is not a "
              "response in the "
              "imputation model; add it to the lower or higher level responses");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("iterations", "0"); }),
              "'iterations' (Number of iterations): must be a whole number of at least 1; got '0'");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("imputeiters", "1000,5000"); }),
              "'imputeiters' (Impute at iterations): iteration 5000 is not between 1 and the "
              "number of iterations "
              "(2000); give 0 for no imputed datasets");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("imputeiters", "every 100"); }),
              "'imputeiters' (Impute at iterations): 'every 100' is not a list of iteration "
              "numbers (e.g. 1000,2000, "
              "or 0 for none)");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("outdata", "1out"); }),
              "'outdata' (Name of output results): '1out' is not a valid name; use letters, digits "
              "and underscores, "
              "starting with a letter");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("priorsint", "Gamma"); }),
              "'priorsint' (Priors for Level 2 random effects in MOI): must be Uniform or Wishart; "
              "got 'Gamma'");
    EXPECT_EQ(
        interactionError([](Answers& a) { a.set("ximp3", "cons"); }),
        "input 'ximp3' is not asked for these answers to template 2LevelMissingOnePass; remove it");
    EXPECT_EQ(interactionError([](Answers& a) { a.set("prior2", "Uniform"); }),
              "unknown input 'prior2' for template 2LevelMissingOnePass");

    EXPECT_EQ(level2Error([](Answers& a) { a.set("L2Data", "nosuch"); }),
              "'L2Data' (Level 2 dataset): no dataset named 'nosuch' is loaded");
    EXPECT_EQ(level2Error([](Answers& a) { a.set("L2Data", "tutmiss"); }),
              "'L2Data' (Level 2 dataset): dataset 'tutmiss' must have one row per level-2 unit; "
              "school 1 appears "
              "more than once");
    EXPECT_EQ(level2Error([](Answers& a) { a.set("yimp2", "avslrtmis"); }),
              "'yimp2' (Higher level responses with missing data): 'avslrtmis' is not a variable "
              "in dataset "
              "'tutmiss_lev2'");
    EXPECT_EQ(level2Error([](Answers& a) { a.set("ximp2_1", "cons,schgendmiss"); }),
              "'ximp2_1' (Explanatory variables for higher level response avslrtmiss in "
              "imputation): 'schgendmiss' "
              "has " +
                  schgendMissing2 +
                  " missing values; explanatory variables in the imputation model must be fully "
                  "observed; include "
                  "it as a response instead");
    EXPECT_EQ(level2Error([](Answers& a) { a.set("bin2_1", "Unordered"); }),
              "'bin2_1' (Response Type for response avslrtmiss): must be Normal or Binary; got "
              "'Unordered'");
    EXPECT_EQ(level2Error([](Answers& a) {
                  a.set("L2resp", "No");
                  a.remove("L2Data");
                  a.remove("yimp2");
                  a.remove("bin2_1");
                  a.remove("ximp2_1");
              }),
              "'xvars' (Explanatory variables for MOI): 'avslrtmiss' has missing values but is not "
              "a response in the "
              "imputation model; add it to the lower or higher level responses");
}

} // namespace
} // namespace grove
