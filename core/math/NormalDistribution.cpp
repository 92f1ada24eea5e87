// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/math/NormalDistribution.h"

#include "core/math/MathPolicy.h"

#include <boost/math/distributions/normal.hpp>

#include <limits>

namespace grove {

double standardNormalQuantile(double p)
{
    if (!(p >= 0.0 && p <= 1.0))
        return std::numeric_limits<double>::quiet_NaN();
    if (p == 0.0)
        return -std::numeric_limits<double>::infinity();
    if (p == 1.0)
        return std::numeric_limits<double>::infinity();
    return boost::math::quantile(boost::math::normal_distribution<double, MathPolicy>(), p);
}

} // namespace grove
