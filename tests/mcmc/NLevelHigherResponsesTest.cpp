// SPDX-License-Identifier: GPL-3.0-or-later
// The joint model with responses at every level of a nested hierarchy (NLevelImpute): pupils in
// schools in districts (150 x 4 x 6), with a Normal and a Binary response at level 1, a Normal
// and an Ordered response at the school (they get random effects at the district) and a Normal
// and a Binary response at the district, MAR missingness at every level. Posterior means recover
// the parameters the data were simulated from; the completed datasets hold one row per unit.
#include "TestSupport.h"

#include "core/common/Error.h"
#include "core/mcmc/JointImputation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace grove {
namespace {

using testing::drawNormalVector;
using testing::exchangeable;
using testing::singleChain;
using testing::summaryByTerm;
using testing::summaryOf;

// Level 1: (yn, yb). School: (u(yn), u(yb), sn, so). District: (u(yn), u(yb), u(sn), u(so),
// dn, db).
const Eigen::MatrixXd omegaE = exchangeable(Eigen::VectorXd::Ones(2), 0.3);
const Eigen::MatrixXd omegaSchool =
    exchangeable((Eigen::VectorXd(4) << 0.3, 0.3, 0.8, 1.0).finished(), 0.3);
const Eigen::MatrixXd omegaDistrict =
    exchangeable((Eigen::VectorXd(6) << 0.2, 0.2, 0.3, 0.3, 0.5, 1.0).finished(), 0.3);
constexpr double orderedThreshold = 0.8;
constexpr int districts = 150;
constexpr int schoolsPerDistrict = 4;
constexpr int pupilsPerSchool = 6;

// yn = 1 + 0.5 x + ..., yb latent 0.3 + ...; sn = 2 + 0.5 z + ..., so latent 0.2 + ...
// (thresholds 0, 0.8); dn = -1 + 0.5 t + ..., db latent -0.3 + ... Missing: yn and yb MAR on
// x, sn MAR on z, so at random, dn MAR on t, db at random (whole units at once).
Dataset simulate(std::uint64_t seed)
{
    RandomStream rng(seed, 3);
    std::vector<double> district, school, x, z, t, yn, yb, sn, so, dn, db;
    std::vector<bool> ynMissing, ybMissing, snMissing, soMissing, dnMissing, dbMissing;
    for (int k = 0; k < districts; ++k) {
        const Eigen::VectorXd v = drawNormalVector(rng, omegaDistrict);
        const double tk = rng.normal();
        const double dnk = -1.0 + 0.5 * tk + v(4);
        const double dbk = -0.3 + v(5) > 0.0 ? 1.0 : 0.0;
        const bool dnOut = rng.uniform() < (tk > 0.0 ? 0.35 : 0.05);
        const bool dbOut = rng.uniform() < 0.15;
        for (int s = 0; s < schoolsPerDistrict; ++s) {
            const Eigen::VectorXd w = drawNormalVector(rng, omegaSchool);
            const double zj = rng.normal();
            const double snj = 2.0 + 0.5 * zj + w(2) + v(2);
            const double ordered = 0.2 + w(3) + v(3);
            const double soj = ordered <= 0.0 ? 0.0 : ordered <= orderedThreshold ? 1.0 : 2.0;
            const bool snOut = rng.uniform() < (zj > 0.0 ? 0.35 : 0.05);
            const bool soOut = rng.uniform() < 0.15;
            for (int i = 0; i < pupilsPerSchool; ++i) {
                const Eigen::VectorXd e = drawNormalVector(rng, omegaE);
                const double xi = rng.normal();
                district.push_back(k + 1);
                school.push_back(100 * (k + 1) + s);
                x.push_back(xi);
                z.push_back(zj);
                t.push_back(tk);
                yn.push_back(1.0 + 0.5 * xi + w(0) + v(0) + e(0));
                yb.push_back(0.3 + w(1) + v(1) + e(1) > 0.0 ? 1.0 : 0.0);
                sn.push_back(snj);
                so.push_back(soj);
                dn.push_back(dnk);
                db.push_back(dbk);
                ynMissing.push_back(rng.uniform() < (xi > 0.0 ? 0.3 : 0.05));
                ybMissing.push_back(rng.uniform() < (xi > 0.0 ? 0.05 : 0.25));
                snMissing.push_back(snOut);
                soMissing.push_back(soOut);
                dnMissing.push_back(dnOut);
                dbMissing.push_back(dbOut);
            }
        }
    }
    Dataset data("threelevel");
    data.addColumn(Column("district", district));
    data.addColumn(Column("school", school));
    data.addColumn(Column("x", x));
    data.addColumn(Column("z", z));
    data.addColumn(Column("t", t));
    const auto add = [&](const char* name, const std::vector<double>& values,
                         const std::vector<bool>& missing) {
        Column column(name, values);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (missing[i])
                column.setMissing(i);
        data.addColumn(column);
    };
    add("yn", yn, ynMissing);
    add("yb", yb, ybMissing);
    add("sn", sn, snMissing);
    add("so", so, soMissing);
    add("dn", dn, dnMissing);
    add("db", db, dbMissing);
    return data;
}

ImputationModelSpec spec()
{
    ImputationModelSpec spec;
    const std::vector<ExplanatoryTerm> cons = {{"cons", false}};
    spec.level1Responses = {{"yn", ResponseType::Normal, 0, {{"cons", false}, {"x", false}}, {}},
                            {"yb", ResponseType::Binary, 2, cons, {}}};
    spec.classifications = {{"school",
                             {{"sn", ResponseType::Normal, 0, {{"cons", false}, {"z", false}}, {}},
                              {"so", ResponseType::Ordered, 3, cons, {}}}},
                            {"district",
                             {{"dn", ResponseType::Normal, 0, {{"cons", false}, {"t", false}}, {}},
                              {"db", ResponseType::Binary, 2, cons, {}}}}};
    spec.nested = true;
    return spec;
}

// Each free element of a covariance matrix within 4 posterior sd of the truth (data variation of
// about one sd plus Monte Carlo error); returns how many were checked.
int expectMatrix(const ImputationResult& result, const std::vector<std::string>& names,
                 const Eigen::MatrixXd& truth, const std::string& where)
{
    int checked = 0;
    const int size = static_cast<int>(names.size());
    for (int a = 0; a < size; ++a)
        for (int b = 0; b <= a; ++b) {
            const std::string what =
                (a == b ? "var(" + names[a] + ")" : "cov(" + names[a] + ", " + names[b] + ")") +
                " at " + where;
            for (const ParameterSummary& s : result.summary) {
                if (s.description != what)
                    continue;
                ++checked;
                EXPECT_NEAR(s.mean, truth(a, b), 4.0 * s.sd) << what << " ESS " << s.ess;
                if (a == b || std::abs(s.mean - truth(a, b)) > 2.0 * s.sd)
                    std::printf("  %-34s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n",
                                what.c_str(), truth(a, b), s.mean, s.sd, s.ess);
            }
        }
    return checked;
}

TEST(NLevelHigherResponses, RecoversResponsesAtSchoolAndDistrict)
{
    const Dataset data = simulate(41);
    const ImputationResult result =
        runJointImputation(data, spec(), singleChain(3000, 7), RunControl{});

    const std::map<std::string, double> coefficients = {
        {"yn:cons", 1.0}, {"yn:x", 0.5},     {"yb:cons", 0.3}, {"sn:cons", 2.0}, {"sn:z", 0.5},
        {"so:cons", 0.2}, {"dn:cons", -1.0}, {"dn:t", 0.5},    {"db:cons", -0.3}};
    for (const auto& [term, truth] : coefficients) {
        const ParameterSummary& s = summaryByTerm(result, term);
        std::printf("  %-10s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n", term.c_str(), truth,
                    s.mean, s.sd, s.ess);
        EXPECT_NEAR(s.mean, truth, 4.0 * s.sd) << term;
    }
    const ParameterSummary& threshold = summaryByTerm(result, "threshold_so_1");
    EXPECT_NEAR(threshold.mean, orderedThreshold, 4.0 * threshold.sd);

    // Level 1: yb's variance fixed. School: so's variance fixed. District: db's variance fixed.
    EXPECT_EQ(expectMatrix(result, {"yn", "yb"}, omegaE, "level 1"), 2);
    EXPECT_EQ(expectMatrix(result, {"u(yn)", "u(yb)", "sn", "so"}, omegaSchool, "school"), 9);
    EXPECT_EQ(expectMatrix(result, {"u(yn)", "u(yb)", "u(sn)", "u(so)", "dn", "db"}, omegaDistrict,
                           "district"),
              20);
    // The Normal responses' variances at their own classification, which the data identify
    // well, within a stated relative tolerance (the 4-sd bands above are wide for them).
    EXPECT_NEAR(summaryOf(result, "var(sn) at school").mean, 0.8, 0.25 * 0.8);
    EXPECT_NEAR(summaryOf(result, "var(dn) at district").mean, 0.5, 0.35 * 0.5);

    // Completed data: every response filled in, one row per unit at each classification, and
    // the level-1 file's higher-level responses constant within their units.
    const Dataset& completed = result.completedDatasets[0];
    for (const char* name : {"yn", "yb", "sn", "so", "dn", "db"})
        EXPECT_EQ(completed.column(name).missingCount(), 0u) << name;
    ASSERT_EQ(result.classificationDatasets.size(), 2u);
    ASSERT_EQ(result.classificationDatasets[0].size(), 1u);
    ASSERT_EQ(result.classificationDatasets[1].size(), 1u);
    const Dataset& schools = result.classificationDatasets[0][0];
    const Dataset& districtData = result.classificationDatasets[1][0];
    EXPECT_EQ(schools.name(), "Imputation_Model_impute_L2Data_chain0_iter3000");
    EXPECT_EQ(districtData.name(), "Imputation_Model_impute_L3Data_chain0_iter3000");
    EXPECT_EQ(schools.rowCount(), static_cast<std::size_t>(districts * schoolsPerDistrict));
    EXPECT_EQ(districtData.rowCount(), static_cast<std::size_t>(districts));
    std::map<double, double> dnOfDistrict;
    for (std::size_t k = 0; k < districtData.rowCount(); ++k)
        dnOfDistrict[districtData.column("district").values[k]] =
            districtData.column("dn").values[k];
    for (std::size_t i = 0; i < completed.rowCount(); ++i)
        ASSERT_EQ(completed.column("dn").values[i],
                  dnOfDistrict.at(completed.column("district").values[i]));
    for (const double category : districtData.column("db").values)
        EXPECT_TRUE(category == 0.0 || category == 1.0);
}

} // namespace
} // namespace grove
