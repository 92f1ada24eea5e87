// SPDX-License-Identifier: GPL-3.0-or-later
// Rubin's rules with Barnard & Rubin (1999) df and D1 with Li et al. (1991) / Reiter (2007) df
// against mitml's testEstimates / testModels with infinite and finite df.com. Inputs and
// references were computed once by tests/pool/reference/mitml_pooling.R (mitml 0.4.4, R 4.2.2)
// and are stored here; R is not needed to build or run the tests.
#include "core/pool/RubinsRules.h"
#include "core/pool/WaldTest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace grove {
namespace {

constexpr int imputations = 5;
constexpr int parameters = 4; // cons, x, fb, fc of lm(y ~ x + f)

// Coefficients of the 5 fits, one row per imputation.
constexpr double estimates[imputations][parameters] = {
    {1.4568517411175592, 0.3879076475864533, -0.11235698333625024, -0.96538189800721586},
    {1.4318602429523881, 0.38885497041905237, -0.17547818203657936, -1.1172011059099742},
    {1.6111540186281588, 0.38370335036816861, -0.27064829168246707, -1.165138434305619},
    {1.6730589462308014, 0.43534732303820889, -0.29526951791956835, -1.4510170967917939},
    {1.4873098374078146, 0.37950293847479238, -0.2961581613701792, -1.2346026580794718},
};

// Their covariance matrices, row-major.
constexpr double covariances[imputations][parameters * parameters] = {
    {0.095817379777339617, -0.0028032619050544997, -0.097260153740572022, -0.096330318803383067,
     -0.0028032619050544997, 0.033034751724776566, 0.019805483347302536, 0.0088479391236695147,
     -0.097260153740572022, 0.019805483347302536, 0.21038534716358825, 0.10088414810234313,
     -0.096330318803383067, 0.0088479391236695147, 0.10088414810234313, 0.20088107885547704},
    {0.082335137389367263, -0.0024088213915616431, -0.08357490195776382, -0.082775901948780151,
     -0.0024088213915616431, 0.028386508044820954, 0.017018699491181767, 0.0076029660282191667,
     -0.08357490195776382, 0.017018699491181767, 0.18078251047645919, 0.086688972436085143,
     -0.082775901948780151, 0.0076029660282191667, 0.086688972436085143, 0.17261556582871154},
    {0.087975750904970715, -0.0025738448666991483, -0.08930044923314949, -0.088446711351702845,
     -0.0025738448666991483, 0.030331210221987429, 0.018184616126675841, 0.0081238298331174283,
     -0.08930044923314949, 0.018184616126675841, 0.19316755414446096, 0.092627858373256169,
     -0.088446711351702845, 0.0081238298331174283, 0.092627858373256169, 0.18444110865877314},
    {0.074010785615523114, -0.0021652816677023932, -0.075125205929797934, -0.074406987435887598,
     -0.0021652816677023932, 0.025516539206624028, 0.015298053290909138, 0.0068342812874118202,
     -0.075125205929797934, 0.015298053290909138, 0.16250480718378144, 0.077924433694157413,
     -0.074406987435887598, 0.0068342812874118202, 0.077924433694157413, 0.15516356736049849},
    {0.066844883350796289, -0.0019556338889723471, -0.06785140280997945, -0.067202723958018296,
     -0.0019556338889723471, 0.023045966511468268, 0.013816858978329856, 0.0061725697362109274,
     -0.06785140280997945, 0.013816858978329856, 0.14677070091612668, 0.070379602609843148,
     -0.067202723958018296, 0.0061725697362109274, 0.070379602609843148, 0.14014025758876059},
};

// testEstimates: estimate, se, t, df, p, riv, fmi, lower95, upper95 per parameter; testModels
// D1 for fb = fc = 0: F, df1, df2, p, riv.
struct MitmlCase {
    double completeDataDf;
    double pooled[parameters][9];
    double d1[5];
};

const double inf = std::numeric_limits<double>::infinity();
const MitmlCase mitmlCases[] = {
    {inf,
     {{1.5320469572673445, 0.3074856294353952, 4.9824993775497335, 206.7599909443079,
       1.3237868863313906e-06, 0.1615619647963405, 0.1472987896681118, 0.9258378553044766,
       2.1382560592302124},
      {0.39506324597733511, 0.16937565321733397, 2.3324677335437971, 8424.4515469979706,
       0.019699528871619076, 0.022275482631181995, 0.022022246137465232, 0.063045363984978675,
       0.7270811279696916},
      {-0.22998222726900885, 0.4322646465706223, -0.53204033476615797, 2112.6132797648847,
       0.59475400402058809, 0.045492621660181407, 0.044417313957885105, -1.0776910334292142,
       0.61772657889119642},
      {-1.186668238618815, 0.45670426069493592, -2.5983296867279986, 120.95501674161711,
       0.010531828862659687, 0.22227272465075121, 0.19505271231549978, -2.0908381803397584,
       -0.28249829689787143}},
     {4.1189598106179277, 2, 209.70964180473146, 0.017595423471775066, 0.12153049260052967}},
    {36.0,
     {{1.5320469572673445, 0.3074856294353952, 4.9824993775497335, 25.742528550297404,
       3.6117207264485529e-05, 0.1615619647963405, 0.19899520839901652, 0.89969338066204452,
       2.1644005338726444},
      {0.39506324597733511, 0.16937565321733397, 2.3324677335437971, 33.277658207570553,
       0.025869427311755899, 0.022275482631181995, 0.075719152133854106, 0.050575082100665358,
       0.7395514098540048},
      {-0.22998222726900885, 0.4322646465706223, -0.53204033476615797, 32.170252333319766,
       0.59835353640409972, 0.045492621660181407, 0.09790491033018528, -1.1102937839220279,
       0.65032932938401022},
      {-1.186668238618815, 0.45670426069493592, -2.5983296867279986, 22.699001724150158,
       0.016167693800428484, 0.22227272465075121, 0.24552356705921019, -2.1321266866600244,
       -0.24120979057760572}},
     {4.1189598106179277, 2, 27.939254365383093, 0.027060190855761359, 0.12153049260052967}},
    {8.0,
     {{1.5320469572673445, 0.3074856294353952, 4.9824993775497335, 5.4855423177448444,
       0.0032184771296301928, 0.1615619647963405, 0.34200239765398915, 0.76221660665555246,
       2.3018773078791366},
      {0.39506324597733511, 0.16937565321733397, 2.3324677335437971, 6.3979658112012103,
       0.05581039129284604, 0.022275482631181995, 0.22996491380581782, -0.013214531955046738,
       0.80334102390971696},
      {-0.22998222726900885, 0.4322646465706223, -0.53204033476615797, 6.242143216469664,
       0.61309510301382364, 0.045492621660181407, 0.25049688418187865, -1.2778289825602442,
       0.81786452802222653},
      {-1.186668238618815, 0.45670426069493592, -2.5983296867279986, 5.1281092173057958,
       0.04719240924234791, 0.22227272465075121, 0.3831652306281233, -2.3518971793195442,
       -0.021439297918085742}},
     {4.1189598106179277, 2, 5.4586353502503053, 0.081201337632937201, 0.12153049260052967}},
};

TEST(MitmlReference, PooledEstimatesMatchTestEstimates)
{
    for (const MitmlCase& reference : mitmlCases) {
        for (int k = 0; k < parameters; ++k) {
            std::vector<double> q;
            std::vector<double> u;
            for (int m = 0; m < imputations; ++m) {
                q.push_back(estimates[m][k]);
                u.push_back(covariances[m][k * parameters + k]);
            }
            const PooledEstimate p = poolScalar(q, u, reference.completeDataDf);
            const double* r = reference.pooled[k];
            const std::string where = "df.com " + std::to_string(reference.completeDataDf) +
                                      ", parameter " + std::to_string(k);
            EXPECT_NEAR(p.estimate, r[0], 1e-12) << where;
            EXPECT_NEAR(p.standardError, r[1], 1e-12) << where;
            EXPECT_NEAR(p.tStatistic, r[2], 1e-11) << where;
            EXPECT_NEAR(p.df / r[3], 1.0, 1e-10) << where;
            EXPECT_NEAR(p.pValue / r[4], 1.0, 1e-8) << where;
            EXPECT_NEAR(p.riv, r[5], 1e-12) << where;
            EXPECT_NEAR(p.fmi, r[6], 1e-12) << where;
            EXPECT_NEAR(p.lower95, r[7], 1e-10) << where;
            EXPECT_NEAR(p.upper95, r[8], 1e-10) << where;
        }
    }
}

TEST(MitmlReference, D1MatchesTestModels)
{
    // The dummies fb, fc (parameters 2 and 3).
    for (const MitmlCase& reference : mitmlCases) {
        std::vector<Eigen::VectorXd> q;
        std::vector<Eigen::MatrixXd> u;
        for (int m = 0; m < imputations; ++m) {
            Eigen::VectorXd estimate(2);
            estimate << estimates[m][2], estimates[m][3];
            Eigen::MatrixXd covariance(2, 2);
            covariance << covariances[m][2 * parameters + 2], covariances[m][2 * parameters + 3],
                covariances[m][3 * parameters + 2], covariances[m][3 * parameters + 3];
            q.push_back(estimate);
            u.push_back(covariance);
        }
        const WaldTestResult test = pooledWaldTest(q, u, reference.completeDataDf);
        const std::string where = "df.com " + std::to_string(reference.completeDataDf);
        EXPECT_TRUE(test.note.empty()) << where << ": " << test.note;
        EXPECT_NEAR(test.statistic, reference.d1[0], 1e-11) << where;
        EXPECT_DOUBLE_EQ(test.numeratorDf, reference.d1[1]) << where;
        EXPECT_NEAR(test.denominatorDf / reference.d1[2], 1.0, 1e-10) << where;
        EXPECT_NEAR(test.pValue / reference.d1[3], 1.0, 1e-8) << where;
        EXPECT_NEAR(test.riv, reference.d1[4], 1e-12) << where;
        EXPECT_EQ(test.denominatorMethod, std::isinf(reference.completeDataDf)
                                              ? WaldDenominatorDf::LiRaghunathanRubin1991
                                              : WaldDenominatorDf::Reiter2007)
            << where;
    }
}

} // namespace
} // namespace grove
