// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Template.h"

namespace grove {

/// 2LevelMissingOnePass (Goldstein, Carpenter & Browne 2014; Parker & Goldstein 2019): the model of
/// interest and the imputation components for incomplete Normal and Binary covariates are fitted
/// together in one MCMC run, so interactions and powers of incomplete variables are handled
/// properly.
///
/// Flow (keys in order): y · D · L2int · L2ID† · numpoly · xpoly<i>, xpower<i> (i = 0.. per
/// polynomial term) · numinter · xinter<i> (i = 0..) · xvars · x2vars† · L1resp · yimp‡ · L2imp ·
/// L2IDimp§ · L2resp§ · L2Data¶ · yimp2¶ · bin<k>, ximp<k> per level-1 response (k = 1..) ·
/// bin2_<k>, ximp2_<k> per level-2 response (k = 1..) · priorsint† · storeresid† · priors2§ ·
/// nchains · seed · burnin · iterations · thinning · defaultalg · adaptiters (when defaultalg is
/// No) · makepred · defaultsv · imputeiters · outdata.
/// † when L2int is Yes; ‡ when L1resp is Yes; § when L2imp is Yes; ¶ when L2resp is Yes.
/// xpoly/xpower/adaptiters are Grove's keys (the seeds show none).
class OnePassTemplate : public Template {
public:
    std::string name() const override { return "2LevelMissingOnePass"; }
    std::string description() const override;
    std::vector<std::string> estimationKeys() const override;
    bool isKnownKey(std::string_view key) const override;

protected:
    void walk(FlowWalker& walker) const override;
    std::string checkAnswer(const Question& question, const std::string& value,
                            const Answers& soFar, const TemplateContext& context) const override;
    std::pair<std::string, std::string>
    checkComplete(const Answers& answers, const TemplateContext& context) const override;
};

/// The factors of an MOI term: "a*b" -> {a, b}; "a^2" -> {a}; "a" -> {a}.
std::vector<std::string> termFactors(const std::string& term);

} // namespace grove
