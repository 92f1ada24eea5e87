// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/MethodsText.h"

#include <cstdio>
#include <sstream>

#ifndef GROVE_VERSION
#define GROVE_VERSION "unknown"
#endif

namespace grove {

namespace {

std::string joined(const std::vector<std::string>& items, const std::string& last = " and ")
{
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            text += i + 1 == items.size() ? last : ", ";
        text += items[i];
    }
    return text;
}

std::string termList(const std::vector<ExplanatoryTerm>& terms)
{
    std::vector<std::string> names;
    for (const ExplanatoryTerm& term : terms)
        names.push_back(term.variable + (term.categorical ? " (categorical)" : ""));
    return names.empty() ? "no explanatory variables" : joined(names);
}

std::string responseText(const ImputationResponse& response)
{
    std::ostringstream out;
    out << response.variable << " (";
    switch (response.type) {
    case ResponseType::Normal: out << "normal"; break;
    case ResponseType::Binary: out << "binary, probit latent normal"; break;
    case ResponseType::Ordered:
        out << "ordered";
        if (response.categories > 0)
            out << ", " << response.categories << " categories";
        out << ", probit latent normal with thresholds";
        break;
    case ResponseType::Unordered:
        out << "unordered";
        if (response.categories > 0)
            out << ", " << response.categories << " categories";
        out << ", latent normals by maximum indicant";
        break;
    }
    if (!response.explanatoryPerCategory.empty()) {
        out << "; explanatory variables per category:";
        for (std::size_t c = 0; c < response.explanatoryPerCategory.size(); ++c)
            out << (c == 0 ? " " : ", ") << "category " << c << ": "
                << termList(response.explanatoryPerCategory[c]);
    } else {
        out << "; explanatory: " << termList(response.explanatory);
    }
    out << ")";
    return out.str();
}

std::string distributionText(MoiDistribution distribution)
{
    switch (distribution) {
    case MoiDistribution::Normal: return "normal";
    case MoiDistribution::Binomial: return "binomial (logit link)";
    case MoiDistribution::Poisson: return "Poisson (log link)";
    case MoiDistribution::MultivariateNormal: return "multivariate normal";
    }
    return "";
}

std::string percent(std::size_t part, std::size_t whole)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%",
                  whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
    return buffer;
}

std::string dfText(const CompleteDataDf& df)
{
    switch (df.rule) {
    case CompleteDataDf::Rule::BetweenWithin:
        return "complete-data degrees of freedom by the between-within rule";
    case CompleteDataDf::Rule::Infinite: return "infinite complete-data degrees of freedom";
    case CompleteDataDf::Rule::Fixed:
        return "complete-data degrees of freedom fixed at " + df.text();
    }
    return "";
}

void pooling(std::ostringstream& out, const MethodsFacts& facts)
{
    out << "The estimates were combined by Rubin's rules (Rubin 1987), with Barnard & Rubin "
           "(1999) degrees of freedom and "
        << dfText(facts.completeDataDf);
    if (facts.categoricalWaldTests)
        out << "; categorical explanatory variables were tested as a whole with the D1 "
               "statistic (Li et al. 1991)";
    out << ".";
}

} // namespace

std::string imputationMethodsText(const TwoLevelImputeModels& models, const MethodsFacts& facts)
{
    const ImputationModelSpec& imputation = models.imputation;
    const ImputationSchedule& schedule = models.schedule;
    const MoiSpec& moi = models.modelOfInterest;
    std::ostringstream out;
    out << "Missing values in " << facts.datasetName << " were imputed with Grove " << GROVE_VERSION
        << " (template " << facts.templateName
        << "), which fits a joint multilevel latent-normal imputation model (Goldstein et al. "
           "2009; Carpenter, Goldstein & Kenward 2011) by Markov chain Monte Carlo. ";
    std::vector<std::string> classificationIds;
    for (const ImputationClassification& c : imputation.classifications)
        classificationIds.push_back(c.id);
    std::vector<std::string> level1;
    for (const ImputationResponse& response : imputation.level1Responses)
        level1.push_back(responseText(response));
    out << "The imputation model had the level-1 responses " << joined(level1);
    if (!classificationIds.empty())
        out << ", each with a random effect for "
            << joined(classificationIds, imputation.nested ? " within " : " crossed with ");
    for (const ImputationClassification& c : imputation.classifications) {
        std::vector<std::string> responses;
        for (const ImputationResponse& response : c.responses)
            responses.push_back(responseText(response));
        if (!responses.empty())
            out << ", and the responses " << joined(responses) << " at the level of " << c.id;
    }
    out << "; residuals and random effects had unstructured covariance matrices. Fixed effects "
        << (imputation.conditionalAlgorithm
                ? "were drawn with the random effects integrated out (conditional algorithm)"
                : "were drawn by plain Gibbs steps given the random effects")
        << ". " << facts.chains << (facts.chains == 1 ? " chain was" : " chains were")
        << " run; the first completed datasets were taken after " << schedule.firstImputation
        << " iterations and further ones every " << schedule.imputationGap
        << " iterations, giving M = " << schedule.imputations << " imputations. ";
    out << "Convergence was checked by the rank-normalised split R-hat and bulk and tail "
           "effective sample sizes (Vehtari et al. 2021) of every parameter, and by the "
           "autocorrelation of the imputation model's parameters at the imputation spacing. "
        << facts.convergence << " ";
    std::vector<std::string> terms;
    for (const MoiTerm& term : moi.explanatory)
        terms.push_back(term.variable + (term.categorical ? " (categorical)" : ""));
    std::vector<std::string> units = moi.classifications;
    if (units.empty() && moi.twoLevel)
        units.push_back(moi.level2Id);
    out << "The model of interest, a " << (units.empty() ? "single-level" : "multilevel") << " "
        << distributionText(moi.distribution) << " model of " << joined(moi.responses) << " on "
        << joined(terms);
    if (!units.empty())
        out << " with random intercepts for " << joined(units);
    if (!moi.randomSlopes.empty())
        out << " and random slopes of " << joined(moi.randomSlopes);
    out << ", was fitted to each completed dataset by MCMC (burn-in " << moi.burnin << ", "
        << moi.iterations << " iterations). ";
    pooling(out, facts);
    if (facts.completeCases > 0)
        out << " For comparison the same model was fitted to the " << facts.completeCases
            << " complete cases (" << percent(facts.completeCases, facts.rows) << " of "
            << facts.rows << " rows).";
    else
        out << " The model could not be fitted to the complete cases for comparison.";
    return out.str();
}

std::string onePassMethodsText(const onepass::OnePassSpec& spec, const MethodsFacts& facts)
{
    std::ostringstream out;
    out << "The model of interest was fitted to " << facts.datasetName << " with Grove "
        << GROVE_VERSION << " (template " << facts.templateName
        << ") as a fully Bayesian model with the missing covariates imputed in one pass "
           "(Goldstein, Carpenter & Browne 2014): at every iteration the model of interest, "
           "the imputation components of the incomplete covariates and the missing values were "
           "updated together. ";
    std::vector<std::string> terms;
    for (const onepass::MoiTerm& term : spec.terms)
        terms.push_back(term.name);
    const char* family = spec.family == onepass::Family::Normal     ? "normal"
                         : spec.family == onepass::Family::Binomial ? "binomial"
                         : spec.family == onepass::Family::Poisson  ? "Poisson"
                                                                    : "negative binomial";
    out << "The model of interest was a " << (spec.level2Id.empty() ? "single-level" : "multilevel")
        << " " << family << " model of " << spec.response << " on " << joined(terms);
    if (!spec.level2Id.empty())
        out << " with a random intercept for " << spec.level2Id;
    if (!spec.randomCoefficients.empty())
        out << " and random coefficients of " << joined(spec.randomCoefficients);
    out << ". ";
    std::vector<std::string> components;
    for (const onepass::ImputationResponse& r : spec.level1Responses)
        components.push_back(r.variable + (r.kind == onepass::CovariateKind::Binary
                                               ? " (binary, probit)"
                                               : " (normal)"));
    for (const onepass::ImputationResponse& r : spec.level2Responses)
        components.push_back(r.variable + (r.kind == onepass::CovariateKind::Binary
                                               ? " (level 2, binary, probit)"
                                               : " (level 2, normal)"));
    if (!components.empty())
        out << "Incomplete covariates were imputed from the components " << joined(components)
            << (spec.imputationLevel2 ? ", with level-2 random effects" : "") << ". ";
    out << facts.chains << (facts.chains == 1 ? " chain" : " chains") << " of " << spec.burnin
        << " burn-in and " << spec.iterations << " iterations (thinning " << spec.thinning
        << ") were run. Convergence was checked by the rank-normalised split R-hat and bulk and "
           "tail effective sample sizes (Vehtari et al. 2021). "
        << facts.convergence;
    return out.str();
}

} // namespace grove
