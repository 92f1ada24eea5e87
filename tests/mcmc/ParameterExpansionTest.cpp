// SPDX-License-Identifier: GPL-3.0-or-later
// The latent covariance step by parameter expansion (ExpandedCovarianceSampler in
// JointImputationSampler): known latent correlations recovered after a short run; the
// correlation draws calibrated (simulation-based calibration, Talts et al. 2018); and the same
// posterior as the random-walk sampler it replaces, which stays selectable.
#include "TestSupport.h"

#include "core/mcmc/JointImputationSampler.h"
#include "core/mcmc/ParameterSummary.h"
#include "core/model/ImputationDesign.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace grove {
namespace {

using testing::drawNormalVector;
using testing::maximumIndicant;

// Level-1 dimensions yn, yb, yo, yu_0, yu_1 (Normal, Binary, Ordered 3, Unordered 3).
Eigen::MatrixXd mixedCovariance()
{
    Eigen::MatrixXd omega(5, 5);
    omega << 1.0, 0.2, 0.2, -0.4, 0.0, //
        0.2, 1.0, 0.6, 0.2, 0.2,       //
        0.2, 0.6, 1.0, 0.2, 0.2,       //
        -0.4, 0.2, 0.2, 1.0, 0.0,      //
        0.0, 0.2, 0.2, 0.0, 1.0;
    return omega;
}
constexpr double orderedThreshold = 0.9;

// J units of `size` rows, u ~ N(0, 0.2 I) on every level-1 dimension, 10% MCAR per response.
Dataset simulateMixed(std::uint64_t seed, int units, int size)
{
    RandomStream rng(seed, 3);
    const Eigen::MatrixXd omegaE = mixedCovariance();
    std::vector<double> id, x, yn, yb, yo, yu;
    for (int j = 0; j < units; ++j) {
        double u[5];
        for (double& value : u)
            value = std::sqrt(0.2) * rng.normal();
        for (int i = 0; i < size; ++i) {
            const Eigen::VectorXd e = drawNormalVector(rng, omegaE);
            const double xi = rng.normal();
            id.push_back(j + 1);
            x.push_back(xi);
            yn.push_back(0.5 + 0.5 * xi + u[0] + e(0));
            yb.push_back(0.2 + 0.4 * xi + u[1] + e(1) > 0.0 ? 1.0 : 0.0);
            const double ordered = 0.3 + u[2] + e(2);
            yo.push_back(ordered <= 0.0 ? 0.0 : ordered <= orderedThreshold ? 1.0 : 2.0);
            const double latent[2] = {0.2 + u[3] + e(3), -0.1 + u[4] + e(4)};
            yu.push_back(maximumIndicant(latent, 2));
        }
    }
    Dataset data("mixed");
    data.addColumn(Column("school", id));
    data.addColumn(Column("x", x));
    Column cyn("yn", yn), cyb("yb", yb), cyo("yo", yo), cyu("yu", yu);
    for (std::size_t i = 0; i < id.size(); ++i)
        for (Column* c : {&cyn, &cyb, &cyo, &cyu})
            if (rng.uniform() < 0.1)
                c->setMissing(i);
    for (Column* c : {&cyn, &cyb, &cyo, &cyu})
        data.addColumn(*c);
    return data;
}

ImputationModelSpec mixedSpec()
{
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    const std::vector<ExplanatoryTerm> terms = {{"cons", false}, {"x", false}};
    spec.level1Responses = {{"yn", ResponseType::Normal, 0, terms, {}},
                            {"yb", ResponseType::Binary, 2, terms, {}},
                            {"yo", ResponseType::Ordered, 3, {{"cons", false}}, {}},
                            {"yu", ResponseType::Unordered, 3, {{"cons", false}}, {}}};
    return spec;
}

// Every monitored parameter's draws after `burnIn` of `iterations`.
std::vector<std::vector<double>> runSampler(const ImputationDesign& design, long burnIn,
                                            long iterations, std::uint64_t seed,
                                            bool parameterExpansion,
                                            std::vector<JointParameter>* parameters = nullptr)
{
    JointImputationSampler sampler(design, true, seed, 0, parameterExpansion);
    std::vector<double> values(sampler.parameters().size());
    std::vector<std::vector<double>> draws(values.size());
    for (long t = 0; t < iterations; ++t) {
        sampler.iterate(t < burnIn);
        if (t < burnIn)
            continue;
        sampler.currentParameters(values.data());
        for (std::size_t p = 0; p < values.size(); ++p)
            draws[p].push_back(values[p]);
    }
    if (parameters)
        *parameters = sampler.parameters();
    return draws;
}

std::size_t indexOf(const std::vector<JointParameter>& parameters, const std::string& description)
{
    for (std::size_t p = 0; p < parameters.size(); ++p)
        if (parameters[p].description == description)
            return p;
    throw std::runtime_error("no parameter described as " + description);
}

// 0.6 between the Ordered and the Binary latent and -0.4 between an Unordered category's latent
// and the Normal response, 1,500 rows in 75 units, 300 + 700 iterations. Tolerance 0.12: the
// posterior sd of these correlations here is 0.03-0.05, so 0.12 is about 3 sd of data
// variation plus Monte Carlo error from ESS >= 20 (measured: 0.63, -0.45, -0.03, 0.20, 0.28
// with ESS 32-163 of 700).
TEST(ParameterExpansion, RecoversKnownLatentCorrelationsAfterAShortRun)
{
    const Dataset data = simulateMixed(31, 75, 20);
    const ImputationDesign design(data, mixedSpec());
    std::vector<JointParameter> parameters;
    const auto draws = runSampler(design, 300, 1000, 5, true, &parameters);
    const struct {
        const char* description;
        double truth;
    } targets[] = {{"cov(yo, yb) at level 1", 0.6},
                   {"cov(yu_0, yn) at level 1", -0.4},
                   {"cov(yu_1, yn) at level 1", 0.0},
                   {"cov(yo, yn) at level 1", 0.2},
                   {"cov(yu_0, yb) at level 1", 0.2}};
    for (const auto& target : targets) {
        const ParameterSummary s = summarizeDraws({draws[indexOf(parameters, target.description)]});
        std::printf("  %-28s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n", target.description,
                    target.truth, s.mean, s.sd, s.ess);
        EXPECT_NEAR(s.mean, target.truth, 0.12) << target.description;
        EXPECT_GE(s.ess, 20.0) << target.description;
    }
    // The Normal response's variance is free (its true value is 1); the threshold rescales with
    // its latent and is recovered too.
    const ParameterSummary variance =
        summarizeDraws({draws[indexOf(parameters, "var(yn) at level 1")]});
    EXPECT_NEAR(variance.mean, 1.0, 0.12);
    const ParameterSummary threshold =
        summarizeDraws({draws[indexOf(parameters, "threshold between categories 1 and 2 of yo")]});
    EXPECT_NEAR(threshold.mean, orderedThreshold, 0.12);
}

// Both samplers target one posterior: long runs on a small data set (400 rows, where the random
// walk mixes well enough to be measured) agree for every parameter within 4.5 combined Monte
// Carlo standard errors (sd / sqrt(ESS)) and sds within 20%; 33 parameters (7 coefficients,
// 15 of Omega_u, 10 of Omega_e, a threshold), so a false alarm is below 1 in 1000. With the
// expansion's Metropolis-Hastings correction left out, 8 of them fail (the calibration test
// below, on a two-response one-level model, does not see that error).
TEST(ParameterExpansion, SamePosteriorAsTheRandomWalkSampler)
{
    const Dataset data = simulateMixed(32, 40, 10);
    const ImputationDesign design(data, mixedSpec());
    std::vector<JointParameter> parameters;
    const auto expanded = runSampler(design, 1000, 16000, 11, true, &parameters);
    const auto randomWalk = runSampler(design, 1000, 26000, 12, false);
    int compared = 0;
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        const ParameterSummary a = summarizeDraws({expanded[p]});
        const ParameterSummary b = summarizeDraws({randomWalk[p]});
        const double mcse = std::sqrt(a.sd * a.sd / a.ess + b.sd * b.sd / b.ess);
        EXPECT_NEAR(a.mean, b.mean, 4.5 * mcse)
            << parameters[p].name << " (" << parameters[p].description << "): ESS " << a.ess
            << " / " << b.ess;
        EXPECT_NEAR(a.sd, b.sd, 0.2 * b.sd) << parameters[p].name;
        if (std::abs(a.mean - b.mean) > 2.5 * mcse)
            std::printf("  %-12s %-40s expanded %8.4f (ESS %6.0f) random walk %8.4f (ESS %6.0f)\n",
                        parameters[p].name.c_str(), parameters[p].description.c_str(), a.mean,
                        a.ess, b.mean, b.ess);
        ++compared;
    }
    EXPECT_EQ(compared, 33);
}

// Simulation-based calibration: the true correlation drawn from its prior, data simulated from
// it, and its rank among thinned posterior draws; over replications the ranks are uniform iff
// the draws come from the posterior (Talts, Betancourt, Simpson, Vehtari & Gelman 2018).
// Model: one level, a Binary and an Ordered (3) response with cons, 150 rows. Prior of the
// correlation rho under IW(3, I) restricted to unit variances: proportional to
// (1 - rho^2)^-3 exp(-1 / (1 - rho^2)), drawn by rejection. The intercepts and the threshold
// have flat priors in the model, so their true values come from wide proper stand-ins
// (N(0, 0.5^2), U(0.5, 1.5)), whose pull on rho's posterior is negligible at this sample size.
TEST(ParameterExpansion, CorrelationDrawsAreCalibrated)
{
    constexpr int replications = 240;
    constexpr int rows = 150;
    constexpr long burnIn = 150;
    constexpr long thin = 15;
    constexpr int kept = 19; // ranks 0..19: 20 bins of 12 expected
    std::vector<int> histogram(kept + 1, 0);
    RandomStream rng(2026, 1);
    for (int r = 0; r < replications; ++r) {
        // A replication whose data lack a category is drawn again: a selection on the data
        // alone, which leaves each kept replication's posterior, hence the ranks, as they are.
        double rho = 0.0;
        std::vector<double> yb, yo;
        for (bool complete = false; !complete;) {
            for (;;) {
                rho = 2.0 * rng.uniform() - 1.0;
                const double t = 1.0 / (1.0 - rho * rho);
                if (rng.uniform() * 1.35 < t * t * t * std::exp(-t)) // max 27 e^-3 at t = 3
                    break;
            }
            const double intercept[2] = {0.5 * rng.normal(), 0.5 * rng.normal()};
            const double threshold = 0.5 + rng.uniform();
            yb.clear();
            yo.clear();
            int counts[5] = {};
            for (int i = 0; i < rows; ++i) {
                const double e0 = rng.normal();
                const double e1 = rho * e0 + std::sqrt(1.0 - rho * rho) * rng.normal();
                yb.push_back(intercept[0] + e0 > 0.0 ? 1.0 : 0.0);
                const double o = intercept[1] + e1;
                yo.push_back(o <= 0.0 ? 0.0 : o <= threshold ? 1.0 : 2.0);
                ++counts[static_cast<int>(yb.back())];
                ++counts[2 + static_cast<int>(yo.back())];
            }
            complete = counts[0] && counts[1] && counts[2] && counts[3] && counts[4];
        }
        Dataset data("sbc");
        data.addColumn(Column("yb", yb));
        data.addColumn(Column("yo", yo));
        ImputationModelSpec spec;
        spec.level1Responses = {{"yb", ResponseType::Binary, 2, {{"cons", false}}, {}},
                                {"yo", ResponseType::Ordered, 3, {{"cons", false}}, {}}};
        const ImputationDesign design(data, spec);
        std::vector<JointParameter> parameters;
        const auto draws =
            runSampler(design, burnIn, burnIn + thin * kept, 100 + r, true, &parameters);
        const auto& correlation = draws[indexOf(parameters, "cov(yo, yb) at level 1")];
        int rank = 0;
        for (int k = 0; k < kept; ++k)
            rank += correlation[static_cast<std::size_t>((k + 1) * thin - 1)] < rho ? 1 : 0;
        ++histogram[static_cast<std::size_t>(rank)];
    }
    const double expected = static_cast<double>(replications) / (kept + 1);
    double chiSquare = 0.0;
    for (int count : histogram) {
        chiSquare += (count - expected) * (count - expected) / expected;
        std::printf("%d ", count);
    }
    std::printf("\n  chi-square %.1f on %d df\n", chiSquare, kept);
    // 19 df: the 0.999 quantile is 43.8.
    EXPECT_LT(chiSquare, 43.8);
}

} // namespace
} // namespace grove
