// SPDX-License-Identifier: GPL-3.0-or-later
// Engine throughput (BENCH.md): scenario A, the seeds' worked example on tutmiss, and
// scenario D, simulated N=10^6 rows in 10^4 clusters with 4 continuous responses.
// Usage: bench_imputation [A|D|all] [iterations]   (prints what it measured)
#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/io/DatasetReader.h"
#include "core/mcmc/JointImputation.h"
#include "core/mcmc/JointImputationSampler.h"
#include "core/model/ImputationDesign.h"
#include "core/random/RandomStream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace grove;

namespace {

double seconds(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peakMemoryKb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

ImputationModelSpec scenarioA()
{
    ImputationModelSpec spec;
    spec.twoLevel = true;
    spec.level2Id = "school";
    spec.conditionalAlgorithm = true;
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"standlrtmiss", ResponseType::Normal, 0, {{"cons", false}, {"vrband", true}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
    };
    spec.level2Responses = {
        {"schgendmiss", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    return spec;
}

// Key parameters: intercepts, variances, and covariances that involve a latent (correlations).
bool isKey(const ParameterSummary& s)
{
    if (s.term.find(":cons") != std::string::npos)
        return true;
    return s.description.rfind("var(", 0) == 0 ||
           (s.description.rfind("cov(", 0) == 0 &&
            (s.description.find("girlmiss") != std::string::npos ||
             s.description.find("schgendmiss") != std::string::npos));
}

void runScenarioA(long iterations)
{
    const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    const ImputationModelSpec spec = scenarioA();
    std::printf("Scenario A: tutmiss (N=%zu), normexam, standlrtmiss (Normal), girlmiss (Binary) at "
                "level 1; schgendmiss (Unordered, 3) at level 2; condmarg Yes\n", data.rowCount());
    const ImputationDesign design(data, spec);

    // Per-chain speed: one sampler, timed separately for burn-in and sampling.
    for (bool marginal : {true, false}) {
        JointImputationSampler sampler(design, marginal, 1, 0);
        auto start = std::chrono::steady_clock::now();
        for (long t = 0; t < 500; ++t)
            sampler.iterate(true);
        const double burn = seconds(start);
        start = std::chrono::steady_clock::now();
        for (long t = 0; t < iterations; ++t)
            sampler.iterate(false);
        const double run = seconds(start);
        std::printf("  condmarg %-3s: %.1f us/iteration (%.0f iterations/s per chain); 500 burn-in "
                    "iterations %.3f s\n", marginal ? "Yes" : "No", 1e6 * run / static_cast<double>(iterations),
                    static_cast<double>(iterations) / run, burn);
    }

    // ESS per second: one chain through runJointImputation (1 thread), iterations after burn-in.
    for (bool marginal : {true, false}) {
        ImputationModelSpec s = spec;
        s.conditionalAlgorithm = marginal;
        ImputationSchedule schedule;
        schedule.imputations = 1;
        schedule.firstImputation = iterations;
        schedule.imputationGap = 1;
        schedule.chains = 1;
        schedule.threads = 1;
        schedule.seed = 7;
        const auto start = std::chrono::steady_clock::now();
        const ImputationResult result = runJointImputation(data, s, schedule, RunControl{});
        const double elapsed = seconds(start);
        const ParameterSummary* worst = nullptr;
        for (const ParameterSummary& p : result.summary)
            if (isKey(p) && (!worst || p.ess < worst->ess))
                worst = &p;
        std::printf("  condmarg %-3s: %ld iterations in %.2f s; worst key parameter %s (%s): ESS "
                    "%.0f of %ld -> %.0f ESS/s; correlation MH acceptance %.2f\n",
                    marginal ? "Yes" : "No", iterations, elapsed, worst->name.c_str(),
                    worst->description.c_str(), worst->ess, worst->draws,
                    worst->ess / (elapsed * static_cast<double>(worst->draws) / static_cast<double>(iterations)),
                    result.correlationAcceptanceRate);
        if (marginal)
            for (const ParameterSummary& p : result.summary)
                std::printf("    %-12s %-40s mean %9.4f sd %8.4f ESS %7.0f\n", p.name.c_str(),
                            p.description.c_str(), p.mean, p.sd, p.ess);
    }

    // Throughput with 1 and 2 threads: 2 chains, same work.
    double oneThread = 0.0;
    for (int threads : {1, 2}) {
        ImputationSchedule schedule;
        schedule.imputations = 2;
        schedule.firstImputation = iterations;
        schedule.imputationGap = 1;
        schedule.chains = 2;
        schedule.threads = threads;
        const auto start = std::chrono::steady_clock::now();
        runJointImputation(data, spec, schedule, RunControl{});
        const double elapsed = seconds(start);
        if (threads == 1)
            oneThread = elapsed;
        std::printf("  2 chains x %ld iterations on %d thread(s): %.2f s (%.0f chain-iterations/s)%s\n",
                    iterations, threads, elapsed, 2.0 * static_cast<double>(iterations) / elapsed,
                    threads == 2 ? (" speed-up " + std::to_string(oneThread / elapsed)).c_str() : "");
    }
}

void runScenarioD(long iterations)
{
    const std::size_t units = 10000;
    const std::size_t perUnit = 100;
    const std::size_t n = units * perUnit;
    RandomStream rng(2024, 0);
    Dataset data("scenarioD");
    std::vector<double> id(n);
    std::vector<std::vector<double>> y(4, std::vector<double>(n));
    for (std::size_t j = 0; j < units; ++j) {
        double u[4];
        for (double& value : u)
            value = 0.5 * rng.normal();
        for (std::size_t k = 0; k < perUnit; ++k) {
            const std::size_t i = j * perUnit + k;
            id[i] = static_cast<double>(j + 1);
            const double common = rng.normal();
            for (std::size_t d = 0; d < 4; ++d)
                y[d][i] = static_cast<double>(d) + u[d] + 0.6 * common + 0.8 * rng.normal();
        }
    }
    data.addColumn(Column("id", id));
    ImputationModelSpec spec;
    spec.level2Id = "id";
    for (std::size_t d = 0; d < 4; ++d) {
        Column column("y" + std::to_string(d), y[d]);
        for (std::size_t i = 0; i < n; ++i)
            if (rng.uniform() < 0.2)
                column.setMissing(i);
        data.addColumn(std::move(column));
        spec.level1Responses.push_back({"y" + std::to_string(d), ResponseType::Normal, 0, {{"cons", false}}, {}});
    }
    std::printf("Scenario D: simulated N=%zu, J=%zu, 4 continuous responses, 20%% MCAR each\n", n, units);
    auto start = std::chrono::steady_clock::now();
    const ImputationDesign design(data, spec);
    JointImputationSampler sampler(design, true, 1, 0);
    std::printf("  set-up %.2f s\n", seconds(start));
    sampler.iterate(true);
    start = std::chrono::steady_clock::now();
    for (long t = 0; t < iterations; ++t)
        sampler.iterate(false);
    const double run = seconds(start);
    std::printf("  %.2f ms/iteration (condmarg Yes, %ld iterations); peak resident memory %.0f MB\n",
                1e3 * run / static_cast<double>(iterations), iterations, static_cast<double>(peakMemoryKb()) / 1024.0);
}

// The model jomo can also fit (one X for all level-1 responses): one chain of burn-in +
// iterations, writes the post-burn-in draws as CSV and prints the elapsed seconds.
int runJomoModel(long iterations, long burnin, const char* path)
{
    const Dataset data = readDataset(std::string(GROVE_DATASETS_DIR) + "/tutmiss.dta");
    ImputationModelSpec spec = scenarioA();
    for (ImputationResponse& response : spec.level1Responses)
        response.explanatory = {{"cons", false}, {"vrband", true}};
    ImputationSchedule schedule;
    schedule.imputations = 1;
    schedule.firstImputation = burnin + iterations;
    schedule.chains = 1;
    schedule.seed = 3;
    const auto start = std::chrono::steady_clock::now();
    const ImputationResult result = runJointImputation(data, spec, schedule, RunControl{});
    const double elapsed = seconds(start);
    std::FILE* out = std::fopen(path, "w");
    if (!out)
        return 1;
    const ChainSet& chains = result.chains;
    for (std::size_t p = 0; p < chains.parameterCount(); ++p)
        std::fprintf(out, "%s%s", p ? "," : "", chains.parameters[p].name.c_str());
    std::fprintf(out, "\n");
    for (std::size_t t = static_cast<std::size_t>(burnin); t < chains.draws[0][0].size(); ++t)
        for (std::size_t p = 0; p < chains.parameterCount(); ++p)
            std::fprintf(out, "%.10g%s", chains.draws[0][p][t], p + 1 < chains.parameterCount() ? "," : "\n");
    std::fclose(out);
    std::printf("%.4f\n", elapsed);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string which = argc > 1 ? argv[1] : "all";
    if (which == "jomo" && argc > 4)
        return runJomoModel(std::atol(argv[2]), std::atol(argv[3]), argv[4]);
    const long iterations = argc > 2 ? std::atol(argv[2]) : 5000;
    if (which == "A" || which == "all")
        runScenarioA(iterations);
    if (which == "D" || which == "all")
        runScenarioD(std::max(10L, iterations / 100));
    return 0;
}
