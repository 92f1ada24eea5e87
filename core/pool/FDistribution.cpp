// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/FDistribution.h"

#include "core/math/MathPolicy.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>

#include <cmath>
#include <limits>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

// F(d1, infinity) is chi-square_{d1} / d1.
double chiSquareOverDfTail(double x, double d1, bool upper)
{
    const boost::math::chi_squared_distribution<double, MathPolicy> chiSquare(d1);
    return upper ? boost::math::cdf(boost::math::complement(chiSquare, d1 * x))
                 : boost::math::cdf(chiSquare, d1 * x);
}

// P(F > x) (upper) or P(F <= x), each computed as its own tail so it keeps its digits.
double fTail(double x, double d1, double d2, bool upper)
{
    if (std::isnan(x) || !(d1 > 0.0) || !(d2 > 0.0) || std::isinf(d1))
        return notANumber;
    if (x <= 0.0)
        return upper ? 1.0 : 0.0;
    if (std::isinf(x))
        return upper ? 0.0 : 1.0;
    if (std::isinf(d2))
        return chiSquareOverDfTail(x, d1, upper);
    const boost::math::fisher_f_distribution<double, MathPolicy> f(d1, d2);
    return upper ? boost::math::cdf(boost::math::complement(f, x)) : boost::math::cdf(f, x);
}

} // namespace

double fUpperTail(double x, double d1, double d2)
{
    return fTail(x, d1, d2, true);
}

double fCdf(double x, double d1, double d2)
{
    return fTail(x, d1, d2, false);
}

} // namespace grove
