// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/ImputationTemplate.h"

namespace grove {

/// 2LevelImpute (Parker & Goldstein 2019): multiple imputation with a 2-level joint latent-normal
/// model, then the model of interest (MOI) fitted to each completed dataset and combined by Rubin's
/// rules.
///
/// Flow (keys in order): numlevs · L2ID† · MOIlevel† · MOIdist · MOIslope‡ · y · x · xslope§ ·
/// yimp1 · bin1_1.. (+ ncats<var> after Ordered/Unordered) · ximp1_0.. (ximp1_<r>_<c> per
/// category of an Unordered response) · want2† · yimp2¶ · bin2_1.. (+ ncats<var>) · ximp2_0..
/// (ximp2_<r>_<c>) · condmarg · numimpute · imputefirst (alias impute1st) · imputeevery ·
/// burnin · iterations.
/// † only when numlevs is Yes; ‡ only for a 2-level univariate MOI; § only when MOIslope is
/// Yes (Grove's key: the seeds show none); ¶ only when want2 is Yes.
class TwoLevelImputeTemplate : public ImputationTemplate {
public:
    TwoLevelImputeTemplate();

    std::string name() const override { return "2LevelImpute"; }
    std::string description() const override;

protected:
    void walk(FlowWalker& walker) const override;
    /// y against MOIdist; with random slopes, yimp1 must hold y and the slope variables.
    std::string checkAnswer(const Question& question, const std::string& value,
                            const Answers& soFar, const TemplateContext& context) const override;
};

} // namespace grove
