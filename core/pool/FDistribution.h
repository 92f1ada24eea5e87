// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// P(F > x) for the F distribution with d1 and d2 degrees of freedom:
/// I_{d2/(d2 + d1 x)}(d2/2, d1/2). An infinite d2 gives the limit chi-square_{d1} / d1, i.e.
/// Q(d1/2, d1 x / 2) (regularised upper gamma), also used for d2 > 1e8 where it is within
/// O(1/d2) and the continued fraction would lose digits. 1 for x <= 0; NaN for d1 <= 0, d2 <= 0,
/// NaN x.
double fUpperTail(double x, double d1, double d2);

/// F CDF P(F <= x) = 1 - fUpperTail(x, d1, d2) (computed as its own incomplete beta, so
/// small CDF values keep their digits).
double fCdf(double x, double d1, double d2);

} // namespace grove
