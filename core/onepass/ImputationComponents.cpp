// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/onepass/ImputationComponents.h"

#include "core/common/Error.h"
#include "core/math/Priors.h"
#include "core/random/Distributions.h"
#include "core/random/TruncatedNormal.h"
#include "core/random/Ziggurat.h"

#include <cmath>
#include <limits>

namespace grove::onepass {

namespace {

/// Over-dispersed starts scale a variance by exp(N(0, kStartLogSd^2)): within a factor of 2.7
/// either way in 95% of chains.
constexpr double kStartLogSd = 0.5;

double observedVariance(const DesignVariable& variable)
{
    double sum = 0.0;
    double squares = 0.0;
    double count = 0.0;
    for (std::size_t c = 0; c < variable.values.size(); ++c)
        if (!variable.missing[c]) {
            sum += variable.values[c];
            squares += variable.values[c] * variable.values[c];
            count += 1.0;
        }
    if (count < 2.0)
        return 1.0;
    const double mean = sum / count;
    const double variance = (squares - count * mean * mean) / (count - 1.0);
    return variance > 0.0 ? variance : 1.0;
}

} // namespace

ImputationComponents::ImputationComponents(const OnePassDesign& design,
                                           const std::vector<std::vector<double>>& values)
    : m_design(design)
{
    const auto& components = design.components();
    m_n = static_cast<Eigen::Index>(design.rowCount());
    m_units = static_cast<Eigen::Index>(design.unitCount());
    m_p1 = design.level1ComponentCount();
    m_p2 = design.level2ComponentCount();
    m_q = design.hasImputationLevel2() ? m_p1 + m_p2 : 0;
    for (Eigen::Index k = 0; k < m_p1; ++k)
        m_k1 += components[static_cast<std::size_t>(k)].explanatoryValues.cols();
    m_k2 = design.coefficientCount() - m_k1;

    m_z1.resize(m_n, m_p1);
    m_z2.resize(m_units, m_p2);
    m_v.setZero(m_units, m_q);
    m_unitMean1.setZero(m_units, m_p1);
    m_mean1.setZero(m_n, m_p1);
    m_alpha.setZero(design.coefficientCount());
    m_sigmaE.setZero(m_p1, m_p1);
    m_omegaU.setZero(m_q, m_q);
    std::vector<int> latentE;
    std::vector<int> latentU;
    for (Eigen::Index c = 0; c < m_p1 + m_p2; ++c) {
        const DesignComponent& component = components[static_cast<std::size_t>(c)];
        const DesignVariable& variable =
            design.variables()[static_cast<std::size_t>(component.variable)];
        const std::vector<double>& current = values[static_cast<std::size_t>(component.variable)];
        const bool binary = component.kind == CovariateKind::Binary;
        const double variance = binary ? 1.0 : observedVariance(variable);
        for (std::size_t cell = 0; cell < current.size(); ++cell) {
            const double z = binary ? (current[cell] > 0.5 ? 0.5 : -0.5) : current[cell];
            if (c < m_p1)
                m_z1(static_cast<Eigen::Index>(cell), c) = z;
            else
                m_z2(static_cast<Eigen::Index>(cell), c - m_p1) = z;
        }
        if (c < m_p1) {
            m_sigmaE(c, c) = variance;
            latentE.push_back(binary ? static_cast<int>(c) : -1);
            if (m_q > 0) {
                m_omegaU(c, c) = 0.1 * variance;
                latentU.push_back(-1);
            }
        } else {
            m_omegaU(c, c) = variance;
            latentU.push_back(binary ? static_cast<int>(c) : -1);
        }
    }
    if (m_p1 > 0)
        m_sigmaESampler = std::make_unique<ConstrainedCovarianceSampler>(
            latentE, -static_cast<double>(m_p1 + 1), Eigen::MatrixXd::Zero(m_p1, m_p1));
    if (m_q > 0) {
        if (design.spec().imputationPrior == CovariancePrior::Uniform)
            m_omegaUSampler = std::make_unique<ConstrainedCovarianceSampler>(
                latentU, -static_cast<double>(m_q + 1), Eigen::MatrixXd::Zero(m_q, m_q));
        else
            m_omegaUSampler = std::make_unique<ConstrainedCovarianceSampler>(
                latentU, static_cast<double>(m_q + 1),
                kWishartScale * Eigen::MatrixXd::Identity(m_q, m_q));
    }

    m_wtw1.setZero(m_k1, m_k1);
    m_wtw2.setZero(m_k2, m_k2);
    for (Eigen::Index k = 0; k < m_p1 + m_p2; ++k)
        for (Eigen::Index l = 0; l < m_p1 + m_p2; ++l) {
            const bool level2k = k >= m_p1;
            if (level2k != (l >= m_p1))
                continue;
            const DesignComponent& a = components[static_cast<std::size_t>(k)];
            const DesignComponent& b = components[static_cast<std::size_t>(l)];
            const Eigen::Index offset = level2k ? m_k1 : 0;
            Eigen::MatrixXd& target = level2k ? m_wtw2 : m_wtw1;
            target
                .block(a.coefficientOffset - offset, b.coefficientOffset - offset,
                       a.explanatoryValues.cols(), b.explanatoryValues.cols())
                .noalias() = a.explanatoryValues.transpose() * b.explanatoryValues;
        }
    for (Eigen::Index k = 0; k < m_p1; ++k)
        if (m_q > 0 && components[static_cast<std::size_t>(k)].constantColumn >= 0)
            m_shiftComponents.push_back(static_cast<int>(k));

    const auto shifts = static_cast<Eigen::Index>(m_shiftComponents.size());
    m_level2Residual.resize(m_units, m_p2);
    m_precision1.resize(m_k1, m_k1);
    m_linear1.resize(m_k1);
    m_normals1.resize(m_k1);
    m_precision2.resize(m_k2, m_k2);
    m_linear2.resize(m_k2);
    m_normals2.resize(m_k2);
    m_smallPrecision.resize(m_p1, m_p1);
    m_smallLinear.resize(m_p1);
    m_smallNormals.resize(m_p1);
    m_smallDraw.resize(m_p1);
    m_unitSum.resize(m_p1);
    m_sumOfSquares.resize(m_p1, m_p1);
    m_qSquares.resize(m_q, m_q);
    m_shiftPrecision.resize(shifts, shifts);
    m_shiftLinear.resize(shifts);
    m_shiftNormals.resize(shifts);
    m_shiftDraw.resize(shifts);
    m_vSum.resize(m_q);
    m_precisionE.resize(m_p1, m_p1);
    m_precisionU.resize(m_q, m_q);

    const auto& unitStart = design.unitStart();
    m_unitSize.resize(m_units);
    for (Eigen::Index j = 0; j < m_units; ++j)
        m_unitSize(j) = static_cast<double>(unitStart[static_cast<std::size_t>(j) + 1] -
                                            unitStart[static_cast<std::size_t>(j)]);
    m_wsum.setZero(m_units, m_k1);
    for (Eigen::Index k = 0; k < m_p1; ++k) {
        const DesignComponent& component = components[static_cast<std::size_t>(k)];
        for (Eigen::Index c = 0; c < component.explanatoryValues.cols(); ++c) {
            const double* column = component.explanatoryValues.col(c).data();
            bool constant = true;
            for (Eigen::Index i = 1; i < m_n; ++i)
                constant = constant && column[i] == column[0];
            (constant ? m_constantColumns : m_wColumns)
                .push_back({column, component.coefficientOffset + c, k});
            for (Eigen::Index i = 0; i < m_n; ++i)
                m_wsum(static_cast<Eigen::Index>(design.unitOfRow()[static_cast<std::size_t>(i)]),
                       component.coefficientOffset + c) += column[i];
        }
        if (component.kind == CovariateKind::Binary && m_q > 0)
            m_binary1.push_back(static_cast<int>(k));
    }
    m_fixedSum.setZero(m_units, m_p1);
    m_wv.setZero(m_k1, m_p1);
    m_zz.resize(m_p1, m_p1);
    m_wz.resize(m_k1, m_p1);
    m_zsum.resize(m_units, m_p1);
    m_shiftLow.resize(m_units, m_p1);
    m_shiftHigh.resize(m_units, m_p1);
    m_pendingShift.setZero(m_units, m_p1);
    m_completeRow.assign(design.rowCount(), 1);
    for (Eigen::Index k = 0; k < m_p1; ++k) {
        const DesignVariable& variable = design.variables()[static_cast<std::size_t>(
            components[static_cast<std::size_t>(k)].variable)];
        for (std::size_t i = 0; i < design.rowCount(); ++i)
            if (variable.missing[i])
                m_completeRow[i] = 0;
    }
    m_completeSum.setZero(m_units, m_p1);
    m_completeSquares.setZero(m_units, m_p1 * m_p1);
    for (std::size_t i = 0; i < design.rowCount(); ++i) {
        if (!m_completeRow[i])
            continue;
        const auto j = static_cast<Eigen::Index>(design.unitOfRow()[i]);
        const auto row = static_cast<Eigen::Index>(i);
        for (Eigen::Index k = 0; k < m_p1; ++k) {
            if (components[static_cast<std::size_t>(k)].kind == CovariateKind::Binary)
                continue;
            m_completeSum(j, k) += m_z1(row, k);
            for (Eigen::Index l = 0; l <= k; ++l)
                if (components[static_cast<std::size_t>(l)].kind != CovariateKind::Binary)
                    m_completeSquares(j, l * m_p1 + k) += m_z1(row, k) * m_z1(row, l);
        }
    }
    m_sumOfSquares.resize(m_p1, m_p1);
    m_conditionalCoefficient.setZero(m_p1, m_p1);
    m_conditionalSd.setOnes(m_p1);
    beginLevel1Pass();
    for (std::size_t i = 0; i < design.rowCount(); ++i)
        accumulateRow(i);
    finishLevel1Pass();
    refreshDerived();
}

void ImputationComponents::overdisperse(RandomStream& rng)
{
    const auto& components = m_design.components();
    const auto binary = [&](Eigen::Index c) {
        return components[static_cast<std::size_t>(c)].kind == CovariateKind::Binary;
    };
    const auto spread = [&rng]() { return std::exp(kStartLogSd * rng.normal()); };
    for (Eigen::Index k = 0; k < m_p1; ++k)
        if (!binary(k))
            m_sigmaE(k, k) *= spread();
    for (Eigen::Index c = 0; c < m_q; ++c)
        if (c < m_p1 || !binary(c))
            m_omegaU(c, c) *= spread();
    for (Eigen::Index j = 0; j < m_units; ++j)
        for (Eigen::Index k = 0; k < (m_q > 0 ? m_p1 : 0); ++k)
            m_v(j, k) = std::sqrt(m_omegaU(k, k)) * rng.normal();
    refreshDerived();
}

void ImputationComponents::finishLevel1Pass()
{
    for (const ExplanatoryColumn& column : m_constantColumns)
        for (Eigen::Index k = 0; k < m_p1; ++k)
            m_wz(column.coefficient, k) = column.values[0] * m_zsum.col(k).sum();
}

void ImputationComponents::beginLevel1Pass()
{
    m_zz.setZero();
    m_wz.setZero();
    m_zsum.setZero();
    m_shiftLow.setConstant(-std::numeric_limits<double>::infinity());
    m_shiftHigh.setConstant(std::numeric_limits<double>::infinity());
}

void ImputationComponents::refreshDerived()
{
    if (m_p1 > 0) {
        m_factorE.compute(m_sigmaE);
        if (m_factorE.info() != Eigen::Success)
            throw Error(
                "2LevelMissingOnePass: the imputation level-1 covariance is not positive definite");
        m_precisionE.setIdentity();
        m_factorE.solveInPlace(m_precisionE);
    }
    if (m_q > 0) {
        m_factorU.compute(m_omegaU);
        if (m_factorU.info() != Eigen::Success)
            throw Error(
                "2LevelMissingOnePass: the imputation level-2 covariance is not positive definite");
        m_precisionU.setIdentity();
        m_factorU.solveInPlace(m_precisionU);
    }
}

void ImputationComponents::drawGaussian(RandomStream& rng, Eigen::LLT<Eigen::MatrixXd>& factor,
                                        const Eigen::MatrixXd& precision, Eigen::VectorXd& linear,
                                        Eigen::VectorXd& normals, Eigen::Ref<Eigen::VectorXd> out)
{
    factor.compute(precision);
    if (factor.info() != Eigen::Success)
        throw Error(
            "2LevelMissingOnePass: an imputation-model coefficient block is not identified");
    factor.solveInPlace(linear);
    for (Eigen::Index k = 0; k < normals.size(); ++k)
        normals(k) = rng.normal();
    factor.matrixU().solveInPlace(normals);
    out = linear + normals;
}

void ImputationComponents::updateParameters(RandomStream& rng, bool adapting)
{
    if (m_p1 > 0)
        drawAlpha1(rng);
    if (m_p2 > 0)
        drawAlpha2(rng);
    unitFixedParts();
    if (m_q > 0) {
        if (m_p1 > 0)
            drawV1(rng);
        m_qSquares.noalias() = m_v.transpose() * m_v;
        m_omegaUSampler->draw(rng, m_qSquares, static_cast<double>(m_units), m_omegaU);
        refreshDerived();
        if (!m_shiftComponents.empty()) {
            shiftIntercepts(rng);
            unitFixedParts();
        }
    }
    if (m_p1 > 0) {
        level1SumOfSquares();
        m_sigmaESampler->draw(rng, m_sumOfSquares, static_cast<double>(m_n), m_sigmaE);
    }
    if (adapting) {
        if (m_sigmaESampler)
            m_sigmaESampler->adapt();
        if (m_omegaUSampler)
            m_omegaUSampler->adapt();
    }
    refreshDerived();
    computeLevel1Means();
}

void ImputationComponents::unitFixedParts()
{
    // fixedSum_jk = sum over unit j's rows of W_ik alpha_k.
    m_fixedSum.setZero();
    for (const auto* columns : {&m_wColumns, &m_constantColumns})
        for (const ExplanatoryColumn& column : *columns) {
            const double a = m_alpha(column.coefficient);
            for (Eigen::Index j = 0; j < m_units; ++j)
                m_fixedSum(j, column.component) += m_wsum(j, column.coefficient) * a;
        }
}

void ImputationComponents::computeLevel1Means()
{
    if (m_p1 == 0)
        return;
    // Constant columns and v_j1 first, unit by unit; then the other columns row by row.
    m_unitSum.setZero();
    for (const ExplanatoryColumn& column : m_constantColumns)
        m_unitSum(column.component) += m_alpha(column.coefficient) * column.values[0];
    const auto& unitStart = m_design.unitStart();
    double* mean = m_mean1.data();
    const double* constant = m_unitSum.data();
    const bool meansPerUnit = level1MeansPerUnit();
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const double* v = m_q > 0 ? m_v.data() + j * m_q : nullptr;
        for (Eigen::Index k = 0; k < m_p1; ++k)
            m_unitMean1(j, k) = constant[k] + (v ? v[k] : 0.0);
        if (meansPerUnit)
            continue;
        const auto begin = static_cast<Eigen::Index>(unitStart[static_cast<std::size_t>(j)]);
        const auto end = static_cast<Eigen::Index>(unitStart[static_cast<std::size_t>(j) + 1]);
        for (Eigen::Index i = begin; i < end; ++i)
            for (Eigen::Index k = 0; k < m_p1; ++k)
                mean[i * m_p1 + k] = constant[k] + (v ? v[k] : 0.0);
    }
    for (const ExplanatoryColumn& column : m_wColumns) {
        const double a = m_alpha(column.coefficient);
        for (Eigen::Index i = 0; i < m_n; ++i)
            m_mean1.data()[i * m_p1 + column.component] += column.values[i] * a;
    }
    for (Eigen::Index k = 0; k < m_p1; ++k) {
        const double qkk = m_precisionE(k, k);
        for (Eigen::Index l = 0; l < m_p1; ++l)
            m_conditionalCoefficient(k, l) = l == k ? 0.0 : m_precisionE(k, l) / qkk;
        m_conditionalSd(k) = 1.0 / std::sqrt(qkk);
    }
}

void ImputationComponents::level1SumOfSquares()
{
    // S = sum_i (z_i - m_i)(z_i - m_i)' with m_ik = W_ik alpha_k + v_jk, from the statistics:
    // S = ZZ - A - A' + B, A_kl = sum_i z_ik m_il, B_kl = sum_i m_ik m_il.
    const auto& components = m_design.components();
    for (Eigen::Index k = 0; k < m_p1; ++k)
        for (Eigen::Index l = 0; l <= k; ++l) {
            const DesignComponent& a = components[static_cast<std::size_t>(k)];
            const DesignComponent& b = components[static_cast<std::size_t>(l)];
            const Eigen::Index ka = a.explanatoryValues.cols();
            const Eigen::Index kb = b.explanatoryValues.cols();
            const auto alphaK = m_alpha.segment(a.coefficientOffset, ka);
            const auto alphaL = m_alpha.segment(b.coefficientOffset, kb);
            // sum_i z_ik (W alpha)_il + sum_i z_il (W alpha)_ik.
            double cross = alphaL.dot(m_wz.col(k).segment(b.coefficientOffset, kb)) +
                           alphaK.dot(m_wz.col(l).segment(a.coefficientOffset, ka));
            double fixed = 0.0;
            for (Eigen::Index r = 0; r < ka; ++r)
                for (Eigen::Index c = 0; c < kb; ++c)
                    fixed += alphaK(r) * m_wtw1(a.coefficientOffset + r, b.coefficientOffset + c) *
                             alphaL(c);
            if (m_q > 0)
                for (Eigen::Index j = 0; j < m_units; ++j) {
                    const double vk = m_v(j, k);
                    const double vl = m_v(j, l);
                    cross += vl * m_zsum(j, k) + vk * m_zsum(j, l);
                    fixed +=
                        vk * m_fixedSum(j, l) + vl * m_fixedSum(j, k) + m_unitSize(j) * vk * vl;
                }
            const double value = m_zz(k, l) - cross + fixed;
            m_sumOfSquares(k, l) = value;
            m_sumOfSquares(l, k) = value;
        }
}

void ImputationComponents::drawAlpha1(RandomStream& rng)
{
    const auto& components = m_design.components();
    // r_i = z_i - v_j1, weighted by Sigma_e^{-1}: linear_k = W_k' (R Q_e)_k, with
    // W_k' r_l = W_k' z_l - sum_j wsum_jk v_jl.
    if (m_q > 0)
        m_wv.noalias() = m_wsum.transpose() * m_v.leftCols(m_p1);
    Eigen::MatrixXd& precision = m_precision1;
    for (Eigen::Index k = 0; k < m_p1; ++k) {
        const DesignComponent& a = components[static_cast<std::size_t>(k)];
        const Eigen::Index ka = a.explanatoryValues.cols();
        for (Eigen::Index c = 0; c < ka; ++c) {
            const Eigen::Index row = a.coefficientOffset + c;
            double sum = 0.0;
            for (Eigen::Index l = 0; l < m_p1; ++l)
                sum += (m_wz(row, l) - m_wv(row, l)) * m_precisionE(l, k);
            m_linear1(row) = sum;
        }
        for (Eigen::Index l = 0; l < m_p1; ++l) {
            const DesignComponent& b = components[static_cast<std::size_t>(l)];
            const Eigen::Index kb = b.explanatoryValues.cols();
            precision.block(a.coefficientOffset, b.coefficientOffset, ka, kb) =
                m_precisionE(k, l) * m_wtw1.block(a.coefficientOffset, b.coefficientOffset, ka, kb);
        }
    }
    drawGaussian(rng, m_factor1, m_precision1, m_linear1, m_normals1, m_alpha.head(m_k1));
}

void ImputationComponents::drawAlpha2(RandomStream& rng)
{
    const auto& components = m_design.components();
    // r_j2 | v_j1 ~ N(-Q22^{-1} Q21 v_j1, Q22^{-1}): linear_m = W_m' (Z2 Q22 + V1 Q12)_m.
    const auto q22 =
        m_q > 0 ? m_precisionU.bottomRightCorner(m_p2, m_p2) : m_precisionU.bottomRightCorner(0, 0);
    m_level2Residual.noalias() = m_z2 * q22;
    if (m_p1 > 0)
        m_level2Residual.noalias() += m_v.leftCols(m_p1) * m_precisionU.topRightCorner(m_p1, m_p2);
    Eigen::MatrixXd& precision = m_precision2;
    Eigen::VectorXd& linear = m_linear2;
    for (Eigen::Index m = 0; m < m_p2; ++m) {
        const DesignComponent& a = components[static_cast<std::size_t>(m_p1 + m)];
        const Eigen::Index ka = a.explanatoryValues.cols();
        const Eigen::Index oa = a.coefficientOffset - m_k1;
        linear.segment(oa, ka).noalias() =
            a.explanatoryValues.transpose() * m_level2Residual.col(m);
        for (Eigen::Index l = 0; l < m_p2; ++l) {
            const DesignComponent& b = components[static_cast<std::size_t>(m_p1 + l)];
            const Eigen::Index kb = b.explanatoryValues.cols();
            const Eigen::Index ob = b.coefficientOffset - m_k1;
            precision.block(oa, ob, ka, kb) = q22(m, l) * m_wtw2.block(oa, ob, ka, kb);
        }
    }
    drawGaussian(rng, m_factor2, m_precision2, m_linear2, m_normals2, m_alpha.tail(m_k2));
    recomputeLevel2Residuals();
}

void ImputationComponents::recomputeLevel2Residuals()
{
    if (m_q == 0)
        return;
    const auto& components = m_design.components();
    for (Eigen::Index m = 0; m < m_p2; ++m) {
        const DesignComponent& a = components[static_cast<std::size_t>(m_p1 + m)];
        m_v.col(m_p1 + m).noalias() =
            m_z2.col(m) -
            a.explanatoryValues * m_alpha.segment(a.coefficientOffset, a.explanatoryValues.cols());
    }
}

void ImputationComponents::level2Changed(std::size_t unit, int m)
{
    const DesignComponent& a = m_design.components()[static_cast<std::size_t>(m_p1 + m)];
    const auto j = static_cast<Eigen::Index>(unit);
    m_v(j, m_p1 + m) = m_z2(j, m) - a.explanatoryValues.row(j).dot(m_alpha.segment(
                                        a.coefficientOffset, a.explanatoryValues.cols()));
}

template <int P> void ImputationComponents::drawV1Fixed(RandomStream& rng)
{
    using Matrix = Eigen::Matrix<double, P, P>;
    using Vector = Eigen::Matrix<double, P, 1>;
    const Matrix q11 = m_precisionU.topLeftCorner<P, P>();
    const Matrix precisionE = m_precisionE.topLeftCorner<P, P>();
    double factorSize = m_units > 0 ? m_unitSize(0) : 0.0;
    Eigen::LLT<Matrix> factor(q11 + factorSize * precisionE);
    for (Eigen::Index j = 0; j < m_units; ++j) {
        const double size = m_unitSize(j);
        if (size != factorSize) {
            factor.compute(q11 + size * precisionE);
            factorSize = size;
        }
        if (factor.info() != Eigen::Success)
            throw Error("2LevelMissingOnePass: an imputation-model coefficient block is not "
                        "identified");
        Vector sum;
        for (int k = 0; k < P; ++k)
            sum(k) = m_zsum(j, k) - m_fixedSum(j, k);
        Vector linear = precisionE * sum;
        if (m_p2 > 0)
            linear.noalias() -=
                m_precisionU.topRightCorner(P, m_p2) * m_v.row(j).tail(m_p2).transpose();
        factor.solveInPlace(linear);
        Vector normals;
        for (int k = 0; k < P; ++k)
            normals(k) = rng.normal();
        factor.matrixU().solveInPlace(normals);
        for (int k = 0; k < P; ++k)
            m_v(j, k) = linear(k) + normals(k);
        shiftUnitLatents(rng, j);
    }
}

void ImputationComponents::drawV1(RandomStream& rng)
{
    switch (m_p1) {
    case 1: drawV1Fixed<1>(rng); return;
    case 2: drawV1Fixed<2>(rng); return;
    case 3: drawV1Fixed<3>(rng); return;
    case 4: drawV1Fixed<4>(rng); return;
    default: break;
    }
    const auto q11 = m_precisionU.topLeftCorner(m_p1, m_p1);
    const auto q12 = m_precisionU.topRightCorner(m_p1, m_p2);
    for (Eigen::Index j = 0; j < m_units; ++j) {
        m_unitSum = (m_zsum.row(j) - m_fixedSum.row(j)).transpose();
        m_smallPrecision = q11 + m_unitSize(j) * m_precisionE;
        m_smallLinear.noalias() = m_precisionE * m_unitSum;
        if (m_p2 > 0)
            m_smallLinear.noalias() -= q12 * m_v.row(j).tail(m_p2).transpose();
        drawGaussian(rng, m_smallFactor, m_smallPrecision, m_smallLinear, m_smallNormals,
                     m_smallDraw);
        m_v.row(j).head(m_p1) = m_smallDraw.transpose();
        shiftUnitLatents(rng, j);
    }
}

void ImputationComponents::shiftUnitLatents(RandomStream& rng, Eigen::Index unit)
{
    for (const int dim : m_binary1) {
        const Eigen::Index d = dim;
        const double low = m_shiftLow(unit, d);
        const double high = m_shiftHigh(unit, d);
        if (!(low < high))
            continue;
        const double diagonal = m_precisionU(d, d);
        double shift = 0.0;
        for (Eigen::Index l = 0; l < m_q; ++l)
            if (l != d)
                shift += m_precisionU(d, l) * m_v(unit, l);
        const double centre = -shift / diagonal;
        const double current = m_v(unit, d);
        const double next = drawTruncatedNormalQuick(rng, centre, 1.0 / std::sqrt(diagonal),
                                                     current + low, current + high);
        const double delta = next - current;
        m_v(unit, d) = next;
        // Move the unit's latents with v and keep the statistics in step:
        // ZZ_dd += 2 delta zsum_d + n delta^2, ZZ_dl += delta zsum_l, W'z_d += delta wsum.
        const double n = m_unitSize(unit);
        for (Eigen::Index l = 0; l < m_p1; ++l) {
            if (l < d)
                m_zz(d, l) += delta * m_zsum(unit, l);
            else if (l > d)
                m_zz(l, d) += delta * m_zsum(unit, l);
        }
        m_zz(d, d) += 2.0 * delta * m_zsum(unit, d) + n * delta * delta;
        m_zsum(unit, d) += n * delta;
        for (const ExplanatoryColumn& column : m_wColumns)
            m_wz(column.coefficient, d) += delta * m_wsum(unit, column.coefficient);
        for (const ExplanatoryColumn& column : m_constantColumns)
            m_wz(column.coefficient, d) += delta * m_wsum(unit, column.coefficient);
        m_shiftLow(unit, d) = low - delta;
        m_shiftHigh(unit, d) = high - delta;
        m_pendingShift(unit, d) += delta;
    }
}

void ImputationComponents::shiftIntercepts(RandomStream& rng)
{
    // v_j - D d ~ N(0, Omega_u) for every j, with D putting c_k in row k: d | rest has precision
    // J D'QD and linear term D'Q sum_j v_j; the level-1 likelihood does not depend on d.
    const auto& components = m_design.components();
    const auto s = static_cast<Eigen::Index>(m_shiftComponents.size());
    m_vSum = m_v.colwise().sum().transpose();
    for (Eigen::Index a = 0; a < s; ++a) {
        const Eigen::Index ka = m_shiftComponents[static_cast<std::size_t>(a)];
        const double ca = components[static_cast<std::size_t>(ka)].constantValue;
        m_shiftLinear(a) = ca * m_precisionU.row(ka).dot(m_vSum);
        for (Eigen::Index b = 0; b < s; ++b) {
            const Eigen::Index kb = m_shiftComponents[static_cast<std::size_t>(b)];
            const double cb = components[static_cast<std::size_t>(kb)].constantValue;
            m_shiftPrecision(a, b) = static_cast<double>(m_units) * ca * cb * m_precisionU(ka, kb);
        }
    }
    drawGaussian(rng, m_shiftFactor, m_shiftPrecision, m_shiftLinear, m_shiftNormals, m_shiftDraw);
    for (Eigen::Index a = 0; a < s; ++a) {
        const Eigen::Index k = m_shiftComponents[static_cast<std::size_t>(a)];
        const DesignComponent& component = components[static_cast<std::size_t>(k)];
        m_alpha(component.coefficientOffset + component.constantColumn) += m_shiftDraw(a);
        m_v.col(k).array() -= component.constantValue * m_shiftDraw(a);
    }
}

void ImputationComponents::conditionalLevel1(std::size_t row, int k, double& mean, double& sd) const
{
    const auto i = static_cast<Eigen::Index>(row);
    const double qkk = m_precisionE(k, k);
    double shift = 0.0;
    for (Eigen::Index l = 0; l < m_p1; ++l)
        if (l != k)
            shift += m_precisionE(k, l) * (m_z1(i, l) - level1Mean(row, l));
    mean = level1Mean(row, k) - shift / qkk;
    sd = 1.0 / std::sqrt(qkk);
}

void ImputationComponents::conditionalLevel2(std::size_t unit, int m, double& mean,
                                             double& sd) const
{
    const auto j = static_cast<Eigen::Index>(unit);
    const Eigen::Index d = m_p1 + m;
    const double qdd = m_precisionU(d, d);
    double shift = 0.0;
    for (Eigen::Index l = 0; l < m_q; ++l)
        if (l != d)
            shift += m_precisionU(d, l) * m_v(j, l);
    const DesignComponent& a = m_design.components()[static_cast<std::size_t>(d)];
    mean = a.explanatoryValues.row(j).dot(
               m_alpha.segment(a.coefficientOffset, a.explanatoryValues.cols())) -
           shift / qdd;
    sd = 1.0 / std::sqrt(qdd);
}

Eigen::Index ImputationComponents::omegaUCount() const
{
    return m_q * (m_q + 1) / 2;
}
Eigen::Index ImputationComponents::omegaECount() const
{
    return m_p1 * (m_p1 + 1) / 2;
}

void ImputationComponents::writeOmegaU(double* out) const
{
    for (Eigen::Index r = 0; r < m_q; ++r)
        for (Eigen::Index c = 0; c <= r; ++c)
            *out++ = m_omegaU(r, c);
}

void ImputationComponents::writeAlpha(double* out) const
{
    for (Eigen::Index k = 0; k < m_alpha.size(); ++k)
        out[k] = m_alpha(k);
}

void ImputationComponents::writeOmegaE(double* out) const
{
    for (Eigen::Index r = 0; r < m_p1; ++r)
        for (Eigen::Index c = 0; c <= r; ++c)
            *out++ = m_sigmaE(r, c);
}

double ImputationComponents::correlationAcceptance() const
{
    return m_sigmaESampler && m_sigmaESampler->hasMetropolisStep()
               ? m_sigmaESampler->acceptanceRate()
               : -1.0;
}

} // namespace grove::onepass
