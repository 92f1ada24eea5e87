// SPDX-License-Identifier: GPL-3.0-or-later
// The joint model with Normal responses at levels 1 and 2: recovery of known parameters from
// simulated data with MCAR and MAR missingness, condmarg Yes/No agreement, the schedule,
// thread-count invariance, cancellation and validation.
#include "TestSupport.h"

#include "core/common/Error.h"
#include "core/mcmc/JointImputation.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>

namespace grove {
namespace {

using testing::drawNormalVector;
using testing::exchangeable;
using testing::singleChain;
using testing::summaryByTerm;
using testing::summaryOf;

// Truth of the simulation.
const Eigen::MatrixXd trueOmegaU = exchangeable(Eigen::Vector3d(0.4, 0.3, 1.0), 0.4);
const Eigen::MatrixXd trueOmegaE = exchangeable(Eigen::Vector2d(1.0, 0.8), 0.5);

// 120 schools of 10..30 pupils. y0 = 1 + 0.5 x + u0 + e0, y1 = -0.5 + u1 + e1 (level 1);
// w = 2 + 0.3 z + r (level 2). y0 MCAR 10%; y1 MAR on x (10% or 40%); w MCAR 15% of units.
Dataset simulateNormal(std::uint64_t seed, Dataset* complete = nullptr)
{
    RandomStream rng(seed, 99);
    std::vector<double> id, x, z, y0, y1, w;
    for (int j = 0; j < 120; ++j) {
        const Eigen::VectorXd v = drawNormalVector(rng, trueOmegaU);
        const double zj = rng.normal();
        const double wj = 2.0 + 0.3 * zj + v(2);
        const int size = 10 + (j * 7) % 21;
        for (int i = 0; i < size; ++i) {
            const Eigen::VectorXd e = drawNormalVector(rng, trueOmegaE);
            const double xi = rng.normal();
            id.push_back(j + 1);
            x.push_back(xi);
            z.push_back(zj);
            y0.push_back(1.0 + 0.5 * xi + v(0) + e(0));
            y1.push_back(-0.5 + v(1) + e(1));
            w.push_back(wj);
        }
    }
    Dataset data("simulated");
    data.addColumn(Column("school", id));
    data.addColumn(Column("x", x));
    data.addColumn(Column("z", z));
    Column c0("y0", y0), c1("y1", y1), cw("w", w);
    if (complete) {
        *complete = data;
        complete->addColumn(c0);
        complete->addColumn(c1);
        complete->addColumn(cw);
    }
    bool unitMissing = false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i == 0 || id[i] != id[i - 1])
            unitMissing = rng.uniform() < 0.15;
        if (rng.uniform() < 0.10)
            c0.setMissing(i);
        if (rng.uniform() < (x[i] > 0.0 ? 0.40 : 0.10))
            c1.setMissing(i);
        if (unitMissing)
            cw.setMissing(i);
    }
    data.addColumn(c0);
    data.addColumn(c1);
    data.addColumn(cw);
    return data;
}

ImputationModelSpec normalSpec(bool conditional)
{
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    spec.conditionalAlgorithm = conditional;
    spec.level1Responses = {{"y0", ResponseType::Normal, 0, {{"cons", false}, {"x", false}}, {}},
                            {"y1", ResponseType::Normal, 0, {{"cons", false}}, {}}};
    spec.classifications[0].responses = {
        {"w", ResponseType::Normal, 0, {{"cons", false}, {"z", false}}, {}}};
    return spec;
}

TEST(NormalJointModel, RecoversTrueParametersWithMarMissingness)
{
    const Dataset data = simulateNormal(11);
    const ImputationResult result =
        runJointImputation(data, normalSpec(true), singleChain(4000, 5), RunControl{});
    // Tolerance: 4 posterior sd. The posterior mean of a correct model misses the truth by
    // about one posterior sd (sampling variation of the simulated data); Monte Carlo error
    // (sd / sqrt(ESS), ESS > 100 here) adds under 0.1 sd. Recorded: measured vs true.
    const struct {
        const char* term;
        double truth;
    } coefficients[] = {
        {"y0:cons", 1.0}, {"y0:x", 0.5}, {"y1:cons", -0.5}, {"w:cons", 2.0}, {"w:z", 0.3}};
    for (const auto& c : coefficients) {
        const ParameterSummary& s = summaryByTerm(result, c.term);
        EXPECT_NEAR(s.mean, c.truth, 4.0 * s.sd)
            << c.term << " measured " << s.mean << " sd " << s.sd;
        EXPECT_GT(s.ess, 100.0) << c.term;
    }
    const char* names2[] = {"u(y0)", "u(y1)", "w"};
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b <= a; ++b) {
            const std::string what =
                a == b ? "var(" + std::string(names2[a]) + ") at level 2"
                       : "cov(" + std::string(names2[a]) + ", " + names2[b] + ") at level 2";
            const ParameterSummary& s = summaryOf(result, what);
            EXPECT_NEAR(s.mean, trueOmegaU(a, b), 4.0 * s.sd) << what << " measured " << s.mean;
        }
    const char* names1[] = {"y0", "y1"};
    for (int a = 0; a < 2; ++a)
        for (int b = 0; b <= a; ++b) {
            const std::string what =
                a == b ? "var(" + std::string(names1[a]) + ") at level 1"
                       : "cov(" + std::string(names1[a]) + ", " + names1[b] + ") at level 1";
            const ParameterSummary& s = summaryOf(result, what);
            EXPECT_NEAR(s.mean, trueOmegaE(a, b), 4.0 * s.sd) << what << " measured " << s.mean;
        }
}

TEST(NormalJointModel, ConditionalAndPlainGibbsAgree)
{
    const Dataset data = simulateNormal(12);
    const ImputationResult yes =
        runJointImputation(data, normalSpec(true), singleChain(4000, 1), RunControl{});
    const ImputationResult no =
        runJointImputation(data, normalSpec(false), singleChain(4000, 2), RunControl{});
    ASSERT_EQ(yes.summary.size(), no.summary.size());
    for (std::size_t p = 0; p < yes.summary.size(); ++p) {
        const ParameterSummary& a = yes.summary[p];
        const ParameterSummary& b = no.summary[p];
        // Same posterior: the means differ by Monte Carlo error only. 4.5 combined MCSEs
        // (sd / sqrt(ESS) each; ESS floored at 20 so a poor ESS estimate cannot make it tiny).
        const double mcse =
            std::sqrt(a.sd * a.sd / std::max(a.ess, 20.0) + b.sd * b.sd / std::max(b.ess, 20.0));
        EXPECT_NEAR(a.mean, b.mean, 4.5 * mcse) << a.name << " " << a.description;
        EXPECT_NEAR(a.sd, b.sd, 0.25 * a.sd) << a.name;
    }
    // The point of condmarg Yes: intercepts mix much better when u is integrated out.
    EXPECT_GT(summaryByTerm(yes, "y1:cons").ess, summaryByTerm(no, "y1:cons").ess);
}

TEST(NormalJointModel, ImputedValuesMatchObservedWhereMcar)
{
    // y0 is MCAR: its imputed values should have the distribution of the observed ones.
    const Dataset data = simulateNormal(13);
    ImputationSchedule schedule = singleChain(500, 3);
    schedule.imputations = 5;
    schedule.imputationGap = 100;
    const ImputationResult result =
        runJointImputation(data, normalSpec(true), schedule, RunControl{});
    const Column& original = data.column("y0");
    double observedSum = 0.0, observedSquares = 0.0, imputedSum = 0.0, imputedSquares = 0.0;
    double observed = 0.0, imputed = 0.0;
    for (std::size_t i = 0; i < original.size(); ++i) {
        if (!original.isMissing(i)) {
            observedSum += original.values[i];
            observedSquares += original.values[i] * original.values[i];
            observed += 1.0;
        }
    }
    for (const Dataset& completed : result.completedDatasets) {
        const Column& column = completed.column("y0");
        ASSERT_EQ(column.missingCount(), 0u);
        for (std::size_t i = 0; i < original.size(); ++i) {
            if (original.isMissing(i)) {
                imputedSum += column.values[i];
                imputedSquares += column.values[i] * column.values[i];
                imputed += 1.0;
            } else {
                ASSERT_EQ(column.values[i], original.values[i]);
            }
        }
    }
    const double observedMean = observedSum / observed;
    const double imputedMean = imputedSum / imputed;
    const double observedVariance = observedSquares / observed - observedMean * observedMean;
    const double imputedVariance = imputedSquares / imputed - imputedMean * imputedMean;
    // ~240 missing values x 5 imputations; the 5 share their unit effects, so the standard
    // error of the imputed mean is about sqrt(1.6/240) = 0.08; tolerance 0.25 (3 se).
    EXPECT_NEAR(imputedMean, observedMean, 0.25);
    EXPECT_NEAR(imputedVariance / observedVariance, 1.0, 0.25);
}

TEST(NormalJointModel, ScheduleNamesAndLevel2Datasets)
{
    const Dataset data = simulateNormal(14);
    ImputationSchedule schedule;
    schedule.imputations = 3;
    schedule.firstImputation = 60;
    schedule.imputationGap = 20;
    schedule.threads = 2; // chains = min(threads, imputations) = 2
    schedule.seed = 9;
    const ImputationResult result =
        runJointImputation(data, normalSpec(true), schedule, RunControl{});
    ASSERT_EQ(result.completedDatasets.size(), 3u);
    EXPECT_EQ(result.completedDatasets[0].name(), "Imputation_Model_impute_datafile_chain0_iter60");
    EXPECT_EQ(result.completedDatasets[1].name(), "Imputation_Model_impute_datafile_chain1_iter60");
    EXPECT_EQ(result.completedDatasets[2].name(), "Imputation_Model_impute_datafile_chain0_iter80");
    ASSERT_EQ(result.classificationDatasets[0].size(), 3u);
    EXPECT_EQ(result.classificationDatasets[0][2].name(),
              "Imputation_Model_impute_L2Data_chain0_iter80");
    // Chains stop after their last needed dataset.
    ASSERT_EQ(result.chains.chainCount(), 2u);
    EXPECT_EQ(result.chains.iterations[0].size(), 80u);
    EXPECT_EQ(result.chains.iterations[1].size(), 60u);
    // Level-2 values are constant within units and agree with the level-2 dataset.
    const Dataset& completed = result.completedDatasets[0];
    const Dataset& level2 = result.classificationDatasets[0][0];
    EXPECT_EQ(level2.rowCount(), 120u);
    EXPECT_EQ(level2.column("w").missingCount(), 0u);
    const Column& school = completed.column("school");
    const Column& w = completed.column("w");
    for (std::size_t i = 0; i < completed.rowCount(); ++i) {
        const std::size_t unit = static_cast<std::size_t>(school.values[i]) - 1;
        EXPECT_EQ(w.values[i], level2.column("w").values[unit]);
    }
}

TEST(NormalJointModel, ThreadCountDoesNotChangeResults)
{
    const Dataset data = simulateNormal(15);
    ImputationSchedule schedule;
    schedule.imputations = 4;
    schedule.firstImputation = 100;
    schedule.imputationGap = 25;
    schedule.chains = 3;
    schedule.seed = 77;
    schedule.threads = 1;
    const ImputationResult one = runJointImputation(data, normalSpec(true), schedule, RunControl{});
    schedule.threads = 3;
    const ImputationResult three =
        runJointImputation(data, normalSpec(true), schedule, RunControl{});
    ASSERT_EQ(one.chains.draws, three.chains.draws);
    ASSERT_EQ(one.completedDatasets.size(), three.completedDatasets.size());
    for (std::size_t m = 0; m < one.completedDatasets.size(); ++m) {
        EXPECT_EQ(one.completedDatasets[m].name(), three.completedDatasets[m].name());
        EXPECT_EQ(one.completedDatasets[m].column("y1").values,
                  three.completedDatasets[m].column("y1").values);
        EXPECT_EQ(one.classificationDatasets[0][m].column("w").values,
                  three.classificationDatasets[0][m].column("w").values);
    }
}

TEST(NormalJointModel, CancelStopsWithinAnIteration)
{
    const Dataset data = simulateNormal(16);
    std::atomic<bool> cancel{false};
    RunControl control;
    control.cancelFlag = &cancel;
    std::atomic<long> calls{0};
    std::atomic<long> callsAtCancel{-1};
    // Cancel from inside the run once the chains have made some progress; counting iterations
    // rather than timing keeps the test independent of the machine's load.
    control.progress = [&](int, long, long) {
        const long done = calls.fetch_add(1) + 1;
        if (done == 50) {
            callsAtCancel.store(done);
            cancel.store(true);
        }
    };
    ImputationSchedule schedule = singleChain(1000000, 1);
    schedule.imputations = 2;
    schedule.threads = 2;
    EXPECT_THROW(runJointImputation(data, normalSpec(true), schedule, control), RunCancelled);
    ASSERT_EQ(callsAtCancel.load(), 50);
    // Each of the two chains checks the flag every iteration, so at most one more iteration
    // each (plus one in flight) is reported after the flag is set.
    EXPECT_LE(calls.load() - callsAtCancel.load(), 4);
}

TEST(NormalJointModel, OneLevelModel)
{
    const Dataset data = simulateNormal(17);
    ImputationModelSpec spec = normalSpec(true);
    spec.classifications.clear();
    const ImputationResult result =
        runJointImputation(data, spec, singleChain(1500, 3), RunControl{});
    // Without unit effects the level-1 variance absorbs them: var(y0) ~ 0.4 + 1.0.
    const ParameterSummary& s = summaryOf(result, "var(y0) at level 1");
    EXPECT_NEAR(s.mean, 1.4, 0.25);
    EXPECT_EQ(result.completedDatasets[0].column("y1").missingCount(), 0u);
    EXPECT_EQ(result.completedDatasets[0].column("w").missingCount(),
              data.column("w").missingCount());
}

TEST(NormalJointModel, ValidationErrorsAreOneLine)
{
    const Dataset data = simulateNormal(18);
    const auto expectError = [&](ImputationModelSpec spec, const std::string& fragment) {
        try {
            runJointImputation(data, spec, singleChain(10, 1), RunControl{});
            ADD_FAILURE() << "no error for " << fragment;
        } catch (const Error& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find(fragment), std::string::npos) << message;
            EXPECT_EQ(message.find('\n'), std::string::npos);
        }
    };
    ImputationModelSpec spec = normalSpec(true);
    spec.level1Responses[0].variable = "nosuch";
    expectError(spec, "nosuch");
    spec = normalSpec(true);
    spec.level1Responses[1].explanatory.push_back({"y0", false});
    expectError(spec, "missing values");
    spec = normalSpec(true);
    spec.level1Responses[1].type = ResponseType::Binary;
    expectError(spec, "must be coded");
    spec = normalSpec(true);
    spec.classifications[0].responses[0].variable = "y1";
    spec.level1Responses.pop_back();
    expectError(spec, "y1");
    spec = normalSpec(true);
    spec.classifications[0].id = "nosuch";
    expectError(spec, "nosuch");

    Dataset empty = data;
    Column allMissing("gone", std::vector<double>(data.rowCount(), 1.0));
    for (std::size_t i = 0; i < data.rowCount(); ++i)
        allMissing.setMissing(i);
    empty.addColumn(allMissing);
    spec = normalSpec(true);
    spec.level1Responses[1].variable = "gone";
    try {
        runJointImputation(empty, spec, singleChain(10, 1), RunControl{});
        ADD_FAILURE();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("no observed values"), std::string::npos);
    }
    ImputationSchedule schedule = singleChain(10, 1);
    schedule.imputations = 0;
    EXPECT_THROW(runJointImputation(data, normalSpec(true), schedule, RunControl{}), Error);
}

} // namespace
} // namespace grove
