// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/math/policies/policy.hpp>

namespace grove {

/// How Grove calls Boost.Math: bad arguments give NaN and poles/overflow give +-infinity (as R's
/// d/p/q functions do) instead of the exceptions Boost throws by default, so callers check their
/// own inputs and report them in words.
using MathPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

} // namespace grove
