// SPDX-License-Identifier: GPL-3.0-or-later
// Bad inputs give one-line messages naming the variable; run control and storage behave.
#include "MoiTestData.h"

#include "core/common/Error.h"
#include "core/moi/ModelOfInterest.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

namespace grove {
namespace {

Dataset smallData()
{
    Dataset data("small");
    data.addColumn(Column("id", {1, 1, 1, 2, 2, 2, 3, 3}));
    data.addColumn(Column("cons", {1, 1, 1, 1, 1, 1, 1, 1}));
    data.addColumn(Column("x1", {0.5, -1.0, 0.2, 1.5, -0.3, 0.8, -0.7, 0.1}));
    data.addColumn(Column("x2", {1.5, 0.0, 1.2, 2.5, 0.7, 1.8, 0.3, 1.1})); // 1 + x1
    data.addColumn(Column("y", {0.3, -0.2, 1.1, 0.9, -1.4, 0.2, 0.5, -0.1}));
    data.addColumn(Column("b", {0, 1, 1, 0, 2, 1, 0, 1}));
    data.addColumn(Column("n", {1, 1, 2, 1, 1, 1, 1, 1}));
    data.addColumn(Column("c", {0, 3, 1, -1, 2, 1, 0, 1}));
    data.addColumn(Column("f", {0, 3, 1, 1.5, 2, 1, 0, 1}));
    data.addColumn(Column("m", {0.1, missingValue, 0.3, 0.4, missingValue, 0.6, 0.7, 0.8}));
    data.addColumn(Column("one", {4, 4, 4, 4, 4, 4, 4, 4}));
    return data;
}

MoiSpec smallSpec()
{
    MoiSpec spec;
    spec.responses = {"y"};
    spec.explanatory = {{"cons", false}, {"x1", false}};
    spec.twoLevel = true;
    spec.level2Id = "id";
    spec.burnin = 10;
    spec.iterations = 20;
    return spec;
}

std::string messageOf(const Dataset& data, const MoiSpec& spec)
{
    try {
        fitModelOfInterest(data, spec, 1, 0, {});
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

TEST(MoiValidation, UnknownVariable)
{
    MoiSpec spec = smallSpec();
    spec.explanatory.push_back({"nosuch", false});
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: explanatory variable 'nosuch' is not a variable of dataset "
              "'small'");
    spec = smallSpec();
    spec.responses = {"yy"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: response 'yy' is not a variable of dataset 'small'");
    spec = smallSpec();
    spec.level2Id = "school";
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: level-2 ID 'school' is not a variable of dataset 'small'");
}

TEST(MoiValidation, MissingValuesNameTheVariable)
{
    MoiSpec spec = smallSpec();
    spec.explanatory.push_back({"m", false});
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: variable 'm' has 2 missing value(s); the model of interest is "
              "fitted to completed data or complete cases only");
}

TEST(MoiValidation, BinomialResponseOutOfRange)
{
    MoiSpec spec = smallSpec();
    spec.distribution = MoiDistribution::Binomial;
    spec.responses = {"b"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: binary response 'b' must be 0 or 1; row 5 has 2");
    spec.denominator = "n";
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: Binomial response 'b' must be a whole number from 0 to its "
              "denominator 'n'; row 5 has 2 of 1");
}

TEST(MoiValidation, PoissonResponseMustBeACount)
{
    MoiSpec spec = smallSpec();
    spec.distribution = MoiDistribution::Poisson;
    spec.responses = {"c"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: Poisson response 'c' must be a count (a whole number, 0 or "
              "more); row 4 has -1");
    spec.responses = {"f"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: Poisson response 'f' must be a count (a whole number, 0 or "
              "more); row 4 has 1.5");
}

TEST(MoiValidation, CollinearExplanatoryVariablesAreNamed)
{
    MoiSpec spec = smallSpec();
    spec.explanatory.push_back({"x2", false});
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: explanatory variables 'cons', 'x1', 'x2' are collinear (the "
              "design matrix is singular); remove one of them");
    spec = smallSpec();
    spec.explanatory.push_back({"one", false});
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: explanatory variables 'cons', 'one' are collinear (the design "
              "matrix is singular); remove one of them");
}

TEST(MoiValidation, TwoLevelsNeedTwoUnits)
{
    Dataset data = smallData();
    data.setColumn(Column("id", {7, 7, 7, 7, 7, 7, 7, 7}));
    EXPECT_EQ(messageOf(data, smallSpec()),
              "model of interest: level-2 ID 'id' has 1 unit(s); a 2-level model needs at least 2");
}

TEST(MoiValidation, OtherSpecificationErrors)
{
    MoiSpec spec = smallSpec();
    spec.randomSlopes = {"x2"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: random slope 'x2' must also be a (non-categorical) explanatory "
              "variable");
    spec = smallSpec();
    spec.responses = {"y", "x2"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: a univariate model takes one response, not 2; choose "
              "Multivariate Normal for several");
    spec = smallSpec();
    spec.explanatory.push_back({"y", false});
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: 'y' is both a response and an explanatory variable");
    spec = smallSpec();
    spec.iterations = 0;
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: iterations (0) must be at least the thinning (1)");
}

TEST(MoiValidation, TheInterceptIsNotARandomSlope)
{
    MoiSpec spec = smallSpec();
    spec.randomSlopes = {"cons"};
    EXPECT_EQ(messageOf(smallData(), spec),
              "model of interest: 'cons' is the intercept, which is random already; list only "
              "slopes");
}

TEST(MoiRun, ThinningAndProgress)
{
    MoiSpec spec = smallSpec();
    spec.burnin = 5;
    spec.iterations = 100;
    spec.thinning = 10;
    long calls = 0;
    long last = 0;
    RunControl control;
    control.progress = [&](int chain, long done, long total) {
        EXPECT_EQ(chain, 3);
        EXPECT_EQ(total, 105);
        ++calls;
        last = done;
    };
    const MoiFit fit = fitModelOfInterest(smallData(), spec, 1, 3, control);
    EXPECT_EQ(calls, 105);
    EXPECT_EQ(last, 105);
    ASSERT_EQ(fit.chains.chainCount(), 1u);
    ASSERT_EQ(fit.chains.iterations[0].size(), 10u);
    EXPECT_EQ(fit.chains.iterations[0].front(), 15);
    EXPECT_EQ(fit.chains.iterations[0].back(), 105);
    EXPECT_EQ(fit.chains.draws[0][0].size(), 10u);
    // Same seed and chain, same draws; another chain, other draws.
    const MoiFit again = fitModelOfInterest(smallData(), spec, 1, 3, {});
    EXPECT_EQ(again.chains.draws, fit.chains.draws);
    const MoiFit other = fitModelOfInterest(smallData(), spec, 1, 4, {});
    EXPECT_NE(other.chains.draws, fit.chains.draws);
}

TEST(MoiRun, CancelThrowsRunCancelled)
{
    std::atomic<bool> cancel{true};
    RunControl control;
    control.cancelFlag = &cancel;
    EXPECT_THROW(fitModelOfInterest(smallData(), smallSpec(), 1, 0, control), RunCancelled);
}

TEST(MoiRun, OneLevelNormalPosteriorMeanIsOls)
{
    // With a flat prior, E[beta | sigma2, y] is the OLS estimate for every sigma2, so the
    // Rao-Blackwellised mean equals OLS to rounding, and the posterior covariance is
    // E[sigma2] (X'X)^-1 = SSR/(N - p - 2) (X'X)^-1 up to the Monte Carlo error of E[sigma2].
    const std::optional<Dataset> data = moitest::tutorial();
    if (!data)
        GTEST_SKIP() << "datasets/csv/tutorial.csv not found";
    MoiSpec spec;
    spec.responses = {"normexam"};
    spec.explanatory = {{"cons", false}, {"standlrt", false}};
    spec.burnin = 50;
    spec.iterations = 500;
    const MoiFit fit = fitModelOfInterest(*data, spec, 5, 0, {});
    ASSERT_EQ(fit.summary.size(), 3u);
    EXPECT_EQ(fit.summary[2].name, "sigma2_e");
    const Column& y = data->column("normexam");
    const Column& x = data->column("standlrt");
    const double n = static_cast<double>(y.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        mx += x.values[i];
        my += y.values[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0, syy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        sxx += (x.values[i] - mx) * (x.values[i] - mx);
        sxy += (x.values[i] - mx) * (y.values[i] - my);
        syy += (y.values[i] - my) * (y.values[i] - my);
    }
    const double slope = sxy / sxx;
    const double intercept = my - slope * mx;
    const double ssr = syy - slope * sxy;
    EXPECT_NEAR(fit.summary[0].mean, intercept, 1e-9);
    EXPECT_NEAR(fit.summary[1].mean, slope, 1e-9);
    const double slopeSd = std::sqrt(ssr / (n - 4.0) / sxx);
    // 2%: the Monte Carlo error of E[sigma2] over 500 near-independent draws is ~0.1%.
    EXPECT_NEAR(fit.summary[1].sd, slopeSd, 0.02 * slopeSd);
    EXPECT_NEAR(fit.summary[2].mean, ssr / (n - 4.0), 0.02 * ssr / n);
}

} // namespace
} // namespace grove
