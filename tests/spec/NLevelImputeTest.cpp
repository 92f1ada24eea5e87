// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpecTestData.h"
#include "SpecTestUtil.h"

#include "core/spec/TemplateRegistry.h"

#include <gtest/gtest.h>

#include <cmath>

namespace grove {
namespace {

const Template& nlevel()
{
    return findTemplate("NLevelImpute");
}

// Pupils in schools in districts (`district`, added to tutmiss below: schools 1-5, 6-10, ...;
// 13 units): two nested classifications, a level-2 response at the school classification.
constexpr const char* nestedString =
    "{'numclass': '2', 'classid_1': 'school', 'classid_2': 'district', 'structure': 'Nested', "
    "'MOIclass_1': 'Yes', "
    "'MOIclass_2': 'No', 'MOIdist': 'Normal', 'MOIslope': 'No', 'y': 'normexam', "
    "'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', 'yimp1': 'normexam,standlrtmiss,girlmiss', "
    "'bin1_1': 'Normal', 'bin1_2': 'Normal', 'bin1_3': 'Binary', 'ximp1_0': 'cons', 'ximp1_1': "
    "'cons,vrband:cat', "
    "'ximp1_2': 'cons', 'want2': 'Yes', 'yimp2': 'schgendmiss', 'bin2_1': 'Unordered', "
    "'ncatsschgendmiss': '3', "
    "'ximp2_0_0': 'cons', 'ximp2_0_1': 'cons', 'want3': 'No', 'numimpute': '4', 'imputefirst': "
    "'1000', "
    "'imputeevery': '50', 'burnin': '100', 'iterations': '250'}";

/// tutmiss with `district` (5 schools each, 13 units) and `single` (one unit).
const TemplateContext& districtContext()
{
    static const Dataset data = [] {
        Dataset d = *test::tutmissContext().dataset;
        std::vector<double> district, single;
        for (double school : d.column("school").values) {
            district.push_back(std::floor((school - 1.0) / 5.0) + 1.0);
            single.push_back(1.0);
        }
        d.addColumn(Column("district", district));
        d.addColumn(Column("single", single));
        return d;
    }();
    static const TemplateContext context{&data, {}};
    return context;
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

std::string errorOf(const std::function<void(Answers&)>& edit)
{
    return test::validationError(nlevel(), nestedString, edit, districtContext());
}

TEST(NLevelImpute, NestedStringIsCompleteAndInQuestionOrder)
{
    const Answers given = parseInputString(nestedString);
    EXPECT_EQ(nlevel().validate(given, districtContext()), given);
}

TEST(NLevelImpute, WalkingTheFlowReproducesTheString)
{
    const Answers given = parseInputString(nestedString);
    std::vector<std::string> prompts;
    EXPECT_EQ(test::walkQuestionByQuestion(nlevel(), given, districtContext(), &prompts), given);
    EXPECT_EQ(prompts[0], "Number of classifications above level 1:");
    EXPECT_EQ(prompts[1], "ID for classification 1:");
    EXPECT_EQ(prompts[3], "Are the classifications nested or cross-classified?");
    EXPECT_EQ(prompts[4], "Include classification 1 (school) in your MOI?");
    const std::vector<std::string> keys = given.keys();
    const auto at = [&](const std::string& key) {
        return prompts[static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) -
                                                keys.begin())];
    };
    EXPECT_EQ(at("want2"),
              "Are there any responses at classification 1 (school) for imputation model?:");
    EXPECT_EQ(at("yimp2"), "Responses at classification 1 (school) for imputation model:");
    EXPECT_EQ(
        at("ximp2_0_1"),
        "Explanatory variables for category 1 at classification 1 (school) for imputation model:");
    EXPECT_EQ(at("want3"),
              "Are there any responses at classification 2 (district) for imputation model?:");
}

TEST(NLevelImpute, OneClassificationAsksNoStructureQuestion)
{
    const TemplateContext ctx = test::tutmissContext();
    EXPECT_EQ(nlevel().nextQuestion({{"numclass", "1"}, {"classid_1", "school"}}, ctx)->key,
              "MOIclass_1");
    EXPECT_EQ(nlevel()
                  .nextQuestion(
                      {{"numclass", "2"}, {"classid_1", "school"}, {"classid_2", "vrband"}}, ctx)
                  ->key,
              "structure");
}

TEST(NLevelImpute, CrossClassificationsNeedNotNest)
{
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("classid_2", "student");
                  a.set("structure", "Cross-classified");
              }),
              "(valid)");
}

TEST(NLevelImpute, BadAnswersAreNamedWithTheReason)
{
    EXPECT_EQ(errorOf([](Answers& a) { a.set("numclass", "0"); }),
              "'numclass' (Number of classifications above level 1): must be a whole number of at "
              "least 1; got '0'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("numclass", "50"); }),
              "'numclass' (Number of classifications above level 1): at most 20 classifications "
              "are supported");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("classid_2", "school"); }),
              "'classid_2' (ID for classification 2): 'school' cannot be chosen here: it is the ID "
              "of another "
              "classification");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("classid_2", "student"); }),
                 "'structure' (Are the classifications nested or cross-classified): classification "
                 "1 (school) is not "
                 "nested in classification 2 (student): variable 'student' is not constant within "
                 "school in 65 "
                 "units: school 1 (values 1 to ");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("structure", "nested"); }),
              "'structure' (Are the classifications nested or cross-classified): must be Nested or "
              "Cross-classified; "
              "got 'nested'");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("MOIclass_2", "Yes"); }), "(valid)");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("yimp3", "x"); }),
              "input 'yimp3' is not asked for these answers to template NLevelImpute; remove it");
    EXPECT_EQ(errorOf([](Answers& a) { a.set("condmarg", "Yes"); }),
              "unknown input 'condmarg' for template NLevelImpute");
    EXPECT_EQ(
        errorOf([](Answers& a) {
            a.set("want3", "Yes");
            a.set("yimp3", "schgendmiss");
        }),
        "'yimp3' (Responses at classification 2 (district) for imputation model): 'schgendmiss' "
        "cannot be chosen "
        "here: it is already a response or a classification ID");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) {
                     a.set("want3", "Yes");
                     a.set("yimp3", "avslrtmiss");
                 }),
                 "'yimp3' (Responses at classification 2 (district) for imputation model): a "
                 "response at classification 2 (district) must be constant within each of its "
                 "units: variable 'avslrtmiss' is not constant within district");
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("ximp2_0_0", "cons,standlrt"); }),
                 "'ximp2_0_0' (Explanatory variables for category 0 at classification 1 (school) "
                 "for imputation "
                 "model): a classification 1 (school) response cannot have explanatory variables "
                 "that vary within "
                 "school units: variable 'standlrt' is not constant within school");
    EXPECT_EQ(errorOf([](Answers& a) { a.remove("iterations"); }),
              "'iterations' (Number of iterations for MOI) is not answered");
}

TEST(NLevelImpute, ClassificationsMustIdentifyTheirRandomEffects)
{
    // An ID with missing values, a classification of one unit.
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) { a.set("classid_2", "avslrtmiss"); }),
                 "'classid_2' (ID for classification 2): ");
    EXPECT_NE(errorOf([](Answers& a) { a.set("classid_2", "avslrtmiss"); }).find("missing"),
              std::string::npos);
    EXPECT_EQ(errorOf([](Answers& a) { a.set("classid_2", "single"); }),
              "'classid_2' (ID for classification 2): 'single' has 1 unit(s); a classification "
              "needs at least 2 units (its variance is not identified with fewer)");
    // schav: 3 school-ability bands, nested above school. Its covariance matrix covers the 3
    // level-1 responses and the 2 latent normals of schgendmiss (nested below): 5 > 3 units.
    EXPECT_EQ(errorOf([](Answers& a) { a.set("classid_2", "schav"); }),
              "'classid_2' (ID for classification 2): classification 2 (schav) has 3 units, too "
              "few to identify the 5 x 5 covariance matrix of its random effects and residuals; "
              "it needs at least 6 units (use fewer responses or leave this classification out)");
    // Crossed, schgendmiss has no schav effect, but 3 level-1 responses still need 4 units.
    EXPECT_PRED2(startsWith, errorOf([](Answers& a) {
                     a.set("classid_2", "schav");
                     a.set("structure", "Cross-classified");
                 }),
                 "'classid_2' (ID for classification 2): classification 2 (schav) has 3 units, "
                 "too few to identify the 3 x 3 covariance matrix");
}

TEST(NLevelImpute, MoiVariablesWithMissingValuesMustBeImputed)
{
    // girlmiss (in x, with missing values) dropped from the level-1 responses.
    EXPECT_EQ(errorOf([](Answers& a) {
                  a.set("yimp1", "normexam,standlrtmiss");
                  a.remove("bin1_3");
                  a.remove("ximp1_2");
              }),
              "'x' (Explanatory variables for MOI): 'girlmiss' has missing values but is not a "
              "response in the imputation model; add it to the responses of its level or "
              "classification");
}

TEST(NLevelImpute, AcceptsTheOlderKeyImpute1st)
{
    Answers old = parseInputString(nestedString);
    const std::string imputefirst = *old.get("imputefirst");
    old.remove("imputefirst");
    old.set("impute1st", imputefirst);
    const Answers valid = nlevel().validate(old, districtContext());
    EXPECT_EQ(valid.get("imputefirst"), imputefirst);
    EXPECT_FALSE(valid.contains("impute1st"));
}

TEST(TemplateRegistry, FindsTemplatesByNameAndListsThemInErrors)
{
    EXPECT_EQ(templateNames(),
              (std::vector<std::string>{"2LevelImpute", "NLevelImpute", "2LevelMissingOnePass"}));
    for (const std::string& name : templateNames()) {
        EXPECT_EQ(findTemplate(name).name(), name);
        EXPECT_FALSE(findTemplate(name).description().empty());
    }
    try {
        findTemplate("2levelimpute");
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(
            e.what(),
            "unknown template '2levelimpute'; known templates: 2LevelImpute, NLevelImpute, "
            "2LevelMissingOnePass");
    }
}

TEST(TemplateRegistry, EveryQuestionHasAPromptAndHelp)
{
    const TemplateContext ctx = test::tutmissContext();
    for (const std::string& name : templateNames()) {
        const Template& t = findTemplate(name);
        const auto q = t.nextQuestion({}, ctx);
        ASSERT_TRUE(q);
        EXPECT_FALSE(q->prompt.empty());
        EXPECT_FALSE(q->help.empty());
    }
}

} // namespace
} // namespace grove
