// SPDX-License-Identifier: MIT
#include "breakeven/math/normal_quantile.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace breakeven {
namespace {

/// c[0] + c[1] x + ... + c[7] x^7, by Horner's rule.
double polynomial(const double (&c)[8], double x) {
  double sum = c[7];
  for (int k = 6; k >= 0; --k) sum = sum * x + c[k];
  return sum;
}

// AS 241's coefficients, lowest degree first: the central region |p - 1/2| <= 0.425 (a, b), the
// near tail r = sqrt(-log(min(p, 1 - p))) <= 5 (c, d) and the far tail beyond (e, f).
constexpr double kCentralNum[8] = {3.3871328727963666080e+0, 1.3314166789178437745e+2,
                                   1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                   4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                   3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr double kCentralDen[8] = {1.0,
                                   4.2313330701600911252e+1,
                                   6.8718700749205790830e+2,
                                   5.3941960214247511077e+3,
                                   2.1213794301586595867e+4,
                                   3.9307895800092710610e+4,
                                   2.8729085735721942674e+4,
                                   5.2264952788528545610e+3};
constexpr double kNearNum[8] = {1.42343711074968357734e+0, 4.63033784615654529590e+0,
                                5.76949722146069140550e+0, 3.64784832476320460504e+0,
                                1.27045825245236838258e+0, 2.41780725177450611770e-1,
                                2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr double kNearDen[8] = {1.0,
                                2.05319162663775882187e+0,
                                1.67638483018380384940e+0,
                                6.89767334985100004550e-1,
                                1.48103976427480074590e-1,
                                1.51986665636164571966e-2,
                                5.47593808499534494600e-4,
                                1.05075007164441684324e-9};
constexpr double kFarNum[8] = {6.65790464350110377720e+0, 5.46378491116411436990e+0,
                               1.78482653991729133580e+0, 2.96560571828504891230e-1,
                               2.65321895265761230930e-2, 1.24266094738807843860e-3,
                               2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr double kFarDen[8] = {1.0,
                               5.99832206555887937690e-1,
                               1.36929880922735805310e-1,
                               1.48753612908506148525e-2,
                               7.86869131145613259100e-4,
                               1.84631831751005468180e-5,
                               1.42151175831644588870e-7,
                               2.04426310338993978564e-15};

bool in_central_region(double q) {
  return std::fabs(q) <= 0.425;
}

/// The central region's value at q = p - 1/2.
double central(double q) {
  const double r = 0.180625 - q * q;
  return q * polynomial(kCentralNum, r) / polynomial(kCentralDen, r);
}

}  // namespace

double standard_normal_quantile(double p) {
  if (std::isnan(p)) return p;
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  const double q = p - 0.5;
  if (in_central_region(q)) return central(q);
  double r = std::sqrt(-std::log(q < 0 ? p : 1.0 - p));
  double x;
  if (r <= 5.0) {
    r -= 1.6;
    x = polynomial(kNearNum, r) / polynomial(kNearDen, r);
  } else {
    r -= 5.0;
    x = polynomial(kFarNum, r) / polynomial(kFarDen, r);
  }
  return q < 0 ? -x : x;
}

void standard_normal_quantiles(const double* p, double* x, std::size_t n) {
  // In blocks of a fixed width, so that each step of the polynomials becomes packed operations
  // (the same correctly rounded ones as central()'s, place by place); a block's unused places
  // run on q = 0 and are dropped. NaN, p <= 0 and p >= 1 all fall outside the central region.
  constexpr std::size_t kBlock = 8;
  for (std::size_t from = 0; from < n; from += kBlock) {
    const std::size_t count = std::min(kBlock, n - from);
    std::array<double, kBlock> q{}, num{}, den{};
    for (std::size_t j = 0; j < count; ++j) q[j] = p[from + j] - 0.5;
    std::array<double, kBlock> r;
    for (std::size_t j = 0; j < kBlock; ++j) r[j] = 0.180625 - q[j] * q[j];
    num.fill(kCentralNum[7]);
    den.fill(kCentralDen[7]);
    for (int k = 6; k >= 0; --k)
      for (std::size_t j = 0; j < kBlock; ++j) {
        num[j] = num[j] * r[j] + kCentralNum[k];
        den[j] = den[j] * r[j] + kCentralDen[k];
      }
    for (std::size_t j = 0; j < count; ++j)
      x[from + j] =
          in_central_region(q[j]) ? q[j] * num[j] / den[j] : standard_normal_quantile(p[from + j]);
  }
}

}  // namespace breakeven
