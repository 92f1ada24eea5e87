// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace grove {

/// How a response of the joint imputation model is distributed. Binary, Ordered and Unordered
/// responses are modelled through latent normals (Parker & Goldstein 2019, "A note about the latent
/// normal model"): Binary and Ordered by a probit with thresholds, Unordered with p categories by
/// p-1 latent normals (maximum indicant).
enum class ResponseType { Normal, Binary, Ordered, Unordered };

/// Name of a response type as the templates write it ("Normal", "Binary", ...).
const char* responseTypeName(ResponseType type);

/// One explanatory variable of a response: `cons`, a fully observed variable, or a categorical
/// variable to expand into dummies for all but its last category (`:cat` in the input string).
struct ExplanatoryTerm {
    std::string variable;
    bool categorical = false;
};

/// One response (an incomplete variable) of the imputation model with its explanatory
/// variables. Categorical responses must be coded 0,1,...,categories-1.
struct ImputationResponse {
    std::string variable;
    ResponseType type = ResponseType::Normal;
    /// Number of categories for Ordered and Unordered responses (0: count them in the data).
    int categories = 0;
    /// Explanatory variables; for an Unordered response used for every latent category unless
    /// `explanatoryPerCategory` is given.
    std::vector<ExplanatoryTerm> explanatory;
    /// Unordered responses: one list per non-reference category (categories 0..p-2; the last
    /// category p-1 is the reference), as the Stat-JR manual's `ximp2_<resp>_<cat>` answers.
    std::vector<std::vector<ExplanatoryTerm>> explanatoryPerCategory;
};

/// A classification above level 1 (the level-2 units of 2LevelImpute; schools, classes, GPs
/// in NLevelImpute): the ID variable that names its units and the responses that are constant
/// within them (one value per unit).
struct ImputationClassification {
    std::string id;
    std::vector<ImputationResponse> responses;
};

/// The joint latent-normal imputation model (2LevelImpute, NLevelImpute; Carpenter, Goldstein &
/// Kenward 2011; Goldstein et al. 2009): every level-1 response has a random effect for every
/// classification (effects add, whether the classifications are nested or crossed); a
/// classification's responses have fixed effects and a residual; per classification one
/// unstructured covariance matrix over its random effects and its responses' residuals, level-1
/// residuals another.
///
/// Nested, a response at classification c also gets a random effect at every classification
/// above c (a school response varies between districts), in that classification's matrix.
/// What the engine supports so far: any number of classifications with level-1 responses of
/// all four types; responses of all four types at every classification of a nested hierarchy;
/// crossed, responses at the first classification only (others: a one-line error).
struct ImputationModelSpec {
    std::vector<ImputationResponse> level1Responses; ///< vary within every classification
    /// 2LevelImpute: one (its level 2); empty: a single-level model.
    std::vector<ImputationClassification> classifications;
    /// With two or more classifications: classification c + 1 nests classification c (the
    /// first is the lowest, e.g. classes in schools), checked against the data; false: crossed.
    bool nested = true;
    /// `condmarg = Yes`: fixed effects drawn with the first classification's effects integrated
    /// out (see JointImputationSampler.h); No: plain conditional Gibbs. Same posterior.
    bool conditionalAlgorithm = true;
};

/// When completed datasets are taken (Parker & Goldstein 2019): each chain yields one after
/// `firstImputation` iterations and every `imputationGap` after; the first `imputations` in the
/// order chain0_iter<first>, chain1_iter<first>, ..., chain0_iter<first+gap>, ... are used.
struct ImputationSchedule {
    int imputations = 5;
    long firstImputation = 1000;
    long imputationGap = 50;
    int chains = 0; ///< 0: min(threads, imputations)
    std::uint64_t seed = 1;
    int threads = 1; ///< worker threads; results do not depend on it
    /// -1: every chain; otherwise only this chain runs (grove-run --chain-index), drawing what
    /// it draws in the whole run, and the other chains' draws and datasets stay empty.
    int onlyChain = -1;
};

} // namespace grove
