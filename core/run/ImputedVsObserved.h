// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/run/RunOutput.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace grove {

/// An imputed variable to compare: a response of the imputation model.
struct ImputedVariable {
    std::string name;
    bool categorical = false; ///< Binary, Ordered, Unordered: compare category proportions
    /// The level-2 ID: for a level-1 variable the units of the per-unit view, for a unit-level
    /// variable (constant within units) the units it is counted in, one row per unit. "" for a
    /// single-level model.
    std::string unitVariable;
    bool unitLevel = false; ///< constant within units of unitVariable
};

/// Per level-2 unit with missing values of a level-1 continuous variable: its observed mean and
/// range against the mean of the values imputed in it (over all imputations).
struct UnitImputedVsObserved {
    double unit = 0.0;
    std::size_t observed = 0;  ///< observed rows in the unit
    std::size_t imputed = 0;   ///< missing rows in the unit (imputed in every dataset)
    double observedMean = 0.0; ///< NaN when nothing is observed in the unit
    double observedMin = 0.0;
    double observedMax = 0.0;
    double imputedMean = 0.0;
    /// The imputed mean lies outside the unit's observed range widened by the pooled
    /// within-unit sd: imputations far from what the unit shows (needs 2+ observed rows).
    bool flagged = false;
};

/// Observed against imputed values of one variable (van Buuren 2018, section 6.6: mice's
/// densityplot and stripplot; categories by proportions).
struct ImputedVariableComparison {
    ImputedVariable variable;
    std::size_t rows = 0; ///< rows compared: dataset rows, or units for a unit-level variable
    std::vector<double> observed;             ///< the observed values
    std::vector<std::vector<double>> imputed; ///< imputed[m]: the values filled in dataset m
    // Continuous: Gaussian kernel densities on one grid (Silverman bandwidth each).
    std::vector<double> grid;
    std::vector<double> observedDensity;             ///< empty when it cannot be estimated
    std::vector<std::vector<double>> imputedDensity; ///< per dataset; empty ones likewise
    // Categorical: the categories seen and their proportions.
    std::vector<double> categories;
    std::vector<double> observedShare;
    std::vector<std::vector<double>> imputedShare; ///< imputedShare[m][k]
    /// Level-1 continuous variable with a unit variable: units with a missing value.
    std::vector<UnitImputedVsObserved> units;
};

/// The comparison for every imputed variable of a run.
struct ImputedVsObserved {
    std::vector<ImputedVariableComparison> variables;

    /// `Imputation_Model_ImputedVsObserved`: variable, level, values (observed / imputed),
    /// imputation, category, n, mean, sd, proportion, difference (imputed minus observed: the
    /// mean in observed sd for a continuous variable, the proportion for a category).
    Table table() const;
    /// `Imputation_Model_ImputedVsObserved_Units`: variable, unit, observed_n, imputed_n,
    /// observed_mean, observed_min, observed_max, imputed_mean, flag.
    Table unitTable() const;
};

/// Compares `original` (with its missing values) with the completed datasets, which have the
/// same rows in the same order. Variables without a missing value are left out. Unit-level
/// variables count one row per unit (the unit's first row). Throws Error naming a variable or unit
/// variable that is not in the data.
ImputedVsObserved compareImputedWithObserved(const Dataset& original,
                                             std::span<const Dataset* const> completed,
                                             const std::vector<ImputedVariable>& variables);

} // namespace grove
