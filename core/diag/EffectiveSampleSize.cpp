// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/EffectiveSampleSize.h"

#include "core/diag/Autocorrelation.h"
#include "core/diag/RankNormalization.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
// Each split half needs 3 draws for the autocorrelation pairs to mean anything.
constexpr std::size_t minimumChainLength = 6;

bool allFiniteAndVarying(ChainsView chains)
{
    return chainsProblem(chains, 1).empty() && !chainsAreConstant(chains);
}

} // namespace

double multiChainEffectiveSampleSize(ChainsView chains)
{
    if (chains.empty()) {
        return notANumber;
    }
    const std::size_t n = chains.front().size();
    for (const auto& chain : chains) {
        if (chain.size() != n) {
            return notANumber;
        }
    }
    if (n < 3 || !allFiniteAndVarying(chains)) {
        return notANumber;
    }
    const std::size_t m = chains.size();
    const double nDouble = static_cast<double>(n);
    const double mDouble = static_cast<double>(m);

    std::vector<std::vector<double>> acov(m);
    std::vector<double> chainMeans(m);
    double meanAcov0 = 0.0;
    for (std::size_t c = 0; c < m; ++c) {
        acov[c] = autocovariance(chains[c], n - 1);
        chainMeans[c] = sampleMean(chains[c]);
        meanAcov0 += acov[c][0];
    }
    meanAcov0 /= mDouble;
    const double meanVariance = meanAcov0 * nDouble / (nDouble - 1.0); // W
    double varPlus = meanVariance * (nDouble - 1.0) / nDouble;
    if (m > 1) {
        varPlus += sampleVariance(chainMeans);
    }
    if (!(varPlus > 0.0)) {
        return notANumber;
    }
    auto combinedRho = [&](std::size_t lag) {
        double meanAcov = 0.0;
        for (std::size_t c = 0; c < m; ++c) {
            meanAcov += acov[c][lag];
        }
        meanAcov /= mDouble;
        return 1.0 - (meanVariance - meanAcov) / varPlus;
    };

    // Geyer's initial positive sequence: sums of adjacent pairs until one is negative.
    std::vector<double> rho(n, 0.0);
    rho[0] = 1.0;
    double rhoEven = 1.0;
    double rhoOdd = combinedRho(1);
    rho[1] = rhoOdd;
    std::size_t t = 0;
    while (t + 5 < n && std::isfinite(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0.0) {
        t += 2;
        rhoEven = combinedRho(t);
        rhoOdd = combinedRho(t + 1);
        if (rhoEven + rhoOdd >= 0.0) {
            rho[t] = rhoEven;
            rho[t + 1] = rhoOdd;
        }
    }
    const std::size_t maxT = t;
    // The last positive even term is kept: it reduces the variance in the antithetic case.
    if (rhoEven > 0.0) {
        rho[maxT] = rhoEven;
    }
    // Geyer's initial monotone sequence: pair sums may not increase.
    t = 0;
    while (t + 4 <= maxT) {
        t += 2;
        if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
            rho[t] = 0.5 * (rho[t - 2] + rho[t - 1]);
            rho[t + 1] = rho[t];
        }
    }
    double sum = 0.0;
    for (std::size_t k = 0; k < maxT; ++k) {
        sum += rho[k];
    }
    const double total = mDouble * nDouble;
    double tau = -1.0 + 2.0 * sum + rho[maxT];
    // Antithetic chains can make tau tiny; posterior caps ESS at S log10(S).
    tau = std::max(tau, 1.0 / std::log10(total));
    return total / tau;
}

double effectiveSampleSize(std::span<const double> chain)
{
    const std::vector<std::vector<double>> one{std::vector<double>(chain.begin(), chain.end())};
    return multiChainEffectiveSampleSize(one);
}

double bulkEffectiveSampleSize(ChainsView chains)
{
    if (!allFiniteAndVarying(chains)) {
        return notANumber;
    }
    const ChainMatrix split = splitChains(chains);
    return multiChainEffectiveSampleSize(rankNormalize(split));
}

double tailEffectiveSampleSize(ChainsView chains)
{
    if (!allFiniteAndVarying(chains)) {
        return notANumber;
    }
    const ChainMatrix split = splitChains(chains);
    std::vector<double> joined = joinChains(split);
    std::sort(joined.begin(), joined.end());
    double smallest = std::numeric_limits<double>::infinity();
    for (double p : {0.05, 0.95}) {
        const double q = sortedQuantile(joined, p);
        ChainMatrix indicators = split;
        for (auto& chain : indicators) {
            for (double& x : chain) {
                x = x <= q ? 1.0 : 0.0;
            }
        }
        const double ess = multiChainEffectiveSampleSize(indicators);
        if (std::isnan(ess)) {
            return notANumber;
        }
        smallest = std::min(smallest, ess);
    }
    return smallest;
}

EffectiveSampleSizeResult chainEffectiveSampleSize(ChainsView chains)
{
    EffectiveSampleSizeResult result;
    result.summed = result.bulk = result.tail = notANumber;
    result.emptyReason = chainsProblem(chains, minimumChainLength);
    if (result.emptyReason.empty() && chainsAreConstant(chains)) {
        result.emptyReason = "the chains are constant, so the ESS is undefined";
    }
    if (!result.emptyReason.empty()) {
        result.perChain.assign(chains.size(), notANumber);
        return result;
    }
    result.summed = 0.0;
    for (const auto& chain : chains) {
        const double ess = effectiveSampleSize(chain);
        result.perChain.push_back(ess);
        // A single constant chain among varying ones has no ESS; the sum then counts the
        // chains that have one, which is what a reader of the table expects.
        if (!std::isnan(ess)) {
            result.summed += ess;
        }
    }
    result.bulk = bulkEffectiveSampleSize(chains);
    result.tail = tailEffectiveSampleSize(chains);
    return result;
}

} // namespace grove
