// SPDX-License-Identifier: GPL-3.0-or-later
// Engine throughput (bench/README.md): scenario A, the Stat-JR manual's worked example on tutmiss,
// and scenario D, simulated N=10^6 rows in 10^4 clusters with 4 continuous responses. Usage:
// bench_imputation [A|B|B0|C|D|all] [iterations]   (prints what it measured; B0: B as first
//        defined, with tutmiss's school-level vrband as the level-1 Ordered response)
//        bench_imputation count ITERATIONS [jomo]   (scenario A's sampler only, for callgrind)
//        bench_imputation jomo ITERATIONS BURNIN OUT.csv [SEED]   (draws for compare_jomo.sh)
//        bench_imputation trace A|B ITERATIONS   (final and summed parameters, 17 digits)
//        bench_imputation E|F ITERATIONS   (N-level: 3-level nested, crossed; N = 100,000)
//        bench_imputation G ITERATIONS   (N-level: N = 10^6, crossed 10^4 x 10^3 units)
//        bench_imputation mixed ITERATIONS BURNIN OUT.csv DATA.csv [SEED]
//            (scenario B's level-1 model, for compare_jomo_mixed.sh)
//        bench_imputation walk B|B0|C [ITERATIONS]   (with the random-walk sampler)
#include "core/common/RunControl.h"
#include "core/data/Dataset.h"
#include "core/mcmc/JointImputation.h"
#include "core/mcmc/JointImputationSampler.h"
#include "core/mcmc/ParameterSummary.h"
#include "core/model/ImputationDesign.h"
#include "core/random/RandomStream.h"

#include "bench/WorkedExample.h"

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

// One chain on one thread whose every iteration after `iterations` / 2 is summarised.
ImputationSchedule singleChain(long iterations, std::uint64_t seed)
{
    ImputationSchedule schedule;
    schedule.imputations = 1;
    schedule.firstImputation = iterations;
    schedule.imputationGap = 1;
    schedule.chains = 1;
    schedule.threads = 1;
    schedule.seed = seed;
    return schedule;
}

// One chain of burn-in + iterations for a peer comparison: writes the post-burn-in draws as CSV
// (a column a parameter) and prints the elapsed seconds.
int runPeerModel(const Dataset& data, const ImputationModelSpec& spec, long iterations, long burnin,
                 const char* path, std::uint64_t seed)
{
    ImputationSchedule schedule;
    schedule.imputations = 1;
    schedule.firstImputation = burnin + iterations;
    schedule.chains = 1;
    schedule.seed = seed;
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
            std::fprintf(out, "%.10g%s", chains.draws[0][p][t],
                         p + 1 < chains.parameterCount() ? "," : "\n");
    std::fclose(out);
    std::printf("%.4f\n", elapsed);
    return 0;
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
    const Dataset data = bench::readTutmiss();
    const ImputationModelSpec spec = bench::workedExampleSpec();
    std::printf(
        "Scenario A: tutmiss (N=%zu), normexam, standlrtmiss (Normal), girlmiss (Binary) at "
        "level 1; schgendmiss (Unordered, 3) at level 2; condmarg Yes\n",
        data.rowCount());
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
                    "iterations %.3f s\n",
                    marginal ? "Yes" : "No", 1e6 * run / static_cast<double>(iterations),
                    static_cast<double>(iterations) / run, burn);
    }

    // ESS per second: one chain through runJointImputation (1 thread), iterations after burn-in.
    for (bool marginal : {true, false}) {
        ImputationModelSpec s = spec;
        s.conditionalAlgorithm = marginal;
        const ImputationSchedule schedule = singleChain(iterations, 7);
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
                    worst->ess / (elapsed * static_cast<double>(worst->draws) /
                                  static_cast<double>(iterations)),
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
        std::printf(
            "  2 chains x %ld iterations on %d thread(s): %.2f s (%.0f chain-iterations/s)%s\n",
            iterations, threads, elapsed, 2.0 * static_cast<double>(iterations) / elapsed,
            threads == 2 ? (" speed-up " + std::to_string(oneThread / elapsed)).c_str() : "");
    }
}

// One chain through runJointImputation: time per iteration and the worst key parameter.
void timeAndWorst(const char* label, const Dataset& data, const ImputationModelSpec& spec,
                  long iterations)
{
    const ImputationSchedule schedule = singleChain(iterations, 11);
    const auto start = std::chrono::steady_clock::now();
    const ImputationResult result = runJointImputation(data, spec, schedule, RunControl{});
    const double elapsed = seconds(start);
    const ParameterSummary* worst = nullptr;
    for (const ParameterSummary& p : result.summary)
        if (!worst || p.ess < worst->ess)
            worst = &p;
    std::printf("  %s: %ld iterations, %.1f us/iteration; worst parameter %s (%s): ESS %.0f of %ld "
                "-> %.0f ESS/s; correlation MH acceptance %.2f, thresholds %.2f\n",
                label, iterations, 1e6 * elapsed / static_cast<double>(iterations),
                worst->name.c_str(), worst->description.c_str(), worst->ess, worst->draws,
                worst->ess /
                    (elapsed * static_cast<double>(worst->draws) / static_cast<double>(iterations)),
                result.correlationAcceptanceRate, result.thresholdAcceptanceRate);
    for (const ParameterSummary& p : result.summary)
        if (p.ess < 100.0)
            std::printf("    %-12s %-40s mean %9.4f sd %8.4f ESS %7.0f\n", p.name.c_str(),
                        p.description.c_str(), p.mean, p.sd, p.ess);
}

// One chain of the sampler itself with the random-walk covariance step (the sampler the
// parameter expansion replaced): the same summary as timeAndWorst.
void timeAndWorstRandomWalk(const char* label, const Dataset& data, const ImputationModelSpec& spec,
                            long iterations)
{
    const ImputationDesign design(data, spec);
    JointImputationSampler sampler(design, spec.conditionalAlgorithm, 11, 0, false);
    std::vector<double> values(sampler.parameters().size());
    std::vector<std::vector<double>> draws(values.size());
    const auto start = std::chrono::steady_clock::now();
    for (long t = 0; t < iterations; ++t) {
        sampler.iterate(t < iterations / 2);
        if (t < iterations / 2)
            continue;
        sampler.currentParameters(values.data());
        for (std::size_t p = 0; p < values.size(); ++p)
            draws[p].push_back(values[p]);
    }
    const double elapsed = seconds(start);
    std::size_t worst = 0;
    double worstEss = 1e300;
    for (std::size_t p = 0; p < draws.size(); ++p) {
        const double ess = summarizeDraws({draws[p]}).ess;
        if (ess < worstEss) {
            worstEss = ess;
            worst = p;
        }
    }
    std::printf("  %s, random walk: %ld iterations, %.1f us/iteration; worst parameter %s (%s): "
                "ESS %.0f of %zu -> %.1f ESS/s; correlation MH acceptance %.2f\n",
                label, iterations, 1e6 * elapsed / static_cast<double>(iterations),
                sampler.parameters()[worst].name.c_str(),
                sampler.parameters()[worst].description.c_str(), worstEss, draws[worst].size(),
                worstEss / (elapsed * static_cast<double>(draws[worst].size()) /
                            static_cast<double>(iterations)),
                sampler.correlationAcceptanceRate());
    for (std::size_t p = 0; p < draws.size(); ++p) {
        const ParameterSummary s = summarizeDraws({draws[p]});
        if (s.ess < 100.0)
            std::printf("    %-12s %-40s mean %9.4f sd %8.4f ESS %7.0f\n",
                        sampler.parameters()[p].name.c_str(),
                        sampler.parameters()[p].description.c_str(), s.mean, s.sd, s.ess);
    }
}

// Scenario B: tutmiss with Binary, Ordered (3) and Unordered (3) responses at level 1 and an
// Unordered level-2 response. girlmiss (Binary); vrb (Ordered, 10% MCAR): a pupil-level
// ordinal, normexam plus a standard normal noise cut at -0.7 and 0.7 (tutmiss has no pupil-level
// ordinal: its vrband is constant within every school, so as a level-1 response it carries no
// within-school information and its level-2 variance and threshold are barely identified);
// lrtband (Unordered): the tertile of standlrtmiss, missing where it is. With
// `schoolVrband` (scenario "B0", the definition before): vrb is vrband - 1.
Dataset scenarioBData(bool schoolVrband = false)
{
    Dataset data = bench::readTutmiss();
    RandomStream rng(5, 0);
    Column band = data.column("vrband");
    const Column& exam = data.column("normexam");
    for (std::size_t i = 0; i < band.values.size(); ++i) {
        band.values[i] -= 1.0;
        if (!schoolVrband) {
            const double value = exam.values[i] + rng.normal();
            band.values[i] = value < -0.7 ? 0.0 : value < 0.7 ? 1.0 : 2.0;
        }
        if (rng.uniform() < 0.1)
            band.setMissing(i);
    }
    band.name = "vrb";
    Column tertile = data.column("standlrtmiss");
    for (double& value : tertile.values)
        if (!std::isnan(value))
            value = value < -0.43 ? 0.0 : value < 0.43 ? 1.0 : 2.0;
    tertile.name = "lrtband";
    data.addColumn(band);
    data.addColumn(tertile);
    return data;
}

ImputationModelSpec scenarioBSpec()
{
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    spec.level1Responses = {
        {"normexam", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"girlmiss", ResponseType::Binary, 2, {{"cons", false}}, {}},
        {"vrb", ResponseType::Ordered, 3, {{"cons", false}}, {}},
        {"lrtband", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    spec.classifications[0].responses = {
        {"schgendmiss", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}},
    };
    return spec;
}

void runScenarioB(long iterations, bool randomWalk, bool schoolVrband = false)
{
    std::printf("Scenario %s: tutmiss, normexam (Normal), girlmiss (Binary), vrb (Ordered 3: %s), "
                "tertile of standlrtmiss (Unordered 3) at level 1; schgendmiss (Unordered 3) at "
                "level 2\n",
                schoolVrband ? "B0" : "B",
                schoolVrband ? "vrband - 1, constant within schools"
                             : "normexam + N(0, 1) cut at -0.7, 0.7");
    if (randomWalk)
        timeAndWorstRandomWalk("condmarg Yes", scenarioBData(schoolVrband), scenarioBSpec(),
                               iterations);
    else
        timeAndWorst("condmarg Yes", scenarioBData(schoolVrband), scenarioBSpec(), iterations);
}

// Scenario B's level-1 model (no level-2 response), which jomo1ranmix can also fit (with vrb
// nominal: jomo has no ordinal responses): one chain of burn-in + iterations, writes the
// post-burn-in draws and the data as CSV, prints the elapsed seconds.
int runMixedModel(long iterations, long burnin, const char* path, const char* dataPath,
                  std::uint64_t seed)
{
    const Dataset data = scenarioBData();
    ImputationModelSpec spec = scenarioBSpec();
    spec.classifications[0].responses.clear();
    std::FILE* csv = std::fopen(dataPath, "w");
    if (!csv)
        return 1;
    const char* names[] = {"school", "normexam", "girlmiss", "vrb", "lrtband"};
    for (std::size_t v = 0; v < 5; ++v)
        std::fprintf(csv, "%s%s", names[v], v + 1 < 5 ? "," : "\n");
    for (std::size_t i = 0; i < data.rowCount(); ++i)
        for (std::size_t v = 0; v < 5; ++v) {
            const double value = data.column(names[v]).values[i];
            if (std::isnan(value))
                std::fprintf(csv, "NA%s", v + 1 < 5 ? "," : "\n");
            else
                std::fprintf(csv, "%.10g%s", value, v + 1 < 5 ? "," : "\n");
        }
    std::fclose(csv);
    return runPeerModel(data, spec, iterations, burnin, path, seed);
}

// Scenario C: simulated N = 40,000 in J = 650 units; 3 Normal, 1 Binary, 1 Ordered (3) and 1
// Unordered (3) response at level 1, each 20% missing at random given a fully observed x.
void runScenarioC(long iterations, bool randomWalk)
{
    const std::size_t units = 650;
    RandomStream rng(77, 0);
    std::vector<double> id, x, y0, y1, y2, b, o, c;
    for (std::size_t j = 0; j < units; ++j) {
        double u[7];
        for (double& value : u)
            value = 0.5 * rng.normal();
        const std::size_t size = 40 + (j * 37) % 45; // 40..84, mean about 61.5
        for (std::size_t k = 0; k < size && id.size() < 40000; ++k) {
            const double xi = rng.normal();
            const double common = rng.normal();
            double z[7];
            for (int d = 0; d < 7; ++d)
                z[d] = 0.3 * xi + u[d] + 0.5 * common + 0.8 * rng.normal();
            id.push_back(static_cast<double>(j + 1));
            x.push_back(xi);
            y0.push_back(z[0]);
            y1.push_back(1.0 + z[1]);
            y2.push_back(-1.0 + z[2]);
            b.push_back(z[3] > 0.0 ? 1.0 : 0.0);
            o.push_back(z[4] < -0.5 ? 0.0 : z[4] < 0.5 ? 1.0 : 2.0);
            c.push_back(z[5] < 0.0 && z[6] < 0.0 ? 2.0 : z[5] > z[6] ? 0.0 : 1.0);
        }
    }
    Dataset data("scenarioC");
    data.addColumn(Column("id", id));
    data.addColumn(Column("x", x));
    const char* names[] = {"y0", "y1", "y2", "b", "o", "c"};
    std::vector<double>* columns[] = {&y0, &y1, &y2, &b, &o, &c};
    for (int v = 0; v < 6; ++v) {
        Column column(names[v], *columns[v]);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (rng.uniform() < (x[i] > 0.0 ? 0.3 : 0.1)) // MAR on x, 20% overall
                column.setMissing(i);
        data.addColumn(std::move(column));
    }
    ImputationModelSpec spec;
    spec.classifications = {{"id", {}}};
    const std::vector<ExplanatoryTerm> terms = {{"cons", false}, {"x", false}};
    spec.level1Responses = {
        {"y0", ResponseType::Normal, 0, terms, {}},
        {"y1", ResponseType::Normal, 0, terms, {}},
        {"y2", ResponseType::Normal, 0, terms, {}},
        {"b", ResponseType::Binary, 2, terms, {}},
        {"o", ResponseType::Ordered, 3, terms, {}},
        {"c", ResponseType::Unordered, 3, {}, {terms, terms}},
    };
    std::printf("Scenario C: simulated N=%zu, J=%zu; 3 Normal, Binary, Ordered (3), Unordered (3) "
                "at level 1, 20%% MAR each\n",
                id.size(), units);
    if (randomWalk)
        timeAndWorstRandomWalk("condmarg Yes", data, spec, iterations);
    else
        timeAndWorst("condmarg Yes", data, spec, iterations);
}

// Scenario A's sampler alone for a fixed number of iterations (with "jomo": the model jomo
// can fit, as `jomo` runs): callgrind counts of two runs with different counts give the
// instructions per iteration, repeatable under load.
int runCount(long iterations, bool jomoModel)
{
    const Dataset data = bench::readTutmiss();
    ImputationModelSpec spec = bench::workedExampleSpec();
    if (jomoModel)
        for (ImputationResponse& response : spec.level1Responses)
            response.explanatory = {{"cons", false}, {"vrband", true}};
    const ImputationDesign design(data, spec);
    JointImputationSampler sampler(design, true, 1, 0);
    for (long t = 0; t < iterations; ++t)
        sampler.iterate(t < iterations / 2);
    return 0;
}

// Scenario A (or B with "B") run by the sampler alone for a fixed number of iterations, with
// condmarg Yes and No: prints every parameter's value after the last iteration and a running
// sum over all iterations to 17 digits, so that a change meant to leave the draws unchanged
// can be checked to be bit-identical, and one meant to change them can be seen to.
int runTrace(const std::string& scenario, long iterations)
{
    const bool b = scenario == "B";
    const Dataset data = b ? scenarioBData() : bench::readTutmiss();
    const ImputationDesign design(data, b ? scenarioBSpec() : bench::workedExampleSpec());
    for (bool marginal : {true, false}) {
        JointImputationSampler sampler(design, marginal, 1, 0);
        std::vector<double> values(sampler.parameters().size());
        std::vector<double> sums(values.size(), 0.0);
        for (long t = 0; t < iterations; ++t) {
            sampler.iterate(t < iterations / 2);
            sampler.currentParameters(values.data());
            for (std::size_t p = 0; p < values.size(); ++p)
                sums[p] += values[p];
        }
        for (std::size_t p = 0; p < values.size(); ++p)
            std::printf("%s %-12s %.17g %.17g\n", marginal ? "Yes" : "No ",
                        sampler.parameters()[p].name.c_str(), values[p], sums[p]);
    }
    return 0;
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
    spec.classifications = {{"id", {}}};
    for (std::size_t d = 0; d < 4; ++d) {
        Column column("y" + std::to_string(d), y[d]);
        for (std::size_t i = 0; i < n; ++i)
            if (rng.uniform() < 0.2)
                column.setMissing(i);
        data.addColumn(std::move(column));
        spec.level1Responses.push_back(
            {"y" + std::to_string(d), ResponseType::Normal, 0, {{"cons", false}}, {}});
    }
    std::printf("Scenario D: simulated N=%zu, J=%zu, 4 continuous responses, 20%% MCAR each\n", n,
                units);
    auto start = std::chrono::steady_clock::now();
    const ImputationDesign design(data, spec);
    JointImputationSampler sampler(design, true, 1, 0);
    std::printf("  set-up %.2f s\n", seconds(start));
    sampler.iterate(true);
    start = std::chrono::steady_clock::now();
    for (long t = 0; t < iterations; ++t)
        sampler.iterate(false);
    const double run = seconds(start);
    std::printf(
        "  %.2f ms/iteration (condmarg Yes, %ld iterations); peak resident memory %.0f MB\n",
        1e3 * run / static_cast<double>(iterations), iterations,
        static_cast<double>(peakMemoryKb()) / 1024.0);
}

// The model jomo can also fit (one X for all level-1 responses): one chain of burn-in +
// iterations (seed 3 unless given), writes the post-burn-in draws as CSV and prints the
// elapsed seconds.
// Scenarios E and F (NLevelImpute): N = 100,000 rows with 4 mixed level-1 responses (Normal;
// Binary, Ordered with 3 and Unordered with 3 categories, 15% MAR/MCAR each): E nested, 50
// pupils in each of 2,000 classes, 10 classes in each of 200 schools; F crossed, each row in
// one of 1,000 and one of 200 units at random. Each is run with both classifications and with
// the first alone (2LevelImpute on the same rows) for the cost per row per classification.
Dataset nLevelData(bool nested, std::size_t n = 100000, std::size_t lowerUnits = 1000,
                   std::size_t upperUnits = 200)
{
    RandomStream rng(nested ? 31 : 32, 0);
    if (nested) {
        lowerUnits = n / 50;
        upperUnits = lowerUnits / 10;
    }
    std::vector<double> lower(n), upper(n), x(n);
    std::vector<std::vector<double>> y(4, std::vector<double>(n));
    std::vector<double> effectsLower(lowerUnits * 5), effectsUpper(upperUnits * 5);
    for (double& value : effectsLower)
        value = 0.5 * rng.normal();
    for (double& value : effectsUpper)
        value = 0.6 * rng.normal();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t a =
            nested ? i / 50
                   : static_cast<std::size_t>(static_cast<double>(lowerUnits) * rng.uniform()) %
                         lowerUnits;
        const std::size_t b =
            nested ? a / 10
                   : static_cast<std::size_t>(static_cast<double>(upperUnits) * rng.uniform()) %
                         upperUnits;
        lower[i] = static_cast<double>(a + 1);
        upper[i] = static_cast<double>(b + 1);
        x[i] = rng.normal();
        double v[5];
        const double common = rng.normal();
        for (std::size_t d = 0; d < 5; ++d)
            v[d] = effectsLower[a * 5 + d] + effectsUpper[b * 5 + d] + 0.5 * common +
                   0.85 * rng.normal();
        y[0][i] = 1.0 + 0.5 * x[i] + v[0];
        y[1][i] = 0.3 + 0.4 * x[i] + v[1] > 0.0 ? 1.0 : 0.0;
        const double ordered = 0.2 + v[2];
        y[2][i] = ordered <= 0.0 ? 0.0 : ordered <= 0.8 ? 1.0 : 2.0;
        const double u0 = 0.2 + v[3];
        const double u1 = -0.2 + v[4];
        y[3][i] = u0 > u1 && u0 > 0.0 ? 0.0 : u1 > 0.0 ? 1.0 : 2.0;
    }
    Dataset data(nested ? "scenarioE" : "scenarioF");
    data.addColumn(Column("lower", lower));
    data.addColumn(Column("upper", upper));
    data.addColumn(Column("x", x));
    const char* names[] = {"yn", "yb", "yo", "yu"};
    for (std::size_t r = 0; r < 4; ++r) {
        Column column(names[r], y[r]);
        for (std::size_t i = 0; i < n; ++i)
            if (rng.uniform() < (r == 0 ? (x[i] > 0.0 ? 0.25 : 0.05) : 0.15))
                column.setMissing(i);
        data.addColumn(std::move(column));
    }
    return data;
}

ImputationModelSpec nLevelSpec(bool nested, bool bothClassifications)
{
    ImputationModelSpec spec;
    const std::vector<ExplanatoryTerm> terms = {{"cons", false}, {"x", false}};
    spec.level1Responses = {{"yn", ResponseType::Normal, 0, terms, {}},
                            {"yb", ResponseType::Binary, 2, terms, {}},
                            {"yo", ResponseType::Ordered, 3, terms, {}},
                            {"yu", ResponseType::Unordered, 3, terms, {}}};
    spec.classifications = {{"lower", {}}};
    if (bothClassifications)
        spec.classifications.push_back({"upper", {}});
    spec.nested = nested;
    return spec;
}

// One chain on one thread: time per iteration after set-up, the worst parameter's ESS per
// second over the second half, and (in a process of its own) the peak resident memory.
int runNLevel(const std::string& which, long iterations)
{
    const bool nested = which == "E";
    const Dataset data = nLevelData(nested);
    for (int classifications = 1; classifications <= 2; ++classifications) {
        const ImputationModelSpec spec = nLevelSpec(nested, classifications == 2);
        const std::string label = std::string(nested ? "E nested" : "F crossed") + ", " +
                                  std::to_string(classifications) +
                                  (classifications == 1 ? " classification" : " classifications");
        timeAndWorst(label.c_str(), data, spec, iterations);
    }
    std::printf("  peak resident memory %.0f MB\n", static_cast<double>(peakMemoryKb()) / 1024.0);
    return 0;
}

// Scenario G: N = 10^6 rows, crossed 10^4 x 10^3 units, the same responses: set-up, time per
// iteration of the sampler alone, peak resident memory.
int runLargeCrossed(long iterations)
{
    const Dataset data = nLevelData(false, 1000000, 10000, 1000);
    const ImputationModelSpec spec = nLevelSpec(false, true);
    auto start = std::chrono::steady_clock::now();
    const ImputationDesign design(data, spec);
    JointImputationSampler sampler(design, true, 1, 0);
    std::printf("Scenario G: N = 10^6 rows, crossed 10^4 x 10^3 units; set-up %.2f s\n",
                seconds(start));
    sampler.iterate(true);
    start = std::chrono::steady_clock::now();
    for (long t = 0; t < iterations; ++t)
        sampler.iterate(false);
    std::printf("  %.0f ms/iteration (%ld iterations); peak resident memory %.0f MB\n",
                1e3 * seconds(start) / static_cast<double>(iterations), iterations,
                static_cast<double>(peakMemoryKb()) / 1024.0);
    return 0;
}

int runJomoModel(long iterations, long burnin, const char* path, std::uint64_t seed)
{
    const Dataset data = bench::readTutmiss();
    ImputationModelSpec spec = bench::workedExampleSpec();
    for (ImputationResponse& response : spec.level1Responses)
        response.explanatory = {{"cons", false}, {"vrband", true}};
    return runPeerModel(data, spec, iterations, burnin, path, seed);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string which = argc > 1 ? argv[1] : "all";
    if (which == "jomo" && argc > 4)
        return runJomoModel(std::atol(argv[2]), std::atol(argv[3]), argv[4],
                            argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 3);
    if (which == "count" && argc > 2)
        return runCount(std::atol(argv[2]), argc > 3 && std::string(argv[3]) == "jomo");
    if ((which == "E" || which == "F") && argc > 2)
        return runNLevel(which, std::atol(argv[2]));
    if (which == "G" && argc > 2)
        return runLargeCrossed(std::atol(argv[2]));
    if (which == "trace" && argc > 3)
        return runTrace(argv[2], std::atol(argv[3]));
    if (which == "mixed" && argc > 5)
        return runMixedModel(std::atol(argv[2]), std::atol(argv[3]), argv[4], argv[5],
                             argc > 6 ? std::strtoull(argv[6], nullptr, 10) : 3);
    if (which == "walk" && argc > 2) {
        const long count = argc > 3 ? std::atol(argv[3]) : 5000;
        if (std::string(argv[2]) == "B" || std::string(argv[2]) == "B0")
            runScenarioB(count, true, std::string(argv[2]) == "B0");
        else
            runScenarioC(std::max(100L, count / 5), true);
        return 0;
    }
    const long iterations = argc > 2 ? std::atol(argv[2]) : 5000;
    if (which == "A" || which == "all")
        runScenarioA(iterations);
    if (which == "B0")
        runScenarioB(iterations, false, true);
    if (which == "B" || which == "all")
        runScenarioB(iterations, false);
    if (which == "C" || which == "all")
        runScenarioC(std::max(100L, iterations / 5), false);
    if (which == "D" || which == "all")
        runScenarioD(std::max(10L, iterations / 100));
    return 0;
}
