// SPDX-License-Identifier: GPL-3.0-or-later
// The joint model with two classifications (NLevelImpute): recovery of known parameters from
// simulated three-level nested data (pupils in classes in schools) and two-way crossed data
// (pupils by primary and secondary school, with responses at the primary school), Normal,
// Binary, Ordered and Unordered responses at level 1, MAR missingness; thread-count
// invariance, parameter names and the checks of the classifications.
#include "TestSupport.h"

#include "core/common/Error.h"
#include "core/mcmc/JointImputation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace grove {
namespace {

using testing::drawNormalVector;
using testing::exchangeable;
using testing::maximumIndicant;
using testing::singleChain;
using testing::summaryByTerm;
using testing::withUnorderedBlock;

// Level-1 dims: yn, yb, yo, yu_0, yu_1. The latents of the Unordered yu are uncorrelated at
// level 1, as the model fixes them.
const Eigen::MatrixXd omegaE = withUnorderedBlock(exchangeable(Eigen::VectorXd::Ones(5), 0.3), 3);
// Nested: classes (lower) and schools (upper).
const Eigen::MatrixXd omegaClass = exchangeable(Eigen::VectorXd::Constant(5, 0.3), 0.3);
const Eigen::MatrixXd omegaSchool = exchangeable(Eigen::VectorXd::Constant(5, 0.4), 0.4);
// Crossed: primary schools (u for the 5 level-1 dims, then the Normal wn and the Binary wb
// residuals) and secondary schools.
const Eigen::MatrixXd omegaPrimary =
    exchangeable((Eigen::VectorXd(7) << 0.3, 0.3, 0.3, 0.3, 0.3, 0.8, 1.0).finished(), 0.3);
const Eigen::MatrixXd omegaSecondary = exchangeable(Eigen::VectorXd::Constant(5, 0.4), 0.3);
constexpr double orderedThreshold = 0.8;

struct Units {
    std::vector<double> lower; // classification 1
    std::vector<double> upper; // classification 2
};

// Nested: 30 schools x 6 classes x 10 pupils. Crossed: 2400 pupils, each in one of 80 primary
// and one of 40 secondary schools at random.
Units unitsOf(bool nested, RandomStream& rng)
{
    Units units;
    if (nested) {
        for (int s = 0; s < 30; ++s)
            for (int c = 0; c < 6; ++c)
                for (int i = 0; i < 10; ++i) {
                    units.lower.push_back(100 * (s + 1) + c);
                    units.upper.push_back(s + 1);
                }
    } else {
        for (int i = 0; i < 2400; ++i) {
            units.lower.push_back(1 + std::floor(80 * rng.uniform()));
            units.upper.push_back(1 + std::floor(40 * rng.uniform()));
        }
    }
    return units;
}

// Level 1: yn = 1 + 0.5 x + ..., yb latent 0.3 + ..., yo latent 0.2 + ... (thresholds 0, 0.8),
// yu latents 0.2 / -0.2 + ...; plus the effects of both classifications. Crossed only, at the
// primary school: wn = 2 + 0.5 z + r, wb latent -0.2 + r'. MAR on x (level 1) and z (primary).
Dataset simulate(bool nested, std::uint64_t seed)
{
    RandomStream rng(seed, 11);
    const Units units = unitsOf(nested, rng);
    const Eigen::MatrixXd& lowerOmega = nested ? omegaClass : omegaPrimary;
    const Eigen::MatrixXd& upperOmega = nested ? omegaSchool : omegaSecondary;
    const auto effects = [&](const std::vector<double>& ids, const Eigen::MatrixXd& omega) {
        std::vector<Eigen::VectorXd> byId(100 * 31, Eigen::VectorXd());
        for (double id : ids)
            if (byId[static_cast<std::size_t>(id)].size() == 0)
                byId[static_cast<std::size_t>(id)] = drawNormalVector(rng, omega);
        return byId;
    };
    const std::vector<Eigen::VectorXd> lower = effects(units.lower, lowerOmega);
    const std::vector<Eigen::VectorXd> upper = effects(units.upper, upperOmega);
    std::vector<double> z(lower.size(), 0.0);
    for (double& value : z)
        value = rng.normal();

    const std::size_t n = units.lower.size();
    std::vector<double> x(n), yn(n), yb(n), yo(n), yu(n), zc(n), wn(n), wb(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Eigen::VectorXd& a = lower[static_cast<std::size_t>(units.lower[i])];
        const Eigen::VectorXd& b = upper[static_cast<std::size_t>(units.upper[i])];
        const Eigen::VectorXd e = drawNormalVector(rng, omegaE);
        const Eigen::VectorXd v = a.head(5) + b + e;
        x[i] = rng.normal();
        yn[i] = 1.0 + 0.5 * x[i] + v(0);
        yb[i] = 0.3 + v(1) > 0.0 ? 1.0 : 0.0;
        const double ordered = 0.2 + v(2);
        yo[i] = ordered <= 0.0 ? 0.0 : ordered <= orderedThreshold ? 1.0 : 2.0;
        const double latent[2] = {0.2 + v(3), -0.2 + v(4)};
        yu[i] = maximumIndicant(latent, 2);
        if (!nested) {
            const double zj = z[static_cast<std::size_t>(units.lower[i])];
            zc[i] = zj;
            wn[i] = 2.0 + 0.5 * zj + a(5);
            wb[i] = -0.2 + a(6) > 0.0 ? 1.0 : 0.0;
        }
    }
    Dataset data(nested ? "nested" : "crossed");
    data.addColumn(Column(nested ? "class" : "primary", units.lower));
    data.addColumn(Column(nested ? "school" : "secondary", units.upper));
    data.addColumn(Column("x", x));
    Column cyn("yn", yn), cyb("yb", yb), cyo("yo", yo), cyu("yu", yu);
    for (std::size_t i = 0; i < n; ++i) {
        if (rng.uniform() < (x[i] > 0.0 ? 0.3 : 0.05))
            cyn.setMissing(i);
        if (rng.uniform() < (x[i] > 0.0 ? 0.05 : 0.25))
            cyb.setMissing(i);
        if (rng.uniform() < (x[i] > 0.0 ? 0.2 : 0.1))
            cyo.setMissing(i);
        if (rng.uniform() < 0.15)
            cyu.setMissing(i);
    }
    for (Column* c : {&cyn, &cyb, &cyo, &cyu})
        data.addColumn(*c);
    if (!nested) {
        // Missing for a whole primary school at once, MAR on z.
        std::vector<int> missingN(81, -1), missingB(81, -1);
        Column cwn("wn", wn), cwb("wb", wb);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t j = static_cast<std::size_t>(units.lower[i]);
            if (missingN[j] < 0) {
                missingN[j] = rng.uniform() < (zc[i] > 0.0 ? 0.3 : 0.05) ? 1 : 0;
                missingB[j] = rng.uniform() < 0.15 ? 1 : 0;
            }
            if (missingN[j] == 1)
                cwn.setMissing(i);
            if (missingB[j] == 1)
                cwb.setMissing(i);
        }
        data.addColumn(Column("z", zc));
        data.addColumn(cwn);
        data.addColumn(cwb);
    }
    return data;
}

ImputationModelSpec specFor(bool nested)
{
    ImputationModelSpec spec;
    const std::vector<ExplanatoryTerm> cons = {{"cons", false}};
    spec.level1Responses = {{"yn", ResponseType::Normal, 0, {{"cons", false}, {"x", false}}, {}},
                            {"yb", ResponseType::Binary, 2, cons, {}},
                            {"yo", ResponseType::Ordered, 3, cons, {}},
                            {"yu", ResponseType::Unordered, 3, cons, {}}};
    if (nested) {
        spec.classifications = {{"class", {}}, {"school", {}}};
    } else {
        spec.classifications = {
            {"primary",
             {{"wn", ResponseType::Normal, 0, {{"cons", false}, {"z", false}}, {}},
              {"wb", ResponseType::Binary, 2, cons, {}}}},
            {"secondary", {}}};
    }
    spec.nested = nested;
    return spec;
}

struct Truth {
    const char* where;
    std::vector<std::string> names;
    const Eigen::MatrixXd* omega;
    int free; // elements the model does not fix
};

// Every coefficient, the threshold and every free covariance element within 4 posterior sd of
// the truth (about 1 sd of data variation plus Monte Carlo error, as the two-level tests), and
// each Normal response's variance at every classification within a stated absolute tolerance.
void expectRecovery(const ImputationResult& result, const std::vector<Truth>& truths, bool crossed)
{
    struct Coefficient {
        const char* term;
        double truth;
    };
    std::vector<Coefficient> coefficients = {{"yn:cons", 1.0},   {"yn:x", 0.5},
                                             {"yb:cons", 0.3},   {"yo:cons", 0.2},
                                             {"yu_0:cons", 0.2}, {"yu_1:cons", -0.2}};
    if (crossed) {
        coefficients.push_back({"wn:cons", 2.0});
        coefficients.push_back({"wn:z", 0.5});
        coefficients.push_back({"wb:cons", -0.2});
    }
    for (const Coefficient& c : coefficients) {
        const ParameterSummary& s = summaryByTerm(result, c.term);
        std::printf("  %-10s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n", c.term, c.truth,
                    s.mean, s.sd, s.ess);
        EXPECT_NEAR(s.mean, c.truth, 4.0 * s.sd) << c.term;
    }
    const ParameterSummary& threshold = summaryByTerm(result, "threshold_yo_1");
    EXPECT_NEAR(threshold.mean, orderedThreshold, 4.0 * threshold.sd);

    for (const Truth& truth : truths) {
        int checked = 0;
        const int size = static_cast<int>(truth.names.size());
        for (int a = 0; a < size; ++a)
            for (int b = 0; b <= a; ++b) {
                const std::string what =
                    (a == b ? "var(" + truth.names[a] + ")"
                            : "cov(" + truth.names[a] + ", " + truth.names[b] + ")") +
                    " at " + truth.where;
                for (const ParameterSummary& s : result.summary) {
                    if (s.description != what)
                        continue;
                    ++checked;
                    const double expected = (*truth.omega)(a, b);
                    EXPECT_NEAR(s.mean, expected, 4.0 * s.sd) << what << " ESS " << s.ess;
                    if (a == b || std::abs(s.mean - expected) > 2.0 * s.sd)
                        std::printf("  %-36s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n",
                                    what.c_str(), expected, s.mean, s.sd, s.ess);
                    // A Normal response's variance is well identified at every classification.
                    if (a == 0 && b == 0) {
                        EXPECT_NEAR(s.mean, expected, 0.3 * expected) << what;
                    }
                }
            }
        EXPECT_EQ(checked, truth.free) << truth.where;
    }
}

const std::vector<std::string> level1Names = {"yn", "yb", "yo", "yu_0", "yu_1"};
const std::vector<std::string> effectNames = {"u(yn)", "u(yb)", "u(yo)", "u(yu_0)", "u(yu_1)"};

TEST(NLevelJointModel, RecoversThreeLevelNestedMixedResponses)
{
    const Dataset data = simulate(true, 31);
    const ImputationResult result =
        runJointImputation(data, specFor(true), singleChain(4000, 5), RunControl{});
    // Level 1: 15 elements minus 4 fixed latent variances and the fixed yu_0/yu_1 correlation.
    expectRecovery(result,
                   {{"level 1", level1Names, &omegaE, 10},
                    {"class", effectNames, &omegaClass, 15},
                    {"school", effectNames, &omegaSchool, 15}},
                   false);
    EXPECT_EQ(result.completedDatasets[0].column("yn").missingCount(), 0u);
    EXPECT_EQ(result.completedDatasets[0].column("yu").missingCount(), 0u);
    ASSERT_EQ(result.classificationDatasets.size(), 2u);
    EXPECT_TRUE(result.classificationDatasets[0].empty());
    EXPECT_TRUE(result.classificationDatasets[1].empty());
}

TEST(NLevelJointModel, RecoversCrossedClassificationsWithResponsesAtTheFirst)
{
    const Dataset data = simulate(false, 32);
    const ImputationResult result =
        runJointImputation(data, specFor(false), singleChain(4000, 6), RunControl{});
    std::vector<std::string> primaryNames = effectNames;
    primaryNames.push_back("wn");
    primaryNames.push_back("wb");
    // Primary: 28 elements minus wb's fixed variance.
    expectRecovery(result,
                   {{"level 1", level1Names, &omegaE, 10},
                    {"primary", primaryNames, &omegaPrimary, 27},
                    {"secondary", effectNames, &omegaSecondary, 15}},
                   true);
    ASSERT_EQ(result.classificationDatasets.size(), 2u);
    ASSERT_EQ(result.classificationDatasets[0].size(), 1u);
    const Dataset& primary = result.classificationDatasets[0][0];
    EXPECT_EQ(primary.name(), "Imputation_Model_impute_L2Data_chain0_iter4000");
    EXPECT_EQ(primary.rowCount(), 80u);
    EXPECT_EQ(primary.column("wn").missingCount(), 0u);
    EXPECT_EQ(primary.column("wb").missingCount(), 0u);
}

TEST(NLevelJointModel, ParametersAreNamedAfterTheirClassification)
{
    const Dataset data = simulate(true, 33);
    const ImputationResult result =
        runJointImputation(data, specFor(true), singleChain(5, 1), RunControl{});
    std::vector<std::string> names;
    for (const ParameterInfo& p : result.chains.parameters)
        names.push_back(p.name);
    const auto has = [&](const std::string& name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    EXPECT_TRUE(has("omega_class_0"));
    EXPECT_TRUE(has("omega_school_14"));
    EXPECT_TRUE(has("omega_e_0"));
    EXPECT_FALSE(has("omega_u_0"));
}

TEST(NLevelJointModel, ThreadCountDoesNotChangeResults)
{
    const Dataset data = simulate(false, 34);
    ImputationSchedule schedule;
    schedule.imputations = 3;
    schedule.firstImputation = 30;
    schedule.imputationGap = 10;
    schedule.seed = 8;
    schedule.chains = 3;
    schedule.threads = 1;
    const ImputationResult one = runJointImputation(data, specFor(false), schedule, RunControl{});
    schedule.threads = 3;
    const ImputationResult three = runJointImputation(data, specFor(false), schedule, RunControl{});
    for (std::size_t m = 0; m < 3; ++m) {
        EXPECT_EQ(one.completedDatasets[m].column("yb").values,
                  three.completedDatasets[m].column("yb").values);
        EXPECT_EQ(one.classificationDatasets[0][m].column("wn").values,
                  three.classificationDatasets[0][m].column("wn").values);
    }
    EXPECT_EQ(one.chains.draws, three.chains.draws);
}

TEST(NLevelJointModel, ClassificationErrorsAreOneLine)
{
    const auto expectError = [](const Dataset& data, const ImputationModelSpec& spec,
                                const std::string& fragment) {
        try {
            runJointImputation(data, spec, singleChain(5, 1), RunControl{});
            ADD_FAILURE() << "no error for " << fragment;
        } catch (const Error& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find(fragment), std::string::npos) << message;
            EXPECT_EQ(message.find('\n'), std::string::npos);
        }
    };
    const Dataset crossed = simulate(false, 35);
    ImputationModelSpec spec = specFor(false);
    spec.nested = true;
    expectError(crossed, spec, "is not nested in 'secondary'");

    const Dataset nested = simulate(true, 36);
    spec = specFor(true);
    spec.classifications[1].responses = {{"yn", ResponseType::Normal, 0, {{"cons", false}}, {}}};
    spec.level1Responses.erase(spec.level1Responses.begin());
    expectError(nested, spec, "is not constant within school");
    spec = specFor(true);
    spec.classifications[1].id = "class";
    expectError(nested, spec, "more than once");
    spec = specFor(true);
    spec.classifications[1].id = "nosuch";
    expectError(nested, spec, "nosuch");

    Dataset missingId = nested;
    missingId.column("school").setMissing(7);
    expectError(missingId, specFor(true), "ID variable 'school' has 1 missing values");

    Dataset oneUnit = nested;
    oneUnit.addColumn(Column("everyone", std::vector<double>(nested.rowCount(), 1.0)));
    spec = specFor(true);
    spec.classifications[1].id = "everyone";
    expectError(oneUnit, spec, "only one unit");
}

} // namespace
} // namespace grove
