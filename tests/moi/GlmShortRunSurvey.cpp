// SPDX-License-Identifier: GPL-3.0-or-later
// A measurement, not a check (DISABLED_, so CI skips it): the short-run gaps of GlmShortRunTest
// over many seeds, to tell a tolerance that holds reliably from one that passes by luck. For
// every parameter it prints the mean gap (bias: burn-in, or the long run's own error), the sd of
// the gaps (Monte Carlo error of a 250-iteration mean), their root-mean-square and maximum, in
// long-run posterior sds, for the reported (Rao-Blackwellised) and the plain draw means; and the
// long run's own means, sds and acceptance rates (two long runs of a changed sampler, compared
// within their Monte Carlo error, check that a change leaves the posterior invariant).
//
//   test_moi --gtest_also_run_disabled_tests --gtest_filter='*GlmShortRunSurvey*'
//
// Environment (optional): GROVE_SURVEY_SEEDS (40), GROVE_SURVEY_BURNIN (100),
// GROVE_SURVEY_ITERATIONS (250), GROVE_SURVEY_LONG (20000 iterations after 1000 burn-in),
// GROVE_SURVEY_CASE (run only the case of that name).
#include "GlmTestData.h"

#include "core/moi/ModelOfInterest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace grove {
namespace {

long environmentOr(const char* name, long fallback)
{
    const char* value = std::getenv(name);
    return value != nullptr ? std::strtol(value, nullptr, 10) : fallback;
}

/// Mean, sd, root-mean-square and maximum absolute value of a set of gaps.
struct GapStatistics {
    double mean = 0.0, sd = 0.0, rms = 0.0, worst = 0.0;
};

GapStatistics statisticsOf(const std::vector<double>& gaps)
{
    GapStatistics s;
    const double n = static_cast<double>(gaps.size());
    for (double g : gaps) {
        s.mean += g / n;
        s.rms += g * g / n;
        s.worst = std::max(s.worst, std::abs(g));
    }
    for (double g : gaps)
        s.sd += (g - s.mean) * (g - s.mean) / (n - 1.0);
    s.sd = std::sqrt(s.sd);
    s.rms = std::sqrt(s.rms);
    return s;
}

class GlmShortRunSurvey : public ::testing::TestWithParam<moitest::GlmCase> {};

TEST_P(GlmShortRunSurvey, DISABLED_GapsOverSeeds)
{
    const moitest::GlmCase c = GetParam();
    const char* only = std::getenv("GROVE_SURVEY_CASE");
    if (only != nullptr && std::string(only) != c.name)
        GTEST_SKIP();
    const long seeds = environmentOr("GROVE_SURVEY_SEEDS", 40);
    const long burnin = environmentOr("GROVE_SURVEY_BURNIN", 100);
    const long iterations = environmentOr("GROVE_SURVEY_ITERATIONS", 250);
    const long longIterations = environmentOr("GROVE_SURVEY_LONG", 20000);
    const Dataset data = moitest::simulate(c, 4242);
    const MoiFit longRun =
        fitModelOfInterest(data, moitest::specFor(c, 1000, longIterations), 99, 0, {});
    const std::size_t count = longRun.summary.size();
    std::vector<std::vector<double>> gaps(count), plainGaps(count);
    for (long seed = 1; seed <= seeds; ++seed) {
        const MoiFit shortRun = fitModelOfInterest(data, moitest::specFor(c, burnin, iterations),
                                                   static_cast<std::uint64_t>(seed), 0, {});
        ASSERT_EQ(shortRun.summary.size(), count);
        for (std::size_t k = 0; k < count; ++k) {
            const MoiParameterSummary& l = longRun.summary[k];
            gaps[k].push_back((shortRun.summary[k].mean - l.mean) / l.sd);
            plainGaps[k].push_back((shortRun.summary[k].drawMean - l.mean) / l.sd);
        }
    }
    std::printf("[survey %s] %ld seeds, burn-in %ld, %ld iterations; long run %ld\n", c.name, seeds,
                burnin, iterations, longIterations);
    std::printf("[survey %s] %-10s %8s %8s %8s %8s | plain %8s | long run %10s %10s\n", c.name,
                "parameter", "bias", "sd", "rms", "max", "rms", "mean", "sd");
    for (std::size_t k = 0; k < count; ++k) {
        const GapStatistics s = statisticsOf(gaps[k]);
        const GapStatistics p = statisticsOf(plainGaps[k]);
        const MoiParameterSummary& l = longRun.summary[k];
        std::printf("[survey %s] %-10s %8.4f %8.4f %8.4f %8.4f | plain %8.4f | long run %10.6f "
                    "%10.6f\n",
                    c.name, l.name.c_str(), s.mean, s.sd, s.rms, s.worst, p.rms, l.mean, l.sd);
    }
    for (const auto& [block, rate] : longRun.acceptanceRates)
        std::printf("[survey %s] long-run acceptance %s %.3f\n", c.name, block.c_str(), rate);
}

INSTANTIATE_TEST_SUITE_P(Models, GlmShortRunSurvey, ::testing::ValuesIn(moitest::glmCases()),
                         [](const ::testing::TestParamInfo<moitest::GlmCase>& param) {
                             return std::string(param.param.name);
                         });

} // namespace
} // namespace grove
