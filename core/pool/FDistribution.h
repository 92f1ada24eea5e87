// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// P(F > x) for the F distribution with d1 and d2 degrees of freedom (Boost.Math). An infinite
/// d2 gives the limit chi-square_{d1} / d1. 1 for x <= 0; NaN for d1 <= 0, infinite d1, d2 <= 0,
/// NaN x.
double fUpperTail(double x, double d1, double d2);

/// F CDF P(F <= x) = 1 - fUpperTail(x, d1, d2) (computed as its own tail, so small CDF values
/// keep their digits).
double fCdf(double x, double d1, double d2);

} // namespace grove
