// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>

namespace grove {

/// A scalar parameter pooled over M imputations by Rubin's rules (Rubin 1987; van Buuren,
/// Flexible Imputation of Missing Data, 2nd ed., sections 2.3-2.4).
struct PooledEstimate {
    std::size_t imputations = 0;  ///< M
    double estimate = 0.0;        ///< Qbar = mean of the M estimates
    double withinVariance = 0.0;  ///< W = Ubar = mean of the M squared standard errors
    double betweenVariance = 0.0; ///< B = sum (Q_m - Qbar)^2 / (M - 1)
    double totalVariance = 0.0;   ///< T = W + (1 + 1/M) B
    double standardError = 0.0;   ///< sqrt(T)
    double riv = 0.0;             ///< relative increase in variance r = (1 + 1/M) B / W
    double lambda = 0.0;          ///< proportion of variance due to missingness (1 + 1/M) B / T
    double fmi = 0.0;             ///< fraction of missing information (r + 2/(df + 3)) / (1 + r)
    double dfOld = 0.0;           ///< Rubin's (1987) df (M - 1) / lambda^2
    double df = 0.0;              ///< Barnard-Rubin (1999) df; = dfOld for infinite complete df
    double tStatistic = 0.0;      ///< Qbar / sqrt(T), for H0: theta = 0
    double pValue = 0.0;          ///< two-sided, from t with df degrees of freedom
    double lower95 = 0.0;         ///< Qbar - t_{0.975, df} sqrt(T)
    double upper95 = 0.0;         ///< Qbar + t_{0.975, df} sqrt(T)
    std::string note; ///< "" when every figure is defined; otherwise why some are NaN or limits
};

/// Barnard & Rubin (1999) small-sample degrees of freedom:
/// nu_old = (M - 1) / lambda^2, nu_obs = (nu_com + 1) / (nu_com + 3) nu_com (1 - lambda),
/// nu = nu_old nu_obs / (nu_old + nu_obs) (van Buuren eq. 2.30-2.32). An infinite
/// completeDataDf gives nu_old; lambda = 0 gives nu_obs (infinite when nu_com is).
double barnardRubinDf(double lambda, std::size_t imputations, double completeDataDf);

/// Rubin's rules for M estimates of one parameter and their sampling variances (squared
/// standard errors). completeDataDf is the df the analysis would have with no missing data
/// (e.g. n - p for a regression); +infinity (the default) for large samples.
/// Degenerate cases give NaN or limits with a `note`: M = 1 (no between-imputation variance),
/// B = 0 (r = lambda = 0, df = nu_obs), W = 0 (r infinite, lambda = fmi = 1), non-finite or
/// negative inputs. Throws grove::Error if the two spans differ in length or completeDataDf
/// is not positive.
PooledEstimate poolScalar(std::span<const double> estimates, std::span<const double> variances,
                          double completeDataDf = std::numeric_limits<double>::infinity());

} // namespace grove
