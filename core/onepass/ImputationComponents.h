// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/mcmc/ConstrainedCovarianceSampler.h"
#include "core/onepass/OnePassDesign.h"
#include "core/random/RandomStream.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace grove::onepass {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The imputation components' parameters and latents (Parker & Goldstein 2019, appendix, A2-A4):
/// level-1 z_i = W_i alpha + v_j1 + e_i, e_i ~ N(0, Sigma_e), level-2 z_j2 = W_j alpha + v_j2, v_j
/// = (v_j1, v_j2) ~ N(0, Omega_u); probit latents have variance 1 (in Sigma_e at level 1, in
/// Omega_u at level 2). Without a level-2 imputation model there is no v.
///
/// `updateParameters` is one Gibbs sweep given the latents: alpha_1 | v, alpha_2 | v_1, then
/// one level-2 sweep (a unit loop, not a row loop) of: every v_j1 given the rest
/// (its N(D v_j2, T) prior conditional on the level-2 residuals times the unit's level-1 rows),
/// per unit and Binary level-1 component a unit shift move (v_jk += d and z_ik += d for the
/// unit's rows leaves every level-1 residual unchanged; d | rest is the N(0, Omega_u)
/// conditional of v_jk truncated so that no latent of the unit changes sign, hence no binary
/// value, observed or imputed, changes: Liu & Sabatti 2000, as JointImputationSampler does), and
/// Omega_u; then an exact shift move on the intercepts (alpha_k += d, v_jk -= d; d | rest is
/// Normal) so that intercepts do not crawl against the v_j in large units, and Sigma_e. Without
/// the unit shift, a school whose pupils are all girls pins v_j of girlmiss's latent between
/// Omega_u and its rows and the latent's level-2 variance barely moves (tutmiss). One level-2
/// sweep per iteration, not three: on tutmiss, three gave omega_u_2 an ESS of 9,900 in 20,000
/// iterations, one gives 3,900 for 9% fewer instructions per iteration, and none of the MOI's
/// parameters mixes worse.
///
/// Everything above reads sufficient statistics of the level-1 latents (Z'Z, W'Z, the unit sums
/// of Z and the shift intervals), which the chain accumulates row by row while it redraws them
/// (`beginLevel1Pass`, `accumulateRow`), so no step here visits the rows except the one pass
/// that writes the level-1 means W alpha + v_j1. The chain then redraws latents and missing
/// values using `conditionalLevel1` / `conditionalLevel2`. No allocation after construction.
/// What the chain accumulates itself over a unit's complete rows (no level-1 component
/// missing) when only one level-1 component, `binary`, is Binary and there are no explanatory
/// columns but constants: the rows' other latents are observed values that never change, so
/// ImputationComponents keeps their sums per unit and needs only the Binary latent's.
template <int P> struct CompleteRowSums {
    int binary = 0;
    double sum = 0.0;              ///< sum of z_binary
    std::array<double, P> cross{}; ///< sum of z_binary z_l (the binary entry: sum of squares)
    double low = -std::numeric_limits<double>::infinity(); ///< shift bounds from these rows
    double high = std::numeric_limits<double>::infinity();
};

class ImputationComponents {
public:
    ImputationComponents(const OnePassDesign& design,
                         const std::vector<std::vector<double>>& values);

    void updateParameters(RandomStream& rng, bool adapting);

    /// Over-dispersed start (`defaultsv` No), once, before the first update: the free variances
    /// of Sigma_e and Omega_u scaled by log-normal factors and the level-1 unit effects v_j1
    /// drawn from N(0, Omega_u) (alpha needs no start: it is drawn first, given v).
    void overdisperse(RandomStream& rng);

    /// Statistics of the level-1 latents: the chain calls `beginLevel1Pass` before it redraws
    /// them and `accumulateRow(i)` once for every sorted row i, in order, when row i's latents
    /// are final.
    void beginLevel1Pass();
    void accumulateRow(std::size_t row) { accumulateRow<0>(row); }
    /// As above with P1 = P known at compile time (0: at run time).
    template <int P> void accumulateRow(std::size_t row)
    {
        const Eigen::Index p = P > 0 ? P : m_p1;
        const auto i = static_cast<Eigen::Index>(row);
        const auto j = static_cast<Eigen::Index>(m_design.unitOfRow()[row]);
        const double* z = m_z1.data() + i * p;
        double* zsum = m_zsum.data() + j * p;
        double* zz = m_zz.data(); // column-major, lower triangle (k >= l) at l * p + k
        for (Eigen::Index k = 0; k < p; ++k) {
            const double zk = z[k];
            zsum[k] += zk;
            for (Eigen::Index l = 0; l <= k; ++l)
                zz[l * p + k] += zk * z[l];
        }
        // Constant columns of W need no per-row work: finishLevel1Pass adds c * sum of zsum.
        for (const ExplanatoryColumn& column : m_wColumns) {
            const double w = column.values[i];
            double* wz = m_wz.data() + column.coefficient;
            for (Eigen::Index k = 0; k < p; ++k)
                wz[k * m_k1] += w * z[k];
        }
        for (const int k : m_binary1) {
            // Shifts d with z + d of the same sign as z: d > -z (z > 0) or d < -z (z < 0).
            const double zk = z[k];
            if (zk > 0.0) {
                double& bound = m_shiftLow.data()[j * p + k];
                bound = std::max(bound, -zk);
            } else {
                double& bound = m_shiftHigh.data()[j * p + k];
                bound = std::min(bound, -zk);
            }
        }
    }
    /// accumulateRow for the sorted rows [begin, end) of one unit, in order; with P > 0 the
    /// unit's sums and shift bounds are kept in locals and written once. Given `complete` (P > 0,
    /// level1MeansPerUnit()), only the rows with a missing value are visited: the complete rows
    /// add their constant sums and the chain's sums of the Binary latent.
    template <int P>
    void accumulateUnit(std::size_t unit, std::size_t begin, std::size_t end,
                        const CompleteRowSums<(P > 0 ? P : 1)>* complete = nullptr)
    {
        if constexpr (P == 0) {
            for (std::size_t i = begin; i < end; ++i)
                accumulateRow<0>(i);
        } else {
            const auto j = static_cast<Eigen::Index>(unit);
            std::array<double, P> zsum{};
            std::array<double, P * P> zz{};
            std::array<double, P> low;
            std::array<double, P> high;
            std::array<bool, P> binary{};
            for (const int k : m_binary1)
                binary[static_cast<std::size_t>(k)] = true;
            for (int k = 0; k < P; ++k) {
                low[static_cast<std::size_t>(k)] = m_shiftLow(j, k);
                high[static_cast<std::size_t>(k)] = m_shiftHigh(j, k);
            }
            const bool hasColumns = !m_wColumns.empty();
            const std::uint8_t* const skip = complete ? m_completeRow.data() : nullptr;
            for (std::size_t row = begin; row < end; ++row) {
                if (skip && skip[row])
                    continue;
                const double* z = m_z1.data() + static_cast<Eigen::Index>(row) * P;
                for (std::size_t k = 0; k < P; ++k) {
                    const double zk = z[k];
                    zsum[k] += zk;
                    for (std::size_t l = 0; l <= k; ++l)
                        zz[l * P + k] += zk * z[l];
                    if (binary[k]) {
                        if (zk > 0.0)
                            low[k] = std::max(low[k], -zk);
                        else
                            high[k] = std::min(high[k], -zk);
                    }
                }
                if (hasColumns)
                    for (const ExplanatoryColumn& column : m_wColumns) {
                        const double w = column.values[row];
                        double* wz = m_wz.data() + column.coefficient;
                        for (Eigen::Index k = 0; k < P; ++k)
                            wz[k * m_k1] += w * z[k];
                    }
            }
            if (complete) {
                const double* constantSum = m_completeSum.data() + j * P;
                const double* constantSquares = m_completeSquares.data() + j * P * P;
                for (std::size_t k = 0; k < P; ++k) {
                    zsum[k] += constantSum[k];
                    for (std::size_t l = 0; l <= k; ++l)
                        zz[l * P + k] += constantSquares[l * P + k];
                }
                const auto b = static_cast<std::size_t>(complete->binary);
                zsum[b] += complete->sum;
                for (std::size_t l = 0; l < P; ++l)
                    zz[std::min(l, b) * P + std::max(l, b)] += complete->cross[l];
                if (binary[b]) {
                    low[b] = std::max(low[b], complete->low);
                    high[b] = std::min(high[b], complete->high);
                }
            }
            double* zzOut = m_zz.data();
            for (std::size_t k = 0; k < P; ++k) {
                m_zsum(j, static_cast<Eigen::Index>(k)) += zsum[k];
                m_shiftLow(j, static_cast<Eigen::Index>(k)) = low[k];
                m_shiftHigh(j, static_cast<Eigen::Index>(k)) = high[k];
                for (std::size_t l = 0; l <= k; ++l)
                    zzOut[l * P + k] += zz[l * P + k];
            }
        }
    }
    /// After the last accumulateRow of a pass.
    void finishLevel1Pass();
    /// Level-1 means W alpha + v_j1 (n x P1, row-major), and for the conditional of latent k
    /// given the row's others: mean_k - sum_l coefficient(k, l) (z_l - mean_l) (P1 x P1,
    /// row-major, zero diagonal) and sd_k.
    const double* level1Means() const { return m_mean1.data(); }
    /// With no explanatory variable but constants in the level-1 components, the means are
    /// the same for a unit's rows: level1UnitMeans() (J x P1, row-major), and level1Means()
    /// is not kept.
    bool level1MeansPerUnit() const { return m_wColumns.empty(); }
    const double* level1UnitMeans() const { return m_unitMean1.data(); }
    double level1Mean(std::size_t row, Eigen::Index k) const
    {
        return level1MeansPerUnit()
                   ? m_unitMean1(static_cast<Eigen::Index>(m_design.unitOfRow()[row]), k)
                   : m_mean1(static_cast<Eigen::Index>(row), k);
    }
    const double* conditionalCoefficients() const { return m_conditionalCoefficient.data(); }
    const double* conditionalSds() const { return m_conditionalSd.data(); }

    /// Mean and sd of level-1 latent k at sorted row i given the row's other latents.
    void conditionalLevel1(std::size_t row, int k, double& mean, double& sd) const;
    /// Mean and sd of level-2 latent m (0-based among level-2 components) of unit j given v_j's
    /// other elements.
    void conditionalLevel2(std::size_t unit, int m, double& mean, double& sd) const;

    /// Latents: z1 is n x P1 (sorted rows), z2 is J x P2. The chain writes them; after a change
    /// of z2(j, m) it must call `level2Changed(j, m)`.
    RowMatrix& level1Latents() { return m_z1; }
    /// The unit shifts of the Binary level-1 latents made since the last level-1 pass (J x P1,
    /// row-major), not yet in level1Latents(): the chain's pass adds unit j's to a row's latents
    /// before it reads them (a latent it redraws without reading needs none) and then calls
    /// clearPendingShifts(). Until then conditionalLevel1 reads the unshifted latents.
    const double* pendingShifts() const { return m_pendingShift.data(); }
    void clearPendingShifts() { m_pendingShift.setZero(); }
    RowMatrix& level2Latents() { return m_z2; }
    void level2Changed(std::size_t unit, int m);

    /// omega_u (lower triangle), then beta2imp, then omega_e (lower triangle) counts and values.
    Eigen::Index omegaUCount() const;
    Eigen::Index omegaECount() const;
    void writeOmegaU(double* out) const;
    void writeAlpha(double* out) const;
    void writeOmegaE(double* out) const;
    /// Acceptance of the latent-correlation Metropolis step of Sigma_e; < 0 when it has none.
    double correlationAcceptance() const;

private:
    void refreshDerived();
    void drawAlpha1(RandomStream& rng);
    void drawAlpha2(RandomStream& rng);
    void drawV1(RandomStream& rng);
    /// drawV1 with P1 = P known at compile time: fixed-size unit draws, the factor reused
    /// while consecutive units have the same size.
    template <int P> void drawV1Fixed(RandomStream& rng);
    void shiftUnitLatents(RandomStream& rng, Eigen::Index unit);
    void unitFixedParts();
    void level1SumOfSquares();
    void computeLevel1Means();
    void shiftIntercepts(RandomStream& rng);
    void recomputeLevel2Residuals();
    static void drawGaussian(RandomStream& rng, Eigen::LLT<Eigen::MatrixXd>& factor,
                             const Eigen::MatrixXd& precision, Eigen::VectorXd& linear,
                             Eigen::VectorXd& normals, Eigen::Ref<Eigen::VectorXd> out);

    const OnePassDesign& m_design;
    Eigen::Index m_n = 0;
    Eigen::Index m_units = 0;
    Eigen::Index m_p1 = 0;
    Eigen::Index m_p2 = 0;
    Eigen::Index m_q = 0;
    Eigen::Index m_k1 = 0; ///< level-1 coefficients (first in alpha)
    Eigen::Index m_k2 = 0;

    /// One explanatory column of a level-1 component: its values and its place in alpha.
    struct ExplanatoryColumn {
        const double* values = nullptr;
        Eigen::Index coefficient = 0;
        Eigen::Index component = 0;
    };

    RowMatrix m_z1;
    RowMatrix m_z2;
    RowMatrix m_v;         ///< J x q
    RowMatrix m_mean1;     ///< n x P1: W alpha + v_j1 (unless level1MeansPerUnit)
    RowMatrix m_unitMean1; ///< J x P1: the constants' part + v_j1
    Eigen::VectorXd m_alpha;
    Eigen::MatrixXd m_sigmaE;
    Eigen::MatrixXd m_precisionE;
    Eigen::MatrixXd m_omegaU;
    Eigen::MatrixXd m_precisionU;
    std::unique_ptr<ConstrainedCovarianceSampler> m_sigmaESampler;
    std::unique_ptr<ConstrainedCovarianceSampler> m_omegaUSampler;

    // Statistics of the level-1 latents (accumulateRow; kept current by the unit shifts).
    Eigen::MatrixXd m_zz; ///< P1 x P1, lower triangle: sum z_i z_i'
    Eigen::MatrixXd m_wz; ///< K1 x P1: W_k' z_l (stacked rows of alpha_1)
    RowMatrix m_zsum;     ///< J x P1: unit sums of z
    RowMatrix m_shiftLow; ///< J x P1: shift interval of each Binary latent's unit
    RowMatrix m_shiftHigh;
    /// J x P1: unit shifts not yet applied to m_z1 (the chain's row pass applies them where it
    /// reads a latent before redrawing it, so the level-2 sweeps do not visit the rows).
    RowMatrix m_pendingShift;
    /// Per sorted row: 1 when no level-1 component is missing in it; per unit, the sums over
    /// those rows of the non-Binary latents (J x P1) and of their products (J x P1 x P1, lower
    /// triangle at l * P1 + k), which never change (accumulateUnit with CompleteRowSums).
    std::vector<std::uint8_t> m_completeRow;
    RowMatrix m_completeSum;
    RowMatrix m_completeSquares;
    std::vector<ExplanatoryColumn> m_wColumns;        ///< non-constant columns of W
    std::vector<ExplanatoryColumn> m_constantColumns; ///< constant ones, values[0] the value
    RowMatrix m_conditionalCoefficient;               ///< P1 x P1
    Eigen::VectorXd m_conditionalSd;
    std::vector<int> m_binary1; ///< Binary level-1 components (unit shift moves)
    // Constant per unit: sizes and column sums of W (J x K1); per sweep: W_j alpha (J x P1).
    Eigen::VectorXd m_unitSize;
    RowMatrix m_wsum;
    RowMatrix m_fixedSum;
    Eigen::MatrixXd m_wv; ///< K1 x P1: sum_j wsum_j' v_j1

    // Constant cross products of the explanatory variables.
    Eigen::MatrixXd m_wtw1; ///< K1 x K1, blocks W_k'W_l
    Eigen::MatrixXd m_wtw2; ///< K2 x K2

    // Derived each sweep from Omega_u: v_j1 | v_j2 ~ N(D v_j2, T); v_j2 | v_j1 ~ N(C v_j1, S).
    Eigen::MatrixXd m_regressionD;
    Eigen::MatrixXd m_conditionalTInverse;
    Eigen::MatrixXd m_regressionC;
    Eigen::MatrixXd m_conditionalSInverse;

    // Scratch.
    Eigen::MatrixXd m_cross1;     ///< K1 x P1: W_k' r (stacked)
    Eigen::MatrixXd m_precision1; ///< K1 x K1
    Eigen::VectorXd m_linear1;
    Eigen::VectorXd m_normals1;
    Eigen::LLT<Eigen::MatrixXd> m_factor1;
    Eigen::MatrixXd m_precision2; ///< K2 x K2
    Eigen::VectorXd m_linear2;
    Eigen::VectorXd m_normals2;
    Eigen::LLT<Eigen::MatrixXd> m_factor2;
    Eigen::LLT<Eigen::MatrixXd> m_factorU;
    Eigen::LLT<Eigen::MatrixXd> m_factorE;
    Eigen::LLT<Eigen::MatrixXd> m_smallFactor;
    Eigen::LLT<Eigen::MatrixXd> m_shiftFactor;
    Eigen::MatrixXd m_smallPrecision;
    Eigen::VectorXd m_smallLinear;
    Eigen::VectorXd m_smallNormals;
    Eigen::VectorXd m_smallDraw;
    Eigen::VectorXd m_unitSum;
    Eigen::MatrixXd m_level2Residual; ///< J x P2
    Eigen::MatrixXd m_cross2;         ///< K2 x P2
    Eigen::MatrixXd m_sumOfSquares;
    Eigen::MatrixXd m_qSquares;
    Eigen::MatrixXd m_shiftPrecision;
    Eigen::VectorXd m_shiftLinear;
    Eigen::VectorXd m_shiftNormals;
    Eigen::VectorXd m_shiftDraw;
    Eigen::VectorXd m_vSum;
    std::vector<int> m_shiftComponents;
};

} // namespace grove::onepass
