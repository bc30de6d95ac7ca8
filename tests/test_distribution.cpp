// SPDX-License-Identifier: MIT
// Statistical tests hold "within 4 standard errors" (OpenMC's convention): with fixed seeds they
// are deterministic, and a real bias in a sampler moves them by far more than 4 SE at N = 200k.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <catch2/catch.hpp>

#include "breakeven/math/distribution.hpp"
#include "breakeven/math/normal_quantile.hpp"
#include "breakeven/math/random_stream.hpp"

namespace {

using breakeven::DistKind;
using breakeven::Distribution;
using breakeven::RandomStream;
using breakeven::Substream;
namespace bm = boost::math;

constexpr std::size_t kN = 200'000;
constexpr double kSigmas = 4;
const double kProbes[] = {0.05, 0.25, 0.5, 0.75, 0.95};

std::vector<double> draw(const Distribution& d, std::uint64_t seed, std::size_t n = kN) {
  RandomStream stream(seed, 0, Substream::parameters);
  std::vector<double> xs(n);
  for (double& x : xs) x = d.sample(stream);
  return xs;
}

double mean_of(const std::vector<double>& xs) {
  double s = 0;
  for (double x : xs) s += x;
  return s / static_cast<double>(xs.size());
}

double variance_of(const std::vector<double>& xs) {
  const double m = mean_of(xs);
  double s = 0;
  for (double x : xs) s += (x - m) * (x - m);
  return s / static_cast<double>(xs.size() - 1);
}

/// The ceil(q n)-th smallest of a sorted sample.
double order_statistic(const std::vector<double>& sorted, double q) {
  const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(k, 1) - 1];
}

/// Compares a sample of `d` with Boost's reference distribution `ref` of (x - shift) / scale:
/// mean within 4 SE, variance within 4 SE of s^2 (from the kurtosis), and each probe quantile
/// between Boost's quantiles at q -/+ 4 binomial SE (the count below the true quantile is
/// Binomial(n, q)).
template <class Ref>
void check_sample_against(const Distribution& d, const Ref& ref, double shift, double scale,
                          std::uint64_t seed) {
  std::vector<double> xs = draw(d, seed);
  const double n = static_cast<double>(xs.size());
  const double mu = shift + scale * bm::mean(ref);
  const double var = scale * scale * bm::variance(ref);
  const double kurt = bm::kurtosis(ref);  // mu_4 / sigma^4

  CAPTURE(d.describe());
  const double mean_se = std::sqrt(var / n);
  CHECK(std::abs(mean_of(xs) - mu) < kSigmas * mean_se);
  CHECK(std::abs(d.expected_value() - mu) < 1e-12 * (std::abs(mu) + std::sqrt(var)));
  // Var(s^2) ~ (mu_4 - sigma^4) / n.
  const double var_se = var * std::sqrt((kurt - 1) / n);
  CHECK(std::abs(variance_of(xs) - var) < kSigmas * var_se);

  std::sort(xs.begin(), xs.end());
  for (double q : kProbes) {
    CAPTURE(q);
    const double se = std::sqrt(q * (1 - q) / n);
    const double lo = shift + scale * bm::quantile(ref, q - kSigmas * se);
    const double hi = shift + scale * bm::quantile(ref, q + kSigmas * se);
    const double x = order_statistic(xs, q);
    CHECK(x >= lo);
    CHECK(x <= hi);
  }
}

/// quantile(u) agrees with Boost's (default-policy) quantile to 1e-10 relative.
template <class Ref>
void check_quantile_against(const Distribution& d, const Ref& ref, double shift, double scale) {
  const double us[] = {1e-9, 1e-6, 1e-3, 0.01, 0.05, 0.1,   0.25,     0.4,     0.5,
                       0.6,  0.75, 0.9,  0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9};
  const double width = scale * bm::standard_deviation(ref);
  for (double u : us) {
    CAPTURE(d.describe(), u);
    const double expected = shift + scale * bm::quantile(ref, u);
    CHECK(std::abs(d.quantile(u) - expected) <= 1e-10 * std::max(std::abs(expected), width));
  }
}

/// Kolmogorov-style check of a truncated sample: the empirical CDF against
/// (F(x) - F(lo)) / (F(hi) - F(lo)) at several points, within 1.95 / sqrt(n) (the KS statistic's
/// 0.1 % critical value, so also conservative for a handful of points).
void check_truncated(const Distribution& d, double lo, double hi, std::uint64_t seed) {
  CAPTURE(d.describe());
  const Distribution t = d.truncated(lo, hi);
  std::vector<double> xs = draw(t, seed);
  std::sort(xs.begin(), xs.end());
  CHECK(xs.front() >= lo);
  CHECK(xs.back() <= hi);
  const double f_lo = d.cdf(lo), f_hi = d.cdf(hi);
  const double n = static_cast<double>(xs.size());
  double worst = 0;
  for (int i = 1; i < 20; ++i) {
    const double x = lo + (hi - lo) * i / 20.0;
    const double expected = (d.cdf(x) - f_lo) / (f_hi - f_lo);
    const auto below = std::upper_bound(xs.begin(), xs.end(), x) - xs.begin();
    worst = std::max(worst, std::abs(static_cast<double>(below) / n - expected));
  }
  CHECK(worst < 1.95 / std::sqrt(n));
  // The truncated mean (closed form or quadrature) against the sample mean.
  CHECK(std::abs(t.expected_value() - mean_of(xs)) < kSigmas * std::sqrt(variance_of(xs) / n));
}

}  // namespace

TEST_CASE("normal samples match Boost's normal", "[distribution]") {
  const Distribution d = Distribution::make_normal(10, 2);
  const bm::normal_distribution<> ref(10, 2);
  check_quantile_against(d, ref, 0, 1);
  check_sample_against(d, ref, 0, 1, 1);
}

TEST_CASE("lognormal samples match Boost's lognormal", "[distribution]") {
  const Distribution d = Distribution::make_lognormal(1.2, 0.3);
  const bm::lognormal_distribution<> ref(std::log(1.2), 0.3);
  check_quantile_against(d, ref, 0, 1);
  check_sample_against(d, ref, 0, 1, 2);
  CHECK(d.quantile(0.5) == Approx(1.2).epsilon(1e-14));
}

TEST_CASE("uniform samples match Boost's uniform", "[distribution]") {
  const Distribution d = Distribution::make_uniform(-1, 3);
  const bm::uniform_distribution<> ref(-1, 3);
  check_quantile_against(d, ref, 0, 1);
  check_sample_against(d, ref, 0, 1, 3);
  // The untruncated quantile skips Boost's checks, not its arithmetic: the same bits, including
  // at the clamped ends and where the result is zero.
  for (const auto& [lo, hi] : {std::pair{-0.45, 0.45}, std::pair{0.5, 3.0}, std::pair{-0.3, 0.0}}) {
    const Distribution uniform = Distribution::make_uniform(lo, hi);
    const bm::uniform_distribution<> boost_uniform(lo, hi);
    for (const double u : {0.0, 1e-300, 0.25, 0.5, 1 - 0x1.0p-53, 1.0, 0.123456789}) {
      CAPTURE(lo, hi, u);
      const double p = std::clamp(u, 0x1.0p-1022, 1 - 0x1.0p-53);
      REQUIRE(std::bit_cast<std::uint64_t>(uniform.quantile(u)) ==
              std::bit_cast<std::uint64_t>(0.0 + 1.0 * bm::quantile(boost_uniform, p)));
    }
  }
}

TEST_CASE("triangular samples match Boost's triangular", "[distribution]") {
  const Distribution d = Distribution::make_triangular(0, 2, 5);
  const bm::triangular_distribution<> ref(0, 2, 5);
  check_quantile_against(d, ref, 0, 1);
  check_sample_against(d, ref, 0, 1, 4);
  // Mode at an end: a right triangle.
  const Distribution right = Distribution::make_triangular(1, 1, 3);
  check_sample_against(right, bm::triangular_distribution<>(1, 1, 3), 0, 1, 5);
}

TEST_CASE("pert is a scaled beta with lambda 4", "[distribution]") {
  const double lo = 0.4, mode = 0.55, hi = 0.65;
  const Distribution d = Distribution::make_pert(lo, mode, hi);
  // alpha = 1 + 4 (mode - min) / (max - min) = 3.4, beta = 1 + 4 (max - mode) / (max - min) = 2.6
  const bm::beta_distribution<> ref(3.4, 2.6);
  check_quantile_against(d, ref, lo, hi - lo);
  check_sample_against(d, ref, lo, hi - lo, 6);
  CHECK(d.expected_value() == Approx((lo + 4 * mode + hi) / 6).epsilon(1e-14));
  CHECK(d.describe() == "pert(0.4, 0.55, 0.65)");
}

TEST_CASE("beta samples match Boost's beta, scaled and not", "[distribution]") {
  const Distribution scaled = Distribution::make_beta(2, 5, 10, 20);
  const bm::beta_distribution<> ref(2, 5);
  check_quantile_against(scaled, ref, 10, 10);
  check_sample_against(scaled, ref, 10, 10, 7);
  // U-shaped: infinite density at both ends.
  const Distribution arcsine = Distribution::make_beta(0.5, 0.5);
  check_quantile_against(arcsine, bm::beta_distribution<>(0.5, 0.5), 0, 1);
  check_sample_against(arcsine, bm::beta_distribution<>(0.5, 0.5), 0, 1, 8);
}

TEST_CASE("beta and PERT quantiles agree with Boost across shapes", "[distribution]") {
  // The factories attach a Chebyshev table (or, for shapes it cannot fit, none); either way the
  // inverse CDF must match Boost's ibeta_inv.
  const double shapes[][2] = {{0.5, 0.5}, {0.1, 10}, {10, 0.1},  {50, 2},      {1, 5},    {5, 1},
                              {1, 1},     {2, 2},    {3.4, 2.6}, {1.01, 4.99}, {200, 300}};
  for (const auto& ab : shapes) {
    const Distribution d = Distribution::make_beta(ab[0], ab[1], -2, 6);
    check_quantile_against(d, bm::beta_distribution<>(ab[0], ab[1]), -2, 8);
  }
  for (double mode : {0.0, 0.01, 0.3, 0.5, 0.99, 1.0}) {
    const Distribution d = Distribution::make_pert(0, mode, 1);
    CHECK(d.quantile_table != nullptr);  // the fast path is what runs in practice
    check_quantile_against(d, bm::beta_distribution<>(1 + 4 * mode, 1 + 4 * (1 - mode)), 0, 1);
  }
}

TEST_CASE("quantiles of many uniforms at once are exactly the one-at-a-time quantiles",
          "[distribution]") {
  // The path kernel draws a group's parameters side by side (quantiles); the twin and every
  // analysis that replays a path must get the same bits. Every group size up to 16, so partial
  // blocks of the side-by-side evaluation are covered, with u on both halves of the table. The
  // skewed PERT's two series differ in length (19 and 40 terms when written), so the shorter
  // one's zero padding is covered too.
  const std::vector<Distribution> shapes = {
      Distribution::make_pert(0.4, 1.0, 2.0),   Distribution::make_pert(0, 0.01, 1),
      Distribution::make_beta(0.5, 0.5, -2, 6), Distribution::make_beta(3.4, 2.6),
      Distribution::make_uniform(0.1, 0.3),     Distribution::make_normal(0, 0.15),
      Distribution::make_lognormal(1.11, 0.8),  Distribution::make_normal(0, 1).truncated(-1, 2)};
  // Normals and lognormals take their Φ⁻¹ in blocks (a month's contracts at once), of any count:
  // up to 40, with every third u in a tail, where AS 241 leaves the packed central region.
  std::uint64_t key = 0;
  for (const Distribution& d : shapes) {
    CAPTURE(d.describe());
    for (std::size_t n = 1; n <= 40; ++n) {
      std::vector<double> u(n), together(n);
      for (std::size_t i = 0; i < n; ++i) {
        u[i] = breakeven::keyed_uniform(11, n, ++key);
        if (i % 3 == 2) u[i] = u[i] < 0.5 ? u[i] * 0.15 : 1 - (1 - u[i]) * 0.15;
      }
      d.quantiles(u.data(), together.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        CAPTURE(n, i, u[i]);
        REQUIRE(std::bit_cast<std::uint64_t>(together[i]) ==
                std::bit_cast<std::uint64_t>(d.quantile(u[i])));
      }
    }
  }
}

TEST_CASE("discrete frequencies match the normalised weights", "[distribution]") {
  // Unsorted values and weights that do not sum to 1.
  const Distribution d = Distribution::make_discrete({30, -5, 10, 20}, {1, 2, 3, 4});
  REQUIRE(d.values == std::vector<double>{-5, 10, 20, 30});
  REQUIRE(d.weights == std::vector<double>{0.2, 0.3, 0.4, 0.1});
  const std::vector<double> xs = draw(d, 9);
  const double n = static_cast<double>(xs.size());
  double expected_mean = 0;
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    const double p = d.weights[i];
    expected_mean += p * d.values[i];
    const auto hits = std::count(xs.begin(), xs.end(), d.values[i]);
    CAPTURE(d.values[i]);
    CHECK(std::abs(static_cast<double>(hits) / n - p) < kSigmas * std::sqrt(p * (1 - p) / n));
  }
  CHECK(d.expected_value() == Approx(expected_mean).epsilon(1e-14));
  // The inverse CDF is monotone: it walks the cumulative weights in value order.
  CHECK(d.quantile(0.1) == -5);
  CHECK(d.quantile(0.3) == 10);
  CHECK(d.quantile(0.85) == 20);
  CHECK(d.quantile(0.95) == 30);
  CHECK(d.cdf(10) == Approx(0.5));
  CHECK(d.cdf(-6) == 0);
  CHECK(d.cdf(100) == Approx(1));
}

TEST_CASE("90 % interval forms reproduce their quantiles", "[distribution]") {
  // The spec's z = 1.6449 differs from the exact 1.64485 by 3e-5 sd: tolerance 1e-4 of the width.
  const Distribution n = Distribution::make_normal_interval(2, 8);
  CHECK(n.mean == Approx(5));
  CHECK(std::abs(n.quantile(0.05) - 2) < 1e-4 * 6);
  CHECK(std::abs(n.quantile(0.95) - 8) < 1e-4 * 6);
  const Distribution ln = Distribution::make_lognormal_interval(0.5, 4.5);
  CHECK(ln.quantile(0.5) == Approx(1.5));  // geometric mean of the bounds
  CHECK(std::abs(std::log(ln.quantile(0.05) / 0.5)) < 1e-4 * std::log(9));
  CHECK(std::abs(std::log(ln.quantile(0.95) / 4.5)) < 1e-4 * std::log(9));
}

TEST_CASE("truncated distributions stay in bounds and follow the conditional CDF",
          "[distribution]") {
  check_truncated(Distribution::make_normal(0, 1), -0.5, 2, 11);
  check_truncated(Distribution::make_lognormal(1.2, 0.5), 1, 3, 12);
  check_truncated(Distribution::make_pert(0.4, 0.55, 0.65), 0.5, 0.6, 13);
  check_truncated(Distribution::make_triangular(0, 2, 5), 1, 4, 14);
  check_truncated(Distribution::make_beta(0.5, 0.5, 0, 10), 0, 3, 15);
  check_truncated(Distribution::make_uniform(0, 10), 2, 20, 16);
}

TEST_CASE("truncation is exact where it matters", "[distribution]") {
  SECTION("truncated normal mean has the closed form") {
    const Distribution t = Distribution::make_normal(1, 2).truncated(0, 4);
    const bm::normal_distribution<> z;
    const double a = (0 - 1) / 2.0, b = (4 - 1) / 2.0;
    const double expected =
        1 + 2 * (bm::pdf(z, a) - bm::pdf(z, b)) / (bm::cdf(z, b) - bm::cdf(z, a));
    CHECK(t.expected_value() == Approx(expected).epsilon(1e-12));
  }
  SECTION("a far upper tail keeps its precision") {
    // 1 - F(6) = 1e-9: working with F alone would leave only ~7 digits.
    const Distribution t = Distribution::make_normal(0, 1).truncated(6, 7);
    const bm::normal_distribution<> z;
    const double s6 = bm::cdf(bm::complement(z, 6.0)), s7 = bm::cdf(bm::complement(z, 7.0));
    const double median = bm::quantile(bm::complement(z, (s6 + s7) / 2));
    CHECK(t.quantile(0.5) == Approx(median).epsilon(1e-10));
    CHECK(t.quantile(1e-12) >= 6);
    CHECK(t.quantile(1 - 1e-12) <= 7);
  }
  SECTION("one-sided and nested truncation") {
    const Distribution d = Distribution::make_normal(0, 1);
    const Distribution t = d.truncated(0, std::numeric_limits<double>::infinity());
    CHECK(t.quantile(0.5) == Approx(bm::quantile(bm::normal_distribution<>(), 0.75)));
    CHECK(t.expected_value() == Approx(std::sqrt(2 / M_PI)).epsilon(1e-12));  // half-normal
    const Distribution tt = t.truncated(-5, 1);
    CHECK(*tt.truncate_lo == 0);
    CHECK(*tt.truncate_hi == 1);
  }
  SECTION("discrete truncation keeps the values inside, renormalised") {
    const Distribution t = Distribution::make_discrete({1, 2, 3, 4}, {1, 1, 1, 1}).truncated(2, 3);
    CHECK(t.quantile(0.25) == 2);
    CHECK(t.quantile(0.75) == 3);
    CHECK(t.expected_value() == Approx(2.5));
  }
  SECTION("bounds without probability are rejected") {
    CHECK_THROWS_AS(Distribution::make_uniform(0, 1).truncated(2, 3), std::invalid_argument);
    CHECK_THROWS_AS(Distribution::make_discrete({1, 2}, {1, 1}).truncated(1.2, 1.8),
                    std::invalid_argument);
    CHECK_THROWS_AS(Distribution::make_normal(0, 1).truncated(1, 0), std::invalid_argument);
  }
}

TEST_CASE("degenerate and constant distributions", "[distribution]") {
  const Distribution c = Distribution::constant_value(0.55);
  CHECK(c.is_constant());
  CHECK(c.quantile(0.01) == 0.55);
  CHECK(c.quantile(0.99) == 0.55);
  CHECK(c.expected_value() == 0.55);
  CHECK(c.describe() == "0.55");
  CHECK(Distribution::make_pert(2, 2, 2).is_constant());
  CHECK(Distribution::make_triangular(3, 3, 3).quantile(0.3) == 3);
  CHECK(Distribution::make_normal(4, 0).is_constant());
  CHECK(Distribution::make_uniform(1, 1).quantile(0.7) == 1);
  // A constant still consumes one uniform, so later draws do not shift when it becomes random.
  RandomStream a(5, 6, Substream::parameters), b(5, 6, Substream::parameters);
  (void)c.sample(a);
  (void)b.uniform();
  CHECK(a() == b());
}

TEST_CASE("extreme uniforms do not throw", "[distribution]") {
  // A copula's Phi(z) rounds to exactly 0 or 1 for |z| > 8.3 or so.
  const Distribution d = Distribution::make_lognormal(1, 0.5);
  CHECK(std::isfinite(d.quantile(1.0)));
  CHECK(d.quantile(0.0) > 0);
  CHECK(std::isfinite(Distribution::make_normal(0, 1).quantile(0.0)));
  CHECK(Distribution::make_beta(2, 3).quantile(1.0) <= 1);
}

TEST_CASE("describe is short and mentions truncation", "[distribution]") {
  CHECK(Distribution::make_lognormal(1.2, 0.3).describe() == "lognormal(median 1.2, sigma 0.3)");
  CHECK(Distribution::make_normal(0.1, 0.05).describe() == "normal(mean 0.1, sd 0.05)");
  CHECK(Distribution::make_uniform(0, 702000000).describe() == "uniform(0, 702000000)");
  CHECK(Distribution::make_beta(2, 5, 10, 20).describe() == "beta(2, 5) on [10, 20]");
  CHECK(Distribution::make_discrete({2, 1}, {1, 3}).describe() == "discrete(1: 0.75, 2: 0.25)");
  CHECK(Distribution::make_normal(0, 1).truncated(-1, 2).describe() ==
        "normal(mean 0, sd 1) truncated to [-1, 2]");
}

TEST_CASE("factories reject invalid parameters", "[distribution]") {
  CHECK_THROWS_AS(Distribution::make_normal(0, -1), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_lognormal(0, 1), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_lognormal_interval(-1, 2), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_triangular(0, 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_pert(1, 0, 2), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_beta(0, 1), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_discrete({1, 2}, {1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_discrete({1, 2}, {0, 0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_discrete({1}, {-1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::make_normal(std::nan(""), 1), std::invalid_argument);
}

TEST_CASE("the normal quantile matches Boost's to a few ulps, into the far tails", "[dist]") {
  // AS 241 replaces Boost's erfc_inv for speed; it must give the same numbers to ~1e-15, in the
  // centre and in both tails (p down to 1e-300), and keep the quantile's symmetry and limits.
  const boost::math::normal_distribution<double> standard(0, 1);
  std::vector<double> ps;
  for (int k = 1; k < 4000; ++k) ps.push_back(k / 4000.0);
  for (int e = 1; e <= 900; ++e) ps.push_back(std::pow(10.0, -e / 3.0));
  for (const double p : {0.075, 0.925, 0.07499999999999999, 0.0750000000000001}) ps.push_back(p);
  double worst = 0;
  for (const double p : ps) {
    CAPTURE(p);
    const double z = breakeven::standard_normal_quantile(p);
    const double reference = boost::math::quantile(standard, p);
    worst = std::max(worst, std::fabs(z - reference) / std::max(std::fabs(reference), 1e-300));
    REQUIRE(std::fabs(z - reference) <= 1e-14 * std::max(std::fabs(reference), 1e-3));
    if (p < 0.5) REQUIRE(breakeven::standard_normal_quantile(1 - p) > 0);
  }
  CHECK(worst < 1e-14);
  CHECK(breakeven::standard_normal_quantile(0.5) == 0.0);
  CHECK(breakeven::standard_normal_quantile(0.0) == -INFINITY);
  CHECK(breakeven::standard_normal_quantile(1.0) == INFINITY);
  CHECK(std::isnan(breakeven::standard_normal_quantile(NAN)));
  // Many at once: exactly the one-at-a-time values, for every count around the block of 8, with
  // the central region's edges, the tails and the special values mixed in.
  std::vector<double> special = {0.075,
                                 0.925,
                                 0.07499999999999999,
                                 0.0750000000000001,
                                 0.5,
                                 1e-300,
                                 1 - 1e-16,
                                 0.0,
                                 1.0,
                                 -0.25,
                                 1.5,
                                 NAN,
                                 0.3,
                                 0.999};
  for (std::size_t n = 0; n <= 20; ++n) {
    std::vector<double> p(n), together(n);
    for (std::size_t i = 0; i < n; ++i) p[i] = special[(i * 5 + n) % special.size()];
    breakeven::standard_normal_quantiles(p.data(), together.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(n, i, p[i]);
      REQUIRE(std::bit_cast<std::uint64_t>(together[i]) ==
              std::bit_cast<std::uint64_t>(breakeven::standard_normal_quantile(p[i])));
    }
  }
  // A normal and a lognormal parameter draw through it.
  const Distribution normal = Distribution::make_normal(2.0, 0.5);
  const Distribution lognormal = Distribution::make_lognormal(3.0, 0.4);
  for (const double u : {1e-12, 0.01, 0.3, 0.5, 0.8, 0.999}) {
    CHECK(normal.quantile(u) == 2.0 + 0.5 * breakeven::standard_normal_quantile(u));
    CHECK(lognormal.quantile(u) ==
          Approx(boost::math::quantile(
                     boost::math::lognormal_distribution<double>(std::log(3.0), 0.4), u))
              .epsilon(1e-13));
  }
}
