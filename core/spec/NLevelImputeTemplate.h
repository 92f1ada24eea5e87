// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/ImputationTemplate.h"

namespace grove {

/// NLevelImpute: 2LevelImpute generalised to N classifications above level 1, nested or
/// cross-classified (Parker & Goldstein 2019 describe it only in outline; this flow is Grove's
/// design and keeps 2LevelImpute's keys wherever they apply, so classification 1 uses
/// want2/yimp2/bin2_k/ ximp2_r as 2LevelImpute's level 2 does).
///
/// Flow (keys in order): numclass · classid_1..classid_N · structure (N >= 2: Nested or
/// Cross-classified) · MOIclass_1..MOIclass_N (is classification c in the MOI?) · MOIdist ·
/// MOIslope† · y · x · xslope‡ · yimp1 · bin1_k (+ ncats<var>) · ximp1_r[_c] · then per
/// classification c, with L = c + 1: want<L> · yimp<L>¶ · bin<L>_k (+ ncats<var>) ·
/// ximp<L>_r[_c] · numimpute · imputefirst (alias impute1st) · imputeevery · burnin · iterations.
/// † when some classification is in the MOI and the MOI is univariate; ‡ when MOIslope is Yes;
/// ¶ when want<L> is Yes. Responses of classification c, and their explanatory variables, must
/// be constant within the units of classid_c.
class NLevelImputeTemplate : public ImputationTemplate {
public:
    NLevelImputeTemplate();

    std::string name() const override { return "NLevelImpute"; }
    std::string description() const override;

protected:
    void walk(FlowWalker& walker) const override;
    /// numclass within bounds, every classification with at least 2 units, y against MOIdist,
    /// and Nested classifications really nested.
    std::string checkAnswer(const Question& question, const std::string& value,
                            const Answers& soFar, const TemplateContext& context) const override;
    /// Every classification has more units than the dimension of its covariance matrix (its
    /// random effects: one per latent normal of every level-1 response and, when nested, of
    /// every lower classification's response, plus its own responses' residuals), else that
    /// matrix is not identified (error on classid_c).
    std::pair<std::string, std::string>
    checkModelSize(const Answers& answers, const TemplateContext& context) const override;
};

} // namespace grove
