// SPDX-License-Identifier: GPL-3.0-or-later
// The MOI with several classifications (NLevelImpute): simulated 3-level nested and 2-way
// crossed data with known variances, for every distribution; one classification gives exactly
// the 2-level fit. Tolerances are in posterior sds (3.5 sd fails by chance with probability
// < 1e-3 per parameter; the estimation error of one dataset is ~1 sd).
#include "MoiTestData.h"

#include "core/common/Error.h"
#include "core/moi/ModelOfInterest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

namespace grove {
namespace {

using moitest::expectRecovered;
using moitest::parameter;

/// Rows with two classifications: `nested` puts `perOuter` schools in each district (school
/// IDs unique), else every row draws its school and its neighbourhood at random. Columns
/// school, area, cons, x (N(0,1)), and the true effects' sum for each classification.
struct TwoClassifications {
    Dataset data{"classified"};
    std::vector<double> schoolEffect;
    std::vector<double> areaEffect;
};

TwoClassifications simulateStructure(RandomStream& rng, bool nested, int schools, int areas,
                                     int rows, double schoolVariance, double areaVariance)
{
    std::vector<double> schoolU(static_cast<std::size_t>(schools));
    std::vector<double> areaU(static_cast<std::size_t>(areas));
    for (double& u : schoolU)
        u = std::sqrt(schoolVariance) * rng.normal();
    for (double& u : areaU)
        u = std::sqrt(areaVariance) * rng.normal();
    TwoClassifications out;
    std::vector<double> school, area, cons, x;
    for (int i = 0; i < rows; ++i) {
        int s = 0;
        int a = 0;
        if (nested) {
            s = i % schools;
            a = s % areas; // school s lies in area s mod areas
        } else {
            s = static_cast<int>(rng.uniform() * schools);
            a = static_cast<int>(rng.uniform() * areas);
        }
        school.push_back(s + 1);
        area.push_back(a + 101);
        cons.push_back(1.0);
        x.push_back(rng.normal());
        out.schoolEffect.push_back(schoolU[static_cast<std::size_t>(s)]);
        out.areaEffect.push_back(areaU[static_cast<std::size_t>(a)]);
    }
    out.data.addColumn(Column("school", school));
    out.data.addColumn(Column("area", area));
    out.data.addColumn(Column("cons", cons));
    out.data.addColumn(Column("x", x));
    return out;
}

MoiSpec classifiedSpec(MoiDistribution distribution, std::vector<std::string> responses)
{
    MoiSpec spec;
    spec.responses = std::move(responses);
    spec.distribution = distribution;
    spec.explanatory = {{"cons", false}, {"x", false}};
    spec.classifications = {"school", "area"};
    spec.burnin = 500;
    spec.iterations = 3000;
    return spec;
}

MoiFit fit(const Dataset& data, const MoiSpec& spec, std::uint64_t seed = 7)
{
    return fitModelOfInterest(data, spec, seed, 0, RunControl{});
}

// y = 1 + 0.5 x + u_school + v_area + e: 3-level nested (150 schools in 30 areas) and crossed
// (150 x 30), 4,500 rows.
void checkNormal(bool nested)
{
    RandomStream rng(nested ? 311 : 312, 0);
    TwoClassifications sim = simulateStructure(rng, nested, 150, 30, 4500, 0.4, 0.3);
    std::vector<double> y;
    const Column& x = sim.data.column("x");
    for (std::size_t i = 0; i < x.size(); ++i)
        y.push_back(1.0 + 0.5 * x.values[i] + sim.schoolEffect[i] + sim.areaEffect[i] +
                    rng.normal());
    sim.data.addColumn(Column("y", y));
    const MoiFit result = fit(sim.data, classifiedSpec(MoiDistribution::Normal, {"y"}));
    ASSERT_EQ(result.summary.size(), 5u);
    EXPECT_EQ(result.summary[2].name, "sigma2_school");
    EXPECT_EQ(result.summary[3].name, "sigma2_area");
    EXPECT_EQ(result.summary[4].name, "sigma2_e");
    expectRecovered(result, "beta_0", 1.0);
    expectRecovered(result, "beta_1", 0.5);
    expectRecovered(result, "sigma2_school", 0.4);
    expectRecovered(result, "sigma2_area", 0.3);
    expectRecovered(result, "sigma2_e", 1.0);
}

TEST(ClassificationsMoi, NormalNestedRecoversEachVariance)
{
    checkNormal(true);
}

TEST(ClassificationsMoi, NormalCrossedRecoversEachVariance)
{
    checkNormal(false);
}

TEST(ClassificationsMoi, NormalRandomSlopeAtTheFirstClassification)
{
    // y = 1 + 0.5 x + u0 + u1 x (school) + v (area) + e, Omega_school = [[0.3, 0.05], [., 0.1]].
    RandomStream rng(313, 0);
    TwoClassifications sim = simulateStructure(rng, false, 200, 30, 5000, 0.0, 0.3);
    std::vector<double> u0(200), u1(200);
    for (std::size_t s = 0; s < 200; ++s) {
        const double a = rng.normal(), b = rng.normal();
        u0[s] = std::sqrt(0.3) * a;
        u1[s] = 0.05 / std::sqrt(0.3) * a + std::sqrt(0.1 - 0.05 * 0.05 / 0.3) * b;
    }
    std::vector<double> y;
    const Column& x = sim.data.column("x");
    const Column& school = sim.data.column("school");
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto s = static_cast<std::size_t>(school.values[i] - 1);
        y.push_back(1.0 + 0.5 * x.values[i] + u0[s] + u1[s] * x.values[i] + sim.areaEffect[i] +
                    rng.normal());
    }
    sim.data.addColumn(Column("y", y));
    MoiSpec spec = classifiedSpec(MoiDistribution::Normal, {"y"});
    spec.randomSlopes = {"x"};
    const MoiFit result = fit(sim.data, spec);
    expectRecovered(result, "omega_school_0", 0.3);
    expectRecovered(result, "omega_school_1", 0.05);
    expectRecovered(result, "omega_school_2", 0.1);
    expectRecovered(result, "sigma2_area", 0.3);
    expectRecovered(result, "sigma2_e", 1.0);
}

TEST(ClassificationsMoi, BinomialCrossedRecoversEachVariance)
{
    // logit P(y = 1) = -0.3 + 0.7 x + u_school + v_area, variances 0.5 and 0.4; 4,000 rows.
    RandomStream rng(314, 0);
    TwoClassifications sim = simulateStructure(rng, false, 100, 40, 4000, 0.5, 0.4);
    std::vector<double> y;
    const Column& x = sim.data.column("x");
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double eta = -0.3 + 0.7 * x.values[i] + sim.schoolEffect[i] + sim.areaEffect[i];
        y.push_back(rng.uniform() < 1.0 / (1.0 + std::exp(-eta)) ? 1.0 : 0.0);
    }
    sim.data.addColumn(Column("y", y));
    MoiSpec spec = classifiedSpec(MoiDistribution::Binomial, {"y"});
    spec.burnin = 300;
    spec.iterations = 1000;
    const MoiFit result = fit(sim.data, spec);
    expectRecovered(result, "beta_0", -0.3);
    expectRecovered(result, "beta_1", 0.7);
    expectRecovered(result, "sigma2_school", 0.5);
    expectRecovered(result, "sigma2_area", 0.4);
}

TEST(ClassificationsMoi, PoissonNestedRecoversEachVariance)
{
    // log mean = 0.5 + 0.3 x + u_school + v_area, variances 0.3 and 0.2; 100 schools in 25 areas.
    RandomStream rng(315, 0);
    TwoClassifications sim = simulateStructure(rng, true, 100, 25, 4000, 0.3, 0.2);
    std::vector<double> y;
    const Column& x = sim.data.column("x");
    for (std::size_t i = 0; i < x.size(); ++i)
        y.push_back(moitest::drawPoisson(
            rng, std::exp(0.5 + 0.3 * x.values[i] + sim.schoolEffect[i] + sim.areaEffect[i])));
    sim.data.addColumn(Column("y", y));
    MoiSpec spec = classifiedSpec(MoiDistribution::Poisson, {"y"});
    spec.burnin = 300;
    spec.iterations = 1000;
    const MoiFit result = fit(sim.data, spec);
    expectRecovered(result, "beta_0", 0.5);
    expectRecovered(result, "beta_1", 0.3);
    expectRecovered(result, "sigma2_school", 0.3);
    expectRecovered(result, "sigma2_area", 0.2);
}

TEST(ClassificationsMoi, MultivariateNormalCrossedRecoversEachCovariance)
{
    // (y1, y2): school effects with covariance [[0.4, 0.1], [0.1, 0.3]], area effects
    // diag(0.3, 0.2), level-1 covariance [[1, 0.3], [0.3, 0.8]].
    RandomStream rng(316, 0);
    TwoClassifications sim = simulateStructure(rng, false, 150, 40, 5000, 0.0, 0.0);
    std::vector<double> s1(150), s2(150), a1(40), a2(40);
    for (std::size_t s = 0; s < 150; ++s) {
        const double a = rng.normal(), b = rng.normal();
        s1[s] = std::sqrt(0.4) * a;
        s2[s] = 0.1 / std::sqrt(0.4) * a + std::sqrt(0.3 - 0.01 / 0.4) * b;
    }
    for (std::size_t k = 0; k < 40; ++k) {
        a1[k] = std::sqrt(0.3) * rng.normal();
        a2[k] = std::sqrt(0.2) * rng.normal();
    }
    std::vector<double> y1, y2;
    const Column& x = sim.data.column("x");
    const Column& school = sim.data.column("school");
    const Column& area = sim.data.column("area");
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto s = static_cast<std::size_t>(school.values[i] - 1);
        const auto k = static_cast<std::size_t>(area.values[i] - 101);
        const double e1 = rng.normal(), e2 = rng.normal();
        y1.push_back(1.0 + 0.5 * x.values[i] + s1[s] + a1[k] + e1);
        y2.push_back(-0.5 + 0.2 * x.values[i] + s2[s] + a2[k] + 0.3 * e1 +
                     std::sqrt(0.8 - 0.09) * e2);
    }
    sim.data.addColumn(Column("y1", y1));
    sim.data.addColumn(Column("y2", y2));
    MoiSpec spec = classifiedSpec(MoiDistribution::MultivariateNormal, {"y1", "y2"});
    spec.iterations = 2000;
    const MoiFit result = fit(sim.data, spec);
    ASSERT_EQ(result.summary.size(), 4u + 3u + 3u + 3u);
    expectRecovered(result, "beta_0", 1.0);
    expectRecovered(result, "beta_3", 0.2);
    expectRecovered(result, "omega_school_0", 0.4);
    expectRecovered(result, "omega_school_1", 0.1);
    expectRecovered(result, "omega_school_2", 0.3);
    expectRecovered(result, "omega_area_0", 0.3);
    expectRecovered(result, "omega_area_1", 0.0);
    expectRecovered(result, "omega_area_2", 0.2);
    expectRecovered(result, "omega_e_0", 1.0);
    expectRecovered(result, "omega_e_1", 0.3);
    expectRecovered(result, "omega_e_2", 0.8);
}

/// One classification is the 2-level model, draw for draw, under the classification's name.
void expectSameAsTwoLevel(MoiDistribution distribution, const std::string& response,
                          const std::vector<std::string>& slopes)
{
    const std::optional<Dataset> tutorial = moitest::tutorial();
    ASSERT_TRUE(tutorial);
    MoiSpec twoLevel;
    twoLevel.responses = {response};
    twoLevel.distribution = distribution;
    twoLevel.explanatory = {{"cons", false}, {"standlrt", false}};
    twoLevel.twoLevel = true;
    twoLevel.level2Id = "school";
    twoLevel.randomSlopes = slopes;
    twoLevel.burnin = 50;
    twoLevel.iterations = 200;
    MoiSpec classified = twoLevel;
    classified.twoLevel = false;
    classified.level2Id.clear();
    classified.classifications = {"school"};
    const MoiFit a = fit(*tutorial, twoLevel, 11);
    const MoiFit b = fit(*tutorial, classified, 11);
    ASSERT_EQ(a.summary.size(), b.summary.size());
    for (std::size_t k = 0; k < a.summary.size(); ++k) {
        std::string expected = a.summary[k].name;
        if (const auto at = expected.find("_u"); at != std::string::npos)
            expected.replace(at, 2, "_school");
        EXPECT_EQ(b.summary[k].name, expected);
        EXPECT_EQ(a.summary[k].mean, b.summary[k].mean) << expected;
        EXPECT_EQ(a.summary[k].sd, b.summary[k].sd) << expected;
        EXPECT_EQ(a.chains.draws[0][k], b.chains.draws[0][k]) << expected;
    }
}

TEST(ClassificationsMoi, OneClassificationIsTheTwoLevelModelExactly)
{
    expectSameAsTwoLevel(MoiDistribution::Normal, "normexam", {"standlrt"});
    expectSameAsTwoLevel(MoiDistribution::MultivariateNormal, "normexam", {});
}

TEST(ClassificationsMoi, BadClassificationsAreNamed)
{
    RandomStream rng(317, 0);
    TwoClassifications sim = simulateStructure(rng, false, 20, 5, 200, 0.3, 0.3);
    std::vector<double> y, row, single;
    for (std::size_t i = 0; i < 200; ++i) {
        y.push_back(rng.normal());
        row.push_back(static_cast<double>(i));
        single.push_back(1.0);
    }
    sim.data.addColumn(Column("y", y));
    sim.data.addColumn(Column("row", row));
    sim.data.addColumn(Column("single", single));
    auto message = [&](std::vector<std::string> classifications) {
        MoiSpec spec = classifiedSpec(MoiDistribution::Normal, {"y"});
        spec.classifications = std::move(classifications);
        spec.burnin = 1;
        spec.iterations = 2;
        try {
            fit(sim.data, spec);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message({"school", "school"}).find("'school' is listed twice"), std::string::npos);
    EXPECT_NE(message({"school", "row"}).find("every unit of classification 'row' has one row"),
              std::string::npos);
    EXPECT_NE(message({"school", "single"}).find("'single' has 1 unit"), std::string::npos);
}

} // namespace
} // namespace grove
