// SPDX-License-Identifier: GPL-3.0-or-later
#include "MoiTestData.h"

#include "core/moi/ModelOfInterest.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>

namespace grove {
namespace {

using moitest::parameter;

MoiSpec tutorialSpec(long burnin, long iterations)
{
    MoiSpec spec;
    spec.responses = {"normexam"};
    spec.distribution = MoiDistribution::Normal;
    spec.explanatory = {{"cons", false}, {"standlrt", false}, {"girl", false}, {"schgend", true}};
    spec.twoLevel = true;
    spec.level2Id = "school";
    spec.burnin = burnin;
    spec.iterations = iterations;
    return spec;
}

TEST(NormalMoi, TutorialRandomInterceptMatchesLme4)
{
    const std::optional<Dataset> data = moitest::tutorial();
    if (!data)
        GTEST_SKIP() << "datasets/csv/tutorial.csv not found";
    const MoiFit fit = fitModelOfInterest(*data, tutorialSpec(500, 5000), 20240601, 0, {});

    ASSERT_EQ(fit.summary.size(), 7u);
    EXPECT_EQ(fit.summary[0].name, "beta_0");
    EXPECT_EQ(fit.summary[0].term, "cons");
    EXPECT_EQ(fit.summary[3].term, "schgend_1");
    EXPECT_EQ(fit.summary[4].term, "schgend_2");
    EXPECT_EQ(fit.summary[5].name, "sigma2_u");
    EXPECT_EQ(fit.summary[6].name, "sigma2_e");
    EXPECT_EQ(fit.summary[5].term, "var(cons)");
    EXPECT_EQ(fit.summary[6].term, "var(residual)");
    EXPECT_EQ(fit.unitCount, 65u);
    EXPECT_EQ(fit.rowCount, 4059u);
    EXPECT_TRUE(fit.raoBlackwellised);

    // lme4 codes schgend with category 1 (mixed) as reference; ours makes the last (3) the
    // reference, with dummies d1 = [schgend=1], d2 = [schgend=2]. Then lme4's
    // (Intercept) = b0 + d1, schgend2 = d2 - d1, schgend3 = -d1 (linear, so posterior means
    // transform exactly).
    const double b0 = fit.summary[0].mean;
    const double d1 = fit.summary[3].mean;
    const double d2 = fit.summary[4].mean;
    struct Check {
        const char* term;
        double ours;
        double reference;
        double se;
    };
    const Check checks[] = {
        {"(Intercept)", b0 + d1, -0.16815, 0.054},
        {"standlrt", fit.summary[1].mean, 0.55996, 0.01244},
        {"girl", fit.summary[2].mean, 0.16723, 0.03408},
        {"schgend2", d2 - d1, 0.17762, 0.11075},
        {"schgend3", -d1, 0.15896, 0.08725},
    };
    for (const Check& check : checks) {
        SCOPED_TRACE(std::string(check.term) + ": ours " + std::to_string(check.ours) + ", lme4 " +
                     std::to_string(check.reference));
        std::cout << "[tutorial] " << check.term << " ours " << check.ours << " lme4 "
                  << check.reference << " diff/SE " << (check.ours - check.reference) / check.se
                  << "\n";
        // With a flat prior the posterior mean of beta is the GLS estimate averaged over the
        // variance posterior; it differs from REML's plug-in by a small fraction of an SE.
        EXPECT_NEAR(check.ours, check.reference, 0.25 * check.se);
    }
    // Variances: posterior means exceed REML (right-skewed posteriors; ~65 units for sigma2_u
    // gives a skew of a few per cent, the Gamma(0.001,0.001) prior adds a little). Allow 15%
    // for sigma2_u and 2% for sigma2_e (4059 rows, REML 0.56227, posterior sd ~0.0125).
    const double sigma2u = parameter(fit, "sigma2_u").mean;
    const double sigma2e = parameter(fit, "sigma2_e").mean;
    std::cout << "[tutorial] sigma2_u " << sigma2u << " (REML 0.08111), sigma2_e " << sigma2e
              << " (REML 0.56227)\n";
    EXPECT_NEAR(sigma2u, 0.08111, 0.15 * 0.08111);
    EXPECT_NEAR(sigma2e, 0.56227, 0.02 * 0.56227);
    // The posterior sd of the fixed effects should match the lme4 SEs within ~10% (the
    // posterior also carries the uncertainty of the variances, REML SEs do not).
    EXPECT_NEAR(fit.summary[1].sd, 0.01244, 0.1 * 0.01244);
    EXPECT_NEAR(fit.summary[2].sd, 0.03408, 0.1 * 0.03408);
}

// The short-run mixing requirement on the tutorial data (N = 4059, J = 65): with burn-in 100 and
// 250 iterations every parameter's posterior mean (fixed effects and variances) lies within 0.1
// posterior sd of a 20,000-iteration run, for five short-run seeds. 250 independent draws alone
// would give a Monte Carlo error of 0.063 sd (|gap| > 0.1 sd one time in nine); the
// Rao-Blackwellised means (NormalSampler.h) bring it to ~0.01-0.02 sd, so 0.1 sd is several
// Monte Carlo errors.
TEST(NormalMoi, TutorialShortRunMatchesLongRun)
{
    const std::optional<Dataset> data = moitest::tutorial();
    if (!data)
        GTEST_SKIP() << "datasets/csv/tutorial.csv not found";
    const auto start = std::chrono::steady_clock::now();
    const double worst = moitest::expectShortRunMatchesLongRun(
        "tutorial",
        [&](long burnin, long iterations, std::uint64_t seed) {
            return fitModelOfInterest(*data, tutorialSpec(burnin, iterations), seed, 0, {});
        },
        {1u, 2u, 3u, 4u, 5u});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[tutorial] worst gap " << worst << " sd; 22250 iterations in " << seconds
              << " s (2-level Normal, p=5, J=65, N=4059)\n";
}

TEST(NormalMoi, TutorialRandomSlopeShortRunMatchesLongRun)
{
    // The same with a random slope on standlrt: a 2 x 2 inverse-Wishart Omega.
    const std::optional<Dataset> data = moitest::tutorial();
    if (!data)
        GTEST_SKIP() << "datasets/csv/tutorial.csv not found";
    moitest::expectShortRunMatchesLongRun("tutorial slope",
                                          [&](long burnin, long iterations, std::uint64_t seed) {
                                              MoiSpec spec = tutorialSpec(burnin, iterations);
                                              spec.randomSlopes = {"standlrt"};
                                              return fitModelOfInterest(*data, spec, seed, 0, {});
                                          },
                                          {1u, 2u, 3u, 4u, 5u});
}

} // namespace
} // namespace grove
