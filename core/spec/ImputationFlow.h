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
    /// level >= 2: why a response of this level must be constant within idVariable units.
    std::string constantReason;
    /// Variables that may not explain these responses (every imputation response).
    std::vector<std::string> responses;
};

/// How 2LevelImpute and NLevelImpute word the questions they share: keys, prompts and checks
/// are the same, the help texts (and what the IDs are called in messages) are each template's.
struct ImputationWording {
    const char* idsName;              ///< in messages: "the level 2 ID", "a classification ID"
    const char* moiDistHelp;          ///< MOIdist
    const char* moiSlopeHelp;         ///< MOIslope
    const char* responseHelp;         ///< y of a univariate MOI
    const char* responsesHelp;        ///< y of a Multivariate Normal MOI
    const char* explanatoryHelp;      ///< x
    const char* slopePrompt;          ///< xslope
    const char* slopeHelp;            ///< xslope
    const char* level1ResponsesHelp;  ///< yimp1
    const char* wantHelp;             ///< want<L>
    const char* higherResponsesHelp;  ///< yimp<L>
    const char* higherExcludedReason; ///< yimp<L>: why earlier responses and IDs are excluded
    const char* numimputeHelp;
    const char* imputefirstHelp;
    const char* imputeeveryHelp;
    const char* burninHelp;
    const char* iterationsHelp;
    /// After "'<variable>' has missing values but is not a response in the imputation model; ".
    const char* unimputedAdvice;
};

/// The model-of-interest questions: MOIdist · MOIslope (only when `randomEffects` and the MOI is
/// univariate) · y · x · xslope (only when MOIslope is Yes). `higherLevels` are the levels above
/// level 1 (none for 1-level data); their IDs cannot be MOI variables.
/// Returns false when the flow stopped.
bool askModelOfInterest(FlowWalker& walker, const ImputationWording& wording,
                        const std::vector<ImputationLevel>& higherLevels, bool randomEffects);

/// The imputation model: yimp1 and its response questions, then for each of `higherLevels`
/// (their `responses` are filled in here): want<L> · yimp<L> (when want<L> is Yes) and its
/// response questions. Returns false when the flow stopped.
bool askImputationModel(FlowWalker& walker, const ImputationWording& wording,
                        std::vector<ImputationLevel> higherLevels);

/// The response-type questions of one level: for the k-th response (1-based) `bin<level>_<k>`
/// (Normal, Binary, Ordered, Unordered), each followed, for Ordered and Unordered, by
/// `ncats<variable>`; then the explanatory variables: `ximp<level>_<r>` for the r-th response
/// (0-based) or, for an Unordered response with c categories, `ximp<level>_<r>_<j>` for the
/// c-1 category dummies j = 0..c-2 (the last category is the reference).
/// Returns false when the flow stopped.
bool askImputationResponses(FlowWalker& walker, const ImputationLevel& level,
                            const std::vector<std::string>& levelResponses);

/// How many imputations and iterations: numimpute · imputefirst · imputeevery · burnin ·
/// iterations (the last two for each MOI fit).
void askImputationSchedule(FlowWalker& walker, const ImputationWording& wording);

/// The help of the response-type question.
extern const char* const responseTypeHelp;
/// The help of the imputation model's explanatory-variable questions.
extern const char* const imputationExplanatoryHelp;

} // namespace grove
