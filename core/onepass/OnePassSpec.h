// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace grove::onepass {

/// The model of interest's response distribution (Parker & Goldstein 2019, question `D`).
enum class Family { Normal, Binomial, Poisson, NegativeBinomial };

/// What an incomplete covariate is modelled as in the imputation components.
enum class CovariateKind { Normal, Binary };

/// Prior for a level-2 covariance matrix (`priorsint`, `priors2`).
enum class CovariancePrior { Uniform, Wishart };

/// One factor of an MOI term: a variable raised to a power.
struct TermFactor {
    std::string variable;
    int power = 1;
};

/// One explanatory term of the MOI, recomputed from the current imputations at every
/// iteration: "cons" = {{cons,1}}, "a*b" = {{a,1},{b,1}}, "a^2" = {{a,2}}.
struct MoiTerm {
    std::string name; ///< as the user wrote it in `xvars`; the `term` of its beta_k
    std::vector<TermFactor> factors;
};

/// An incomplete covariate modelled by an imputation component.
struct ImputationResponse {
    std::string variable;
    CovariateKind kind = CovariateKind::Normal;
    /// Fully observed explanatory variables (`ximp<k>` / `ximp2_<k>`), columns of the dataset
    /// the response lives in (level 1: the main dataset; level 2: the level-2 dataset).
    std::vector<std::string> explanatory;
};

/// Everything 2LevelMissingOnePass needs, resolved from the answers (names, not indices).
/// Variables named by MOI terms are looked up in the level-1 dataset first, then in the
/// level-2 dataset (joined on `level2Id`).
struct OnePassSpec {
    std::string response;
    Family family = Family::Normal;
    std::string level2Id;                        ///< empty: 1-level MOI and imputation model
    std::vector<MoiTerm> terms;                  ///< beta_0, beta_1, ... in this order
    std::vector<std::string> randomCoefficients; ///< `x2vars`: names of terms varying at level 2
    CovariancePrior moiPrior = CovariancePrior::Uniform;

    std::vector<ImputationResponse> level1Responses; ///< `yimp`, `bin<k>`, `ximp<k>`
    bool imputationLevel2 = false;                   ///< `L2imp`: level-2 effects in the components
    std::vector<ImputationResponse> level2Responses; ///< `yimp2`, from the level-2 dataset
    CovariancePrior imputationPrior = CovariancePrior::Uniform;

    int chains = 3;
    std::uint64_t seed = 1;
    long burnin = 500;
    long iterations = 2000;
    long thinning = 1;
    /// Iterations at the start of burn-in during which Metropolis proposal scales adapt
    /// (`defaultalg` Yes: the whole burn-in; No: `adaptiters`, capped at the burn-in).
    long adaptIterations = 500;
    /// `defaultsv`. true: every chain starts from Grove's default values (observed means for
    /// missing values, zero fixed effects, data-based variances). false: each chain starts from
    /// over-dispersed values around them, drawn from its own stream (seed, chain), so that
    /// between-chain diagnostics such as R-hat can tell whether the chains forgot their start.
    bool defaultStartingValues = true;
    bool storeResiduals = false;        ///< `storeresid`
    bool makePrediction = false;        ///< `makepred`
    std::vector<long> imputeIterations; ///< `imputeiters` (1-based, after burn-in); empty: none
};

} // namespace grove::onepass
