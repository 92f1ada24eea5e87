// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace grove {

class FlowWalker;

/// One level of a joint (latent normal) imputation model, as 2LevelImpute and NLevelImpute
/// ask about it.
struct ImputationLevel {
    int level = 1;          ///< 1 for level 1; 2, 3, ... for higher levels / classifications
    std::string idVariable; ///< level >= 2: the ID whose units responses must be constant within
    std::string phrase;     ///< level >= 2: "level 2" or "classification 2 (district)", for prompts
    /// Variables that may not explain these responses (every imputation response).
    std::vector<std::string> responses;
};

/// The response-type questions of one level: for the k-th response (1-based) `bin<level>_<k>`
/// (Normal, Binary, Ordered, Unordered), each followed, for Ordered and Unordered, by
/// `ncats<variable>`; then the explanatory variables: `ximp<level>_<r>` for the r-th response
/// (0-based) or, for an Unordered response with c categories, `ximp<level>_<r>_<j>` for the
/// c-1 category dummies j = 0..c-2 (the last category is the reference).
/// Returns false when the flow stopped.
bool askImputationResponses(FlowWalker& walker, const ImputationLevel& level,
                            const std::vector<std::string>& levelResponses);

/// The help of the response-type question.
extern const char* const responseTypeHelp;
/// The help of the imputation model's explanatory-variable questions.
extern const char* const imputationExplanatoryHelp;

} // namespace grove
