// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/SpecialFunctions.h"

#include "core/math/MathPolicy.h"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <limits>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
} // namespace

double logBeta(double a, double b)
{
    if (!(a > 0.0) || !(b > 0.0))
        return notANumber;
    // B(a, b) to full relative precision gives log B to full absolute precision. Where B
    // underflows both arguments are large and so is |log B|, so the lgamma sum's absolute error
    // is tiny relative to it.
    const double beta = boost::math::beta(a, b, MathPolicy());
    if (beta > 0.0 && std::isfinite(beta))
        return std::log(beta);
    return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

double regularizedIncompleteBeta(double a, double b, double x, double y)
{
    if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0 && x <= 1.0) || !(y >= 0.0 && y <= 1.0))
        return notANumber;
    // I_x(a, b) = 1 - I_y(b, a): evaluate at the smaller of x and y so neither is rounded.
    return x <= y ? boost::math::ibeta(a, b, x, MathPolicy())
                  : boost::math::ibetac(b, a, y, MathPolicy());
}

double regularizedIncompleteBeta(double a, double b, double x)
{
    return regularizedIncompleteBeta(a, b, x, 1.0 - x);
}

double regularizedUpperGamma(double a, double x)
{
    if (!(a > 0.0) || !(x >= 0.0))
        return notANumber;
    return boost::math::gamma_q(a, x, MathPolicy());
}

} // namespace grove
