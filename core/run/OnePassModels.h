// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/onepass/OnePassSpec.h"
#include "core/spec/Answers.h"

#include <string>
#include <vector>

namespace grove {

/// Translates validated 2LevelMissingOnePass answers (keys as in OnePassTemplate.h and seed
/// 000's input strings) into the engine's OnePassSpec.
///
/// - MOI terms come from `xvars` in the user's order (beta_0, beta_1, ...): `a*b` (any factor
///   order, any number of factors) becomes one factor per variable, `a^2` one factor with power
///   2, and `a^2*b` both. `x2vars` names the terms with random coefficients at level 2.
/// - `level2Id` is `L2ID` when the MOI has a level 2, else `L2IDimp` when only the imputation
///   components have one; the MOI has level-2 effects exactly when `randomCoefficients` is not
///   empty.
/// - `ximp<k>` / `ximp2_<k>` may mark a variable `:cat`: it enters as dummies `<var>_<value>`
///   for every category but the last, which withDummyColumns() adds to the dataset.
/// - `defaultalg` Yes adapts the Metropolis proposals during the whole burn-in; No during
///   `adaptiters` iterations, capped at the burn-in. `imputeiters` 0 means none.
/// - `defaultsv` No starts each chain from over-dispersed values; Yes, or no answer, from the
///   defaults.
/// `level1` is the main dataset, `level2` the `L2Data` dataset (null when L2resp is not Yes).
/// Throws Error naming the key or variable for an answer the engine cannot take (a missing
/// answer, a variable in neither dataset, a missing L2Data dataset, ...).
onepass::OnePassSpec onePassSpecFrom(const Answers& validated, const Dataset& level1,
                                     const Dataset* level2);

/// The `:cat` explanatory variables of the imputation components at level 1 (`ximp<k>`) or at
/// level 2 (`ximp2_<k>`), each once, in order of appearance.
std::vector<std::string> onePassCategoricalVariables(const Answers& validated, bool level2);

/// A copy of `data` with the dummy columns `<var>_<value>` (every category but the last) of
/// each of `variables`. Throws Error when a dummy's name is already a different variable.
Dataset withDummyColumns(const Dataset& data, const std::vector<std::string>& variables);

/// `imputeiters` as iteration numbers: "0" (or empty) gives none; otherwise a comma-separated
/// list of whole numbers between 1 and `iterations`, returned ascending without repeats.
/// Throws Error naming the bad entry.
std::vector<long> parseImputeIterations(const std::string& text, long iterations);

/// The name of the chains output: `outdata`, `out` when not answered.
std::string onePassChainsName(const Answers& validated);

} // namespace grove
