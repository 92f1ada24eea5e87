// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/StudentT.h"

#include "core/math/MathPolicy.h"
#include "core/math/NormalDistribution.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

using StudentTDistribution = boost::math::students_t_distribution<double, MathPolicy>;

} // namespace

// The one implementation of the normal distribution (core/math), under the names pooling uses.
double normalCdf(double x)
{
    return standardNormalCdf(x);
}

double normalQuantile(double p)
{
    return standardNormalQuantile(p);
}

double studentTUpperTail(double t, double df)
{
    if (std::isnan(t) || !(df > 0.0))
        return notANumber;
    if (std::isinf(df))
        return normalCdf(-t);
    if (std::isinf(t))
        return t > 0.0 ? 0.0 : 1.0;
    return boost::math::cdf(boost::math::complement(StudentTDistribution(df), t));
}

double studentTCdf(double t, double df)
{
    return studentTUpperTail(-t, df);
}

double studentTTwoSidedPValue(double t, double df)
{
    const double tail = studentTUpperTail(std::abs(t), df);
    return std::min(1.0, 2.0 * tail);
}

double studentTQuantile(double p, double df)
{
    if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
        return notANumber;
    if (std::isinf(df))
        return normalQuantile(p);
    return boost::math::quantile(StudentTDistribution(df), p);
}

} // namespace grove
