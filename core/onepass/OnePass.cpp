// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/onepass/OnePass.h"

#include "core/common/LiveChains.h"
#include "core/onepass/OnePassChain.h"
#include "core/onepass/OnePassDesign.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace grove::onepass {

OnePassResult runOnePass(const Dataset& level1, const Dataset* level2, const OnePassSpec& spec,
                         int threads, const RunControl& control)
{
    const OnePassDesign design(level1, level2, spec);
    std::size_t resultCount = 0;
    const std::vector<ParameterInfo> parameters = OnePassChain::parameters(design, resultCount);
    if (control.live)
        control.live->begin(
            std::vector<ParameterInfo>(
                parameters.begin(), parameters.begin() + static_cast<std::ptrdiff_t>(resultCount)),
            spec.chains);

    // One chain per task, each with its own stream from (seed, chain): the outputs do not depend
    // on which thread runs a chain or on how many threads there are.
    std::vector<ChainOutput> outputs(static_cast<std::size_t>(spec.chains));
    std::vector<std::exception_ptr> failures(static_cast<std::size_t>(spec.chains));
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    const auto worker = [&]() {
        for (;;) {
            const int chain = next.fetch_add(1);
            if (chain >= spec.chains)
                return;
            try {
                if (failed.load())
                    throw RunCancelled{};
                OnePassChain sampler(design, level1, level2, static_cast<std::uint64_t>(chain));
                outputs[static_cast<std::size_t>(chain)] = sampler.run(control, chain);
            } catch (...) {
                failures[static_cast<std::size_t>(chain)] = std::current_exception();
                failed.store(true);
            }
        }
    };
    const int workers = std::clamp(threads, 1, spec.chains);
    if (workers == 1) {
        worker();
    } else {
        std::vector<std::jthread> pool;
        pool.reserve(static_cast<std::size_t>(workers));
        for (int w = 0; w < workers; ++w)
            pool.emplace_back(worker);
    }
    // A real error outranks the cancellations it caused in other chains.
    std::exception_ptr cancelled;
    for (const std::exception_ptr& failure : failures) {
        if (!failure)
            continue;
        try {
            std::rethrow_exception(failure);
        } catch (const RunCancelled&) {
            cancelled = failure;
        } catch (...) {
            throw;
        }
    }
    if (cancelled)
        std::rethrow_exception(cancelled);

    OnePassResult result;
    result.keptRows = design.keptRows();
    result.droppedRows = design.droppedRows();
    result.parameters.parameters = parameters;
    result.results.parameters.assign(parameters.begin(),
                                     parameters.begin() + static_cast<std::ptrdiff_t>(resultCount));
    for (ChainOutput& output : outputs) {
        std::vector<std::vector<double>> resultDraws(
            output.draws.begin(), output.draws.begin() + static_cast<std::ptrdiff_t>(resultCount));
        result.results.draws.push_back(std::move(resultDraws));
        result.results.iterations.push_back(output.iterations);
        result.parameters.iterations.push_back(output.iterations);
        result.parameters.draws.push_back(std::move(output.draws));
        for (ImputedDatasets& data : output.imputed)
            result.imputed.push_back(std::move(data));
    }
    std::stable_sort(result.imputed.begin(), result.imputed.end(),
                     [](const ImputedDatasets& a, const ImputedDatasets& b) {
                         return a.iteration != b.iteration ? a.iteration < b.iteration
                                                           : a.chain < b.chain;
                     });

    // Acceptance: averaged over chains.
    if (!outputs.empty())
        for (std::size_t b = 0; b < outputs.front().acceptance.size(); ++b) {
            AcceptanceRate rate = outputs.front().acceptance[b];
            rate.rate = 0.0;
            rate.proposalScale = 0.0;
            for (const ChainOutput& output : outputs) {
                rate.rate += output.acceptance[b].rate / static_cast<double>(outputs.size());
                rate.proposalScale +=
                    output.acceptance[b].proposalScale / static_cast<double>(outputs.size());
            }
            result.acceptance.push_back(rate);
        }

    double stored = 0.0;
    for (const ChainOutput& output : outputs)
        stored += static_cast<double>(output.stored);
    const std::size_t q = design.randomTerms().size();
    if (spec.storeResiduals && stored > 0.0) {
        for (std::size_t r = 0; r < q; ++r)
            for (std::size_t j = 0; j < design.unitCount(); ++j) {
                double sum = 0.0;
                double squares = 0.0;
                for (const ChainOutput& output : outputs) {
                    sum += output.residualSum[j * q + r];
                    squares += output.residualSquares[j * q + r];
                }
                const double mean = sum / stored;
                const double variance = std::max(0.0, squares / stored - mean * mean);
                result.residuals.push_back({"uint" + std::to_string(r) + "_" + std::to_string(j),
                                            design.unitIds()[j], mean, std::sqrt(variance)});
            }
    }
    if (spec.makePrediction && stored > 0.0) {
        // Back to the order of the kept rows (ascending level-1 row).
        result.predictions.assign(design.rowCount(), 0.0);
        const auto& kept = design.keptRows();
        for (std::size_t i = 0; i < design.rowCount(); ++i) {
            double sum = 0.0;
            for (const ChainOutput& output : outputs)
                sum += output.predictionSum[i];
            const auto position = static_cast<std::size_t>(
                std::lower_bound(kept.begin(), kept.end(), design.sortedRows()[i]) - kept.begin());
            result.predictions[position] = sum / stored;
        }
    }
    return result;
}

} // namespace grove::onepass
