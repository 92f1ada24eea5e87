// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <limits>
#include <span>
#include <string>

namespace grove {

/// Which denominator degrees of freedom the pooled Wald test used.
enum class WaldDenominatorDf {
    LiRaghunathanRubin1991, ///< large-sample df of Li, Raghunathan & Rubin (1991)
    Reiter2007,             ///< small-sample df of Reiter (2007), needs the complete-data df
};

/// The multiparameter pooled Wald test D1 for k coefficients (e.g. the dummies of a
/// categorical variable) over M imputations.
struct WaldTestResult {
    std::size_t parameters = 0;  ///< k
    std::size_t imputations = 0; ///< M
    double statistic = 0.0;      ///< D1, referred to F(k, denominatorDf)
    double numeratorDf = 0.0;    ///< k
    double denominatorDf = 0.0;  ///< see denominatorMethod
    double pValue = 0.0;         ///< P(F > D1)
    double riv = 0.0;            ///< average relative increase in variance r1
    WaldDenominatorDf denominatorMethod = WaldDenominatorDf::LiRaghunathanRubin1991;
    std::string note; ///< "" when all figures are defined; otherwise why not or what was done
};

/// D1 (Li, Raghunathan & Rubin 1991; van Buuren FIMD 2nd ed. 5.3.2):
/// Qbar = mean estimate, Ubar = mean covariance, B = sum (Q_m - Qbar)(Q_m - Qbar)' / (M - 1),
/// r1 = (1 + 1/M) tr(B Ubar^-1) / k, D1 = (Qbar - Q0)' Ubar^-1 (Qbar - Q0) / (k (1 + r1)).
/// Denominator df with t = k (M - 1): if completeDataDf is infinite, Li et al.:
/// 4 + (t - 4) (1 + (1 - 2/t) / r1)^2 for t > 4, else t (1 + 1/k) (1 + 1/r1)^2 / 2; if it is
/// finite, Reiter (2007, eqs. 1-2) when t > 4 (else Li et al., with a note). r1 = 0 gives an
/// infinite df and the chi-square_k / k reference. Degenerate inputs (M < 2, a singular Ubar,
/// non-finite values) give NaN with a note. Throws grove::Error if the estimates and
/// covariances do not all have matching sizes or completeDataDf is not positive.
WaldTestResult pooledWaldTest(std::span<const Eigen::VectorXd> estimates,
                              std::span<const Eigen::MatrixXd> covariances,
                              const Eigen::Ref<const Eigen::VectorXd>& nullValue,
                              double completeDataDf = std::numeric_limits<double>::infinity());

/// pooledWaldTest against H0: all k coefficients are 0.
WaldTestResult pooledWaldTest(std::span<const Eigen::VectorXd> estimates,
                              std::span<const Eigen::MatrixXd> covariances,
                              double completeDataDf = std::numeric_limits<double>::infinity());

} // namespace grove
