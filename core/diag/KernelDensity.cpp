// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/KernelDensity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double cutBandwidths = 3.0;
// Beyond 8 bandwidths a Gaussian kernel contributes < 1e-14 of its peak.
constexpr double kernelReach = 8.0;
constexpr std::size_t binCount = 4096;
// Exact evaluation costs n * gridPoints kernel calls; below this it is cheap enough.
constexpr double exactWorkLimit = 2.0e6;

double gaussian(double u)
{
    return std::exp(-0.5 * u * u) / std::sqrt(2.0 * std::numbers::pi);
}

// Sum of weight_i phi((x - position_i) / h) over the sorted positions within kernelReach h.
template <typename WeightOf>
double windowSum(std::span<const double> sortedPositions, WeightOf weightOf, double h, double x)
{
    const auto first =
        std::lower_bound(sortedPositions.begin(), sortedPositions.end(), x - kernelReach * h);
    const auto last = std::upper_bound(first, sortedPositions.end(), x + kernelReach * h);
    double sum = 0.0;
    for (auto it = first; it != last; ++it) {
        const auto index = static_cast<std::size_t>(it - sortedPositions.begin());
        sum += weightOf(index) * gaussian((x - *it) / h);
    }
    return sum;
}

std::vector<double> densityOnGrid(const std::vector<double>& chain, double h,
                                  const std::vector<double>& grid)
{
    std::vector<double> sorted = chain;
    std::sort(sorted.begin(), sorted.end());
    const double n = static_cast<double>(sorted.size());
    std::vector<double> density(grid.size(), 0.0);

    const double lo = sorted.front();
    const double hi = sorted.back();
    const double spacing = (hi - lo) / static_cast<double>(binCount - 1);
    // Binning is only accurate when bins are much narrower than the kernel.
    const bool exact = n * static_cast<double>(grid.size()) <= exactWorkLimit || spacing > h / 20.0;
    if (exact) {
        for (std::size_t g = 0; g < grid.size(); ++g) {
            density[g] = windowSum(
                             sorted, [](std::size_t) { return 1.0; }, h, grid[g]) /
                         (n * h);
        }
        return density;
    }
    // Linear binning: each draw splits its unit weight between the two nearest bin centres.
    std::vector<double> centres(binCount);
    std::vector<double> weights(binCount, 0.0);
    for (std::size_t b = 0; b < binCount; ++b) {
        centres[b] = lo + spacing * static_cast<double>(b);
    }
    for (double x : sorted) {
        const double position = (x - lo) / spacing;
        const auto left = std::min(static_cast<std::size_t>(position), binCount - 2);
        const double fraction = position - static_cast<double>(left);
        weights[left] += 1.0 - fraction;
        weights[left + 1] += fraction;
    }
    for (std::size_t g = 0; g < grid.size(); ++g) {
        density[g] = windowSum(
                         centres, [&](std::size_t b) { return weights[b]; }, h, grid[g]) /
                     (n * h);
    }
    return density;
}

} // namespace

double silvermanBandwidth(std::span<const double> sample)
{
    if (sample.size() < 2) {
        return notANumber;
    }
    std::vector<double> sorted(sample.begin(), sample.end());
    for (double x : sorted) {
        if (!std::isfinite(x)) {
            return notANumber;
        }
    }
    std::sort(sorted.begin(), sorted.end());
    const double sd = std::sqrt(sampleVariance(sorted));
    if (!(sd > 0.0)) {
        return notANumber;
    }
    const double iqr = sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25);
    const double spread = iqr > 0.0 ? std::min(sd, iqr / 1.34) : sd;
    return 0.9 * spread * std::pow(static_cast<double>(sorted.size()), -0.2);
}

double gaussianKernelDensityAt(std::span<const double> sample, double bandwidth, double x)
{
    if (sample.empty() || !(bandwidth > 0.0)) {
        return notANumber;
    }
    double sum = 0.0;
    for (double xi : sample) {
        sum += gaussian((x - xi) / bandwidth);
    }
    return sum / (static_cast<double>(sample.size()) * bandwidth);
}

KernelDensityResult chainKernelDensity(ChainsView chains, std::size_t gridPoints)
{
    KernelDensityResult result;
    if (chains.empty()) {
        result.emptyReason = "no chains";
        return result;
    }
    gridPoints = std::max<std::size_t>(gridPoints, 2);
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -std::numeric_limits<double>::infinity();
    double widest = 0.0;
    for (std::size_t c = 0; c < chains.size(); ++c) {
        const auto& chain = chains[c];
        std::string note = chainProblem(chain, c, 2);
        if (note.empty() &&
            std::all_of(chain.begin(), chain.end(), [&](double x) { return x == chain.front(); })) {
            note = "chain " + std::to_string(c) + " is constant, so it has no density";
        }
        double h = notANumber;
        if (note.empty()) {
            h = silvermanBandwidth(chain);
            const auto [minIt, maxIt] = std::minmax_element(chain.begin(), chain.end());
            lowest = std::min(lowest, *minIt);
            highest = std::max(highest, *maxIt);
            widest = std::max(widest, h);
        }
        result.bandwidths.push_back(h);
        result.chainNotes.push_back(note);
    }
    if (!(widest > 0.0)) {
        result.emptyReason = chains.size() == 1
                                 ? result.chainNotes.front()
                                 : "no chain has a density: " + result.chainNotes.front();
        result.densities.assign(chains.size(), {});
        return result;
    }
    const double from = lowest - cutBandwidths * widest;
    const double to = highest + cutBandwidths * widest;
    result.grid.resize(gridPoints);
    for (std::size_t g = 0; g < gridPoints; ++g) {
        result.grid[g] =
            from + (to - from) * static_cast<double>(g) / static_cast<double>(gridPoints - 1);
    }
    for (std::size_t c = 0; c < chains.size(); ++c) {
        if (result.chainNotes[c].empty()) {
            result.densities.push_back(densityOnGrid(chains[c], result.bandwidths[c], result.grid));
        } else {
            result.densities.emplace_back();
        }
    }
    return result;
}

} // namespace grove
