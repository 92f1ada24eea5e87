// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

/// The Stat-JR manual's 2LevelImpute worked example on tutmiss (Parker & Goldstein 2019), in
/// question order: the same string packaging/worked-example and the README use.
inline const std::string workedExampleInputs =
    "{'numlevs': 'Yes', 'L2ID': 'school', 'MOIlevel': '2 levels', 'MOIdist': 'Normal', "
    "'MOIslope': 'No', 'y': 'normexam', 'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', "
    "'yimp1': 'normexam,standlrtmiss,girlmiss', 'bin1_1': 'Normal', 'bin1_2': 'Normal', "
    "'bin1_3': 'Binary', 'ximp1_0': 'cons', 'ximp1_1': 'cons,vrband:cat', 'ximp1_2': 'cons', "
    "'want2': 'Yes', 'yimp2': 'schgendmiss', 'bin2_1': 'Unordered', 'ncatsschgendmiss': '3', "
    "'ximp2_0_0': 'cons', 'ximp2_0_1': 'cons', 'condmarg': 'Yes', 'numimpute': '4', "
    "'imputefirst': '1000', 'imputeevery': '50', 'burnin': '100', 'iterations': '250'}";
