// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario E of bench/README.md: the one-pass model (2LevelMissingOnePass) with an interaction of
// two incomplete covariates, on tutmiss and on simulated N = 20,000 rows in J = 5,000 clusters.
// Prints what it measured: time per iteration and iterations/s per chain, and the ESS and
// ESS/s of every MOI parameter, the worst one named. Not a test.
//
//   bench_onepass tutmiss [iterations] [burnin]   the Stat-JR manual's interaction model, one chain
//   bench_onepass sim [iterations] [burnin]       simulated small clusters, one chain
//   bench_onepass draws ITERATIONS BURNIN OUT.csv [SIM.csv]
//       one chain on tutmiss (or, with SIM.csv, on the simulated data, which it writes there as
//       CSV): writes the MOI draws after burn-in to OUT.csv, prints the seconds taken
//   bench_onepass count ITERATIONS [sim]
//       the sampler alone on tutmiss (or the simulated data): 50 adapting iterations, then
//       ITERATIONS more, nothing stored or summarised. Under callgrind, the difference between
//       two values of ITERATIONS gives instructions per iteration without the set-up.
#include "core/common/Error.h"
#include "core/diag/ChainSummary.h"
#include "core/io/DatasetCatalog.h"
#include "core/onepass/OnePass.h"
#include "core/onepass/OnePassChain.h"
#include "core/onepass/OnePassDesign.h"
#include "core/run/DatasetLibrary.h"
#include "core/run/OnePassModels.h"
#include "core/spec/InputString.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

namespace {

using grove::Answers;
using grove::Dataset;

// The Stat-JR manual's interaction input string (Parker & Goldstein 2019, 2LevelMissingOnePass),
// one chain.
Answers interactionAnswers(long iterations, long burnin)
{
    Answers a = grove::parseInputString(
        "{'D': 'Normal', 'makepred': 'No', 'storeresid': 'No', 'x2vars': 'cons', 'priors2': "
        "'Uniform', "
        "'nchains': '1', 'defaultalg': 'Yes', 'iterations': '2000', 'outdata': 'out', 'ximp2': "
        "'cons', "
        "'ximp1': 'cons', 'bin1': 'Normal', 'seed': '1', 'numpoly': '0', 'defaultsv': 'Yes', "
        "'imputeiters': '0', 'L2ID': 'school', 'burnin': '500', 'xinter0': "
        "'standlrtmiss,girlmiss', "
        "'numinter': '1', 'L1resp': 'Yes', 'xvars': "
        "'cons,standlrtmiss,girlmiss,standlrtmiss*girlmiss', "
        "'L2imp': 'Yes', 'L2resp': 'No', 'thinning': '1', 'yimp': 'standlrtmiss,girlmiss', 'y': "
        "'normexam', "
        "'priorsint': 'Uniform', 'L2int': 'Yes', 'L2IDimp': 'school', 'bin2': 'Binary'}");
    a.set("iterations", std::to_string(iterations));
    a.set("burnin", std::to_string(burnin));
    return a;
}

// The same model on simulated data: y ~ x1 * x2 + (1 | cluster), x1 Normal and x2 Binary,
// both with a cluster effect and about 20% missing at random (depending on y).
Dataset simulated(std::size_t rows, std::size_t clusters)
{
    std::mt19937_64 rng(20240501);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> u(clusters), ux1(clusters), ux2(clusters);
    for (std::size_t j = 0; j < clusters; ++j) {
        u[j] = std::sqrt(0.1) * normal(rng);
        ux1[j] = std::sqrt(0.3) * normal(rng);
        ux2[j] = 0.5 * normal(rng);
    }
    grove::Column cluster("cluster", {}), cons("cons", {}), y("y", {}), x1("x1", {}), x2("x2", {});
    for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t j = i * clusters / rows; // rows sorted by cluster, equal sizes
        const double a = ux1[j] + normal(rng);
        const double b = (0.3 + ux2[j] + normal(rng)) > 0 ? 1.0 : 0.0;
        const double response =
            0.2 + 0.5 * a + 0.3 * b + 0.2 * a * b + u[j] + std::sqrt(0.5) * normal(rng);
        cluster.values.push_back(static_cast<double>(j + 1));
        cons.values.push_back(1.0);
        y.values.push_back(response);
        x1.values.push_back(a);
        x2.values.push_back(b);
    }
    for (grove::Column* c : {&cluster, &cons, &y, &x1, &x2})
        c->missing.assign(rows, 0);
    for (std::size_t i = 0; i < rows; ++i) {
        const double p = 1.0 / (1.0 + std::exp(-(-1.5 + 0.6 * y.values[i])));
        if (uniform(rng) < p)
            x1.setMissing(i);
        if (uniform(rng) < p)
            x2.setMissing(i);
    }
    Dataset data("simulated");
    for (grove::Column* c : {&cluster, &cons, &y, &x1, &x2})
        data.addColumn(std::move(*c));
    return data;
}

Answers simulatedAnswers(long iterations, long burnin)
{
    Answers a = interactionAnswers(iterations, burnin);
    a.set("y", "y");
    a.set("L2ID", "cluster");
    a.set("L2IDimp", "cluster");
    a.set("xinter0", "x1,x2");
    a.set("xvars", "cons,x1,x2,x1*x2");
    a.set("yimp", "x1,x2");
    return a;
}

bool isMoiParameter(const std::string& name)
{
    return (name.starts_with("beta_") && !name.starts_with("beta2imp")) ||
           name.starts_with("omega_uint_") || name == "sigma2" || name == "alpha";
}

struct Timed {
    grove::onepass::OnePassResult result;
    double seconds = 0;
};

Timed timedRun(const Dataset& data, const Answers& answers)
{
    const grove::onepass::OnePassSpec spec = grove::onePassSpecFrom(answers, data, nullptr);
    const auto start = std::chrono::steady_clock::now();
    Timed timed;
    timed.result = grove::onepass::runOnePass(data, nullptr, spec, 1, grove::RunControl());
    timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return timed;
}

int report(const std::string& label, const Dataset& data, const Answers& answers)
{
    const long iterations = std::stol(*answers.get("iterations"));
    const long burnin = std::stol(*answers.get("burnin"));
    std::printf("%s: %zu rows; 1 chain of %ld burn-in + %ld iterations on 1 thread\n",
                label.c_str(), data.rowCount(), burnin, iterations);
    const Timed timed = timedRun(data, answers);
    const double perIteration = timed.seconds / static_cast<double>(burnin + iterations);
    const double samplingSeconds = perIteration * static_cast<double>(iterations);
    std::printf("  set-up + sampling %.3f s: %.4f ms per iteration, %.0f iterations/s per chain\n",
                timed.seconds, 1e3 * perIteration, 1.0 / perIteration);
    std::printf("  rows dropped (missing response): %zu\n", timed.result.droppedRows);
    std::printf("  %-24s %12s %12s %10s %10s %10s\n", "parameter", "mean", "sd", "ESS", "ESS/s",
                "R-hat");
    const grove::ChainSet& chains = timed.result.results;
    double worst = INFINITY;
    std::string worstName;
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        const grove::ChainTableRow row = grove::chainTableRow(chains.chainsOf(p));
        const std::string& name = chains.parameters[p].name;
        std::printf("  %-24s %12.6g %12.6g %10.1f %10.1f %10.4g%s\n", name.c_str(), row.mean,
                    row.sd, row.ess, row.ess / samplingSeconds, row.rhat,
                    isMoiParameter(name) ? "" : "  (imputation model)");
        if (isMoiParameter(name) && row.ess < worst) {
            worst = row.ess;
            worstName = name;
        }
    }
    std::printf("  worst-mixing MOI parameter: %s, ESS %.1f of %ld -> %.1f ESS/s\n",
                worstName.c_str(), worst, iterations, worst / samplingSeconds);
    for (const grove::onepass::AcceptanceRate& a : timed.result.acceptance)
        std::printf("  acceptance %-40s %.3f (scale %.4g)\n", a.block.c_str(), a.rate,
                    a.proposalScale);
    return 0;
}

// The simulated dataset as CSV (NA where missing), for the same model in R.
void writeCsv(const Dataset& data, const std::string& path)
{
    std::ofstream out(path);
    out.precision(17);
    for (std::size_t c = 0; c < data.columnCount(); ++c)
        out << (c ? "," : "") << data.column(c).name;
    out << "\n";
    for (std::size_t row = 0; row < data.rowCount(); ++row) {
        for (std::size_t c = 0; c < data.columnCount(); ++c) {
            out << (c ? "," : "");
            if (data.column(c).isMissing(row))
                out << "NA";
            else
                out << data.column(c).values[row];
        }
        out << "\n";
    }
}

int writeDraws(const Dataset& data, const Answers& answers, const std::string& path)
{
    const Timed timed = timedRun(data, answers);
    const grove::ChainSet& chains = timed.result.results;
    std::vector<std::size_t> moi;
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        if (isMoiParameter(chains.parameters[p].name))
            moi.push_back(p);
    }
    std::ofstream out(path);
    for (std::size_t k = 0; k < moi.size(); ++k)
        out << (k ? "," : "") << chains.parameters[moi[k]].name;
    out << "\n";
    const std::size_t length = chains.draws.front().front().size();
    for (std::size_t i = 0; i < length; ++i) {
        for (std::size_t k = 0; k < moi.size(); ++k)
            out << (k ? "," : "") << chains.draws.front()[moi[k]][i];
        out << "\n";
    }
    std::printf("%.6f\n", timed.seconds);
    return 0;
}

// Only the sampler's iterations, for instruction counts (no draws stored, no summaries).
int countIterations(const Dataset& data, const Answers& answers, long iterations)
{
    const grove::onepass::OnePassSpec spec = grove::onePassSpecFrom(answers, data, nullptr);
    const grove::onepass::OnePassDesign design(data, nullptr, spec);
    grove::onepass::OnePassChain chain(design, data, nullptr, 0);
    for (long t = 0; t < 50; ++t)
        chain.iterate(true);
    for (long t = 0; t < iterations; ++t)
        chain.iterate(false);
    std::printf("%ld iterations after 50 adapting ones\n", iterations);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const std::string mode = argc > 1 ? argv[1] : "tutmiss";
        grove::DatasetLibrary library(grove::DatasetCatalog({GROVE_DATASETS_DIR}));
        if (mode == "tutmiss") {
            const long iterations = argc > 2 ? std::stol(argv[2]) : 2000;
            const long burnin = argc > 3 ? std::stol(argv[3]) : 500;
            return report("tutmiss, normexam ~ standlrtmiss * girlmiss + (1 | school)",
                          *library.get("tutmiss"), interactionAnswers(iterations, burnin));
        }
        if (mode == "sim") {
            const long iterations = argc > 2 ? std::stol(argv[2]) : 1000;
            const long burnin = argc > 3 ? std::stol(argv[3]) : 200;
            return report("simulated N = 20000, J = 5000, y ~ x1 * x2 + (1 | cluster)",
                          simulated(20000, 5000), simulatedAnswers(iterations, burnin));
        }
        if (mode == "draws" && (argc == 5 || argc == 6)) {
            const long iterations = std::stol(argv[2]);
            const long burnin = std::stol(argv[3]);
            if (argc == 5)
                return writeDraws(*library.get("tutmiss"), interactionAnswers(iterations, burnin),
                                  argv[4]);
            const Dataset data = simulated(20000, 5000);
            writeCsv(data, argv[5]);
            return writeDraws(data, simulatedAnswers(iterations, burnin), argv[4]);
        }
        if (mode == "count" && (argc == 3 || argc == 4)) {
            const long iterations = std::stol(argv[2]);
            if (argc == 4 && std::string(argv[3]) == "sim")
                return countIterations(simulated(20000, 5000), simulatedAnswers(iterations, 0),
                                       iterations);
            return countIterations(*library.get("tutmiss"), interactionAnswers(iterations, 0),
                                   iterations);
        }
        std::cerr << "usage: bench_onepass tutmiss|sim [iterations] [burnin] | draws ITERATIONS "
                     "BURNIN OUT.csv [SIM.csv] | count ITERATIONS [sim]\n";
        return 2;
    } catch (const grove::Error& error) {
        std::cerr << "bench_onepass: " << error.what() << "\n";
        return 2;
    }
}
