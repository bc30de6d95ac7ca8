// SPDX-License-Identifier: MIT
#include "breakeven/math/distribution.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/erf.hpp>

#include "breakeven/math/beta_quantile_table.hpp"
#include "breakeven/math/normal_quantile.hpp"
#include "breakeven/math/random_stream.hpp"
#include "fast_policy.hpp"

namespace breakeven {
namespace {

namespace bm = boost::math;

constexpr double kInf = std::numeric_limits<double>::infinity();
// The spec's z for a 90 % interval (p05 and p95 lie 1.6449 sd from the mean); the exact value
// 1.64485... differs by 3e-5 sd, far below any input's precision.
constexpr double kZ90 = 1.6449;
// Uniforms are clamped into [kUMin, kUMax] before inversion: a copula's Phi(z) rounds to exactly
// 1 for z > 8.3, and Boost would report an overflow for the infinite quantile.
constexpr double kUMin = std::numeric_limits<double>::min();
constexpr double kUMax = 1.0 - 0x1.0p-53;

double clamp_u(double u) {
  return std::clamp(u, kUMin, kUMax);
}

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}

bool finite(double x) {
  return std::isfinite(x);
}

double lower_bound_of(const Distribution& d) {
  return d.truncate_lo.value_or(-kInf);
}
double upper_bound_of(const Distribution& d) {
  return d.truncate_hi.value_or(kInf);
}

/// Calls f(boost_distribution, shift, scale) for the continuous kinds, where the distribution's
/// variable is (x - shift) / scale; beta and PERT live on [0, 1] and are scaled to [min, max].
template <class F>
decltype(auto) with_boost(const Distribution& d, F&& f) {
  switch (d.kind) {
    case DistKind::normal:
      return f(bm::normal_distribution<double, FastPolicy>(d.mean, d.sd), 0.0, 1.0);
    case DistKind::lognormal:
      return f(bm::lognormal_distribution<double, FastPolicy>(d.mu, d.sigma), 0.0, 1.0);
    case DistKind::uniform:
      return f(bm::uniform_distribution<double, FastPolicy>(d.min, d.max), 0.0, 1.0);
    case DistKind::triangular:
      return f(bm::triangular_distribution<double, FastPolicy>(d.min, d.mode, d.max), 0.0, 1.0);
    case DistKind::pert:
    case DistKind::beta:
      return f(bm::beta_distribution<double, FastPolicy>(d.alpha, d.beta), d.min, d.max - d.min);
    case DistKind::constant:
    case DistKind::discrete:
      break;
  }
  throw std::logic_error("with_boost: not a continuous distribution");
}

/// A continuous distribution whose parameters make Boost's object invalid (sd = 0, min = max),
/// possible only when the struct was filled by hand rather than through a factory.
bool degenerate(const Distribution& d) {
  switch (d.kind) {
    case DistKind::normal:
      return !(d.sd > 0);
    case DistKind::lognormal:
      return !(d.sigma > 0);
    case DistKind::uniform:
    case DistKind::triangular:
    case DistKind::pert:
    case DistKind::beta:
      return !(d.max > d.min);
    case DistKind::constant:
    case DistKind::discrete:
      return false;
  }
  return false;
}

double degenerate_value(const Distribution& d) {
  switch (d.kind) {
    case DistKind::normal:
      return d.mean;
    case DistKind::lognormal:
      return std::exp(d.mu);
    case DistKind::constant:
      return d.value;
    default:
      return d.min;
  }
}

/// An untruncated normal or lognormal (not degenerate): its quantile is a transform of AS 241's
/// Φ⁻¹, which quantile() takes one at a time and quantiles() side by side.
bool by_normal_quantile(const Distribution& d) {
  return (d.kind == DistKind::normal || d.kind == DistKind::lognormal) && !d.truncate_lo &&
         !d.truncate_hi && !degenerate(d) && !d.quantile_table;
}
double from_standard_normal(const Distribution& d, double z) {
  return d.kind == DistKind::normal ? d.mean + d.sd * z : std::exp(d.mu + d.sigma * z);
}

/// Probability mass the bounds keep, in the variable of `dist`, bounds clipped to its support.
/// Works above the median with complements so that a far upper tail keeps its precision.
template <class D>
double bounded_mass(const D& dist, double lo, double hi) {
  const auto [s_lo, s_hi] = bm::support(dist);
  lo = std::max(lo, s_lo);
  hi = std::min(hi, s_hi);
  if (!(lo < hi)) return 0.0;
  const double p_lo = bm::cdf(dist, lo);
  if (p_lo > 0.5) return bm::cdf(bm::complement(dist, lo)) - bm::cdf(bm::complement(dist, hi));
  return bm::cdf(dist, hi) - p_lo;
}

/// Inverse CDF of `dist` restricted to [lo, hi]: u is mapped into [F(lo), F(hi)] (or, above the
/// median, into the complement's [S(hi), S(lo)], where 1 - F would lose the tail's digits).
template <class D>
double bounded_quantile(const D& dist, double u, double lo, double hi) {
  const auto [s_lo, s_hi] = bm::support(dist);
  const double a = std::max(lo, s_lo);
  const double b = std::min(hi, s_hi);
  if (!(a < b)) return std::clamp(a, lo, hi);  // no mass: the factory rejects this case
  double x = 0;
  const double p_lo = bm::cdf(dist, a);
  if (p_lo > 0.5) {
    const double q_lo = bm::cdf(bm::complement(dist, a));
    const double q_hi = bm::cdf(bm::complement(dist, b));
    const double q = q_lo - u * (q_lo - q_hi);
    if (!(q > 0)) return b;
    x = bm::quantile(bm::complement(dist, std::min(q, kUMax)));
  } else {
    const double p_hi = bm::cdf(dist, b);
    x = bm::quantile(dist, clamp_u(p_lo + u * (p_hi - p_lo)));
  }
  return std::clamp(x, a, b);
}

/// Probability of the truncation interval [lo, hi] (lo included, as for discrete values).
double kept_mass(const Distribution& d, double lo, double hi) {
  switch (d.kind) {
    case DistKind::constant:
      return (d.value >= lo && d.value <= hi) ? 1.0 : 0.0;
    case DistKind::discrete: {
      double mass = 0;
      for (std::size_t i = 0; i < d.values.size(); ++i)
        if (d.values[i] >= lo && d.values[i] <= hi) mass += d.weights[i];
      return mass;
    }
    default:
      if (degenerate(d)) {
        const double v = degenerate_value(d);
        return (v >= lo && v <= hi) ? 1.0 : 0.0;
      }
      return with_boost(d, [&](const auto& dist, double shift, double scale) {
        return bounded_mass(dist, (lo - shift) / scale, (hi - shift) / scale);
      });
  }
}

double discrete_quantile(const Distribution& d, double u, double lo, double hi) {
  // Values are sorted by the factory, so this is the monotone inverse CDF a copula needs.
  const std::size_t n = d.values.size();
  double kept = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (d.values[i] >= lo && d.values[i] <= hi) kept += d.weights[i];
  const double p = u * kept;
  double cumulative = 0;
  double last = d.values.empty() ? 0.0 : d.values.front();
  for (std::size_t i = 0; i < n; ++i) {
    if (d.values[i] < lo || d.values[i] > hi) continue;
    cumulative += d.weights[i];
    last = d.values[i];
    if (p < cumulative) return last;
  }
  return last;  // p rounded up to the kept mass
}

/// Phi(b) - Phi(a) for a standard normal, via the tail that keeps the digits.
double normal_mass(double a, double b) {
  constexpr double kInvSqrt2 = 0.70710678118654752440;
  if (a > 0) return 0.5 * (bm::erfc(a * kInvSqrt2) - bm::erfc(b * kInvSqrt2));
  return 0.5 * (bm::erfc(-b * kInvSqrt2) - bm::erfc(-a * kInvSqrt2));
}

double normal_density(double z) {
  constexpr double kInvSqrt2Pi = 0.39894228040143267794;
  return std::isfinite(z) ? kInvSqrt2Pi * std::exp(-0.5 * z * z) : 0.0;
}

std::string number(double x) {
  // Shortest round-trip form when it is short (user input such as 0.55 or 702000000), six
  // significant digits for derived values such as exp(log(1.2)) = 1.2000000000000002.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  const auto len = static_cast<std::size_t>(res.ptr - buf);
  if (res.ec == std::errc() && len <= 12) return std::string(buf, len);
  const int n = std::snprintf(buf, sizeof buf, "%.6g", x);
  return std::string(buf, static_cast<std::size_t>(std::max(n, 0)));
}

}  // namespace

Distribution Distribution::constant_value(double v) {
  require(finite(v), "constant: value must be finite");
  Distribution d;
  d.kind = DistKind::constant;
  d.value = v;
  return d;
}

Distribution Distribution::make_normal(double mean, double sd) {
  require(finite(mean) && finite(sd), "normal: mean and sd must be finite");
  require(sd >= 0, "normal: sd must be >= 0");
  if (sd == 0) return constant_value(mean);
  Distribution d;
  d.kind = DistKind::normal;
  d.mean = mean;
  d.sd = sd;
  return d;
}

Distribution Distribution::make_normal_interval(double p05, double p95) {
  require(finite(p05) && finite(p95), "normal: p05 and p95 must be finite");
  require(p05 <= p95, "normal: p05 must be <= p95");
  return make_normal((p05 + p95) / 2, (p95 - p05) / (2 * kZ90));
}

Distribution Distribution::make_lognormal(double median, double sigma) {
  require(finite(median) && finite(sigma), "lognormal: median and sigma must be finite");
  require(median > 0, "lognormal: median must be > 0");
  require(sigma >= 0, "lognormal: sigma must be >= 0");
  if (sigma == 0) return constant_value(median);
  Distribution d;
  d.kind = DistKind::lognormal;
  d.mu = std::log(median);
  d.sigma = sigma;
  return d;
}

Distribution Distribution::make_lognormal_interval(double p05, double p95) {
  require(finite(p05) && finite(p95), "lognormal: p05 and p95 must be finite");
  require(p05 > 0, "lognormal: p05 must be > 0");
  require(p05 <= p95, "lognormal: p05 must be <= p95");
  const double lo = std::log(p05), hi = std::log(p95);
  if (lo == hi) return constant_value(p05);
  Distribution d;
  d.kind = DistKind::lognormal;
  d.mu = (lo + hi) / 2;
  d.sigma = (hi - lo) / (2 * kZ90);
  return d;
}

Distribution Distribution::make_uniform(double min, double max) {
  require(finite(min) && finite(max), "uniform: min and max must be finite");
  require(min <= max, "uniform: min must be <= max");
  if (min == max) return constant_value(min);
  Distribution d;
  d.kind = DistKind::uniform;
  d.min = min;
  d.max = max;
  d.mode = (min + max) / 2;
  return d;
}

Distribution Distribution::make_triangular(double min, double mode, double max) {
  require(finite(min) && finite(mode) && finite(max), "triangular: values must be finite");
  require(min <= mode && mode <= max, "triangular: need min <= mode <= max");
  if (min == max) return constant_value(min);
  Distribution d;
  d.kind = DistKind::triangular;
  d.min = min;
  d.mode = mode;
  d.max = max;
  return d;
}

Distribution Distribution::make_pert(double min, double mode, double max) {
  require(finite(min) && finite(mode) && finite(max), "pert: values must be finite");
  require(min <= mode && mode <= max, "pert: need min <= mode <= max");
  if (min == max) return constant_value(min);
  Distribution d;
  d.kind = DistKind::pert;
  d.min = min;
  d.mode = mode;
  d.max = max;
  constexpr double kLambda = 4;
  d.alpha = 1 + kLambda * (mode - min) / (max - min);
  d.beta = 1 + kLambda * (max - mode) / (max - min);
  d.quantile_table = make_beta_table(d.alpha, d.beta);
  return d;
}

Distribution Distribution::make_beta(double alpha, double beta, double min, double max) {
  require(finite(alpha) && finite(beta) && finite(min) && finite(max),
          "beta: values must be finite");
  require(alpha > 0 && beta > 0, "beta: alpha and beta must be > 0");
  require(min <= max, "beta: min must be <= max");
  if (min == max) return constant_value(min);
  Distribution d;
  d.kind = DistKind::beta;
  d.alpha = alpha;
  d.beta = beta;
  d.min = min;
  d.max = max;
  d.quantile_table = make_beta_table(alpha, beta);
  return d;
}

Distribution Distribution::make_discrete(std::vector<double> values, std::vector<double> weights) {
  require(!values.empty(), "discrete: needs at least one value");
  require(values.size() == weights.size(), "discrete: values and weights differ in length");
  double total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    require(finite(values[i]) && finite(weights[i]), "discrete: values must be finite");
    require(weights[i] >= 0, "discrete: weights must be >= 0");
    total += weights[i];
  }
  require(total > 0, "discrete: weights must not all be 0");
  // Sorted by value so that the inverse CDF is monotone (a copula's rank correlation then means
  // what it says); ties keep their given order.
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  Distribution d;
  d.kind = DistKind::discrete;
  d.values.reserve(values.size());
  d.weights.reserve(values.size());
  for (std::size_t i : order) {
    d.values.push_back(values[i]);
    d.weights.push_back(weights[i] / total);
  }
  return d;
}

Distribution Distribution::truncated(double lo, double hi) const {
  require(!std::isnan(lo) && !std::isnan(hi), "truncate: bounds must not be NaN");
  require(lo <= hi, "truncate: need lo <= hi");
  // Narrow an existing truncation rather than replace it.
  const double new_lo = std::max(lo, lower_bound_of(*this));
  const double new_hi = std::min(hi, upper_bound_of(*this));
  require(kept_mass(*this, new_lo, new_hi) > 0, "truncate: the bounds leave no probability");
  Distribution d = *this;
  if (new_lo > -kInf) d.truncate_lo = new_lo;
  if (new_hi < kInf) d.truncate_hi = new_hi;
  return d;
}

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistKind::constant:
      return value;
    case DistKind::discrete:
      return discrete_quantile(*this, clamp_u(u), lower_bound_of(*this), upper_bound_of(*this));
    default:
      break;
  }
  const bool bounded = truncate_lo.has_value() || truncate_hi.has_value();
  if (degenerate(*this)) {
    const double v = degenerate_value(*this);
    return bounded ? std::clamp(v, lower_bound_of(*this), upper_bound_of(*this)) : v;
  }
  if (quantile_table) {  // beta, PERT
    const double lo = lower_bound_of(*this), hi = upper_bound_of(*this);
    double p = clamp_u(u);
    if (bounded) {
      // Bounded support, so no far tail to protect: F's own digits suffice.
      const double p_lo = cdf(lo), p_hi = cdf(hi);
      p = clamp_u(p_lo + u * (p_hi - p_lo));
    }
    return std::clamp(min + (max - min) * (*quantile_table)(p), lo, hi);
  }
  // Untruncated normal and lognormal draws are frequent (event effects, contracts): AS 241
  // rather than Boost's erfc_inv, the same to a few ulps at a third of the cost. A truncated one
  // keeps Boost's quantile with its complements (bounded_quantile).
  if (by_normal_quantile(*this))
    return from_standard_normal(*this, standard_normal_quantile(clamp_u(u)));
  // An untruncated uniform (most event effects): Boost's quantile without its checks, which a
  // finite min < max and a clamped p pass. p is never 0 or 1, Boost's two special cases, and
  // `0.0 +` is with_boost's shift, which turns a -0 into +0 as it would.
  if (!bounded && kind == DistKind::uniform && std::isfinite(min) && std::isfinite(max)) {
    const double p = clamp_u(u);
    return 0.0 + (p * (max - min) + min);
  }
  return with_boost(*this, [&](const auto& dist, double shift, double scale) {
    if (!bounded) return shift + scale * bm::quantile(dist, clamp_u(u));
    const double lo = lower_bound_of(*this), hi = upper_bound_of(*this);
    const double x =
        shift + scale * bounded_quantile(dist, u, (lo - shift) / scale, (hi - shift) / scale);
    return std::clamp(x, lo, hi);  // the affine map may round just outside
  });
}

void Distribution::quantiles(const double* u, double* x, std::size_t n) const {
  if (by_normal_quantile(*this)) {  // quantile()'s AS 241 branch, its Φ⁻¹ for a block at once
    constexpr std::size_t kBlock = 16;
    std::array<double, kBlock> p{}, z{};
    for (std::size_t from = 0; from < n; from += kBlock) {
      const std::size_t count = std::min(kBlock, n - from);
      for (std::size_t i = 0; i < count; ++i) p[i] = clamp_u(u[from + i]);
      standard_normal_quantiles(p.data(), z.data(), count);
      for (std::size_t i = 0; i < count; ++i) x[from + i] = from_standard_normal(*this, z[i]);
    }
    return;
  }
  const bool table_only = quantile_table && !truncate_lo && !truncate_hi && !degenerate(*this) &&
                          kind != DistKind::constant && kind != DistKind::discrete &&
                          n <= QuantileTable::kMaxSideBySide;
  if (!table_only) {
    for (std::size_t i = 0; i < n; ++i) x[i] = quantile(u[i]);
    return;
  }
  // quantile()'s table branch without truncation, for n at once.
  const double lo = lower_bound_of(*this), hi = upper_bound_of(*this);
  std::array<double, QuantileTable::kMaxSideBySide> p{}, q{};
  for (std::size_t i = 0; i < n; ++i) p[i] = clamp_u(u[i]);
  quantile_table->many(p.data(), q.data(), n);
  for (std::size_t i = 0; i < n; ++i) x[i] = std::clamp(min + (max - min) * q[i], lo, hi);
}

double Distribution::cdf(double x) const {
  switch (kind) {
    case DistKind::constant:
      return x >= value ? 1.0 : 0.0;
    case DistKind::discrete: {
      double p = 0;
      for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] <= x) p += weights[i];
      return std::min(p, 1.0);
    }
    default:
      break;
  }
  if (std::isnan(x)) return x;
  if (degenerate(*this)) return x >= degenerate_value(*this) ? 1.0 : 0.0;
  return with_boost(*this, [&](const auto& dist, double shift, double scale) {
    // Boost rejects arguments outside the support (beta's [0, 1], lognormal's x >= 0).
    const auto [s_lo, s_hi] = bm::support(dist);
    const double z = (x - shift) / scale;
    if (z <= s_lo) return 0.0;
    if (z >= s_hi) return 1.0;
    return bm::cdf(dist, z);
  });
}

double Distribution::sample(RandomStream& stream) const {
  // Always one uniform, even for a constant: turning a constant into a distribution (in a
  // sweep) then leaves every later draw of the stream where it was.
  return quantile(stream.uniform());
}

double Distribution::expected_value() const {
  const double lo = lower_bound_of(*this), hi = upper_bound_of(*this);
  const bool bounded = truncate_lo.has_value() || truncate_hi.has_value();
  switch (kind) {
    case DistKind::constant:
      return value;
    case DistKind::discrete: {
      double sum = 0, mass = 0;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < lo || values[i] > hi) continue;
        sum += weights[i] * values[i];
        mass += weights[i];
      }
      return mass > 0 ? sum / mass : std::clamp(values.front(), lo, hi);
    }
    default:
      break;
  }
  if (degenerate(*this)) return std::clamp(degenerate_value(*this), lo, hi);
  if (!bounded) {
    switch (kind) {
      case DistKind::normal:
        return mean;
      case DistKind::lognormal:
        return std::exp(mu + 0.5 * sigma * sigma);
      case DistKind::uniform:
        return 0.5 * (min + max);
      case DistKind::triangular:
        return (min + mode + max) / 3;
      default:  // pert, beta
        return min + (max - min) * alpha / (alpha + beta);
    }
  }
  if (kind == DistKind::normal) {
    // E[X | a <= Z <= b] = mean + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a)).
    const double a = (lo - mean) / sd, b = (hi - mean) / sd;
    const double mass = normal_mass(a, b);
    if (!(mass > 0)) return std::clamp(mean, lo, hi);
    return std::clamp(mean + sd * (normal_density(a) - normal_density(b)) / mass, lo, hi);
  }
  if (kind == DistKind::lognormal) {
    // E[e^Y; a <= Y <= b] = e^(mu + sigma^2 / 2) (Phi(b' - sigma) - Phi(a' - sigma)) with a', b'
    // the standardised log bounds.
    const double a = lo > 0 ? (std::log(lo) - mu) / sigma : -kInf;
    const double b = hi < kInf ? (std::log(hi) - mu) / sigma : kInf;
    const double mass = normal_mass(a, b);
    if (!(mass > 0)) return std::clamp(std::exp(mu), lo, hi);
    const double m = std::exp(mu + 0.5 * sigma * sigma) * normal_mass(a - sigma, b - sigma) / mass;
    return std::clamp(m, lo, hi);
  }
  // Bounded support: E[X | a <= X <= b] = a + integral_a^b (F(b) - F(x)) dx / (F(b) - F(a)).
  // tanh-sinh copes with the infinite slopes of F at a beta's ends when alpha or beta < 1.
  const double a = std::max(lo, min), b = std::min(hi, max);
  if (!(a < b)) return std::clamp(a, lo, hi);
  const double f_a = cdf(a), f_b = cdf(b);
  if (!(f_b > f_a)) return a;
  bm::quadrature::tanh_sinh<double> integrator;
  const double area = integrator.integrate([&](double x) { return f_b - cdf(x); }, a, b);
  return std::clamp(a + area / (f_b - f_a), a, b);
}

std::string Distribution::describe() const {
  return describe([](double x) { return number(x); });
}

std::string Distribution::describe(const std::function<std::string(double)>& in_unit) const {
  std::string s;
  switch (kind) {
    case DistKind::constant:
      return in_unit(value);
    case DistKind::normal:
      s = "normal(mean " + in_unit(mean) + ", sd " + in_unit(sd) + ")";
      break;
    case DistKind::lognormal:
      s = "lognormal(median " + in_unit(std::exp(mu)) + ", sigma " + number(sigma) + ")";
      break;
    case DistKind::uniform:
      s = "uniform(" + in_unit(min) + ", " + in_unit(max) + ")";
      break;
    case DistKind::triangular:
      s = "triangular(" + in_unit(min) + ", " + in_unit(mode) + ", " + in_unit(max) + ")";
      break;
    case DistKind::pert:
      s = "pert(" + in_unit(min) + ", " + in_unit(mode) + ", " + in_unit(max) + ")";
      break;
    case DistKind::beta:
      s = "beta(" + number(alpha) + ", " + number(beta) + ")";
      if (min != 0 || max != 1) s += " on [" + in_unit(min) + ", " + in_unit(max) + "]";
      break;
    case DistKind::discrete:
      s = "discrete(";
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) s += ", ";
        s += in_unit(values[i]) + ": " + number(weights[i]);
      }
      s += ")";
      break;
  }
  if (truncate_lo || truncate_hi) {
    s += " truncated to [" + (truncate_lo ? in_unit(*truncate_lo) : std::string("-inf")) + ", " +
         (truncate_hi ? in_unit(*truncate_hi) : std::string("inf")) + "]";
  }
  return s;
}

}  // namespace breakeven
