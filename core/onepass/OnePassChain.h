// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/common/RunControl.h"
#include "core/onepass/ImputationComponents.h"
#include "core/onepass/MoiUpdate.h"
#include "core/onepass/OnePass.h"
#include "core/onepass/OnePassDesign.h"
#include "core/random/RandomStream.h"

#include <cstdint>
#include <vector>

namespace grove::onepass {

/// What one chain produced.
struct ChainOutput {
    std::vector<std::vector<double>> draws; ///< [parameter][stored draw], parameters() order
    std::vector<long> iterations;
    std::vector<ImputedDatasets> imputed;
    std::vector<double> residualSum; ///< J x q (unit-major) sums over stored draws
    std::vector<double> residualSquares;
    std::vector<double> predictionSum; ///< per sorted row, sums over stored draws
    long stored = 0;
    std::vector<AcceptanceRate> acceptance;
};

/// One chain of 2LevelMissingOnePass (Goldstein, Carpenter & Browne 2014; Parker & Goldstein 2019).
/// An iteration: (1) the imputation components' parameters given the latents
/// (ImputationComponents); (2) every latent and missing value, row by row, then unit by unit
/// (missing Normal values by random-walk Metropolis with the MOI likelihood in the target, see
/// OnePassMissingValues.cpp); (3) the MOI parameters given the recomputed terms (MoiUpdate).
class OnePassChain {
public:
    OnePassChain(const OnePassDesign& design, const Dataset& level1, const Dataset* level2,
                 std::uint64_t chain);

    /// The monitored parameters in the order draws are written: ModelResults' (omega_u_k,
    /// beta_k, omega_uint_k, sigma2 or alpha) followed by beta2imp_k and omega_e_k.
    static std::vector<ParameterInfo> parameters(const OnePassDesign& design,
                                                 std::size_t& resultCount);

    ChainOutput run(const RunControl& control, int chainIndex);

    /// One iteration (what `run` does per iteration, without storing draws); allocates
    /// nothing. For tests.
    void iterate(bool adapting);

    /// The current values of parameters(), in that order, into `out`; before the first
    /// iteration, the starting values. Allocates nothing.
    void writeParameters(double* out) const;

private:
    void recomputeRow(std::size_t row);
    void recomputeUnit(std::size_t unit);
    double rowLogLikelihood(std::size_t row) const;
    /// Term t of sorted row `row` (unit `unit`) at the current values.
    double termValue(std::size_t row, std::size_t unit, std::size_t t) const
    {
        double product = 1.0;
        for (std::size_t f = m_termFactorStart[t]; f < m_termFactorStart[t + 1]; ++f) {
            const TermFactorValues& factor = m_termFactors[f];
            const double value = factor.values[factor.level2 ? unit : row];
            product *= value;
            for (int k = 1; k < factor.power; ++k)
                product *= value;
        }
        return product;
    }
    /// After variable v of `row` changed in m_values (m_x not yet): the new values of the terms
    /// that contain v into `terms` (in m_variableTerms order) and the change of the MOI's
    /// linear predictor they make. Only those terms are touched.
    double linearPredictorChange(std::size_t row, std::size_t v, double* terms) const;
    /// Writes the terms of `linearPredictorChange` into m_x.
    void writeTerms(std::size_t row, std::size_t v, const double* terms);
    /// The same for v = 0, where every term that contains v is 0 (powers are at least 1).
    double linearPredictorChangeToZero(std::size_t row, std::size_t v) const;
    void clearTerms(std::size_t row, std::size_t v);
    double unitLogLikelihood(std::size_t unit) const;
    void updateLevel1Values(bool adapting);
    template <int P> void level1Pass(bool adapting);
    void updateLevel2Values(bool adapting);
    void adaptScales();
    void storeImputed(ChainOutput& output, int chainIndex, long iteration) const;

    const OnePassDesign& m_design;
    const Dataset& m_level1;
    const Dataset* m_level2;
    RandomStream m_rng;
    std::vector<std::vector<double>> m_values; ///< current value of every design variable
    RowMatrix m_x;                             ///< n x p terms at the current values
    /// The terms' factors flattened for recomputeRow: term t's are
    /// [m_termFactorStart[t], m_termFactorStart[t + 1]).
    struct TermFactorValues {
        const double* values = nullptr; ///< m_values of the variable
        bool level2 = false;
        int power = 1;
    };
    std::vector<TermFactorValues> m_termFactors;
    std::vector<std::size_t> m_termFactorStart;
    /// The terms that contain variable v: [m_variableTermStart[v], m_variableTermStart[v + 1])
    /// of m_variableTerms; per term, its random coefficient (-1: none).
    std::vector<std::size_t> m_variableTermStart;
    std::vector<std::size_t> m_variableTerms;
    std::vector<Eigen::Index> m_termRandom;
    /// Per sorted row: 1 when a level-1 component's value is missing in it.
    std::vector<std::uint8_t> m_rowMissing;
    std::vector<double> m_termsOne; ///< scratch, one per term
    std::unique_ptr<ImputationComponents> m_imputation;
    std::unique_ptr<MoiUpdate> m_moi;

    // Random-walk proposal scale (relative to the conditional sd) per component with missing
    // Normal values, and its acceptance counts (window during adaptation, total after).
    std::vector<double> m_scale;
    std::vector<long> m_windowProposed;
    std::vector<long> m_windowAccepted;
    std::vector<long> m_proposed;
    std::vector<long> m_accepted;
    long m_iteration = 0;
    bool m_counting = false; ///< after adaptation: count for the reported rates
};

} // namespace grove::onepass
