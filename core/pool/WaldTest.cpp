// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/WaldTest.h"

#include "core/common/Error.h"
#include "core/pool/FDistribution.h"

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <cmath>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

double liRaghunathanRubinDf(double k, double t, double r)
{
    if (r == 0.0) {
        return infinity;
    }
    if (t > 4.0) {
        const double factor = 1.0 + (1.0 - 2.0 / t) / r;
        return 4.0 + (t - 4.0) * factor * factor;
    }
    return t * (1.0 + 1.0 / k) * (1.0 + 1.0 / r) * (1.0 + 1.0 / r) / 2.0;
}

// Reiter (2007), eqs. 1-2, as implemented in mitml's D1. NaN when the approximation breaks
// down (tiny complete-data df).
double reiterDf(double t, double r, double completeDataDf)
{
    const double a = r * t / (t - 2.0);
    const double vStar = (completeDataDf + 1.0) / (completeDataDf + 3.0) * completeDataDf;
    const double c0 = 1.0 / (t - 4.0);
    const double c1 = vStar - 2.0 * (1.0 + a);
    const double c2 = vStar - 4.0 * (1.0 + a);
    if (!(c2 > 0.0) || !(c1 > 0.0)) {
        return notANumber;
    }
    const double a2 = a * a;
    const double z = 1.0 / c2 + c0 * (a2 * c1 / ((1.0 + a) * (1.0 + a) * c2)) +
                     c0 * (8.0 * a2 * c1 / ((1.0 + a) * c2 * c2) + 4.0 * a2 / ((1.0 + a) * c2)) +
                     c0 * (4.0 * a2 / (c2 * c1) + 16.0 * a2 * c1 / (c2 * c2 * c2)) +
                     c0 * (8.0 * a2 / (c2 * c2));
    if (!(z > 0.0)) {
        return notANumber;
    }
    return 4.0 + 1.0 / z;
}

} // namespace

WaldTestResult pooledWaldTest(std::span<const Eigen::VectorXd> estimates,
                              std::span<const Eigen::MatrixXd> covariances,
                              const Eigen::Ref<const Eigen::VectorXd>& nullValue,
                              double completeDataDf)
{
    if (estimates.size() != covariances.size()) {
        throw Error("the Wald test needs one covariance matrix per estimate vector; got " +
                    std::to_string(estimates.size()) + " and " +
                    std::to_string(covariances.size()));
    }
    if (!(completeDataDf > 0.0)) {
        throw Error("the complete-data degrees of freedom must be positive (or infinite)");
    }
    const Eigen::Index k = nullValue.size();
    for (std::size_t i = 0; i < estimates.size(); ++i) {
        if (estimates[i].size() != k || covariances[i].rows() != k || covariances[i].cols() != k) {
            throw Error("imputation " + std::to_string(i + 1) +
                        " has estimates or covariances "
                        "of the wrong size for a test of " +
                        std::to_string(k) + " coefficients");
        }
    }
    WaldTestResult result;
    result.parameters = static_cast<std::size_t>(k);
    result.imputations = estimates.size();
    result.numeratorDf = static_cast<double>(k);
    result.statistic = result.denominatorDf = result.pValue = result.riv = notANumber;
    const std::size_t m = estimates.size();
    if (m < 2) {
        result.note = "the pooled Wald test needs at least 2 imputations (between-imputation "
                      "variance)";
        return result;
    }
    if (k == 0) {
        result.note = "no coefficients to test";
        return result;
    }
    for (std::size_t i = 0; i < m; ++i) {
        if (!estimates[i].allFinite() || !covariances[i].allFinite()) {
            result.note = "imputation " + std::to_string(i + 1) +
                          " has a non-finite estimate or "
                          "covariance";
            return result;
        }
    }
    const double mDouble = static_cast<double>(m);
    const double kDouble = static_cast<double>(k);
    Eigen::VectorXd meanEstimate = Eigen::VectorXd::Zero(k);
    Eigen::MatrixXd meanCovariance = Eigen::MatrixXd::Zero(k, k);
    for (std::size_t i = 0; i < m; ++i) {
        meanEstimate += estimates[i];
        meanCovariance += covariances[i];
    }
    meanEstimate /= mDouble;
    meanCovariance /= mDouble;
    Eigen::MatrixXd between = Eigen::MatrixXd::Zero(k, k);
    for (std::size_t i = 0; i < m; ++i) {
        const Eigen::VectorXd deviation = estimates[i] - meanEstimate;
        between += deviation * deviation.transpose();
    }
    between /= mDouble - 1.0;

    // Ubar must be positive definite for the Wald form; LDLT tells us if it is not.
    const Eigen::MatrixXd symmetric = 0.5 * (meanCovariance + meanCovariance.transpose());
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(symmetric);
    const double scale = symmetric.diagonal().cwiseAbs().maxCoeff();
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive() || !(scale > 0.0) ||
        ldlt.vectorD().minCoeff() <= 1e-12 * scale) {
        result.note = "the average covariance matrix of the tested coefficients is singular or "
                      "not positive definite";
        return result;
    }
    const Eigen::MatrixXd inverseTimesB = ldlt.solve(between);
    result.riv = (1.0 + 1.0 / mDouble) * inverseTimesB.trace() / kDouble;
    const Eigen::VectorXd difference = meanEstimate - nullValue;
    const double quadratic = difference.dot(ldlt.solve(difference));
    result.statistic = quadratic / (kDouble * (1.0 + result.riv));

    const double t = kDouble * (mDouble - 1.0);
    if (std::isinf(completeDataDf) || result.riv == 0.0) {
        result.denominatorDf = liRaghunathanRubinDf(kDouble, t, result.riv);
    } else if (t <= 4.0) {
        result.denominatorDf = liRaghunathanRubinDf(kDouble, t, result.riv);
        result.note = "Reiter's small-sample df needs k (M - 1) > 4; used Li et al.'s instead "
                      "(use more imputations)";
    } else {
        result.denominatorDf = reiterDf(t, result.riv, completeDataDf);
        result.denominatorMethod = WaldDenominatorDf::Reiter2007;
        if (std::isnan(result.denominatorDf)) {
            result.denominatorDf = liRaghunathanRubinDf(kDouble, t, result.riv);
            result.denominatorMethod = WaldDenominatorDf::LiRaghunathanRubin1991;
            result.note = "the complete-data df are too small for Reiter's df; used Li et al.'s";
        }
    }
    result.pValue = fUpperTail(result.statistic, kDouble, result.denominatorDf);
    return result;
}

WaldTestResult pooledWaldTest(std::span<const Eigen::VectorXd> estimates,
                              std::span<const Eigen::MatrixXd> covariances, double completeDataDf)
{
    const Eigen::Index k = estimates.empty() ? 0 : estimates.front().size();
    return pooledWaldTest(estimates, covariances, Eigen::VectorXd::Zero(k), completeDataDf);
}

} // namespace grove
