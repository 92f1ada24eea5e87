// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/common/Error.h"
#include "core/mcmc/SmallDenseKernels.h"
#include "core/random/Ziggurat.h"

namespace grove {

// Level-1 blocks of the beta precision and right-hand side: precision(d,k) * XX[cols_d, cols_k]
// and rhs_d += sum_k precision(d,k) * sums[cols_d, k].
void JointImputationSampler::addLevel1Blocks(const Eigen::Ref<const Eigen::MatrixXd>& precision,
                                             const Eigen::Ref<const Eigen::MatrixXd>& crossProducts,
                                             const Eigen::Ref<const Eigen::MatrixXd>& sums)
{
    const auto& dims = m_design.level1Dims();
    for (int d = 0; d < m_p1; ++d) {
        const DesignDimension& a = dims[static_cast<std::size_t>(d)];
        const Eigen::Index ka = static_cast<Eigen::Index>(a.terms.size());
        for (int k = 0; k < m_p1; ++k) {
            const DesignDimension& b = dims[static_cast<std::size_t>(k)];
            const Eigen::Index kb = static_cast<Eigen::Index>(b.terms.size());
            m_betaPrecision.block(a.firstCoefficient, b.firstCoefficient, ka, kb) +=
                precision(d, k) * crossProducts.block(a.firstColumn, b.firstColumn, ka, kb);
            m_betaRhs.segment(a.firstCoefficient, ka) +=
                precision(d, k) * sums.block(a.firstColumn, k, ka, 1);
        }
    }
}

// Level-2 blocks of the beta precision: precision(d,k) * X2'X2[cols_d, cols_k].
void JointImputationSampler::addLevel2Blocks(const Eigen::Ref<const Eigen::MatrixXd>& precision)
{
    const auto& dims = m_design.level2Dims();
    for (int d = 0; d < m_p2; ++d) {
        const DesignDimension& a = dims[static_cast<std::size_t>(d)];
        const Eigen::Index ka = static_cast<Eigen::Index>(a.terms.size());
        for (int k = 0; k < m_p2; ++k) {
            const DesignDimension& b = dims[static_cast<std::size_t>(k)];
            const Eigen::Index kb = static_cast<Eigen::Index>(b.terms.size());
            m_betaPrecision.block(a.firstCoefficient, b.firstCoefficient, ka, kb) +=
                precision(d, k) * m_xx2.block(a.firstColumn, b.firstColumn, ka, kb);
        }
    }
}

// A K1 x P1 matrix over the design's level-1 columns from its distinct columns' values
// (C x P1 row-major).
void JointImputationSampler::expandColumns(const double* distinct, Eigen::MatrixXd& out) const
{
    const std::size_t p1 = static_cast<std::size_t>(m_p1);
    for (Eigen::Index c = 0; c < m_k1; ++c) {
        const double* row =
            distinct + m_rowProgram.distinctColumn(static_cast<std::size_t>(c)) * p1;
        for (Eigen::Index d = 0; d < m_p1; ++d)
            out(c, d) = row[d];
    }
}

void JointImputationSampler::updateBeta(bool marginal)
{
    const int coefficients = m_design.twoLevel() ? m_k : m_k1;
    m_betaPrecision.setZero();
    m_betaRhs.setZero();
    const auto& dims2 = m_design.level2Dims();
    const std::size_t k2 = static_cast<std::size_t>(m_k2);
    const Eigen::Index p1 = m_p1;
    const Eigen::Index p2 = m_p2;

    const std::size_t columns = m_rowProgram.columnCount();
    const std::size_t dims1 = static_cast<std::size_t>(p1);
    // The first classification's responses as data: z2 less the effects from above.
    const double* z2Data = m_z2.data();
    if (!m_offsets2.empty()) {
        for (std::size_t i = 0; i < m_z2Data.size(); ++i)
            m_z2Data[i] = m_z2[i] - m_offsets2[i];
        z2Data = m_z2Data.data();
    }
    double* work = m_xzWork.data(); // C x P1 over the distinct columns
    std::copy(m_xzRows.begin(), m_xzRows.end(), work);
    if (!m_design.twoLevel()) {
        expandColumns(work, m_work1);
        addLevel1Blocks(m_precisionE, m_xx1, m_work1);
    } else if (!marginal) {
        // beta | u: level-1 part uses z - u; level-2 part r_j | u_j ~ N(B u_j, Omega_r|u).
        // X'(Z - U) = X'Z - sum_j n_j xbar_j u_j'.
        // (sum_j n_j xbar_j u_j' accumulated by the last unit sweep, which drew the u_j.)
        for (std::size_t i = 0; i < columns * dims1; ++i)
            work[i] -= m_xsumU[i];
        expandColumns(work, m_work1);
        addLevel1Blocks(m_precisionE, m_xx1, m_work1);
        if (p2 > 0) {
            // rhs of a level-2 coefficient of dimension d at column c: sum_j x2_jc (Q_ru u_j +
            // Lambda z2_j)_d = Q(v, :) S(c, :) with S = sum_j x2_j (u_j, z2_j)' (K2 x Q).
            const std::size_t q = static_cast<std::size_t>(m_q);
            double* cross = m_level2Cross.data();
            std::fill(m_level2Cross.begin(), m_level2Cross.end(), 0.0);
            for (std::size_t j = 0; j < m_units; ++j) {
                const double* z2 = &z2Data[j * static_cast<std::size_t>(p2)];
                const double* u = &m_u[j * dims1];
                const double* x2 = &m_design.x2()[j * k2];
                for (std::size_t c = 0; c < k2; ++c) {
                    double* row = cross + c * q;
                    for (std::size_t k = 0; k < dims1; ++k)
                        row[k] += x2[c] * u[k];
                    for (std::size_t k = 0; k < static_cast<std::size_t>(p2); ++k)
                        row[dims1 + k] += x2[c] * z2[k];
                }
            }
            const double* precisionU = m_precisionU.data();
            double* rhs = m_betaRhs.data();
            for (std::size_t d = 0; d < static_cast<std::size_t>(p2); ++d) {
                const std::size_t v = dims1 + d;
                const int offset = m_dimCoefficientBegin[v] - m_dimColumnBegin[v];
                for (int c = m_dimColumnBegin[v]; c < m_dimColumnEnd[v]; ++c) {
                    const double* row = cross + static_cast<std::size_t>(c) * q;
                    double value = 0.0;
                    for (std::size_t k = 0; k < q; ++k)
                        value += precisionU[v + k * q] * row[k];
                    rhs[c + offset] += value;
                }
            }
            addLevel2Blocks(m_precisionU.bottomRightCorner(p2, p2));
        }
    } else {
        // u integrated out. Within-unit part with X'Z minus its unit-mean part.
        // (sum_j xbar_j zsum_j' accumulated by the row pass, which summed the z's.)
        for (std::size_t i = 0; i < columns * dims1; ++i)
            work[i] -= m_xbarZsum[i];
        expandColumns(work, m_work1);
        addLevel1Blocks(m_precisionE, m_within1, m_work1);
        // Omega_u|r = (Q_uu)^{-1}, A = Omega_ur Omega_rr^{-1} = -Q_uu^{-1} Q_ur.
        m_factorSmall.compute(m_precisionU.topLeftCorner(p1, p1));
        m_omegaUGivenR.setIdentity();
        m_factorSmall.solveInPlace(m_omegaUGivenR);
        // A second factor for the P2 x P2 block: re-using one of another size would reallocate.
        if (p2 > 0) {
            m_aMatrix.noalias() = -m_omegaUGivenR * m_precisionU.topRightCorner(p1, p2);
            m_factorSmall2.compute(m_omegaU.bottomRightCorner(p2, p2));
            m_precisionRR.setIdentity();
            m_factorSmall2.solveInPlace(m_precisionRR);
        }
        for (std::size_t j = 0; j < m_units; ++j) {
            const Eigen::Index jj = static_cast<Eigen::Index>(j);
            const double size = m_unitSize(jj);
            m_unitCovariance = m_omegaUGivenR;
            m_unitCovariance.noalias() += m_omegaE / size;
            if (!smallCholesky(m_unitCovariance, m_smallLower))
                throw Error("the covariance of a unit's mean residual is not positive definite");
            smallCholeskyInverse(m_smallLower, m_smallWork, m_unitInverse);
            // H_j = [Xbar_j | -A X2_j] = T_j-scaled columns with T = [I | -A] (P1 x Q): column
            // of coefficient a is T(:, dim(a)) times its covariate value v_a. So H'WH(a,b) =
            // v_a v_b G(dim a, dim b) with G = T'WT, and H'W c = v_a (T'W c)(dim a), where
            // c_j = zbar_j - A z2_j and W = V_j^{-1}. Only the lower triangle is accumulated
            // (the LLT below reads that one).
            m_unitVector1 = m_zsum.row(jj).transpose() / size;
            const double* x2 = p2 > 0 ? &m_design.x2()[j * k2] : nullptr;
            if (p2 > 0) {
                const Eigen::Map<const Eigen::VectorXd> z2(
                    &z2Data[j * static_cast<std::size_t>(p2)], p2);
                m_unitVector1.noalias() -= m_aMatrix.lazyProduct(z2);
                m_unitVector2.noalias() = m_precisionRR.lazyProduct(z2);
                for (Eigen::Index d = 0; d < p2; ++d) {
                    const DesignDimension& dim = dims2[static_cast<std::size_t>(d)];
                    for (std::size_t c = 0; c < dim.terms.size(); ++c)
                        m_betaRhs(dim.firstCoefficient + static_cast<Eigen::Index>(c)) +=
                            x2[static_cast<std::size_t>(dim.firstColumn) + c] * m_unitVector2(d);
                }
            }
            // WT = W T (P1 x Q), G = T' WT (Q x Q), t = T' W c (Q).
            const Eigen::Index q = m_q;
            for (Eigen::Index col = 0; col < q; ++col)
                for (Eigen::Index d = 0; d < p1; ++d) {
                    double value = 0.0;
                    if (col < p1)
                        value = m_unitInverse(d, col);
                    else
                        for (Eigen::Index e = 0; e < p1; ++e)
                            value -= m_unitInverse(d, e) * m_aMatrix(e, col - p1);
                    m_unitWt(d, col) = value;
                }
            for (Eigen::Index row = 0; row < q; ++row) {
                for (Eigen::Index col = 0; col <= row; ++col) {
                    double value = 0.0;
                    if (row < p1)
                        value = m_unitWt(row, col);
                    else
                        for (Eigen::Index d = 0; d < p1; ++d)
                            value -= m_aMatrix(d, row - p1) * m_unitWt(d, col);
                    m_unitG(row, col) = value;
                    m_unitG(col, row) = value;
                }
                double value = 0.0;
                for (Eigen::Index d = 0; d < p1; ++d)
                    value += m_unitWt(d, row) * m_unitVector1(d);
                m_unitT(row) = value;
            }
            for (Eigen::Index c = 0; c < m_k; ++c) {
                const std::size_t cc = static_cast<std::size_t>(c);
                m_coefValues[cc] = m_coefLevel2[cc]
                                       ? x2[m_coefColumn[cc]]
                                       : m_xbar(jj, static_cast<Eigen::Index>(m_coefColumn[cc]));
            }
            for (Eigen::Index a = 0; a < m_k; ++a) {
                const std::size_t aa = static_cast<std::size_t>(a);
                const double va = m_coefValues[aa];
                if (va == 0.0)
                    continue;
                const Eigen::Index da = m_coefDimIndex[aa];
                m_betaRhs(a) += va * m_unitT(da);
                for (Eigen::Index b = 0; b <= a; ++b) {
                    const std::size_t bb = static_cast<std::size_t>(b);
                    m_betaPrecision(a, b) +=
                        va * m_coefValues[bb] * m_unitG(da, m_coefDimIndex[bb]);
                }
            }
        }
        addLevel2Blocks(m_precisionRR);
    }

    const Eigen::Index k = coefficients;
    m_betaFactor.compute(m_betaPrecision.topLeftCorner(k, k));
    if (m_betaFactor.info() != Eigen::Success)
        throw Error(
            "the fixed effects are not identified: an explanatory variable is constant "
            "or a linear combination of others (or a category of a :cat variable is empty)");
    for (Eigen::Index c = 0; c < k; ++c)
        m_normals(c) = drawNormal(m_rng);
    // beta = P^{-1} rhs + L^{-T} xi with P = L L'.
    m_betaFactor.solveInPlace(m_betaRhs.head(k));
    m_betaFactor.matrixU().solveInPlace(m_normals.head(k));
    m_beta.head(k) = m_betaRhs.head(k) + m_normals.head(k);
}

} // namespace grove
