// SPDX-License-Identifier: GPL-3.0-or-later
// Latent-normal responses: Binary, Ordered and Unordered at level 1, Normal and Unordered at
// level 2, recovered from simulated data; Binary-only and Ordered-only models against direct
// probit maximum-likelihood fits; imputed categories valid and, where MCAR, distributed as the
// observed ones.
#include "TestSupport.h"

#include "core/mcmc/JointImputation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>

namespace grove {
namespace {

using testing::drawNormalVector;
using testing::exchangeable;
using testing::maximumIndicant;
using testing::singleChain;
using testing::summaryByTerm;
using testing::summaryOf;
using testing::withUnorderedBlock;

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// Level-1 dims: yn, yb, yo, yu_0, yu_1; level-2 dims add wn, wu_0, wu_1.
// Exchangeable with correlation 0.3, except that the latents of one Unordered response are
// uncorrelated, as the model fixes them.
const Eigen::MatrixXd mixedOmegaE =
    withUnorderedBlock(exchangeable(Eigen::VectorXd::Ones(5), 0.3), 3);
const Eigen::MatrixXd mixedOmegaU = withUnorderedBlock(
    exchangeable((Eigen::VectorXd(8) << 0.3, 0.3, 0.3, 0.3, 0.3, 0.8, 1.0, 1.0).finished(), 0.3),
    6);
constexpr double orderedThreshold = 0.8;

Dataset simulateMixed(std::uint64_t seed)
{
    RandomStream rng(seed, 7);
    std::vector<double> id, x, yn, yb, yo, yu, wn, wu;
    for (int j = 0; j < 150; ++j) {
        const Eigen::VectorXd v = drawNormalVector(rng, mixedOmegaU);
        const double wnj = 2.0 + v(5);
        const double wLatent[2] = {0.3 + v(6), -0.1 + v(7)};
        const double wuj = maximumIndicant(wLatent, 2);
        for (int i = 0; i < 20; ++i) {
            const Eigen::VectorXd e = drawNormalVector(rng, mixedOmegaE);
            const double xi = rng.normal();
            id.push_back(j + 1);
            x.push_back(xi);
            yn.push_back(1.0 + 0.5 * xi + v(0) + e(0));
            yb.push_back(0.3 + v(1) + e(1) > 0.0 ? 1.0 : 0.0);
            const double ordered = 0.2 + v(2) + e(2);
            yo.push_back(ordered <= 0.0 ? 0.0 : ordered <= orderedThreshold ? 1.0 : 2.0);
            const double latent[2] = {0.2 + v(3) + e(3), -0.2 + v(4) + e(4)};
            yu.push_back(maximumIndicant(latent, 2));
            wn.push_back(wnj);
            wu.push_back(wuj);
        }
    }
    Dataset data("mixed");
    data.addColumn(Column("school", id));
    data.addColumn(Column("x", x));
    Column cyn("yn", yn), cyb("yb", yb), cyo("yo", yo), cyu("yu", yu), cwn("wn", wn), cwu("wu", wu);
    bool wnMissing = false, wuMissing = false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (rng.uniform() < (x[i] > 0.0 ? 0.25 : 0.05)) // MAR on x
            cyn.setMissing(i);
        for (Column* c : {&cyb, &cyo, &cyu})
            if (rng.uniform() < 0.15)
                c->setMissing(i);
        if (i == 0 || id[i] != id[i - 1]) {
            wnMissing = rng.uniform() < 0.15;
            wuMissing = rng.uniform() < 0.15;
        }
        if (wnMissing)
            cwn.setMissing(i);
        if (wuMissing)
            cwu.setMissing(i);
    }
    for (Column* c : {&cyn, &cyb, &cyo, &cyu, &cwn, &cwu})
        data.addColumn(*c);
    return data;
}

ImputationModelSpec mixedSpec()
{
    ImputationModelSpec spec;
    spec.classifications = {{"school", {}}};
    spec.level1Responses = {{"yn", ResponseType::Normal, 0, {{"cons", false}, {"x", false}}, {}},
                            {"yb", ResponseType::Binary, 2, {{"cons", false}}, {}},
                            {"yo", ResponseType::Ordered, 3, {{"cons", false}}, {}},
                            {"yu", ResponseType::Unordered, 3, {{"cons", false}}, {}}};
    spec.classifications[0].responses = {
        {"wn", ResponseType::Normal, 0, {{"cons", false}}, {}},
        {"wu", ResponseType::Unordered, 3, {}, {{{"cons", false}}, {{"cons", false}}}}};
    return spec;
}

TEST(LatentJointModel, RecoversMixedResponseTypes)
{
    const Dataset data = simulateMixed(21);
    const ImputationResult result =
        runJointImputation(data, mixedSpec(), singleChain(4000, 3), RunControl{});
    // Tolerance 4 posterior sd, as in NormalJointModelTest: ~1 sd of data variation plus Monte
    // Carlo error (ESS >= 30 -> < 0.2 sd). Measured values are printed beside the truth.
    const struct {
        const char* term;
        double truth;
    } coefficients[] = {{"yn:cons", 1.0}, {"yn:x", 0.5},      {"yb:cons", 0.3},
                        {"yo:cons", 0.2}, {"yu_0:cons", 0.2}, {"yu_1:cons", -0.2},
                        {"wn:cons", 2.0}, {"wu_0:cons", 0.3}, {"wu_1:cons", -0.1}};
    for (const auto& c : coefficients) {
        const ParameterSummary& s = summaryByTerm(result, c.term);
        std::printf("  %-10s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n", c.term, c.truth,
                    s.mean, s.sd, s.ess);
        EXPECT_NEAR(s.mean, c.truth, 4.0 * s.sd) << c.term;
    }
    const ParameterSummary& threshold = summaryByTerm(result, "threshold_yo_1");
    std::printf("  threshold  true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n", orderedThreshold,
                threshold.mean, threshold.sd, threshold.ess);
    EXPECT_NEAR(threshold.mean, orderedThreshold, 4.0 * threshold.sd);

    const char* names1[] = {"yn", "yb", "yo", "yu_0", "yu_1"};
    const char* names2[] = {"u(yn)", "u(yb)", "u(yo)", "u(yu_0)", "u(yu_1)", "wn", "wu_0", "wu_1"};
    int checked = 0;
    for (const ParameterSummary& s : result.summary) {
        for (int level = 1; level <= 2; ++level) {
            const int size = level == 1 ? 5 : 8;
            const char** names = level == 1 ? names1 : names2;
            const Eigen::MatrixXd& truth = level == 1 ? mixedOmegaE : mixedOmegaU;
            const std::string suffix = level == 1 ? " at level 1" : " at level 2";
            for (int a = 0; a < size; ++a)
                for (int b = 0; b <= a; ++b) {
                    const std::string what =
                        a == b ? "var(" + std::string(names[a]) + ")" + suffix
                               : "cov(" + std::string(names[a]) + ", " + names[b] + ")" + suffix;
                    if (s.description != what)
                        continue;
                    ++checked;
                    EXPECT_NEAR(s.mean, truth(a, b), 4.0 * s.sd) << what << " ESS " << s.ess;
                    if (std::abs(s.mean - truth(a, b)) > 2.0 * s.sd)
                        std::printf("  %-40s true %6.3f measured %6.3f sd %5.3f ESS %5.0f\n",
                                    what.c_str(), truth(a, b), s.mean, s.sd, s.ess);
                }
        }
    }
    // Level 1: 15 elements minus 4 fixed variances and the fixed yu_0/yu_1 correlation;
    // level 2: 36 minus 2 fixed variances and the fixed wu_0/wu_1 correlation.
    EXPECT_EQ(checked, 10 + 33);
}

TEST(LatentJointModel, ImputedCategoriesAreValidAndMatchMcarProportions)
{
    const Dataset data = simulateMixed(22);
    ImputationSchedule schedule;
    schedule.imputations = 4;
    schedule.firstImputation = 500;
    schedule.imputationGap = 100;
    schedule.threads = 2;
    schedule.seed = 4;
    const ImputationResult result = runJointImputation(data, mixedSpec(), schedule, RunControl{});
    for (const char* variable : {"yb", "yo", "yu", "wu"}) {
        const Column& original = data.column(variable);
        const int categories = std::string(variable) == "yb" ? 2 : 3;
        std::vector<double> observed(static_cast<std::size_t>(categories)), imputed(observed);
        double observedCount = 0.0, imputedCount = 0.0;
        for (std::size_t i = 0; i < original.size(); ++i)
            if (!original.isMissing(i)) {
                observed[static_cast<std::size_t>(original.values[i])] += 1.0;
                observedCount += 1.0;
            }
        for (const Dataset& completed : result.completedDatasets) {
            const Column& column = completed.column(variable);
            for (std::size_t i = 0; i < original.size(); ++i) {
                const double value = column.values[i];
                ASSERT_TRUE(value == 0.0 || value == 1.0 || (categories == 3 && value == 2.0))
                    << variable;
                if (original.isMissing(i)) {
                    imputed[static_cast<std::size_t>(value)] += 1.0;
                    imputedCount += 1.0;
                }
            }
        }
        if (std::string(variable) == "wu")
            continue; // level 2: ~20 missing units, too few for a proportion test
        // Level-1 responses are MCAR (15%, ~450 cells x 4 imputations). Tolerance 0.08: about
        // 3 binomial se of a proportion from 450 values, plus the imputations' shared
        // parameter uncertainty.
        for (int c = 0; c < categories; ++c)
            EXPECT_NEAR(imputed[static_cast<std::size_t>(c)] / imputedCount,
                        observed[static_cast<std::size_t>(c)] / observedCount, 0.08)
                << variable << " category " << c;
    }
    // Level-2 values constant within units in the level-1 datasets.
    for (const Dataset& completed : result.completedDatasets) {
        const Column& school = completed.column("school");
        const Column& wu = completed.column("wu");
        for (std::size_t i = 1; i < completed.rowCount(); ++i)
            if (school.values[i] == school.values[i - 1]) {
                ASSERT_EQ(wu.values[i], wu.values[i - 1]);
            }
    }
}

// Newton's method with central-difference derivatives: enough for 2-3 parameter likelihoods.
Eigen::VectorXd maximise(const std::function<double(const Eigen::VectorXd&)>& logLikelihood,
                         Eigen::VectorXd theta, Eigen::MatrixXd* covariance)
{
    const Eigen::Index p = theta.size();
    const double h = 1e-4;
    Eigen::MatrixXd hessian(p, p);
    for (int step = 0; step < 50; ++step) {
        Eigen::VectorXd gradient(p);
        for (Eigen::Index a = 0; a < p; ++a) {
            Eigen::VectorXd up = theta, down = theta;
            up(a) += h;
            down(a) -= h;
            gradient(a) = (logLikelihood(up) - logLikelihood(down)) / (2 * h);
            for (Eigen::Index b = 0; b < p; ++b) {
                Eigen::VectorXd pp = theta, pm = theta, mp = theta, mm = theta;
                pp(a) += h;
                pp(b) += h;
                pm(a) += h;
                pm(b) -= h;
                mp(a) -= h;
                mp(b) += h;
                mm(a) -= h;
                mm(b) -= h;
                hessian(a, b) = (logLikelihood(pp) - logLikelihood(pm) - logLikelihood(mp) +
                                 logLikelihood(mm)) /
                                (4 * h * h);
            }
        }
        const Eigen::VectorXd change = hessian.ldlt().solve(gradient);
        theta -= change;
        if (change.norm() < 1e-9)
            break;
    }
    *covariance = (-hessian).inverse();
    return theta;
}

TEST(LatentJointModel, BinaryOnlyAgreesWithProbitFit)
{
    RandomStream rng(31, 0);
    const int n = 2000;
    std::vector<double> x(n), y(n);
    for (int i = 0; i < n; ++i) {
        x[static_cast<std::size_t>(i)] = rng.normal();
        y[static_cast<std::size_t>(i)] =
            -0.3 + 0.8 * x[static_cast<std::size_t>(i)] + rng.normal() > 0.0 ? 1.0 : 0.0;
    }
    Dataset data("probit");
    data.addColumn(Column("x", x));
    Column yc("y", y);
    for (int i = 0; i < n; i += 10)
        yc.setMissing(static_cast<std::size_t>(i)); // MCAR: the fit below uses observed rows only
    data.addColumn(yc);
    const auto logLikelihood = [&](const Eigen::VectorXd& beta) {
        double total = 0.0;
        for (int i = 0; i < n; ++i) {
            if (yc.isMissing(static_cast<std::size_t>(i)))
                continue;
            const double eta = beta(0) + beta(1) * x[static_cast<std::size_t>(i)];
            total +=
                std::log(normalCdf(yc.values[static_cast<std::size_t>(i)] == 1.0 ? eta : -eta));
        }
        return total;
    };
    Eigen::MatrixXd covariance;
    const Eigen::VectorXd mle = maximise(logLikelihood, Eigen::Vector2d(0.0, 0.0), &covariance);

    ImputationModelSpec spec;
    spec.classifications.clear();
    spec.level1Responses = {{"y", ResponseType::Binary, 2, {{"cons", false}, {"x", false}}, {}}};
    const ImputationResult result =
        runJointImputation(data, spec, singleChain(6000, 8), RunControl{});
    const char* terms[] = {"y:cons", "y:x"};
    for (int k = 0; k < 2; ++k) {
        const ParameterSummary& s = summaryByTerm(result, terms[k]);
        const double se = std::sqrt(covariance(k, k));
        std::printf("  %-7s probit MLE %.4f (se %.4f), posterior mean %.4f (sd %.4f, ESS %.0f)\n",
                    terms[k], mle(k), se, s.mean, s.sd, s.ess);
        // With n = 1800 the posterior (flat prior) is nearly normal about the MLE: mean within
        // 0.1 se of it, plus 4 Monte Carlo standard errors; sd within 10% of the MLE's se.
        EXPECT_NEAR(s.mean, mle(k), 0.1 * se + 4.0 * s.sd / std::sqrt(s.ess));
        EXPECT_NEAR(s.sd, se, 0.1 * se);
    }
}

TEST(LatentJointModel, OrderedOnlyAgreesWithOrderedProbitFit)
{
    RandomStream rng(32, 0);
    const int n = 2000;
    std::vector<double> x(n), y(n);
    for (int i = 0; i < n; ++i) {
        const std::size_t s = static_cast<std::size_t>(i);
        x[s] = rng.normal();
        const double latent = 0.2 + 0.6 * x[s] + rng.normal();
        y[s] = latent <= 0.0 ? 0.0 : latent <= 1.1 ? 1.0 : 2.0;
    }
    Dataset data("ordered");
    data.addColumn(Column("x", x));
    Column yc("y", y);
    for (int i = 5; i < n; i += 10)
        yc.setMissing(static_cast<std::size_t>(i));
    data.addColumn(yc);
    // theta = (cons, x, gamma_1); P(y=c) = Phi(gamma_c - eta) - Phi(gamma_{c-1} - eta), gamma_0 =
    // 0.
    const auto logLikelihood = [&](const Eigen::VectorXd& theta) {
        double total = 0.0;
        for (int i = 0; i < n; ++i) {
            const std::size_t s = static_cast<std::size_t>(i);
            if (yc.isMissing(s))
                continue;
            const double eta = theta(0) + theta(1) * x[s];
            const int c = static_cast<int>(yc.values[s]);
            const double upper = c == 0   ? normalCdf(-eta)
                                 : c == 1 ? normalCdf(theta(2) - eta)
                                          : 1.0;
            const double lower = c == 0   ? 0.0
                                 : c == 1 ? normalCdf(-eta)
                                          : normalCdf(theta(2) - eta);
            total += std::log(upper - lower);
        }
        return total;
    };
    Eigen::MatrixXd covariance;
    const Eigen::VectorXd mle =
        maximise(logLikelihood, Eigen::Vector3d(0.0, 0.0, 1.0), &covariance);

    ImputationModelSpec spec;
    spec.classifications.clear();
    spec.level1Responses = {{"y", ResponseType::Ordered, 3, {{"cons", false}, {"x", false}}, {}}};
    const ImputationResult result =
        runJointImputation(data, spec, singleChain(6000, 9), RunControl{});
    const char* terms[] = {"y:cons", "y:x", "threshold_y_1"};
    for (int k = 0; k < 3; ++k) {
        const ParameterSummary& s = summaryByTerm(result, terms[k]);
        const double se = std::sqrt(covariance(k, k));
        std::printf(
            "  %-13s ordered-probit MLE %.4f (se %.4f), posterior mean %.4f (sd %.4f, ESS %.0f)\n",
            terms[k], mle(k), se, s.mean, s.sd, s.ess);
        // As for the binary probit: 0.1 se for posterior-vs-MLE, 4 MCSE, sd within 10%.
        EXPECT_NEAR(s.mean, mle(k), 0.1 * se + 4.0 * s.sd / std::sqrt(s.ess));
        EXPECT_NEAR(s.sd, se, 0.1 * se);
    }
    EXPECT_GT(result.thresholdAcceptanceRate, 0.2);
}

} // namespace
} // namespace grove
