// SPDX-License-Identifier: GPL-3.0-or-later
// Reproducibility, completed datasets, progress, cancellation and input errors of
// 2LevelMissingOnePass.
#include "OnePassTestSupport.h"

#include "core/common/Error.h"
#include "core/common/LiveChains.h"
#include "core/onepass/OnePass.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <mutex>

namespace grove::onepass {
namespace {

/// 20 clusters of 15 with a Normal covariate x (missing ~20%), a Binary covariate b (missing
/// ~20%), a fully observed w, and a level-2 variable z.
Dataset smallData(std::uint64_t seed = 3)
{
    RandomStream rng(seed, 0);
    std::vector<double> school, cons, y, x, b, w;
    for (int j = 0; j < 20; ++j) {
        const double u = 0.4 * rng.normal();
        for (int i = 0; i < 15; ++i) {
            const double xv = rng.normal();
            const double bv = rng.normal() + 0.5 * xv > 0.0 ? 1.0 : 0.0;
            const double wv = rng.normal();
            school.push_back(j + 1);
            cons.push_back(1.0);
            y.push_back(0.5 + 0.7 * xv - 0.4 * bv + 0.2 * wv + u + rng.normal());
            x.push_back(rng.uniform() < 0.2 ? missingValue : xv);
            b.push_back(rng.uniform() < 0.2 ? missingValue : bv);
            w.push_back(wv);
        }
    }
    Dataset data("small");
    data.addColumn(Column("school", school));
    data.addColumn(Column("cons", cons));
    data.addColumn(Column("y", y));
    data.addColumn(Column("x", x));
    data.addColumn(Column("b", b));
    data.addColumn(Column("w", w));
    return data;
}

OnePassSpec smallSpec()
{
    OnePassSpec spec;
    spec.response = "y";
    spec.level2Id = "school";
    spec.terms = {{"cons", {{"cons", 1}}},
                  {"x", {{"x", 1}}},
                  {"b", {{"b", 1}}},
                  {"x*b", {{"x", 1}, {"b", 1}}},
                  {"w", {{"w", 1}}}};
    spec.randomCoefficients = {"cons"};
    spec.level1Responses = {{"x", CovariateKind::Normal, {"cons", "w"}},
                            {"b", CovariateKind::Binary, {"cons"}}};
    spec.imputationLevel2 = true;
    spec.chains = 3;
    spec.seed = 11;
    spec.burnin = 50;
    spec.iterations = 60;
    spec.thinning = 2;
    spec.adaptIterations = 50;
    return spec;
}

TEST(OnePassBehaviour, BitIdenticalWhateverTheThreadCount)
{
    const Dataset data = smallData();
    OnePassSpec spec = smallSpec();
    spec.imputeIterations = {10, 60};
    spec.storeResiduals = true;
    spec.makePrediction = true;
    const OnePassResult one = runOnePass(data, nullptr, spec, 1, RunControl{});
    const OnePassResult two = runOnePass(data, nullptr, spec, 2, RunControl{});
    ASSERT_EQ(one.parameters.chainCount(), 3u);
    EXPECT_EQ(one.parameters.draws, two.parameters.draws);
    EXPECT_EQ(one.results.draws, two.results.draws);
    EXPECT_EQ(one.parameters.iterations, two.parameters.iterations);
    EXPECT_EQ(one.predictions, two.predictions);
    ASSERT_EQ(one.residuals.size(), two.residuals.size());
    for (std::size_t k = 0; k < one.residuals.size(); ++k)
        EXPECT_EQ(one.residuals[k].mean, two.residuals[k].mean);
    ASSERT_EQ(one.imputed.size(), two.imputed.size());
    for (std::size_t k = 0; k < one.imputed.size(); ++k)
        EXPECT_EQ(one.imputed[k].level1.column("x").values,
                  two.imputed[k].level1.column("x").values);
    // Chains differ from one another.
    EXPECT_NE(one.parameters.draws[0], one.parameters.draws[1]);
}

TEST(OnePassBehaviour, StoresDrawsAfterBurnInEveryThinning)
{
    const OnePassResult result = runOnePass(smallData(), nullptr, smallSpec(), 2, RunControl{});
    ASSERT_EQ(result.results.iterations.size(), 3u);
    const std::vector<long>& iterations = result.results.iterations[0];
    ASSERT_EQ(iterations.size(), 30u);
    EXPECT_EQ(iterations.front(), 52);
    EXPECT_EQ(iterations.back(), 110);
    // Parameters: results first, then beta2imp (cons, w for x; cons for b) and omega_e.
    const ChainSet& p = result.parameters;
    ASSERT_EQ(p.parameterCount(), result.results.parameterCount() + 3u + 3u);
    EXPECT_EQ(p.parameters[result.results.parameterCount()].name, "beta2imp_0");
    EXPECT_EQ(p.parameters[result.results.parameterCount() + 1].term, "x: w");
    EXPECT_EQ(p.parameters.back().name, "omega_e_2");
    // omega_e_2 is the Binary latent's variance, fixed at 1.
    for (double v : p.draws[0].back())
        EXPECT_DOUBLE_EQ(v, 1.0);
}

TEST(OnePassBehaviour, ImputedDatasetsKeepObservedValuesAndFillTheRest)
{
    Dataset data = smallData();
    // Three rows with the response missing are dropped.
    Column y = data.column("y");
    y.setMissing(0);
    y.setMissing(17);
    y.setMissing(299);
    data.setColumn(y);
    OnePassSpec spec = smallSpec();
    spec.imputeIterations = {5, 30};
    const OnePassResult result = runOnePass(data, nullptr, spec, 2, RunControl{});
    EXPECT_EQ(result.droppedRows, 3u);
    ASSERT_EQ(result.keptRows.size(), 297u);
    ASSERT_EQ(result.imputed.size(), 6u); // 2 iterations x 3 chains
    EXPECT_EQ(result.imputed[0].iteration, 5);
    EXPECT_EQ(result.imputed[0].chain, 0);
    EXPECT_EQ(result.imputed[5].iteration, 30);
    EXPECT_EQ(result.imputed[5].chain, 2);
    for (const ImputedDatasets& imputed : result.imputed) {
        ASSERT_EQ(imputed.level1.rowCount(), 297u);
        EXPECT_FALSE(imputed.level2.has_value());
        for (const std::string name : {"x", "b"}) {
            const Column& completed = imputed.level1.column(name);
            const Column& original = data.column(name);
            EXPECT_EQ(completed.missingCount(), 0u) << name;
            for (std::size_t k = 0; k < result.keptRows.size(); ++k) {
                const std::size_t row = result.keptRows[k];
                if (!original.isMissing(row)) {
                    EXPECT_EQ(completed.values[k], original.values[row]) << name << " row " << row;
                } else if (name == "b") {
                    EXPECT_TRUE(completed.values[k] == 0.0 || completed.values[k] == 1.0);
                }
            }
        }
        EXPECT_EQ(imputed.level1.column("w").values[0],
                  data.column("w").values[result.keptRows[0]]);
    }
}

TEST(OnePassBehaviour, ReportsProgressPublishesLiveDrawsAndCancels)
{
    const Dataset data = smallData();
    OnePassSpec spec = smallSpec();
    std::mutex mutex;
    std::vector<long> calls(3, 0);
    LiveChains live;
    RunControl control;
    control.progress = [&](int chain, long done, long total) {
        const std::lock_guard lock(mutex);
        EXPECT_EQ(total, 110);
        EXPECT_EQ(done, calls[static_cast<std::size_t>(chain)] + 1);
        ++calls[static_cast<std::size_t>(chain)];
    };
    control.live = &live;
    const OnePassResult result = runOnePass(data, nullptr, spec, 2, control);
    EXPECT_EQ(calls, std::vector<long>(3, 110));
    const ChainSet snapshot = live.snapshot();
    EXPECT_EQ(snapshot.parameterCount(), result.results.parameterCount());
    EXPECT_EQ(snapshot.draws, result.results.draws);

    std::atomic<bool> cancel{false};
    RunControl cancelling;
    cancelling.cancelFlag = &cancel;
    cancelling.progress = [&](int, long done, long) {
        if (done == 20)
            cancel.store(true);
    };
    EXPECT_THROW(runOnePass(data, nullptr, spec, 2, cancelling), RunCancelled);
}

TEST(OnePassBehaviour, ResidualsAndPredictions)
{
    const Dataset data = smallData();
    OnePassSpec spec = smallSpec();
    spec.storeResiduals = true;
    spec.makePrediction = true;
    spec.iterations = 400;
    const OnePassResult result = runOnePass(data, nullptr, spec, 2, RunControl{});
    ASSERT_EQ(result.residuals.size(), 20u);
    EXPECT_EQ(result.residuals[0].name, "uint0_0");
    EXPECT_EQ(result.residuals[19].name, "uint0_19");
    EXPECT_EQ(result.residuals[19].unitId, 20.0);
    double residualMean = 0.0;
    for (const ResidualSummary& residual : result.residuals) {
        EXPECT_GT(residual.sd, 0.0);
        residualMean += residual.mean / 20.0;
    }
    // With the intercept in the model the random intercepts average near 0 (their posterior
    // sd is about 0.2 each, so the mean of 20 is well inside 0.15).
    EXPECT_NEAR(residualMean, 0.0, 0.15);
    // Predictions: one per kept row; for a Normal MOI with an intercept and random intercepts
    // the fitted means average to the response's mean, and track the response.
    ASSERT_EQ(result.predictions.size(), 300u);
    double predicted = 0.0;
    double observed = 0.0;
    double cross = 0.0;
    double squares = 0.0;
    const Column& y = data.column("y");
    for (std::size_t k = 0; k < 300; ++k) {
        predicted += result.predictions[k] / 300.0;
        observed += y.values[result.keptRows[k]] / 300.0;
    }
    for (std::size_t k = 0; k < 300; ++k) {
        cross += (result.predictions[k] - predicted) * (y.values[result.keptRows[k]] - observed);
        squares += (result.predictions[k] - predicted) * (result.predictions[k] - predicted);
    }
    EXPECT_NEAR(predicted, observed, 0.05);
    EXPECT_GT(cross / squares, 0.7); // regression of y on the fitted means has slope near 1
}

void expectError(const Dataset& data, const OnePassSpec& spec, const std::string& fragment,
                 const Dataset* level2 = nullptr)
{
    try {
        runOnePass(data, level2, spec, 1, RunControl{});
        ADD_FAILURE() << "no error; expected one mentioning: " << fragment;
    } catch (const Error& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find(fragment), std::string::npos) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(OnePassBehaviour, BadInputThrowsOneLineErrors)
{
    const Dataset data = smallData();
    {
        OnePassSpec spec = smallSpec();
        spec.terms.push_back({"nosuch", {{"nosuch", 1}}});
        expectError(data, spec, "unknown variable 'nosuch'");
    }
    {
        OnePassSpec spec = smallSpec();
        spec.level1Responses[0].explanatory = {"cons", "nothere"};
        expectError(data, spec, "unknown variable 'nothere'");
    }
    {
        Dataset bad = data;
        Column b = bad.column("b");
        b.setValue(5, 2.0);
        bad.setColumn(b);
        expectError(bad, smallSpec(), "must be coded 0/1");
    }
    {
        OnePassSpec spec = smallSpec();
        spec.level1Responses.pop_back(); // b stays in the MOI with missing values
        expectError(data, spec, "variable 'b' of the model of interest has missing values");
    }
    {
        OnePassSpec spec = smallSpec();
        spec.level1Responses[1].explanatory = {"cons", "x"};
        expectError(data, spec,
                    "explanatory variable 'x' of imputation response 'b' has missing values");
    }
    {
        OnePassSpec spec = smallSpec();
        spec.terms.push_back({"w2", {{"w", 1}}});
        expectError(data, spec, "singular");
    }
    {
        OnePassSpec spec = smallSpec();
        spec.family = Family::Poisson;
        expectError(data, spec, "non-negative whole number");
        spec.family = Family::NegativeBinomial;
        expectError(data, spec, "non-negative whole number");
        spec.family = Family::Binomial;
        expectError(data, spec, "must be 0 or 1");
    }
    {
        OnePassSpec spec = smallSpec();
        spec.randomCoefficients = {"x*w"};
        expectError(data, spec, "random coefficient 'x*w' is not a term");
    }
}

TEST(OnePassBehaviour, Level2DatasetErrors)
{
    const Dataset data = smallData();
    std::vector<double> ids, z;
    for (int j = 1; j <= 20; ++j) {
        ids.push_back(j);
        z.push_back(j % 3 == 0 ? missingValue : 0.1 * j);
    }
    OnePassSpec spec = smallSpec();
    spec.terms.push_back({"z", {{"z", 1}}});
    spec.level2Responses = {{"z", CovariateKind::Normal, {"cons"}}};
    {
        Dataset level2("lev2");
        level2.addColumn(Column("school", std::vector<double>(ids.begin(), ids.end() - 1)));
        level2.addColumn(Column("cons", std::vector<double>(19, 1.0)));
        level2.addColumn(Column("z", std::vector<double>(z.begin(), z.end() - 1)));
        expectError(data, spec, "has no row for unit 20", &level2);
    }
    {
        std::vector<double> duplicated = ids;
        duplicated[3] = 3;
        Dataset level2("lev2");
        level2.addColumn(Column("school", duplicated));
        level2.addColumn(Column("cons", std::vector<double>(20, 1.0)));
        level2.addColumn(Column("z", z));
        expectError(data, spec, "duplicate ID 3", &level2);
    }
    {
        // A level-2 variable taken from the level-1 dataset must be constant within units.
        Dataset level1 = data;
        level1.addColumn(Column("z", data.column("w").values));
        expectError(level1, spec, "not constant within unit");
    }
}

} // namespace
} // namespace grove::onepass
