// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpecTestData.h"
#include "SpecTestUtil.h"
#include "common/SeedStrings.h"

#include "core/spec/Command.h"
#include "core/spec/TemplateRegistry.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

using test::seed2LevelImpute;

const Template& impute()
{
    return findTemplate("2LevelImpute");
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

std::string errorOf(const std::function<void(Answers&)>& edit)
{
    return test::validationError(impute(), seed2LevelImpute, edit, test::tutmissContext());
}

const std::vector<std::string> seedKeyOrder = {
    "numlevs",   "L2ID",      "MOIlevel", "MOIdist",   "MOIslope",    "y",
    "x",         "yimp1",     "bin1_1",   "bin1_2",    "bin1_3",      "ximp1_0",
    "ximp1_1",   "ximp1_2",   "want2",    "yimp2",     "bin2_1",      "ncatsschgendmiss",
    "ximp2_0_0", "ximp2_0_1", "condmarg", "numimpute", "imputefirst", "imputeevery",
    "burnin",    "iterations"};

TEST(TwoLevelImpute, SeedStringIsCompleteAndComesBackInQuestionOrder)
{
    const Answers given = parseInputString(seed2LevelImpute);
    const Answers valid = impute().validate(given, test::tutmissContext());
    EXPECT_TRUE(valid.sameAs(given));
    EXPECT_EQ(valid.keys(), seedKeyOrder);
}

TEST(TwoLevelImpute, SeedStringIsValidWithoutData)
{
    const Answers given = parseInputString(seed2LevelImpute);
    EXPECT_TRUE(impute().validate(given, TemplateContext{}).sameAs(given));
}

TEST(TwoLevelImpute, Seed001StringIsIncompleteNamingIterations)
{
    try {
        impute().validate(parseInputString(test::seed2LevelImputeOld), test::tutmissContext());
        FAIL() << "accepted an incomplete string";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "'iterations' (Number of iterations for MOI) is not answered");
    }
}

TEST(TwoLevelImpute, OldKeyImpute1stIsAcceptedAsImputefirst)
{
    Answers old = parseInputString(test::seed2LevelImputeOld);
    old.set("iterations", "250");
    const Answers valid = impute().validate(old, test::tutmissContext());
    EXPECT_FALSE(valid.contains("impute1st"));
    EXPECT_EQ(valid.get("imputefirst"), "1000");
    EXPECT_TRUE(valid.sameAs(parseInputString(seed2LevelImpute)));
}

TEST(TwoLevelImpute, PrintedStringAndCommandParseBackToTheSameAnswers)
{
    const Answers valid =
        impute().validate(parseInputString(seed2LevelImpute), test::tutmissContext());
    EXPECT_EQ(parseInputString(printInputString(valid)), valid);
    const Command command = impute().makeCommand("tutmiss", valid);
    EXPECT_TRUE(command.estoptions
                    .empty()); // as the command of Parker & Goldstein 2019 shows: estoptions = {}
    const Command back = parseCommand(printCommand(command));
    EXPECT_EQ(back.templateName, "2LevelImpute");
    EXPECT_EQ(back.datasetName, "tutmiss");
    EXPECT_EQ(impute().validate(back.allAnswers(), test::tutmissContext()), valid);
}

TEST(TwoLevelImpute, WalkingTheFlowReproducesTheSeedString)
{
    const Answers seed = parseInputString(seed2LevelImpute);
    std::vector<std::string> prompts;
    const Answers walked =
        test::walkQuestionByQuestion(impute(), seed, test::tutmissContext(), &prompts);
    EXPECT_TRUE(walked.sameAs(seed));
    EXPECT_EQ(walked.keys(), seedKeyOrder);
    ASSERT_EQ(prompts.size(), seedKeyOrder.size());
    EXPECT_EQ(prompts[0],
              "Do either the model of interest (MOI) and/or imputation have two levels?");
    EXPECT_EQ(prompts[1], "Level 2 ID:");
    EXPECT_EQ(prompts[2],
              "The next few questions will ask you to specify your MOI. In your MOI, do you want "
              "to model 1 or 2 levels?");
    EXPECT_EQ(
        prompts[3],
        "What distribution would you like to use to model the response variable(s) in your MOI?");
    EXPECT_EQ(prompts[4], "In your MOI, do you want to fit random slope/coefficient(s)?");
    EXPECT_EQ(prompts[5], "In your MOI, what is the response variable?");
    EXPECT_EQ(prompts[6], "Explanatory variables for MOI:");
    EXPECT_EQ(prompts[7],
              "The next few questions will now ask about your IMPUTATION MODEL. What responses are "
              "at level 1?");
    EXPECT_EQ(prompts[8], "Response Type for response normexam:");
    EXPECT_EQ(prompts[10], "Response Type for response girlmiss:");
    EXPECT_EQ(prompts[12], "Explanatory variables for standlrtmiss in imputation model:");
    EXPECT_EQ(prompts[14], "Are there any responses at level 2 for imputation model?:");
    EXPECT_EQ(prompts[15], "Responses at level 2 for imputation model:");
    EXPECT_EQ(prompts[16], "Response Type for response schgendmiss:");
    EXPECT_EQ(prompts[17], "Number of categories for schgendmiss:");
    EXPECT_EQ(prompts[18], "Explanatory variables for category 0 at level 2 for imputation model:");
    EXPECT_EQ(prompts[19], "Explanatory variables for category 1 at level 2 for imputation model:");
    EXPECT_EQ(prompts[20], "Use conditional marginal algorithm?");
    EXPECT_EQ(prompts[21], "Number of imputed data sets:");
    EXPECT_EQ(prompts[22], "Number of iterations before first imputation:");
    EXPECT_EQ(prompts[23], "Number of iterations between subsequent imputations:");
    EXPECT_EQ(prompts[24], "Length of burnin for MOI:");
    EXPECT_EQ(prompts[25], "Number of iterations for MOI:");
}

TEST(TwoLevelImpute, QuestionsCarryKindsOptionsAndHelp)
{
    const TemplateContext ctx = test::tutmissContext();
    const auto first = impute().nextQuestion({}, ctx);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->key, "numlevs");
    EXPECT_EQ(first->kind, QuestionKind::YesNo);
    EXPECT_FALSE(first->help.empty());
    const auto dist = impute().nextQuestion(
        {{"numlevs", "Yes"}, {"L2ID", "school"}, {"MOIlevel", "2 levels"}}, ctx);
    ASSERT_TRUE(dist);
    EXPECT_EQ(dist->kind, QuestionKind::Choice);
    EXPECT_EQ(dist->options,
              (std::vector<std::string>{"Normal", "Binomial", "Poisson", "Multivariate Normal"}));
    const auto x =
        impute().nextQuestion({{"numlevs", "No"}, {"MOIdist", "Normal"}, {"y", "normexam"}}, ctx);
    ASSERT_TRUE(x);
    EXPECT_EQ(x->key, "x");
    EXPECT_TRUE(x->allowCategorical);
}

TEST(TwoLevelImpute, SingleLevelAsksNoLevel2Questions)
{
    const Answers one{{"numlevs", "No"},          {"MOIdist", "Normal"},     {"y", "normexam"},
                      {"x", "cons,standlrtmiss"}, {"yimp1", "standlrtmiss"}, {"bin1_1", "Normal"},
                      {"ximp1_0", "cons"},        {"condmarg", "Yes"},       {"numimpute", "5"},
                      {"imputefirst", "1000"},    {"imputeevery", "100"},    {"burnin", "500"},
                      {"iterations", "1000"}};
    const Answers valid = impute().validate(one, test::tutmissContext());
    EXPECT_EQ(valid.keys(), one.keys());
    EXPECT_EQ(impute().nextQuestion({{"numlevs", "No"}}, test::tutmissContext())->key, "MOIdist");
}

TEST(TwoLevelImpute, RandomSlopesOnlyForTwoLevelUnivariateMoi)
{
    const TemplateContext ctx = test::tutmissContext();
    const Answers base{
        {"numlevs", "Yes"}, {"L2ID", "school"}, {"MOIlevel", "1 level"}, {"MOIdist", "Normal"}};
    EXPECT_EQ(impute().nextQuestion(base, ctx)->key, "y");
    Answers mv = base;
    mv.set("MOIlevel", "2 levels");
    mv.set("MOIdist", "Multivariate Normal");
    const auto y = impute().nextQuestion(mv, ctx);
    EXPECT_EQ(y->key, "y");
    EXPECT_EQ(y->kind, QuestionKind::VariableList);
    EXPECT_EQ(y->prompt, "In your MOI, what are the response variables?");
    Answers uni = base;
    uni.set("MOIlevel", "2 levels");
    EXPECT_EQ(impute().nextQuestion(uni, ctx)->key, "MOIslope");
    uni.set("MOIslope", "Yes");
    uni.set("y", "normexam");
    uni.set("x", "cons,standlrtmiss");
    EXPECT_EQ(impute().nextQuestion(uni, ctx)->key, "xslope");
}

TEST(TwoLevelImpute, RandomSlopeVariablesMustBeImputationResponses)
{
    const auto slopes = [](Answers& a) {
        a.set("MOIslope", "Yes");
        a.set("xslope", "cons,standlrtmiss");
    };
    EXPECT_EQ(errorOf(slopes), "(valid)");
    EXPECT_EQ(errorOf([&](Answers& a) {
                  slopes(a);
                  a.set("xslope", "cons,girl");
              }),
              "'xslope' (Explanatory variables with random coefficients at level 2 in MOI): 'girl' "
              "is not one of "
              "cons,standlrtmiss,girlmiss,schgendmiss: random coefficients must be MOI explanatory "
              "variables");
    EXPECT_EQ(errorOf([&](Answers& a) {
                  slopes(a);
                  a.set("yimp1", "normexam,girlmiss");
              }),
              "'yimp1' (What responses are at level 1): with random slopes in the MOI, "
              "'standlrtmiss' (the MOI "
              "response or a random-slope variable) must be a level-1 response");
}

TEST(TwoLevelImpute, UnorderedLevel1ResponseGetsExplanatoryVariablesPerCategory)
{
    const TemplateContext ctx = test::tutmissContext();
    Answers a{
        {"numlevs", "No"},        {"MOIdist", "Normal"},   {"y", "normexam"},        {"x", "cons"},
        {"yimp1", "schgendmiss"}, {"bin1_1", "Unordered"}, {"ncatsschgendmiss", "3"}};
    auto q = impute().nextQuestion(a, ctx);
    EXPECT_EQ(q->key, "ximp1_0_0");
    EXPECT_EQ(q->prompt,
              "Explanatory variables for category 0 of schgendmiss in imputation model:");
    a.set("ximp1_0_0", "cons");
    EXPECT_EQ(impute().nextQuestion(a, ctx)->key, "ximp1_0_1");
    a.set("ximp1_0_1", "cons");
    EXPECT_EQ(impute().nextQuestion(a, ctx)->key, "condmarg");
}

TEST(TwoLevelImpute, RemoveDropsTheAnswerAndEverythingAfterIt)
{
    const TemplateContext ctx = test::tutmissContext();
    const Answers seed = parseInputString(seed2LevelImpute);
    const Answers left = impute().removeAnswer(seed, "MOIdist", ctx);
    EXPECT_EQ(left, (Answers{{"numlevs", "Yes"}, {"L2ID", "school"}, {"MOIlevel", "2 levels"}}));
    EXPECT_EQ(impute().nextQuestion(left, ctx)->key, "MOIdist");
    EXPECT_EQ(impute().removeAnswer(seed, "numlevs", ctx), Answers());
    EXPECT_EQ(impute().removeAnswer(seed, "iterations", ctx).size(), seed.size() - 1);
}

TEST(TwoLevelImpute, ValidateAnswerChecksOneAnswer)
{
    const TemplateContext ctx = test::tutmissContext();
    const Question q = *impute().nextQuestion({}, ctx);
    EXPECT_EQ(impute().validateAnswer(q, "Yes", {}, ctx), "");
    EXPECT_EQ(impute().validateAnswer(q, "Maybe", {}, ctx), "must be Yes or No; got 'Maybe'");
}

TEST(TwoLevelImpute, BadAnswersAreNamedWithTheReason)
{
    const std::string avslrtMissing =
        std::to_string(test::tutmiss().column("avslrtmiss").missingCount());
    const std::string schgendMissing =
        std::to_string(test::tutmiss().column("schgendmiss").missingCount());
    const std::string girlMissing =
        std::to_string(test::tutmiss().column("girlmiss").missingCount());

    EXPECT_EQ(errorOf([](Answers& a) { a.set("foo", "1"); }),
              "unknown input 'foo' for template 2LevelImpute");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("numlevs", "yes"); }),
              "'numlevs' (Do either the model of interest (MOI) and/or imputation have two "
              "levels): must be Yes "
              "or No; got 'yes'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("L2ID", "schol"); }),
              "'L2ID' (Level 2 ID): 'schol' is not a variable in dataset 'tutmiss'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("L2ID", "schgendmiss"); }),
              "'L2ID' (Level 2 ID): 'schgendmiss' has " + schgendMissing +
                  " missing values; an ID must be known for every row");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("MOIlevel", "2"); }),
              "'MOIlevel' (In your MOI, do you want to model 1 or 2 levels): must be 1 level or 2 "
              "levels; got '2'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("MOIdist", "Gaussian"); }),
              "'MOIdist' (What distribution would you like to use to model the response "
              "variable(s) in your MOI): "
              "must be one of Normal, Binomial, Poisson, Multivariate Normal; got 'Gaussian'");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("MOIdist", "Binomial"); }),
                 "'y' (In your MOI, what is the response variable): a Binomial MOI response must "
                 "be coded 0 and 1; "
                 "'normexam' has -3.666072,");
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("MOIdist", "Binomial");
                  a.set("y", "girlmiss");
              }),
              "'y' (In your MOI, what is the response variable): a Binomial MOI response must have "
              "no missing "
              "values; 'girlmiss' has " +
                  girlMissing);
    EXPECT_EQ(
        errorOf([](Answers& a) { a.set("y", "normexam,standlrt"); }),
        "'y' (In your MOI, what is the response variable): only one variable may be chosen; got "
        "'normexam,standlrt'");
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("MOIdist", "Multivariate Normal");
                  a.remove("MOIslope");
              }),
              "'y' (In your MOI, what are the response variables): at least 2 variables are "
              "needed; got 'normexam'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("x", "cons,foo"); }),
              "'x' (Explanatory variables for MOI): 'foo' is not a variable in dataset 'tutmiss'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("x", "cons,cons"); }),
              "'x' (Explanatory variables for MOI): 'cons' is listed twice");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("x", "cons,normexam"); }),
              "'x' (Explanatory variables for MOI): 'normexam' cannot be chosen here: it is an MOI "
              "response or the "
              "level 2 ID");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("x", "cons,standlrt:cat"); }),
                 "'x' (Explanatory variables for MOI): categorical variable 'standlrt' must hold "
                 "whole-number "
                 "categories; found -2.93495,");
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("x", "cons,standlrtmiss,girlmiss,schgendmiss:cat,avslrtmiss");
              }),
              "'x' (Explanatory variables for MOI): 'avslrtmiss' has missing values but is not a "
              "response in the "
              "imputation model; add it to the level-1 or level-2 responses");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("yimp1", "normexam:cat,standlrtmiss,girlmiss"); }),
              "'yimp1' (What responses are at level 1): 'normexam:cat' is not allowed here: this "
              "question takes no "
              "categorical variables");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("bin1_3", "binary"); }),
              "'bin1_3' (Response Type for response girlmiss): must be one of Normal, Binary, "
              "Ordered, Unordered; "
              "got 'binary'");
    EXPECT_PRED2(
        startsWith, errorOf([](Answers& a) { a.set("bin1_1", "Binary"); }),
        "'bin1_1' (Response Type for response normexam): a Binary response must be coded 0 and 1; "
        "'normexam' has -3.666072,");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("bin1_3", "Ordered"); }),
              "'ncatsgirlmiss' (Number of categories for girlmiss) is not answered");
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("bin1_3", "Ordered");
                  a.set("ncatsgirlmiss", "3");
              }),
              "'ncatsgirlmiss' (Number of categories for girlmiss): 'girlmiss' has 2 categories "
              "(0,1) in the data, "
              "not 3");
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("yimp1", "normexam,standlrtmiss,girlmiss,vrband");
                  a.set("bin1_4", "Unordered");
              }),
              "'bin1_4' (Response Type for response vrband): categories of 'vrband' must be "
              "numbered 0,1,2,... in "
              "steps of one; found 1,2,3");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("ncatsschgendmiss", "4"); }),
              "'ncatsschgendmiss' (Number of categories for schgendmiss): 'schgendmiss' has 3 "
              "categories (0,1,2) in "
              "the data, not 4");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("ncatsschgendmiss", "three"); }),
              "'ncatsschgendmiss' (Number of categories for schgendmiss): must be a whole number "
              "of at least 2; "
              "got 'three'");
    EXPECT_EQ(
        errorOf([](Answers& a) { a.set("ximp1_0", "cons,avslrtmiss"); }),
        "'ximp1_0' (Explanatory variables for normexam in imputation model): 'avslrtmiss' has " +
            avslrtMissing +
            " missing values; explanatory variables in the imputation model must be fully "
            "observed; "
            "include it as a response instead");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("ximp1_0", "cons,girlmiss"); }),
              "'ximp1_0' (Explanatory variables for normexam in imputation model): 'girlmiss' "
              "cannot be chosen here: "
              "it is a response in the imputation model");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("ximp2_0_1", "cons,standlrt"); }),
                 "'ximp2_0_1' (Explanatory variables for category 1 at level 2 for imputation "
                 "model): a level 2 "
                 "response cannot have explanatory variables that vary within school units: "
                 "variable 'standlrt' is "
                 "not constant within school in 65 units: school 1 (values");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("yimp2", "standlrt"); }),
                 "'yimp2' (Responses at level 2 for imputation model): a level-2 response must be "
                 "constant within "
                 "each level-2 unit: variable 'standlrt' is not constant within school in 65 "
                 "units: school 1");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("yimp2", "girlmiss"); }),
              "'yimp2' (Responses at level 2 for imputation model): 'girlmiss' cannot be chosen "
              "here: it is already a "
              "level-1 response or the level 2 ID");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("bin2_1", "Ordered"); }),
              "'ximp2_0' (Explanatory variables for schgendmiss at level 2 for imputation model) "
              "is not answered");
    EXPECT_EQ(
        errorOf([](Answers& a) { a.set("numimpute", "0"); }),
        "'numimpute' (Number of imputed data sets): must be a whole number of at least 1; got '0'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("iterations", "-5"); }),
              "'iterations' (Number of iterations for MOI): must be a whole number of at least 1; "
              "got '-5'");
    EXPECT_EQ(
        errorOf([](Answers& a) { a.set("burnin", "1e3"); }),
        "'burnin' (Length of burnin for MOI): must be a whole number of at least 0; got '1e3'");
    EXPECT_EQ(errorOf([](Answers& a) { a.remove("condmarg"); }),
              "'condmarg' (Use conditional marginal algorithm) is not answered");
    EXPECT_EQ(
        errorOf([](Answers& a) { a.set("MOIlevel", "1 level"); }),
        "input 'MOIslope' is not asked for these answers to template 2LevelImpute; remove it");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("impute1st", "1000"); }),
              "both 'impute1st' and 'imputefirst' are given; 'impute1st' is the older name of "
              "'imputefirst', keep one");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("want2", "No"); }),
              "inputs 'yimp2', 'ncatsschgendmiss', 'ximp2_0_0', 'ximp2_0_1', 'bin2_1' are not "
              "asked for these answers "
              "to template 2LevelImpute; remove them");
}

} // namespace
} // namespace grove
