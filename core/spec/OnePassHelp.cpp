// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/OnePassHelp.h"

namespace grove {

const char* const yOnePassHelp =
    "The response of the model of interest (MOI). Cases where it is missing are dropped "
    "automatically, so do not include it among the imputation responses.";
const char* const distOnePassHelp =
    "The distribution of the MOI response: Normal; Binomial (a 0/1 response, logit link); Poisson "
    "or Negative binomial (counts, log link).";
const char* const l2intHelp =
    "Yes for a 2-level MOI (random intercept and, optionally, random coefficients at level 2).";
const char* const l2idOnePassHelp = "The variable identifying the level-2 units of the MOI (e.g. "
                                    "school). It must have no missing values.";
const char* const numpolyHelp =
    "How many polynomial (power) terms the MOI has. Each is specified separately and lower powers "
    "are not added for you: for MyVar^2 and MyVar^3 answer 2 and give each. Grove's keys: xpoly0, "
    "xpower0, xpoly1, ... (variable and power of each term); the term is then offered as e.g. "
    "standlrtmiss^2.";
const char* const xpolyHelp =
    "Variable A of this polynomial term (Grove's key xpoly<i>, i counting from 0). A variable with "
    "missing values is imputed within the model, so the power is handled properly.";
const char* const xpowerHelp =
    "The power of variable A in this term (2 for a square, 3 for a cube; Grove's key xpower<i>).";
const char* const numinterHelp =
    "How many interaction terms the MOI has. Each is specified separately: a three-way interaction "
    "that respects marginality needs 4 terms (the three-way term and the three two-way terms).";
const char* const xinterHelp =
    "Two or more variables whose product is an interaction term (keys xinter0, xinter1, ...). The "
    "term is then offered as e.g. standlrtmiss*girlmiss among the explanatory variables.";
const char* const xvarsHelp =
    "The explanatory variables of the MOI, comma-separated, including any polynomial (a^2) and "
    "interaction (a*b) terms declared above; include cons for an intercept. Categorical variables "
    "must be entered as your own dummy variables here. Any variable with missing values must be a "
    "response in the imputation model (Normal or Binary only).";
const char* const x2varsHelp =
    "The explanatory variables whose coefficients vary randomly at level 2; include cons if the "
    "intercept is to vary. They must be among the MOI explanatory variables.";
const char* const l1respHelp =
    "Yes if level-1 variables with missing values (other than the MOI response) are to be imputed.";
const char* const yimpHelp =
    "The level-1 variables with missing values to impute; only Normal or Binary variables can be "
    "imputed. Do not include the MOI response. Polynomial and interaction terms are not offered: "
    "they are computed from the imputed values.";
const char* const l2impHelp = "Yes to give the imputation model a level 2 (random effects for the "
                              "imputation responses); needed for level-2 responses.";
const char* const l2idimpHelp = "The ID of the level-2 units in the imputation model; when the MOI "
                                "has a level 2 it must be the same ID.";
const char* const l2respHelp =
    "Yes if level-2 variables with missing values are to be imputed; you will then be asked for a "
    "level-2 dataset with one row per level-2 unit.";
const char* const l2dataHelp =
    "A dataset with one row per level-2 unit (e.g. tutmiss_lev2), holding the level-2 ID, the "
    "level-2 variables with missing values and their explanatory variables.";
const char* const yimp2OnePassHelp = "The level-2 variables with missing values, from the level-2 "
                                     "dataset; only Normal or Binary variables can be imputed.";
const char* const onePassResponseTypeHelp =
    "How this variable is imputed: Normal (continuous) or Binary (coded 0 and 1, probit on a "
    "latent normal variable). The one-pass template imputes only these two types; a categorical "
    "variable with more categories must be fully observed. Keys: bin1, bin2, ... for the "
    "lower-level responses in order; bin2_1, bin2_2, ... for the higher-level ones.";
const char* const onePassExplanatoryHelp =
    "Explanatory variables for this response in the imputation component (keys ximp1, ximp2, ... "
    "for lower-level responses; ximp2_1, ... for higher-level ones, taken from the level-2 "
    "dataset). Include cons for an intercept. They must have no missing values and must not be the "
    "MOI response or another imputation response. ':cat' expands a categorical variable into "
    "dummies (the last category is the reference).";
const char* const priorsintHelp =
    "Prior for the covariance matrix of the MOI's level-2 random effects: Uniform, or Wishart (an "
    "inverse-Wishart prior with an identity scale matrix and as many degrees of freedom as random "
    "coefficients).";
const char* const storeresidHelp = "Yes to store the level-2 residuals of the MOI as an output.";
const char* const priors2Help =
    "Prior for the level-2 covariance matrix of the imputation components: Uniform, or Wishart "
    "(identity scale, degrees of freedom = number of responses).";
const char* const nchainsHelp = "Number of MCMC chains, run in parallel; several chains allow the "
                                "Brooks-Gelman-Rubin diagnostic.";
const char* const seedHelp =
    "Random number seed: the same seed gives the same results whatever the number of threads.";
const char* const burninOnePassHelp = "Iterations discarded at the start of each chain.";
const char* const iterationsOnePassHelp = "Iterations stored per chain after the burn-in.";
const char* const thinningHelp = "Store every n-th iteration (1 keeps all).";
const char* const defaultalgHelp =
    "Yes uses the default algorithm settings. No lets you change the number of adaptation "
    "iterations of the Metropolis steps (Grove's key adaptiters).";
const char* const adaptitersHelp =
    "Iterations used to tune the Metropolis proposal distributions before the burn-in.";
const char* const makepredHelp = "Yes to create a dataset of predictions from the MOI.";
const char* const defaultsvHelp =
    "Yes starts the chains from Grove's default values; No starts each chain from over-dispersed "
    "values around them, which makes the convergence diagnostics more telling.";
const char* const imputeitersHelp =
    "Iterations at which to save a completed (imputed) dataset, comma-separated (e.g. 1000,2000), "
    "or 0 for none; useful for secondary analysts who need imputed datasets.";
const char* const outdataHelp = "Name of the output results (the chains dataset), e.g. out.";

} // namespace grove
