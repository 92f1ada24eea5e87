// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/random/Distributions.h"

#include "core/common/Error.h"
#include "core/random/Ziggurat.h"

#include <Eigen/Cholesky>

#include <cmath>
#include <limits>

namespace grove {

double drawExponential(RandomStream& rng)
{
    return -std::log(rng.uniform());
}

double drawGamma(RandomStream& rng, double shape)
{
    if (shape < 1.0) {
        // Gamma(a) = Gamma(a + 1) * U^(1/a) keeps the squeeze efficient for small shapes.
        const double u = rng.uniform();
        return drawGamma(rng, shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0.0;
        double v = 0.0;
        do {
            x = rng.normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = rng.uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x)
            return d * v;
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

double drawChiSquare(RandomStream& rng, double df)
{
    return 2.0 * drawGamma(rng, 0.5 * df);
}

namespace {

// Robert (1995): exponential proposal for the tail z > lower (lower > 0).
double drawNormalTail(RandomStream& rng, double lower, double upper)
{
    const double alpha = 0.5 * (lower + std::sqrt(lower * lower + 4.0));
    for (;;) {
        const double z = lower + drawExponential(rng) / alpha;
        if (z >= upper)
            continue;
        const double d = z - alpha;
        if (std::log(rng.uniform()) <= -0.5 * d * d)
            return z;
    }
}

// Uniform proposal on a short interval [lower, upper] with lower >= 0.
double drawNormalShortInterval(RandomStream& rng, double lower, double upper)
{
    for (;;) {
        const double z = lower + (upper - lower) * rng.uniform();
        if (std::log(rng.uniform()) <= 0.5 * (lower * lower - z * z))
            return z;
    }
}

// RandomStream::normal (the polar method) or the ziggurat.
struct PolarNormal {
    double operator()(RandomStream& rng) const { return rng.normal(); }
};
struct ZigguratNormal {
    double operator()(RandomStream& rng) const { return drawNormal(rng); }
};

// Truncation to (lower, upper) with lower >= 0.
template <typename Normal>
double drawPositiveSide(RandomStream& rng, double lower, double upper, Normal normal)
{
    if (lower < 0.5) {
        // At least ~30% of the mass is above 0.5 only when upper is not too close: check span.
        if (upper - lower > 1.0 || upper == std::numeric_limits<double>::infinity()) {
            for (;;) {
                const double z = normal(rng);
                if (z > lower && z < upper)
                    return z;
            }
        }
        return drawNormalShortInterval(rng, lower, upper);
    }
    // Far in the tail: exponential proposal unless the interval is short compared to the tail
    // scale, where uniform proposals accept with high probability.
    if (upper - lower < 2.0 / lower)
        return drawNormalShortInterval(rng, lower, upper);
    return drawNormalTail(rng, lower, upper);
}

template <typename Normal>
double truncatedNormal(RandomStream& rng, double lower, double upper, Normal normal)
{
    if (!(lower < upper))
        throw Error("truncated normal needs lower < upper");
    if (lower >= 0.0)
        return drawPositiveSide(rng, lower, upper, normal);
    if (upper <= 0.0)
        return -drawPositiveSide(rng, -upper, -lower, normal);
    // The interval contains 0.
    if (upper - lower > 1.0) {
        for (;;) {
            const double z = normal(rng);
            if (z > lower && z < upper)
                return z;
        }
    }
    for (;;) {
        const double z = lower + (upper - lower) * rng.uniform();
        if (std::log(rng.uniform()) <= -0.5 * z * z)
            return z;
    }
}

} // namespace

double drawTruncatedNormal(RandomStream& rng, double lower, double upper)
{
    return truncatedNormal(rng, lower, upper, PolarNormal{});
}

double drawTruncatedNormalFast(RandomStream& rng, double lower, double upper)
{
    return truncatedNormal(rng, lower, upper, ZigguratNormal{});
}

void drawBartlettFactor(RandomStream& rng, double df, Eigen::Ref<Eigen::MatrixXd> bartlett)
{
    const Eigen::Index p = bartlett.rows();
    bartlett.setZero();
    for (Eigen::Index i = 0; i < p; ++i) {
        bartlett(i, i) = std::sqrt(drawChiSquare(rng, df - static_cast<double>(i)));
        for (Eigen::Index j = 0; j < i; ++j)
            bartlett(i, j) = rng.normal();
    }
}

Eigen::MatrixXd drawWishart(RandomStream& rng, double df,
                            const Eigen::Ref<const Eigen::MatrixXd>& scaleCholesky)
{
    const Eigen::Index p = scaleCholesky.rows();
    if (df <= static_cast<double>(p - 1))
        throw Error("Wishart degrees of freedom must exceed the dimension minus one");
    Eigen::MatrixXd bartlett(p, p);
    drawBartlettFactor(rng, df, bartlett);
    const Eigen::MatrixXd factor = scaleCholesky.triangularView<Eigen::Lower>() * bartlett;
    return factor * factor.transpose();
}

Eigen::MatrixXd drawInverseWishart(RandomStream& rng, double df,
                                   const Eigen::Ref<const Eigen::MatrixXd>& scaleMatrix)
{
    const Eigen::Index p = scaleMatrix.rows();
    const Eigen::LLT<Eigen::MatrixXd> scaleFactor(scaleMatrix);
    if (scaleFactor.info() != Eigen::Success)
        throw Error("inverse-Wishart scale matrix is not positive definite");
    // W ~ Wishart(df, S^{-1}); with S = L L', S^{-1} = L^{-T} L^{-1}, so a factor of S^{-1} is
    // L^{-T} (upper). W = L^{-T} A A' L^{-1}; W^{-1} = L A^{-T} A^{-1} L'.
    Eigen::MatrixXd bartlett(p, p);
    drawBartlettFactor(rng, df, bartlett);
    Eigen::MatrixXd inverseFactor = Eigen::MatrixXd::Identity(p, p);
    bartlett.triangularView<Eigen::Lower>().solveInPlace(inverseFactor);            // A^{-1}
    const Eigen::MatrixXd left = scaleFactor.matrixL() * inverseFactor.transpose(); // L A^{-T}
    return left * left.transpose();
}

} // namespace grove
