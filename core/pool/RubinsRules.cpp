// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/RubinsRules.h"

#include "core/common/Error.h"
#include "core/pool/StudentT.h"

#include <cmath>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

void setAllNaN(PooledEstimate& p)
{
    p.estimate = p.withinVariance = p.betweenVariance = p.totalVariance = p.standardError = p.riv =
        p.lambda = p.fmi = p.dfOld = p.df = p.tStatistic = p.pValue = p.lower95 = p.upper95 =
            notANumber;
}
} // namespace

double barnardRubinDf(double lambda, std::size_t imputations, double completeDataDf)
{
    if (imputations < 2 || !(lambda >= 0.0 && lambda <= 1.0)) {
        return notANumber;
    }
    const double dfOld = (static_cast<double>(imputations) - 1.0) / (lambda * lambda); // inf at 0
    if (std::isinf(completeDataDf)) {
        return dfOld;
    }
    const double dfObserved =
        (completeDataDf + 1.0) / (completeDataDf + 3.0) * completeDataDf * (1.0 - lambda);
    if (std::isinf(dfOld)) {
        return dfObserved;
    }
    if (dfObserved == 0.0) {
        return 0.0;
    }
    return dfOld * dfObserved / (dfOld + dfObserved);
}

PooledEstimate poolScalar(std::span<const double> estimates, std::span<const double> variances,
                          double completeDataDf)
{
    if (estimates.size() != variances.size()) {
        throw Error("pooling needs one variance per estimate; got " +
                    std::to_string(estimates.size()) + " estimates and " +
                    std::to_string(variances.size()) + " variances");
    }
    if (!(completeDataDf > 0.0)) {
        throw Error("the complete-data degrees of freedom must be positive (or infinite)");
    }
    PooledEstimate p;
    p.imputations = estimates.size();
    setAllNaN(p);
    const std::size_t m = estimates.size();
    if (m == 0) {
        p.note = "no imputations to pool";
        return p;
    }
    for (std::size_t i = 0; i < m; ++i) {
        if (!std::isfinite(estimates[i]) || !std::isfinite(variances[i]) || variances[i] < 0.0) {
            p.note = "imputation " + std::to_string(i + 1) +
                     " has a missing, infinite or negative estimate or variance";
            return p;
        }
    }
    const double mDouble = static_cast<double>(m);
    double sumEstimates = 0.0;
    double sumVariances = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        sumEstimates += estimates[i];
        sumVariances += variances[i];
    }
    p.estimate = sumEstimates / mDouble;
    p.withinVariance = sumVariances / mDouble;
    if (m == 1) {
        p.note = "one imputation: the between-imputation variance cannot be estimated, so there "
                 "is no pooled standard error; use at least 2 imputations";
        return p;
    }
    double sumSquares = 0.0;
    for (double q : estimates) {
        sumSquares += (q - p.estimate) * (q - p.estimate);
    }
    const double w = p.withinVariance;
    const double b = sumSquares / (mDouble - 1.0);
    const double inflatedB = (1.0 + 1.0 / mDouble) * b;
    p.betweenVariance = b;
    p.totalVariance = w + inflatedB;
    p.standardError = std::sqrt(p.totalVariance);

    if (p.totalVariance == 0.0) {
        p.note = "the within- and between-imputation variances are both zero: the estimate has "
                 "no uncertainty, so there is no interval or test";
        p.lower95 = p.upper95 = p.estimate;
        return p;
    }
    if (w == 0.0) {
        p.riv = infinity;
        p.note = "the within-imputation variance is zero, so the relative increase in variance "
                 "is infinite";
    } else {
        p.riv = inflatedB / w;
    }
    p.lambda = inflatedB / p.totalVariance;
    p.dfOld = b == 0.0 ? infinity : (mDouble - 1.0) / (p.lambda * p.lambda);
    p.df = barnardRubinDf(p.lambda, m, completeDataDf);
    // The r -> infinity limit of (r + 2/(df+3)) / (1 + r) is 1.
    p.fmi = std::isinf(p.riv) ? 1.0 : (p.riv + 2.0 / (p.df + 3.0)) / (1.0 + p.riv);
    p.tStatistic = p.estimate / p.standardError;
    if (p.df > 0.0) {
        const double quantile = studentTQuantile(0.975, p.df);
        p.lower95 = p.estimate - quantile * p.standardError;
        p.upper95 = p.estimate + quantile * p.standardError;
        p.pValue = studentTTwoSidedPValue(p.tStatistic, p.df);
    } else {
        p.note += "; with finite complete-data df the degrees of freedom are 0, so there is no "
                  "interval or p-value";
    }
    return p;
}

} // namespace grove
