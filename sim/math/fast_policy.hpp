// SPDX-License-Identifier: MIT
#pragma once

// Internal to sim/math: the Boost.Math policy the distributions and the beta quantile table use.

#include <boost/math/policies/policy.hpp>

namespace breakeven {

// Boost promotes double to long double inside its special functions by default: digits we do not
// need, at several times the cost (x87 code), and quantile() runs once per path per (P) parameter.
using FastPolicy = boost::math::policies::policy<boost::math::policies::promote_float<false>,
                                                 boost::math::policies::promote_double<false>>;

}  // namespace breakeven
