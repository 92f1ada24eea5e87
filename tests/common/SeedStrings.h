// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove::test {

// The input strings printed in the seeds (reference/seed_input_strings.txt, OCR slips fixed).

/// 2LevelImpute, Parker & Goldstein 2019, "Template > Set Inputs": complete.
inline constexpr const char* seed2LevelImpute =
    "{'want2': 'Yes', 'MOIlevel': '2 levels', 'bin1_3': 'Binary', 'bin1_2': 'Normal', 'bin1_1': "
    "'Normal', "
    "'iterations': '250', 'imputefirst': '1000', 'yimp2': 'schgendmiss', 'numlevs': 'Yes', "
    "'MOIslope': 'No', "
    "'condmarg': 'Yes', 'L2ID': 'school', 'burnin': '100', 'yimp1': "
    "'normexam,standlrtmiss,girlmiss', "
    "'numimpute': '4', 'imputeevery': '50', 'ncatsschgendmiss': '3', 'ximp2_0_0': 'cons', "
    "'ximp1_1': 'cons,vrband:cat', 'ximp1_0': 'cons', 'ximp1_2': 'cons', 'MOIdist': 'Normal', 'y': "
    "'normexam', "
    "'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', 'ximp2_0_1': 'cons', 'bin2_1': "
    "'Unordered'}";

/// 2LevelImpute, Goldstein & Parker's earlier Stat-JR guide, screenshot: older key impute1st, no
/// 'iterations' yet (incomplete).
inline constexpr const char* seed2LevelImputeOld =
    "{'want2': 'Yes', 'MOIlevel': '2 levels', 'bin1_3': 'Binary', 'bin1_2': 'Normal', 'bin1_1': "
    "'Normal', "
    "'impute1st': '1000', 'yimp2': 'schgendmiss', 'numlevs': 'Yes', 'MOIslope': 'No', 'condmarg': "
    "'Yes', "
    "'L2ID': 'school', 'burnin': '100', 'yimp1': 'normexam,standlrtmiss,girlmiss', 'numimpute': "
    "'4', "
    "'imputeevery': '50', 'bin2_1': 'Unordered', 'ximp1_1': 'cons,vrband:cat', 'ximp1_0': 'cons', "
    "'ximp1_2': 'cons', 'MOIdist': 'Normal', 'y': 'normexam', 'x': "
    "'cons,standlrtmiss,girlmiss,schgendmiss:cat', "
    "'ncatsschgendmiss': '3', 'ximp2_0_1': 'cons', 'ximp2_0_0': 'cons'}";

/// 2LevelMissingOnePass, Parker & Goldstein 2019, interaction example: complete.
inline constexpr const char* seedOnePassInteraction =
    "{'D': 'Normal', 'makepred': 'No', 'storeresid': 'No', 'x2vars': 'cons', 'priors2': 'Uniform', "
    "'nchains': '3', 'defaultalg': 'Yes', 'iterations': '2000', 'outdata': 'out', 'ximp2': 'cons', "
    "'ximp1': 'cons', 'bin1': 'Normal', 'seed': '1', 'numpoly': '0', 'defaultsv': 'Yes', "
    "'imputeiters': '0', "
    "'L2ID': 'school', 'burnin': '500', 'xinter0': 'standlrtmiss,girlmiss', 'numinter': '1', "
    "'L1resp': 'Yes', "
    "'xvars': 'cons,standlrtmiss,girlmiss,standlrtmiss*girlmiss', 'L2imp': 'Yes', 'L2resp': 'No', "
    "'thinning': '1', 'yimp': 'standlrtmiss,girlmiss', 'y': 'normexam', 'priorsint': 'Uniform', "
    "'L2int': 'Yes', 'L2IDimp': 'school', 'bin2': 'Binary'}";

/// 2LevelMissingOnePass, Parker & Goldstein 2019, appendix: level-2 responses from tutmiss_lev2;
/// complete.
inline constexpr const char* seedOnePassLevel2 =
    "{'imputeiters': '0', 'L2int': 'Yes', 'D': 'Normal', 'storeresid': 'No', 'L2IDimp': 'school', "
    "'x2vars': 'cons', 'y': 'normexam', 'nchains': '3', 'defaultalg': 'Yes', 'iterations': '2000', "
    "'ximp2_1': 'cons', 'outdata': 'out', 'burnin': '500', 'ximp1': 'cons', 'seed': '1', "
    "'numpoly': '0', "
    "'defaultsv': 'Yes', 'L2Data': 'tutmiss_lev2', 'L2ID': 'school', 'yimp2': 'avslrtmiss', "
    "'numinter': '0', "
    "'L1resp': 'Yes', 'makepred': 'No', 'L2imp': 'Yes', 'L2resp': 'Yes', 'thinning': '1', 'yimp': "
    "'girlmiss', "
    "'priors2': 'Uniform', 'priorsint': 'Uniform', 'bin1': 'Binary', 'bin2_1': 'Normal', "
    "'xvars': 'cons,standlrt,girlmiss,avslrtmiss'}";

} // namespace grove::test
