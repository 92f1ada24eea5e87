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

std::vector<ParameterInfo> lowerTriangleParameters(const std::string& prefix, Eigen::Index dim)
{
    std::vector<ParameterInfo> result;
    const Eigen::Index count = dim * (dim + 1) / 2;
    for (Eigen::Index k = 0; k < count; ++k) {
        const std::string name = prefix + std::to_string(k);
        result.push_back({name, name});
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
