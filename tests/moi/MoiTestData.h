// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/moi/ModelOfInterest.h"
#include "core/random/RandomStream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace grove::moitest {

/// A minimal CSV reader for the bundled tutorial data (the .dta reader lives elsewhere):
/// a quoted header, numeric cells, empty cells missing.
inline std::optional<Dataset> loadCsv(const std::string& path, const std::string& name)
{
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names;
    {
        std::stringstream header(line);
        std::string cell;
        while (std::getline(header, cell, ',')) {
            std::string clean;
            for (char c : cell)
                if (c != '"' && c != '\r')
                    clean += c;
            names.push_back(clean);
        }
    }
    std::vector<std::vector<double>> values(names.size());
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r")
            continue;
        std::stringstream row(line);
        std::string cell;
        for (std::size_t k = 0; k < names.size(); ++k) {
            if (!std::getline(row, cell, ','))
                cell.clear();
            values[k].push_back(cell.empty() || cell == "\r" || cell == "NA" ? std::nan("")
                                                                             : std::stod(cell));
        }
    }
    Dataset data(name);
    for (std::size_t k = 0; k < names.size(); ++k)
        data.addColumn(Column(names[k], values[k]));
    return data;
}

inline std::optional<Dataset> tutorial()
{
    return loadCsv(std::string(GROVE_DATASETS_DIR) + "/csv/tutorial.csv", "tutorial");
}

inline const MoiParameterSummary& parameter(const MoiFit& fit, const std::string& name)
{
    for (const MoiParameterSummary& summary : fit.summary)
        if (summary.name == name)
            return summary;
    throw std::runtime_error("no parameter " + name);
}

/// Recovery of a simulated parameter: the posterior mean within `sds` posterior sds of the
/// truth (3.5 sd fails by chance with probability < 1e-3 per parameter).
inline void expectRecovered(const MoiFit& fit, const std::string& name, double truth,
                            double sds = 3.5)
{
    const MoiParameterSummary& summary = parameter(fit, name);
    std::cout << "[recovery] " << name << " truth " << truth << " mean " << summary.mean << " sd "
              << summary.sd << " z " << (summary.mean - truth) / summary.sd << "\n";
    SCOPED_TRACE(name + ": truth " + std::to_string(truth) + ", mean " +
                 std::to_string(summary.mean) + ", sd " + std::to_string(summary.sd));
    EXPECT_NEAR(summary.mean, truth, sds * summary.sd);
}

/// A Poisson(mean) count: unit-rate exponential arrivals before time `mean`.
inline double drawPoisson(RandomStream& rng, double mean)
{
    double time = -std::log(rng.uniform());
    double count = 0.0;
    while (time < mean) {
        count += 1.0;
        time -= std::log(rng.uniform());
    }
    return count;
}

/// Simulated 2-level data: `units` clusters of `size` rows, columns id, cons, x1 (level 1,
/// N(0,1)), w (level 2, N(0,1)); responses are added by the tests.
inline Dataset simulatedFrame(RandomStream& rng, int units, int size)
{
    std::vector<double> id, cons, x1, w;
    for (int j = 0; j < units; ++j) {
        const double level2 = rng.normal();
        for (int i = 0; i < size; ++i) {
            id.push_back(j + 1);
            cons.push_back(1.0);
            x1.push_back(rng.normal());
            w.push_back(level2);
        }
    }
    Dataset data("simulated");
    data.addColumn(Column("id", id));
    data.addColumn(Column("cons", cons));
    data.addColumn(Column("x1", x1));
    data.addColumn(Column("w", w));
    return data;
}

/// Monte Carlo standard error of the plain mean of one stored chain by batch means (40
/// batches; with 20,000 draws each batch of 500 is far longer than any autocorrelation here).
inline double batchMeansError(const std::vector<double>& draws)
{
    const std::size_t batches = 40;
    const std::size_t size = draws.size() / batches;
    std::vector<double> means(batches, 0.0);
    double total = 0.0;
    for (std::size_t b = 0; b < batches; ++b) {
        for (std::size_t i = 0; i < size; ++i)
            means[b] += draws[b * size + i];
        means[b] /= static_cast<double>(size);
        total += means[b];
    }
    total /= static_cast<double>(batches);
    double spread = 0.0;
    for (double m : means)
        spread += (m - total) * (m - total);
    return std::sqrt(spread / static_cast<double>(batches - 1) / static_cast<double>(batches));
}

/// Tolerances of the short-run-versus-long-run check: posterior means within `gap`
/// long-run sds; sds (draw-based for variances) within `fixedSd` / `varianceSd` relatively.
struct ShortRunTolerance {
    double gap = 0.1;         ///< fixed effects
    double varianceGap = 0.1; ///< variances and covariances
    double fixedSd = 0.15;
    double varianceSd = 0.25;
};

/// The mixing requirement for one model: `fit(burnin, iterations, seed)` with the Stat-JR manual's
/// worked-example settings (burn-in 100, 250 iterations) gives posterior means of EVERY
/// parameter (fixed effects, variances, covariances) within 0.1 posterior sd of `longRun`, a
/// 20,000-iteration run (burn-in 1000; see the overload below), for each short-run seed.
///
/// Also checks the long run itself: its reported (Rao-Blackwellised) mean agrees with its plain
/// draw mean within 4 batch-means standard errors of the latter (plus 0.01 sd for the small
/// error of the former), which catches a wrong conditional mean (a degrees-of-freedom slip
/// in an inverse-Wishart mean moves sigma2_u by ~2% with 50 units, ~0.1 sd, many times that
/// error). Returns the worst |gap| in sds.
inline double
expectShortRunMatchesLongRun(const std::string& label, const MoiFit& longRun,
                             const std::function<MoiFit(long, long, std::uint64_t)>& fit,
                             std::initializer_list<std::uint64_t> seeds,
                             const ShortRunTolerance& tolerance = {})
{
    for (std::size_t k = 0; k < longRun.summary.size(); ++k) {
        const MoiParameterSummary& l = longRun.summary[k];
        const std::vector<double>& draws = longRun.chains.draws[0][k];
        const double error = batchMeansError(draws);
        double lag1 = 0.0, spread = 0.0;
        for (std::size_t i = 0; i < draws.size(); ++i) {
            spread += (draws[i] - l.drawMean) * (draws[i] - l.drawMean);
            if (i > 0)
                lag1 += (draws[i] - l.drawMean) * (draws[i - 1] - l.drawMean);
        }
        std::cout << "[" << label << "] " << l.name << " lag-1 autocorrelation " << lag1 / spread
                  << ", ESS per draw "
                  << l.drawSd * l.drawSd / (error * error) / static_cast<double>(draws.size())
                  << "\n";
        std::cout << "[" << label << "] " << l.name << " long run: mean " << l.mean << " draw mean "
                  << l.drawMean << " (MCSE " << error << ") sd " << l.sd << "\n";
        EXPECT_NEAR(l.mean, l.drawMean, 4.0 * error + 0.01 * l.sd) << label << " " << l.name;
    }
    for (const auto& [step, rate] : longRun.acceptanceRates)
        std::cout << "[" << label << "] acceptance " << step << " " << rate << "\n";
    double worst = 0.0;
    for (std::uint64_t seed : seeds) {
        const MoiFit shortRun = fit(100, 250, seed);
        EXPECT_EQ(shortRun.summary.size(), longRun.summary.size());
        for (std::size_t k = 0; k < longRun.summary.size() && k < shortRun.summary.size(); ++k) {
            const MoiParameterSummary& l = longRun.summary[k];
            const MoiParameterSummary& s = shortRun.summary[k];
            const double gap = (s.mean - l.mean) / l.sd;
            const double plainGap = (s.drawMean - l.mean) / l.sd;
            worst = std::max(worst, std::abs(gap));
            std::cout << "[" << label << "] seed " << seed << " " << l.name << " short-long gap "
                      << gap << " sd (plain draw mean " << plainGap << "); sd ratio " << s.sd / l.sd
                      << "\n";
            // The requirement.
            const bool fixed = k < longRun.fixedEffectCount;
            EXPECT_LT(std::abs(gap), fixed ? tolerance.gap : tolerance.varianceGap)
                << label << " seed " << seed << " " << l.name;
            // The sd feeds Rubin's rules. Fixed effects: Rao-Blackwellised, within 15%.
            // Variances: sd of 250 correlated, skewed draws (relative error ~1/sqrt(2 ESS),
            // 5-8% here), within 25%.
            const double sdTolerance = fixed ? tolerance.fixedSd : tolerance.varianceSd;
            EXPECT_NEAR(s.sd, l.sd, sdTolerance * l.sd)
                << label << " seed " << seed << " " << l.name;
        }
    }
    std::cout << "[" << label << "] worst gap over " << seeds.size() << " seeds: " << worst
              << " sd\n";
    return worst;
}

/// The same, with the long run `fit(1000, 20000, 99)`.
inline double expectShortRunMatchesLongRun(
    const std::string& label, const std::function<MoiFit(long, long, std::uint64_t)>& fit,
    std::initializer_list<std::uint64_t> seeds, const ShortRunTolerance& tolerance = {})
{
    return expectShortRunMatchesLongRun(label, fit(1000, 20000, 99), fit, seeds, tolerance);
}

} // namespace grove::moitest
