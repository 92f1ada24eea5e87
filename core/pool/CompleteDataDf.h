// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace grove {

/// How the complete-data degrees of freedom of each pooled coefficient are chosen: the df its
/// t reference would have had with no missing data, which Barnard & Rubin (1999) combine with
/// the between-imputation variance (and Reiter 2007 with D1's).
struct CompleteDataDf {
    enum class Rule {
        /// The between-within rule of multilevel software (SAS DDFM=BW; Snijders & Bosker 2012,
        /// 6.1): coefficients of columns that vary within level-2 units get N - J - p1, those
        /// constant within units (the intercept included) J - p2 - 1; single level N - p.
        BetweenWithin,
        Infinite, ///< large-sample df, Rubin (1987); mitml's default (df.com = NULL)
        Fixed,    ///< one number for every coefficient
    };
    Rule rule = Rule::BetweenWithin;
    double value = 0.0; ///< the number, for Rule::Fixed (> 0)

    /// "between-within", "inf" or the number, as parseCompleteDataDf reads it.
    std::string text() const;
};

/// Reads "between-within", "inf" (or "infinite") or a positive number. Throws Error naming the
/// value otherwise.
CompleteDataDf parseCompleteDataDf(const std::string& text);

/// The design facts the between-within rule needs, for one equation of the model of interest
/// (a multivariate model repeats it for every response).
struct FixedEffectDesign {
    std::size_t rows = 0;  ///< N level-1 units
    std::size_t units = 0; ///< J level-2 units; 0 or 1 for a single-level model
    /// Per fixed-effect column of the equation: true when it takes different values within at
    /// least one level-2 unit (the intercept does not).
    std::vector<bool> variesWithinUnits;
};

/// Complete-data df of every column of one equation under `rule`: N - J - p1 for columns that
/// vary within units (p1 of them), J - p2 - 1 for the others (p2 besides the intercept, i.e.
/// J minus the number of columns constant within units), N - p for a single-level model; never
/// below 1 (a design with that many columns has no information for a t reference anyway).
std::vector<double> completeDataDfs(const CompleteDataDf& rule, const FixedEffectDesign& design);

/// The factor that turns a Bayesian fit's posterior variance of a coefficient into the squared
/// standard error Rubin's rules expect with a t reference on `completeDataDf` df: under vague
/// priors the posterior of a coefficient is close to a t with nu_com df and scale s (exactly so
/// for a linear model with a flat prior on (beta, log sigma)), whose variance is
/// s^2 nu / (nu - 2); the standard error is s. So (nu - 2) / nu; 1 for an infinite nu, and for
/// nu <= 2, where the t has no variance to convert.
double posteriorVarianceToSquaredSe(double completeDataDf);

} // namespace grove
