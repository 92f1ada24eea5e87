// SPDX-License-Identifier: GPL-3.0-or-later
// Correctness gate of the engine benchmarks (bench/README.md): posterior means of the key
// parameters on scenario A (tutmiss, the model `bench_imputation jomo` runs) within 3 Monte
// Carlo standard errors of a long reference run.
//
// Reference: an older version of this sampler, without the unit shift move, the extra level-2
// sweeps and the ziggurat normals (random-walk free in this model), `bench_imputation jomo
// 200000 2000` (seed 3): means and batch-means MCSEs (100 batches) of 200,000 draws. Being an
// older sampler, it checks that the new moves leave the posterior unchanged. The tolerance is
// 3 * sqrt(MCSE_test^2 + MCSE_reference^2), with the test's MCSE = sd / sqrt(ESS).
#include "TestSupport.h"

#include "core/io/DatasetReader.h"
#include "core/mcmc/JointImputation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace grove {
namespace {

struct Reference {
    const char* name;
    double mean;
    double mcse;
};

// Key parameters: intercepts, level-1 and level-2 variances, covariances with latents.
constexpr Reference references[] = {
    {"beta_0", -0.41739, 0.000353},     // normexam intercept
    {"beta_3", -0.53386, 0.000151},     // standlrtmiss intercept
    {"beta_6", 0.25017, 0.011746},      // girlmiss latent intercept
    {"beta_9", 0.35924, 0.003095},      // schgendmiss latent 0 intercept
    {"beta_10", -0.62204, 0.007037},    // schgendmiss latent 1 intercept
    {"omega_u_0", 0.09771, 0.000107},   // var u(normexam)
    {"omega_u_2", 0.01169, 0.000022},   // var u(standlrtmiss)
    {"omega_u_5", 5.87983, 0.077247},   // var u(girlmiss): the worst-mixing parameter
    {"omega_u_8", -1.30782, 0.016341},  // cov(schgendmiss_0, u(girlmiss))
    {"omega_u_12", -1.93291, 0.013468}, // cov(schgendmiss_1, u(girlmiss))
    {"omega_e_0", 0.84812, 0.000046},   {"omega_e_2", 0.90445, 0.000056},
    {"omega_e_3", 0.17205, 0.000184}, // cov(girlmiss, normexam) at level 1
    {"omega_e_4", 0.11861, 0.000164}, // cov(girlmiss, standlrtmiss) at level 1
};

TEST(ReferenceRun, KeyPosteriorMeansWithinThreeMcseOfTheLongReferenceRun)
{
    const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    const std::vector<ExplanatoryTerm> x = {{"cons", false}, {"vrband", true}};
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, x, {}},
        {"standlrtmiss", ResponseType::Normal, 0, x, {}},
        {"girlmiss", ResponseType::Binary, 2, x, {}},
    };
    spec.classifications[0].responses = {
        {"schgendmiss", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    // Summaries use the iterations after firstImputation / 2: 3000 burn-in, 3000 kept.
    const ImputationResult result =
        runJointImputation(data, spec, testing::singleChain(6000, 17), RunControl{});
    for (const Reference& reference : references) {
        const ParameterSummary* found = nullptr;
        for (const ParameterSummary& summary : result.summary)
            if (summary.name == reference.name)
                found = &summary;
        ASSERT_NE(found, nullptr) << reference.name;
        const double mcse = found->sd / std::sqrt(found->ess);
        const double tolerance = 3.0 * std::sqrt(mcse * mcse + reference.mcse * reference.mcse);
        EXPECT_NEAR(found->mean, reference.mean, tolerance)
            << reference.name << " (" << found->description << "): ESS " << found->ess;
    }
}

} // namespace
} // namespace grove
