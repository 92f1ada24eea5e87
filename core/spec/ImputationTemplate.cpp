// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/ImputationTemplate.h"

#include "core/spec/MoiChecks.h"
#include "core/spec/VariableList.h"

namespace grove {

std::vector<std::pair<std::string, std::string>> ImputationTemplate::keyAliases() const
{
    return {{"impute1st", "imputefirst"}};
}

bool ImputationTemplate::isKnownKey(std::string_view key) const
{
    return std::regex_match(key.begin(), key.end(), m_knownKeys);
}

std::pair<std::string, std::string>
ImputationTemplate::checkComplete(const Answers& answers, const TemplateContext& context) const
{
    static const std::regex responsesKey("yimp[0-9]+");
    std::vector<std::string> imputed;
    for (const auto& [key, value] : answers) {
        if (std::regex_match(key, responsesKey)) {
            for (const std::string& v : listNames(value))
                imputed.push_back(v);
        }
    }
    for (const char* key : {"y", "x"}) {
        const std::string missing =
            firstUnimputed(context.dataset, listNames(answers.valueOr(key, "")), imputed);
        if (!missing.empty())
            return {key,
                    "'" + missing +
                        "' has missing values but is not a response in the imputation model; " +
                        m_wording.unimputedAdvice};
    }
    return checkModelSize(answers, context);
}

} // namespace grove
