// SPDX-License-Identifier: GPL-3.0-or-later
// 2LevelMissingOnePass recovers a known interaction model from simulated 2-level data whose
// covariates are missing at random given the response, where complete cases are biased.
#include "OnePassTestSupport.h"

#include "core/onepass/OnePass.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

namespace grove::onepass {
namespace {

using testing::posterior;

struct Simulated {
    Dataset data{"simulated"};
    std::vector<double> truth; // beta_0..beta_3
    double omega = 0.25;
    double sigma2 = 1.0;
};

double logistic(double t)
{
    return 1.0 / (1.0 + std::exp(-t));
}

/// J = 100 clusters of 30: x1 Normal and x2 = 1(z2 > 0) with (x1, z2) correlated at both
/// levels, y = 1 + 0.5 x1 + 0.8 x2 + 0.6 x1 x2 + u_j + e; x1 missing more often for large y,
/// x2 for small y (MAR given y, about 25% each).
Simulated simulate(std::uint64_t seed)
{
    Simulated s;
    s.truth = {1.0, 0.5, 0.8, 0.6};
    RandomStream rng(seed, 0);
    std::vector<double> school, cons, y, x1, x2, x1full, x2full;
    for (int j = 0; j < 100; ++j) {
        const double u = std::sqrt(s.omega) * rng.normal();
        const double w = std::sqrt(0.3) * rng.normal();
        const double c =
            0.6 * w / std::sqrt(0.3) * std::sqrt(0.2) + std::sqrt(0.2 * 0.64) * rng.normal();
        for (int i = 0; i < 30; ++i) {
            const double e1 = rng.normal();
            const double e2 = 0.5 * e1 + std::sqrt(0.75) * rng.normal();
            const double a = w + e1;
            const double b = (0.2 + c + e2) > 0.0 ? 1.0 : 0.0;
            const double response = s.truth[0] + s.truth[1] * a + s.truth[2] * b +
                                    s.truth[3] * a * b + u + std::sqrt(s.sigma2) * rng.normal();
            school.push_back(j + 1);
            cons.push_back(1.0);
            y.push_back(response);
            x1full.push_back(a);
            x2full.push_back(b);
            x1.push_back(rng.uniform() < logistic(-1.4 + 0.9 * (response - 1.5)) ? missingValue
                                                                                 : a);
            x2.push_back(rng.uniform() < logistic(-1.4 - 0.9 * (response - 1.5)) ? missingValue
                                                                                 : b);
        }
    }
    s.data.addColumn(Column("school", school));
    s.data.addColumn(Column("cons", cons));
    s.data.addColumn(Column("y", y));
    s.data.addColumn(Column("x1", x1));
    s.data.addColumn(Column("x2", x2));
    return s;
}

OnePassSpec interactionSpec()
{
    OnePassSpec spec;
    spec.response = "y";
    spec.family = Family::Normal;
    spec.level2Id = "school";
    spec.terms = {{"cons", {{"cons", 1}}},
                  {"x1", {{"x1", 1}}},
                  {"x2", {{"x2", 1}}},
                  {"x1*x2", {{"x1", 1}, {"x2", 1}}}};
    spec.randomCoefficients = {"cons"};
    spec.level1Responses = {{"x1", CovariateKind::Normal, {"cons"}},
                            {"x2", CovariateKind::Binary, {"cons"}}};
    spec.imputationLevel2 = true;
    spec.chains = 2;
    spec.seed = 7;
    spec.burnin = 500;
    spec.iterations = 1500;
    spec.adaptIterations = 500;
    return spec;
}

TEST(SimulatedInteraction, RecoversTruthWhereCompleteCasesAreBiased)
{
    const Simulated s = simulate(20240501);
    const Column& x1 = s.data.column("x1");
    const Column& x2 = s.data.column("x2");
    EXPECT_NEAR(static_cast<double>(x1.missingCount()) / 3000.0, 0.25, 0.06);
    EXPECT_NEAR(static_cast<double>(x2.missingCount()) / 3000.0, 0.25, 0.06);

    const OnePassResult result = runOnePass(s.data, nullptr, interactionSpec(), 2, RunControl{});
    ASSERT_EQ(result.results.chainCount(), 2u);
    ASSERT_EQ(result.results.draws[0][0].size(), 1500u);

    // Complete-case OLS of y on (1, x1, x2, x1 x2).
    std::vector<std::size_t> complete;
    for (std::size_t row = 0; row < s.data.rowCount(); ++row)
        if (!x1.isMissing(row) && !x2.isMissing(row))
            complete.push_back(row);
    Eigen::MatrixXd design(static_cast<Eigen::Index>(complete.size()), 4);
    Eigen::VectorXd response(static_cast<Eigen::Index>(complete.size()));
    for (std::size_t k = 0; k < complete.size(); ++k) {
        const std::size_t row = complete[k];
        const auto i = static_cast<Eigen::Index>(k);
        design.row(i) << 1.0, x1.values[row], x2.values[row], x1.values[row] * x2.values[row];
        response(i) = s.data.column("y").values[row];
    }
    const Eigen::VectorXd cc = design.colPivHouseholderQr().solve(response);

    // Tolerance: 3 posterior sd plus 2 Monte Carlo standard errors, so a correct sampler fails
    // this by chance with probability well under 1% per coefficient.
    bool someCompleteCaseBiased = false;
    for (std::size_t k = 0; k < 4; ++k) {
        const auto p = posterior(result.results, "beta_" + std::to_string(k));
        const double tolerance = 3.0 * p.sd + 2.0 * p.mcse;
        std::cout << "beta_" << k << ": truth " << s.truth[k] << ", one-pass " << p.mean << " (sd "
                  << p.sd << ", mcse " << p.mcse << "), complete cases "
                  << cc(static_cast<Eigen::Index>(k)) << ", tolerance " << tolerance << "\n";
        EXPECT_NEAR(p.mean, s.truth[k], tolerance) << "beta_" << k;
        someCompleteCaseBiased =
            someCompleteCaseBiased ||
            std::abs(cc(static_cast<Eigen::Index>(k)) - s.truth[k]) > tolerance;
    }
    EXPECT_TRUE(someCompleteCaseBiased) << "complete cases should be biased beyond the tolerance";

    const auto omega = posterior(result.results, "omega_uint_0");
    const auto sigma2 = posterior(result.results, "sigma2");
    std::cout << "omega_uint_0 " << omega.mean << " (sd " << omega.sd << "), sigma2 " << sigma2.mean
              << " (sd " << sigma2.sd << ")\n";
    EXPECT_NEAR(omega.mean, s.omega, 3.0 * omega.sd + 2.0 * omega.mcse);
    EXPECT_NEAR(sigma2.mean, s.sigma2, 3.0 * sigma2.sd + 2.0 * sigma2.mcse);
    // The imputation model's level-2 covariance: x1 has level-2 variance 0.3.
    const auto omegaU0 = posterior(result.results, "omega_u_0");
    std::cout << "omega_u_0 " << omegaU0.mean << " (sd " << omegaU0.sd << ")\n";
    EXPECT_NEAR(omegaU0.mean, 0.3, 3.0 * omegaU0.sd + 2.0 * omegaU0.mcse);
    for (const AcceptanceRate& rate : result.acceptance)
        std::cout << rate.block << ": acceptance " << rate.rate << ", scale " << rate.proposalScale
                  << "\n";
}

} // namespace
} // namespace grove::onepass
