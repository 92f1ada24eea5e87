// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/SamplingSteps.h"

#include "core/random/Distributions.h"

#include <Eigen/Core>

namespace grove {

void fillStandardNormal(RandomStream& rng, Eigen::Ref<Eigen::VectorXd> out)
{
    for (Eigen::Index i = 0; i < out.size(); ++i)
        out(i) = rng.normal();
}

double drawInverseGamma(RandomStream& rng, double shape, double scale)
{
    return scale / drawGamma(rng, shape);
}

void drawInverseWishartInto(RandomStream& rng, double df,
                            const Eigen::Ref<const Eigen::MatrixXd>& scaleCholesky,
                            Eigen::Ref<Eigen::MatrixXd> bartlett, Eigen::Ref<Eigen::MatrixXd> work,
                            Eigen::Ref<Eigen::MatrixXd> out)
{
    // W = L^-T A A' L^-1 ~ Wishart(df, S^-1) for any square root of S^-1, so
    // Omega = W^-1 = (L A^-T)(L A^-T)'.
    drawBartlettFactor(rng, df, bartlett);
    work = scaleCholesky;
    bartlett.triangularView<Eigen::Lower>().transpose().solveInPlace<Eigen::OnTheRight>(work);
    out.noalias() = work * work.transpose();
}

Level2CovarianceScratch::Level2CovarianceScratch(Eigen::Index q)
    : scatter(Eigen::MatrixXd::Zero(q, q)), scaleFactor(Eigen::MatrixXd::Zero(q, q)),
      bartlett(Eigen::MatrixXd::Zero(q, q)), work(Eigen::MatrixXd::Zero(q, q)),
      cholesky(Eigen::MatrixXd::Identity(q, q))
{
}

void drawLevel2Covariance(RandomStream& rng, const Eigen::Ref<const Eigen::MatrixXd>& u,
                          const Level2Prior& prior, Level2CovarianceScratch& scratch,
                          Eigen::MatrixXd& omega, Eigen::MatrixXd& omegaInverse)
{
    const double units = static_cast<double>(u.cols());
    if (u.rows() == 1) {
        const double sum = u.row(0).squaredNorm();
        omega(0, 0) =
            drawInverseGamma(rng, prior.gammaShape + 0.5 * units, prior.gammaRate + 0.5 * sum);
        omegaInverse(0, 0) = 1.0 / omega(0, 0);
        return;
    }
    scratch.scatter = prior.priorScale;
    scratch.scatter.noalias() += u * u.transpose();
    scratch.cholesky.compute(scratch.scatter);
    scratch.scaleFactor = scratch.cholesky.matrixL();
    drawInverseWishartInto(rng, static_cast<double>(u.rows()) + units, scratch.scaleFactor,
                           scratch.bartlett, scratch.work, omega);
    scratch.cholesky.compute(omega);
    omegaInverse.setIdentity();
    scratch.cholesky.solveInPlace(omegaInverse);
}

void level2CovarianceMeanInto(Eigen::MatrixXd& expectedScatter, Eigen::Index units,
                              const Level2Prior& prior)
{
    const double count = static_cast<double>(units);
    if (expectedScatter.rows() == 1)
        expectedScatter(0, 0) = (prior.gammaRate + 0.5 * expectedScatter(0, 0)) /
                                (prior.gammaShape + 0.5 * count - 1.0);
    else
        expectedScatter = (prior.priorScale + expectedScatter) / (count - 1.0);
}

std::vector<ParameterInfo> fixedAndLevel2Parameters(const MoiDesign& design)
{
    std::vector<ParameterInfo> parameters;
    for (std::size_t k = 0; k < design.fixedTerms.size(); ++k)
        parameters.push_back({"beta_" + std::to_string(k), design.fixedTerms[k]});
    if (design.twoLevel) {
        const std::string& label = design.randomEffectLabel;
        if (design.randomCount() == 1)
            parameters.push_back({"sigma2_" + label, "var(" + design.randomTerms.front() + ")"});
        else
            for (ParameterInfo& info :
                 lowerTriangleParameters("omega_" + label + "_", design.randomTerms))
                parameters.push_back(info);
    }
    return parameters;
}

void addUnitEffects(const MoiDesign& design, const Eigen::Ref<const Eigen::MatrixXd>& u,
                    Eigen::Ref<Eigen::MatrixXd> out)
{
    for (Eigen::Index j = 0; j < u.cols(); ++j) {
        const Eigen::Index start = design.unitStart[static_cast<std::size_t>(j)];
        const Eigen::Index size = design.unitSize(j);
        out.col(0).segment(start, size).noalias() += design.z.middleRows(start, size) * u.col(j);
    }
}

std::vector<ParameterInfo> lowerTriangleParameters(const std::string& prefix,
                                                   const std::vector<std::string>& variables)
{
    std::vector<ParameterInfo> result;
    for (std::size_t row = 0; row < variables.size(); ++row)
        for (std::size_t col = 0; col <= row; ++col) {
            const std::string name = prefix + std::to_string(result.size());
            result.push_back({name, row == col
                                        ? "var(" + variables[row] + ")"
                                        : "cov(" + variables[col] + "," + variables[row] + ")"});
        }
    return result;
}

void writeLowerTriangle(const Eigen::Ref<const Eigen::MatrixXd>& matrix, double* out)
{
    for (Eigen::Index row = 0; row < matrix.rows(); ++row)
        for (Eigen::Index col = 0; col <= row; ++col)
            *out++ = matrix(row, col);
}

} // namespace grove
