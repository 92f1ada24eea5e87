// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/Autocorrelation.h"

#include "core/diag/Fft.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
// Below this many multiply-adds the direct sums are cheaper than two FFTs and exact.
constexpr double directWorkLimit = 4.0e6;
} // namespace

std::vector<double> autocovariance(std::span<const double> series, std::size_t maxLag)
{
    const std::size_t n = series.size();
    if (n == 0) {
        return {};
    }
    const std::size_t lags = std::min(maxLag, n - 1);
    const double mean = sampleMean(series);
    std::vector<double> result(lags + 1, 0.0);
    const double nDouble = static_cast<double>(n);

    if (static_cast<double>(n) * static_cast<double>(lags + 1) <= directWorkLimit) {
        std::vector<double> centred(n);
        for (std::size_t t = 0; t < n; ++t) {
            centred[t] = series[t] - mean;
        }
        for (std::size_t k = 0; k <= lags; ++k) {
            double sum = 0.0;
            for (std::size_t t = 0; t + k < n; ++t) {
                sum += centred[t] * centred[t + k];
            }
            result[k] = sum / nDouble;
        }
        return result;
    }

    // Zero-pad to at least 2n so the circular correlation equals the linear one.
    std::size_t size = 1;
    while (size < 2 * n) {
        size <<= 1;
    }
    std::vector<std::complex<double>> data(size, {0.0, 0.0});
    for (std::size_t t = 0; t < n; ++t) {
        data[t] = {series[t] - mean, 0.0};
    }
    detail::fftInPlace(data, false);
    for (auto& z : data) {
        z = {std::norm(z), 0.0};
    }
    detail::fftInPlace(data, true);
    const double scale = 1.0 / (static_cast<double>(size) * nDouble);
    for (std::size_t k = 0; k <= lags; ++k) {
        result[k] = data[k].real() * scale;
    }
    return result;
}

std::vector<double> autocorrelation(std::span<const double> series, std::size_t maxLag)
{
    std::vector<double> acov = autocovariance(series, maxLag);
    if (acov.empty()) {
        return acov;
    }
    const double variance = acov[0];
    for (double& c : acov) {
        c = variance > 0.0 ? c / variance : notANumber;
    }
    return acov;
}

std::vector<double> partialAutocorrelation(std::span<const double> acf)
{
    std::vector<double> pacf(acf.size(), notANumber);
    if (acf.empty()) {
        return pacf;
    }
    pacf[0] = 1.0;
    std::vector<double> phi; // phi_{k-1, 1..k-1}, stored at index j-1
    std::vector<double> next;
    for (std::size_t k = 1; k < acf.size(); ++k) {
        double numerator = acf[k];
        double denominator = 1.0;
        for (std::size_t j = 1; j < k; ++j) {
            numerator -= phi[j - 1] * acf[k - j];
            denominator -= phi[j - 1] * acf[j];
        }
        if (!(std::abs(denominator) > 1e-300) || !std::isfinite(numerator)) {
            break; // singular: a perfectly predictable series; later lags stay NaN
        }
        const double phiKK = numerator / denominator;
        next.assign(k, 0.0);
        for (std::size_t j = 1; j < k; ++j) {
            next[j - 1] = phi[j - 1] - phiKK * phi[k - j - 1];
        }
        next[k - 1] = phiKK;
        phi.swap(next);
        pacf[k] = phiKK;
    }
    return pacf;
}

AutocorrelationResult chainAutocorrelation(ChainsView chains, std::size_t maxLag)
{
    AutocorrelationResult result;
    result.emptyReason = chainsProblem(chains, 0);
    if (!result.emptyReason.empty()) {
        return result;
    }
    const std::vector<double> joined = joinChains(chains);
    if (joined.size() < 3) {
        result.emptyReason =
            "ACF needs at least 3 draws; the chains have " + std::to_string(joined.size());
        return result;
    }
    if (chainsAreConstant(chains)) {
        result.emptyReason = "the chains are constant, so the ACF is undefined";
        return result;
    }
    result.sampleSize = joined.size();
    result.acf = autocorrelation(joined, maxLag);
    result.pacf = partialAutocorrelation(result.acf);
    result.significanceBand = 1.96 / std::sqrt(static_cast<double>(joined.size()));
    return result;
}

} // namespace grove
