// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/mcmc/ConstrainedCovarianceSampler.h"
#include "core/mcmc/ExpandedCovarianceSampler.h"
#include "core/mcmc/Level1RowProgram.h"
#include "core/model/ImputationDesign.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace grove {

/// A monitored parameter of the joint model with a human-readable description.
struct JointParameter {
    std::string name;        ///< beta_3, omega_u_4, omega_e_1, threshold_y_1
    std::string term;        ///< `<response>:<variable>` for coefficients, else the name
    std::string description; ///< e.g. "cov(normexam, girlmiss) at level 1"
};

/// One MCMC chain of the joint latent-normal imputation model (2LevelImpute).
///
/// Model: every level-1 dimension d (a Normal response, the latent of a Binary/Ordered
/// response, or one of the p-1 latents of an Unordered one) is z_id = x_id' beta_d + u_jd + e_id;
/// every level-2 dimension is z_j = x_j' beta + r_j; (u_j, r_j) ~ N(0, Omega_u) and
/// e_i ~ N(0, Omega_e), both unstructured except that latent variances are fixed at 1 (in
/// Omega_e for level-1 latents, in Omega_u for level-2 latents). Binary/Ordered: category c iff
/// gamma_{c-1} < z <= gamma_c with gamma_0 = 0 and the others free (flat prior). Unordered with
/// p categories: category k < p-1 iff latent k is the largest and > 0; category p-1 (the
/// reference) iff all latents < 0. Priors: flat on beta; Omega_e ~ IW(P1+1, diag(v)),
/// The latents of one Unordered response are uncorrelated (that block is fixed at identity).
/// Omega_u ~ IW(P+1, diag(v)/10) (v: observed variance of a Normal response, 1 for a latent),
/// restricted as ConstrainedCovarianceSampler describes.
///
/// One iteration (Gibbs):
///  1. one pass over the rows, unit by unit: draw each latent and missing level-1 value from
///     its conditional normal given the row's other residuals (truncated to its category for
///     observed categorical values; Robert's tails), accumulating the residual cross-products,
///     X'Z and the per-unit sums that every later step needs (JointSamplerLevel1Pass.cpp: the
///     draws of each row are laid out once by Level1RowProgram);
///  2. Omega_e given the residuals;
///  3. beta: conditionalAlgorithm = true (condmarg Yes): with every level-2 effect u_j
///     integrated out - a within-unit part plus, per unit, the mean residual with covariance
///     Omega_u|r + Omega_e / n_j (Woodbury), so intercepts do not crawl against u; false (No):
///     plain conditional Gibbs, beta given u. Same posterior, different mixing;
///  4. per unit: u_j given beta (a P1 x P1 Cholesky per unit, from sufficient statistics); then,
///     for each Binary/Ordered level-1 latent d, a shift move (Liu & Sabatti 2000, translation
///     group): u_jd and the latents of all the unit's rows move by one delta (the latents when
///     next read: the row pass adds the pending delta; the unit's statistics at once), which
///     leaves every level-1 residual unchanged, so delta's conditional is u_jd's normal given the
///     unit's other level-2 effects, truncated to the shifts that keep each observed latent in
///     its category (without it a unit whose rows share one category, such as a single-sex
///     school, pins u_jd to its latents and that latent's level-2 variance crawls); then the
///     unit's latent and missing level-2 values given u_j;
///  5. Omega_u given the level-2 effects, then beta given u (the plain conditional of step 3,
///     from the statistics of step 1 kept in step with the shift moves); steps 4-5 are
///     repeated three times per pass over the rows (they cost a unit loop, not a row loop);
///  6. ordered thresholds with their latents integrated out (Cowles 1996), adaptive proposal.
/// Missing categorical values are the category of their latent draw.
///
/// More classifications (NLevelImpute; classification 1 is "level 2" above): every level-1
/// dimension also gets u^c_kd for the unit k of each further classification c, effects add
/// (nested or crossed), u^c_k ~ N(0, Omega_c). The row pass and every step above treat
/// z - o as their data, o_i being the sum of row i's further effects (m_rowOffsets), so
/// classification 1 keeps its fast paths unchanged; each iteration starts with one sweep per
/// further classification: u^c_k given everything else (from a pass over the rows that sums
/// the unit's residuals), Omega_c, then o (JointSamplerClassifications.cpp).
///
/// Responses at a further classification c (one value per unit of c): z^c_k = x_k' beta + r_k
/// + the effects of the classifications above (nested), the unit vector w_k = (u^c_k, r_k) ~
/// N(0, Omega_c). Nested, u^c_k also holds effects on the dimensions of the responses at the
/// classifications below c (the first classification's z2 then reads z2 - o2 wherever level 2
/// reads z2, o2 being those effects). Their steps are the first classification's, written once
/// for any classification (JointSamplerUnitResponses.cpp): fitted values, the latent and missing
/// values given the unit's effects, Cowles thresholds; their coefficients by a blocked GLS
/// draw given the effects; shift moves for the effects on the lower Binary/Ordered latents.
///
/// Files: set-up (JointSamplerSetup.cpp), the row pass (JointSamplerLevel1Pass.cpp), the unit
/// sweep with its shift moves (JointSamplerUnits.cpp), beta (JointSamplerBeta.cpp), thresholds
/// (JointSamplerThresholds.cpp), priors (JointModelPriors.h).
///
/// No allocation per iteration. Not thread-safe: one sampler per chain; the design is shared.
class JointImputationSampler {
public:
    /// `parameterExpansion` false: the latent correlations by random-walk Metropolis alone
    /// (ConstrainedCovarianceSampler), the slower-mixing sampler of the same posterior.
    JointImputationSampler(const ImputationDesign& design, bool conditionalAlgorithm,
                           std::uint64_t seed, std::uint64_t chain, bool parameterExpansion = true);

    /// One Gibbs iteration. `adapting` lets Metropolis steps tune their proposals (burn-in).
    void iterate(bool adapting);

    /// The monitored parameters, in the order `currentParameters` writes them.
    const std::vector<JointParameter>& parameters() const { return m_parameters; }
    /// Writes the current value of every monitored parameter into `values`.
    void currentParameters(double* values) const;

    /// Current value of level-1 response r at sorted row i (category code for categorical).
    double level1Value(std::size_t row, int response) const;
    /// Current value of level-2 response r for unit j.
    double level2Value(std::size_t unit, int response) const
    {
        return unitValue(0, unit, response);
    }
    /// Current value of response r of classification c for its unit (category code for
    /// categorical).
    double unitValue(std::size_t c, std::size_t unit, int response) const;

    double thresholdAcceptanceRate() const;
    double correlationAcceptanceRate() const;

private:
    void initialise();
    void buildParameters();
    void updateLevel1();
    template <int P> void level1PassWithColumns();
    template <int P, int C> void level1Pass();
    void fillBetaDense();
    void refreshRowTables();
    template <int P>
    void drawLevel1Value(RandomStream& rng, const Level1RowOp& op, const double* mean,
                         double* residual, double* z, double* shiftLow, double* shiftHigh);
    void shiftUnitLatents(std::size_t unit);
    void applyPendingShifts();
    double conditionalMeanU(std::size_t v, const double* residual) const;
    static double conditionalShift(const double* conditional, std::size_t q, std::size_t v,
                                   const double* residual);
    void updateBeta(bool marginal);
    void addLevel1Blocks(const Eigen::Ref<const Eigen::MatrixXd>& precision,
                         const Eigen::Ref<const Eigen::MatrixXd>& crossProducts,
                         const Eigen::Ref<const Eigen::MatrixXd>& sums);
    void expandColumns(const double* distinct, Eigen::MatrixXd& out) const;
    void addLevel2Blocks(const Eigen::Ref<const Eigen::MatrixXd>& precision);
    void updateUnits();
    template <int P> void unitSweep();
    /// The responses of one classification as the unit-level steps see them: values z (units x
    /// P), offsets from the effects of the classifications above (null: none), thresholds, and
    /// the covariance matrix they share with the classification's effects (own dimensions
    /// last), through its conditional regressions (Q x Q row-major) and sds.
    struct UnitResponses {
        std::size_t classification = 0;
        const ClassificationResponses* block = nullptr;
        double* z = nullptr;
        const double* offsets = nullptr;
        std::vector<std::vector<double>>* thresholds = nullptr;
        std::vector<double>* thresholdSteps = nullptr;
        std::size_t p = 0;     // own dimensions
        std::size_t q = 0;     // covariance matrix dimension
        std::size_t first = 0; // own dimensions' first index in it
        const double* conditional = nullptr;
        const double* conditionalSd = nullptr;
        const Eigen::MatrixXd* precision = nullptr;
        const double* effects = nullptr; // units x first: the classification's effects
    };
    UnitResponses unitResponses(std::size_t c);
    /// x beta plus the offsets from above, for each own dimension of unit `unit`.
    void unitFitted(const UnitResponses& block, std::size_t unit, double* fitted) const;
    /// The unit's full vector (its effects, then its responses' residuals z - fitted).
    void unitResidual(const UnitResponses& block, std::size_t unit, double* fitted,
                      double* residual) const;
    void drawUnitValues(const UnitResponses& block, std::size_t unit, const double* fitted,
                        double* residual);
    void drawOwnCoefficients(const UnitResponses& block);
    void updateUnitThresholds(const UnitResponses& block, bool adapting);
    void updateThresholds(bool adapting);
    void updateFurtherClassifications();
    void sweepClassification(std::size_t c);
    void refreshFurtherPrecision(std::size_t c);
    void shiftLowerLatents(std::size_t c);
    double furtherPriorLogRatio(int dim, double scale) const;
    void rescaleFurtherClassifications(const std::vector<double>& scale);
    void refreshPrecisionE();
    void refreshPrecisionU();
    void setUpExpansion(bool parameterExpansion);
    void drawLevel1Covariance();
    void drawLevel2Covariance(bool expand);
    void rescaleLevel1(const std::vector<double>& scale);
    void rescaleLevel2(const std::vector<double>& scale);
    int categoryOf(const DesignResponse& response, const double* latent,
                   const std::vector<double>& thresholds) const;
    double cowlesStep(std::vector<double>& thresholds, double& step, const double* means,
                      const int* categories, std::size_t count, double sd, bool& accepted);
    void moveThresholds(std::vector<double>& thresholds, double& step, std::size_t count, double sd,
                        double* latents, std::size_t stride, bool adapting);

    const ImputationDesign& m_design;
    const Level1RowProgram m_rowProgram;
    bool m_marginalBeta = true;
    RandomStream m_rng;
    int m_p1 = 0;
    int m_p2 = 0;
    int m_q = 0;  // Omega_u dimension
    int m_k = 0;  // coefficients
    int m_k1 = 0; // level-1 design columns
    int m_k2 = 0;
    std::size_t m_n = 0;
    std::size_t m_units = 0;
    long m_iteration = 0;

    // State.
    Eigen::VectorXd m_beta;
    std::vector<double> m_z1; // n x P1, sorted rows
    std::vector<double> m_z2; // J x P2
    std::vector<double> m_u;  // J x P1
    Eigen::MatrixXd m_omegaE;
    Eigen::MatrixXd m_omegaU;
    std::vector<std::vector<double>> m_thresholds1; // per level-1 response (Binary/Ordered)
    std::vector<std::vector<double>> m_thresholds2;
    std::vector<double> m_thresholdStep1;
    std::vector<double> m_thresholdStep2;
    long m_thresholdProposed = 0;
    long m_thresholdAccepted = 0;

    // Constant statistics of the design.
    Eigen::MatrixXd m_xx1;     // sum x_i x_i'
    Eigen::MatrixXd m_within1; // sum (x_i - xbar_j)(x_i - xbar_j)'
    Eigen::MatrixXd m_xbar;    // J x K1 unit means
    Eigen::VectorXd m_unitSize;
    Eigen::MatrixXd m_xx2; // sum_j x2_j x2_j'
    std::vector<int> m_dimOfColumn1;

    // Per-iteration work storage.
    Eigen::MatrixXd m_precisionE;   // Omega_e^{-1}
    Eigen::MatrixXd m_conditionalE; // Omega_e^{-1}(d,k)/Omega_e^{-1}(d,d), zero diagonal
    Eigen::VectorXd m_conditionalSdE;
    Eigen::MatrixXd m_precisionU;
    Eigen::MatrixXd m_sumSquaresE;
    Eigen::MatrixXd m_sumSquaresU;
    Eigen::MatrixXd m_zsum; // J x P1
    Eigen::MatrixXd m_betaPrecision;
    Eigen::VectorXd m_betaRhs;
    Eigen::VectorXd m_normals;
    Eigen::MatrixXd m_work1; // K1 x P1
    Eigen::MatrixXd m_omegaUGivenR;
    Eigen::MatrixXd m_aMatrix;     // P1 x P2
    Eigen::MatrixXd m_precisionRR; // Omega_rr^{-1}
    Eigen::MatrixXd m_unitCovariance;
    Eigen::VectorXd m_unitVector1;
    Eigen::VectorXd m_unitVector1b;
    Eigen::VectorXd m_unitVector2;
    Eigen::VectorXd m_unitVectorQ;
    Eigen::MatrixXd m_unitPrecision;
    Eigen::LLT<Eigen::MatrixXd> m_betaFactor;
    Eigen::LLT<Eigen::MatrixXd> m_unitFactor;
    Eigen::MatrixXd m_smallLower; // P1 x P1 Cholesky factor of the per-unit kernels
    Eigen::MatrixXd m_smallWork;
    Eigen::MatrixXd m_unitInverse;
    Eigen::LLT<Eigen::MatrixXd> m_factorE;
    Eigen::LLT<Eigen::MatrixXd> m_factorU;
    Eigen::LLT<Eigen::MatrixXd> m_factorSmall;  // P1 x P1
    Eigen::LLT<Eigen::MatrixXd> m_factorSmall2; // P2 x P2
    std::vector<double> m_mean;
    std::vector<double> m_residual;
    std::vector<double> m_cowlesMeans;
    std::vector<int> m_cowlesCategories;
    std::vector<std::size_t> m_cowlesRows;
    // Unit shift move: level-1 Binary/Ordered latent dimensions, and per unit and dimension the
    // interval of shifts that keeps every observed latent of the unit in its category.
    std::vector<int> m_shiftDims;
    bool m_hasLevel1Cowles = false;        // a level-1 Ordered response with free thresholds
    std::vector<double> m_shiftLow;        // J x P1
    std::vector<double> m_shiftHigh;       // J x P1
    std::vector<int> m_coefDimIndex;       // per coefficient: its dimension (level 2: P1 + d)
    std::vector<std::size_t> m_coefColumn; // its covariate column at its level
    std::vector<std::uint8_t> m_coefLevel2;
    std::vector<double> m_coefValues; // per unit: xbar_j or x2_j of each coefficient
    Eigen::MatrixXd m_unitWt;         // P1 x Q
    Eigen::MatrixXd m_unitG;          // Q x Q
    Eigen::VectorXd m_unitT;          // Q
    std::vector<double> m_betaDense;  // distinct columns x P1 row-major, for the row kernel
    // X'Z over the distinct level-1 columns (C x P1 row-major), from the row pass and kept in
    // step with the shift moves; the unit means and sums of those columns (J x C).
    std::vector<double> m_xzRows;
    std::vector<double> m_xzWork;
    std::vector<double> m_xbarDistinct;
    std::vector<double> m_patternMeans; // covariate patterns x P1, see Level1RowProgram
    std::vector<double> m_patternZ;
    std::vector<double> m_level2Cross; // K2 x Q: sum_j x2_j (u_j, z2_j)'

    std::vector<double> m_xsumDistinct;
    std::vector<double> m_xbarZsum;        // C x P1: sum_j xbar_j zsum_j', from the row pass
    std::vector<double> m_xsumU;           // C x P1: sum_j n_j xbar_j u_j', from the unit sweep
    std::vector<double> m_boundTable;      // (lower, upper) per level-1 Binary/Ordered category
    std::vector<double> m_conditionalRows; // m_conditionalE row-major, for the row kernel
    std::vector<double> m_unitSum;
    std::vector<double> m_unitOffset;
    std::vector<double> m_adjustedRow; // z - o of the row pass's current row
    std::vector<double> m_unitShift;
    // Per unit and level-1 dimension: the shift moves' total not yet added to the unit's
    // latents (J x P1); the row pass adds it as it reads them, so a move costs no row loop.
    std::vector<double> m_pendingShift;
    // Design columns and first coefficient of each dimension (P1 level-1, then P2 level-2).
    std::vector<int> m_dimColumnBegin;
    std::vector<int> m_dimColumnEnd;
    std::vector<int> m_dimCoefficientBegin;
    // Omega_u^{-1}(v,l)/Omega_u^{-1}(v,v), zero diagonal (Q x Q row-major), and conditional sds.
    std::vector<double> m_conditionalU;
    std::vector<double> m_conditionalSdU;

    // A classification after the first (NLevelImpute): its units' effects on the level-1
    // dimensions and, nested, on the dimensions of the responses at the classifications below
    // (E of them), its own responses (P), their covariance (Q = E + P) and the sweep's work.
    struct FurtherClassification {
        FurtherClassification(const std::vector<int>& latentGroups, double df,
                              const Eigen::MatrixXd& scale)
            : sampler(latentGroups, df, scale), priorDf(df), priorScale(scale.diagonal()),
              groups(latentGroups)
        {
        }
        std::size_t units = 0;
        std::size_t effects = 0;                  // E
        std::size_t q = 0;                        // E + P
        const std::uint32_t* unitOfRow = nullptr; // per sorted row
        const double* unitSize = nullptr;
        std::vector<double> u;     // units x E
        std::vector<double> delta; // units x E: the sweep's change, added to the offsets
        std::vector<double> sums;  // units x P1: the units' level-1 residual sums (with their u)
        std::vector<double> lowerSums;   // units x E: the same for the lower responses (Q-weighted)
        std::vector<double> lowerCounts; // units x lower classifications: their units within
        // The classifications below with responses whose effects it carries: which, where in
        // the effects, and the unit above each of their units.
        struct Below {
            std::size_t classification = 0;
            std::size_t first = 0;
            std::vector<std::uint32_t> unitAbove;
        };
        std::vector<Below> below;
        std::vector<double> shiftLow;  // per unit: the shift move's interval (see
        std::vector<double> shiftHigh; // shiftLowerLatents)
        std::vector<double> z;         // units x P: own responses' values (latents)
        std::vector<double> offsets;   // units x P: effects from the classifications above
        std::vector<std::vector<double>> thresholds;
        std::vector<double> thresholdSteps;
        std::vector<int> interceptOf;      // per effect dimension: the coefficient it trades with
        std::vector<double> conditional;   // Q x Q row-major, see refreshPrecisionU
        std::vector<double> conditionalSd; // Q
        std::vector<double> work;          // Q x Q + 4 Q
        Eigen::MatrixXd betaPrecision;     // own coefficients
        Eigen::VectorXd betaRhs;
        Eigen::VectorXd betaNormals;
        Eigen::LLT<Eigen::MatrixXd> betaFactor;
        Eigen::MatrixXd omega;
        Eigen::MatrixXd precision;
        Eigen::MatrixXd sumSquares;
        Eigen::LLT<Eigen::MatrixXd> factor;
        ConstrainedCovarianceSampler sampler;
        double priorDf = 0.0;
        Eigen::VectorXd priorScale; // the diagonal of its IW prior's scale
        std::vector<int> groups;
    };
    std::vector<FurtherClassification> m_further; // classification c at index c - 1
    std::vector<int> m_interceptOf;   // per level-1 dimension: its `cons` coefficient, or -1
    std::vector<double> m_rowOffsets; // n x P1: the further effects of each sorted row (o_i)
    // J x P2: the further effects on the first classification's responses (nested; else empty)
    std::vector<double> m_offsets2;
    std::vector<double> m_z2Data; // J x P2: z2 - m_offsets2, for the beta step
    int m_kAll = 0;               // every coefficient (m_k: level 1 and the first classification)

    ConstrainedCovarianceSampler m_samplerE;
    ConstrainedCovarianceSampler m_samplerU;
    // Parameter expansion (JointSamplerExpansion.cpp); null where no Binary/Ordered latent.
    std::unique_ptr<ExpandedCovarianceSampler> m_expandE;
    std::unique_ptr<ExpandedCovarianceSampler> m_expandU;
    std::vector<int> m_flatCount1; // per dimension: flat-prior parameters on its scale
    std::vector<int> m_flatCount2; // per Omega_u dimension
    double m_priorDfU = 0.0;
    Eigen::VectorXd m_priorScaleU; // diagonal of Omega_u's prior scale
    std::vector<JointParameter> m_parameters;
    std::vector<int> m_groupsE; // latent group per dimension (-1: free), for fixed elements
    std::vector<int> m_groupsU;
};

} // namespace grove
