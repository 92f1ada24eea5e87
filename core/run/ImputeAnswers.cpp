// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ImputeAnswers.h"

#include "core/common/Error.h"
#include "core/spec/VariableList.h"

#include <charconv>

namespace grove {

namespace {

std::vector<ExplanatoryTerm> explanatoryTerms(const std::string& list)
{
    std::vector<ExplanatoryTerm> terms;
    for (const VariableTerm& t : parseVariableList(list))
        terms.push_back({t.name, t.categorical});
    return terms;
}

ResponseType responseType(const std::string& text, const std::string& key)
{
    if (text == "Normal")
        return ResponseType::Normal;
    if (text == "Binary")
        return ResponseType::Binary;
    if (text == "Ordered")
        return ResponseType::Ordered;
    if (text == "Unordered")
        return ResponseType::Unordered;
    throw Error("'" + key + "' must be Normal, Binary, Ordered or Unordered, not '" + text + "'");
}

MoiDistribution moiDistribution(const std::string& text)
{
    if (text == "Normal")
        return MoiDistribution::Normal;
    if (text == "Binomial")
        return MoiDistribution::Binomial;
    if (text == "Poisson")
        return MoiDistribution::Poisson;
    if (text == "Multivariate Normal")
        return MoiDistribution::MultivariateNormal;
    throw Error("'MOIdist' must be Normal, Binomial, Poisson or Multivariate Normal, not '" + text +
                "'");
}

} // namespace

std::string requiredAnswer(const Answers& answers, const std::string& key)
{
    const auto value = answers.get(key);
    if (!value)
        throw Error("'" + key + "' is not answered");
    return *value;
}

long requiredCount(const Answers& answers, const std::string& key)
{
    const std::string text = requiredAnswer(answers, key);
    long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
        throw Error("'" + key + "' must be a whole number, not '" + text + "'");
    return value;
}

std::vector<ImputationResponse> imputationResponsesAt(const Answers& answers, int level)
{
    const std::string suffix = std::to_string(level);
    std::vector<ImputationResponse> responses;
    const auto names = answers.get("yimp" + suffix);
    if (!names)
        return responses;
    const std::vector<VariableTerm> variables = parseVariableList(*names);
    for (std::size_t r = 0; r < variables.size(); ++r) {
        ImputationResponse response;
        response.variable = variables[r].name;
        const std::string typeKey = "bin" + suffix + "_" + std::to_string(r + 1);
        response.type = responseType(requiredAnswer(answers, typeKey), typeKey);
        if (response.type == ResponseType::Ordered || response.type == ResponseType::Unordered)
            response.categories =
                static_cast<int>(requiredCount(answers, "ncats" + response.variable));
        const std::string xKey = "ximp" + suffix + "_" + std::to_string(r);
        if (const auto list = answers.get(xKey)) {
            response.explanatory = explanatoryTerms(*list);
        } else if (response.type == ResponseType::Unordered) {
            for (int c = 0; c + 1 < response.categories; ++c)
                response.explanatoryPerCategory.push_back(
                    explanatoryTerms(requiredAnswer(answers, xKey + "_" + std::to_string(c))));
        } else {
            response.explanatory = explanatoryTerms(requiredAnswer(answers, xKey));
        }
        responses.push_back(std::move(response));
    }
    return responses;
}

ImputationSchedule imputationSchedule(const Answers& answers, std::uint64_t seed, int threads,
                                      int chains)
{
    ImputationSchedule schedule;
    schedule.imputations = static_cast<int>(requiredCount(answers, "numimpute"));
    schedule.firstImputation = requiredCount(answers, "imputefirst");
    schedule.imputationGap = requiredCount(answers, "imputeevery");
    schedule.seed = seed;
    schedule.threads = threads;
    schedule.chains = chains;
    return schedule;
}

MoiSpec modelOfInterestAnswers(const Answers& answers)
{
    MoiSpec moi;
    moi.distribution = moiDistribution(requiredAnswer(answers, "MOIdist"));
    for (const VariableTerm& y : parseVariableList(requiredAnswer(answers, "y")))
        moi.responses.push_back(y.name);
    for (const VariableTerm& x : parseVariableList(requiredAnswer(answers, "x")))
        moi.explanatory.push_back({x.name, x.categorical});
    if (answers.valueOr("MOIslope", "No") == "Yes") {
        // The intercept is random already; the templates' help lets `cons` be listed too.
        for (const VariableTerm& s : parseVariableList(requiredAnswer(answers, "xslope")))
            if (s.name != "cons")
                moi.randomSlopes.push_back(s.name);
    }
    moi.burnin = requiredCount(answers, "burnin");
    moi.iterations = requiredCount(answers, "iterations");
    return moi;
}

} // namespace grove
