// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/ImputationFlow.h"
#include "core/spec/Template.h"

#include <regex>

namespace grove {

/// What the imputation templates (2LevelImpute, NLevelImpute) have in common besides the
/// questions of ImputationFlow.h: the old key impute1st, known keys given by a pattern, and the
/// check that every MOI variable with missing values is a response of the imputation model. Each
/// template keeps its own flow (walk), which asks the shared questions in the words of its
/// ImputationWording.
class ImputationTemplate : public Template {
public:
    /// impute1st, the key of older input strings (Goldstein & Parker's earlier Stat-JR guide), for
    /// imputefirst.
    std::vector<std::pair<std::string, std::string>> keyAliases() const final;
    bool isKnownKey(std::string_view key) const final;

protected:
    /// `wording` must outlive the template (templates hold constants of their source file);
    /// `knownKeys` is a regular expression that matches every key the flow can ask.
    ImputationTemplate(const ImputationWording& wording, const char* knownKeys)
        : m_wording(wording), m_knownKeys(knownKeys)
    {
    }

    const ImputationWording& wording() const { return m_wording; }

    /// Every variable of y and x with missing values is among the responses yimp<L>; then
    /// checkModelSize.
    std::pair<std::string, std::string> checkComplete(const Answers& answers,
                                                      const TemplateContext& context) const final;
    /// Template-specific checks of the complete imputation model (e.g. enough units for its
    /// random effects). Returns (key, reason) of the first problem, or empty strings.
    virtual std::pair<std::string, std::string> checkModelSize(const Answers&,
                                                               const TemplateContext&) const
    {
        return {};
    }

private:
    const ImputationWording& m_wording;
    const std::regex m_knownKeys;
};

} // namespace grove
