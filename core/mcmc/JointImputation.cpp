// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputation.h"

#include "core/common/Error.h"
#include "core/common/LiveChains.h"
#include "core/model/ImputationDesign.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace grove {

namespace {

struct ChainPlan {
    int chain = 0;
    int rounds = 0; // completed datasets this chain yields
    long lastIteration = 0;
};

std::string datasetName(const char* kind, int chain, long iteration)
{
    return std::string("Imputation_Model_impute_") + kind + "_chain" + std::to_string(chain) +
           "_iter" + std::to_string(iteration);
}

Dataset completedDataset(const Dataset& input, const ImputationDesign& design,
                         const JointImputationSampler& sampler, int chain, long iteration)
{
    Dataset result = input;
    result.setName(datasetName("datafile", chain, iteration));
    const auto& responses1 = design.level1Responses();
    for (std::size_t r = 0; r < responses1.size(); ++r) {
        if (responses1[r].missingCount == 0)
            continue;
        Column& column = result.column(responses1[r].variable);
        for (std::size_t i = 0; i < design.rowCount(); ++i) {
            const std::size_t row = design.originalRow(i);
            if (column.isMissing(row))
                column.setValue(row, sampler.level1Value(i, static_cast<int>(r)));
        }
    }
    for (std::size_t c = 0; c < design.classificationCount(); ++c) {
        const auto& responses = design.classificationResponses(c).responses;
        for (std::size_t r = 0; r < responses.size(); ++r) {
            if (responses[r].missingCount == 0)
                continue;
            Column& column = result.column(responses[r].variable);
            for (std::size_t i = 0; i < design.rowCount(); ++i) {
                const std::size_t row = design.originalRow(i);
                if (!column.isMissing(row))
                    continue;
                // The unit of sorted row i: the first classification's are runs of rows.
                std::size_t unit = 0;
                if (c == 0) {
                    while (design.unitStart(unit + 1) <= i)
                        ++unit;
                } else {
                    unit = design.extraUnitOfRow(c)[i];
                }
                column.setValue(row, sampler.unitValue(c, unit, static_cast<int>(r)));
            }
        }
    }
    return result;
}

// Classification c's units with their responses (level c + 2: L2Data, L3Data, ...).
Dataset classificationCompletedDataset(const ImputationDesign& design,
                                       const JointImputationSampler& sampler, std::size_t c,
                                       int chain, long iteration)
{
    const std::string kind = "L" + std::to_string(c + 2) + "Data";
    Dataset result(datasetName(kind.c_str(), chain, iteration));
    const std::size_t units = design.classificationUnitCount(c);
    std::vector<double> ids(units);
    for (std::size_t j = 0; j < units; ++j)
        ids[j] = design.classificationUnitId(c, j);
    result.addColumn(Column(design.classificationId(c), ids));
    const auto& responses = design.classificationResponses(c).responses;
    for (std::size_t r = 0; r < responses.size(); ++r) {
        std::vector<double> values(units);
        for (std::size_t j = 0; j < units; ++j)
            values[j] = sampler.unitValue(c, j, static_cast<int>(r));
        result.addColumn(Column(responses[r].variable, values));
    }
    return result;
}

} // namespace

std::vector<ParameterSummary>
summarizeImputationChains(const ChainSet& chains, const std::vector<std::string>& descriptions,
                          long firstImputation)
{
    std::vector<ParameterSummary> summaries;
    const std::size_t from = static_cast<std::size_t>(firstImputation / 2);
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        std::vector<std::vector<double>> kept;
        for (const auto& chain : chains.draws) {
            const std::vector<double>& all = chain[p];
            kept.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(std::min(from, all.size())),
                              all.end());
        }
        ParameterSummary summary = summarizeDraws(kept);
        summary.name = chains.parameters[p].name;
        summary.term = chains.parameters[p].term;
        summary.description = p < descriptions.size() ? descriptions[p] : std::string();
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

ImputationResult runJointImputation(const Dataset& dataset, const ImputationModelSpec& spec,
                                    const ImputationSchedule& schedule, const RunControl& control)
{
    if (schedule.imputations < 1)
        throw Error("the number of imputations must be at least 1");
    if (schedule.firstImputation < 1)
        throw Error("the iteration of the first imputation must be at least 1");
    if (schedule.imputationGap < 1)
        throw Error("the gap between imputations must be at least 1 iteration");
    if (schedule.threads < 1)
        throw Error("the number of threads must be at least 1");
    if (schedule.chains < 0)
        throw Error("the number of chains cannot be negative");
    const ImputationDesign design(dataset, spec);

    const int chainCount =
        schedule.chains > 0 ? schedule.chains : std::min(schedule.threads, schedule.imputations);
    std::vector<ChainPlan> plans(static_cast<std::size_t>(chainCount));
    for (int c = 0; c < chainCount; ++c) {
        ChainPlan& plan = plans[static_cast<std::size_t>(c)];
        plan.chain = c;
        plan.rounds =
            c < schedule.imputations ? (schedule.imputations - c + chainCount - 1) / chainCount : 0;
        plan.lastIteration =
            schedule.firstImputation + std::max(0, plan.rounds - 1) * schedule.imputationGap;
    }

    ImputationResult result;
    result.completedDatasets.resize(static_cast<std::size_t>(schedule.imputations));
    result.classificationDatasets.resize(design.classificationCount());
    for (std::size_t c = 0; c < design.classificationCount(); ++c)
        if (!design.classificationResponses(c).responses.empty())
            result.classificationDatasets[c].resize(static_cast<std::size_t>(schedule.imputations));
    result.chains.draws.resize(static_cast<std::size_t>(chainCount));
    result.chains.iterations.resize(static_cast<std::size_t>(chainCount));
    std::vector<double> thresholdRates(static_cast<std::size_t>(chainCount), 1.0);
    std::vector<double> correlationRates(static_cast<std::size_t>(chainCount), 1.0);
    std::vector<JointParameter> parameters;
    std::mutex parametersMutex;

    std::atomic<int> nextChain{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;

    const auto runChain = [&](const ChainPlan& plan) {
        JointImputationSampler sampler(design, spec.conditionalAlgorithm, schedule.seed,
                                       static_cast<std::uint64_t>(plan.chain));
        const std::size_t parameterCount = sampler.parameters().size();
        {
            const std::lock_guard<std::mutex> lock(parametersMutex);
            if (parameters.empty()) {
                parameters = sampler.parameters();
                // The first chain to get here announces the parameters, before any chain can
                // append (the others wait on this lock first).
                if (control.live) {
                    std::vector<ParameterInfo> infos;
                    for (const JointParameter& parameter : parameters)
                        infos.push_back({parameter.name, parameter.term});
                    control.live->begin(std::move(infos), chainCount);
                }
            }
        }
        const std::size_t iterations = static_cast<std::size_t>(plan.lastIteration);
        std::vector<std::vector<double>>& draws =
            result.chains.draws[static_cast<std::size_t>(plan.chain)];
        // Grown as the chain runs (reserved up to a point), so a huge schedule that is cancelled
        // early never commits its full memory.
        const std::size_t reserved = std::min<std::size_t>(iterations, 100000);
        draws.assign(parameterCount, std::vector<double>());
        for (std::vector<double>& parameterDraws : draws)
            parameterDraws.reserve(reserved);
        std::vector<long>& iterationNumbers =
            result.chains.iterations[static_cast<std::size_t>(plan.chain)];
        iterationNumbers.reserve(reserved);
        std::vector<double> current(parameterCount);
        const long adaptUntil = schedule.firstImputation / 2;
        // Often enough for a live progress bar, rarely enough not to flood the receiver.
        const long reportEvery = std::max(1L, std::min(50L, plan.lastIteration / 200));
        int round = 0;
        for (long iteration = 1; iteration <= plan.lastIteration; ++iteration) {
            if (control.cancelled() || stop.load(std::memory_order_relaxed))
                throw RunCancelled{};
            sampler.iterate(iteration <= adaptUntil);
            sampler.currentParameters(current.data());
            for (std::size_t p = 0; p < parameterCount; ++p)
                draws[p].push_back(current[p]);
            iterationNumbers.push_back(iteration);
            if (control.live)
                control.live->append(plan.chain, iteration, current);
            if (round < plan.rounds && iteration >= schedule.firstImputation &&
                (iteration - schedule.firstImputation) % schedule.imputationGap == 0) {
                const std::size_t m = static_cast<std::size_t>(round * chainCount + plan.chain);
                result.completedDatasets[m] =
                    completedDataset(dataset, design, sampler, plan.chain, iteration);
                for (std::size_t c = 0; c < result.classificationDatasets.size(); ++c)
                    if (!result.classificationDatasets[c].empty())
                        result.classificationDatasets[c][m] = classificationCompletedDataset(
                            design, sampler, c, plan.chain, iteration);
                ++round;
            }
            if (iteration % reportEvery == 0 || iteration == plan.lastIteration)
                control.reportProgress(plan.chain, iteration, plan.lastIteration);
        }
        thresholdRates[static_cast<std::size_t>(plan.chain)] = sampler.thresholdAcceptanceRate();
        correlationRates[static_cast<std::size_t>(plan.chain)] =
            sampler.correlationAcceptanceRate();
    };

    if (schedule.onlyChain >= chainCount)
        throw Error("chain index " + std::to_string(schedule.onlyChain) + " is not below the " +
                    std::to_string(chainCount) + " chains");
    if (schedule.onlyChain >= 0)
        nextChain = schedule.onlyChain;
    const int endChain = schedule.onlyChain >= 0 ? schedule.onlyChain + 1 : chainCount;
    const auto worker = [&]() {
        for (;;) {
            const int c = nextChain.fetch_add(1);
            if (c >= endChain || stop.load())
                return;
            try {
                runChain(plans[static_cast<std::size_t>(c)]);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                stop.store(true);
                return;
            }
        }
    };
    const int workerCount =
        schedule.onlyChain >= 0 ? 1 : std::max(1, std::min(schedule.threads, chainCount));
    if (workerCount == 1) {
        worker();
    } else {
        std::vector<std::thread> threads;
        for (int w = 0; w < workerCount; ++w)
            threads.emplace_back(worker);
        for (std::thread& thread : threads)
            thread.join();
    }
    if (failure)
        std::rethrow_exception(failure);
    if (control.cancelled())
        throw RunCancelled{};

    for (const JointParameter& parameter : parameters) {
        result.chains.parameters.push_back({parameter.name, parameter.term});
        result.descriptions.push_back(parameter.description);
    }
    if (schedule.onlyChain < 0)
        result.summary =
            summarizeImputationChains(result.chains, result.descriptions, schedule.firstImputation);
    double thresholdSum = 0.0;
    double correlationSum = 0.0;
    for (int c = 0; c < chainCount; ++c) {
        thresholdSum += thresholdRates[static_cast<std::size_t>(c)];
        correlationSum += correlationRates[static_cast<std::size_t>(c)];
    }
    result.thresholdAcceptanceRate = thresholdSum / chainCount;
    result.correlationAcceptanceRate = correlationSum / chainCount;
    return result;
}

} // namespace grove
