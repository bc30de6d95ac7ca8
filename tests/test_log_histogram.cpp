// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "breakeven/engine/log_histogram.hpp"
#include "breakeven/math/random_stream.hpp"

namespace {

using breakeven::ExactSum;
using breakeven::LogHistogram;
using breakeven::RandomStream;
using breakeven::Substream;

/// Signed money-like values: a quarter exact zeros, the rest +/- lognormal over many octaves.
std::vector<double> signed_values(std::size_t n, std::uint64_t seed) {
  RandomStream s(seed, 0, Substream::revenue);
  std::vector<double> xs(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double u = s.uniform();
    const double magnitude = std::exp(1.5 + 2.5 * s.normal());
    xs[i] = u < 0.25 ? 0.0 : (u < 0.6 ? -magnitude : magnitude);
  }
  return xs;
}

LogHistogram histogram_of(const std::vector<double>& xs, std::size_t from, std::size_t to) {
  LogHistogram h;
  for (std::size_t i = from; i < to; ++i) h.add(xs[i]);
  return h;
}

void check_quantiles_match_order_statistics(const std::vector<double>& xs) {
  const LogHistogram h = histogram_of(xs, 0, xs.size());
  std::vector<double> sorted = xs;
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  for (double q : {0.0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95,
                   0.99, 0.999, 1.0}) {
    const auto k = std::max<std::size_t>(static_cast<std::size_t>(std::ceil(q * n)), 1);
    const double exact = sorted[k - 1];
    CAPTURE(q, exact);
    // Half a bin of 1/256 octave: 2^-9 relative = 0.195 %.
    if (exact == 0)
      CHECK(h.quantile(q) == 0);
    else
      CHECK(std::abs(h.quantile(q) / exact - 1) < 0.0025);
  }
}

}  // namespace

TEST_CASE("histogram quantiles are the order statistics to 0.25 %", "[histogram]") {
  SECTION("lognormal") {
    RandomStream s(1, 0, Substream::revenue);
    std::vector<double> xs(100'000);
    for (double& x : xs) x = std::exp(2 + 1.2 * s.normal());
    check_quantiles_match_order_statistics(xs);
  }
  SECTION("normal, both signs") {
    RandomStream s(2, 0, Substream::revenue);
    std::vector<double> xs(100'000);
    for (double& x : xs) x = 3 + 10 * s.normal();
    check_quantiles_match_order_statistics(xs);
  }
  SECTION("signed with exact zeros") {
    check_quantiles_match_order_statistics(signed_values(100'000, 3));
  }
}

TEST_CASE("histogram edge cases", "[histogram]") {
  LogHistogram h;
  CHECK(std::isnan(h.quantile(0.5)));
  CHECK(std::isnan(h.cumulative_share(0)));
  h.add(-0.0);
  h.add(1e-15);  // below 2^-40 of the unit: counted as zero
  h.add(-1e-13);
  CHECK(h.quantile(0) == 0);
  CHECK(h.quantile(1) == 0);
  h.add(1e30);  // beyond 2^60: the top bin, still above everything else
  h.add(-1e30);
  CHECK(h.count() == 5);
  CHECK(h.quantile(0) < -1e17);
  CHECK(h.quantile(1) > 1e17);
  CHECK(h.quantile(0.5) == 0);
  CHECK(h.cumulative_share(0) == Approx(0.8));
  CHECK(h.cumulative_share(-1) == Approx(0.2));
  // A power of two is a bin's lower edge: its midpoint is 2^k (1 + 2^-9).
  LogHistogram p;
  p.add(1024);
  CHECK(p.quantile(0.5) == 1024 * (1 + 0x1.0p-9));
  p.add(-1024);
  CHECK(p.quantile(0) == -1024 * (1 + 0x1.0p-9));
}

TEST_CASE("merging halves equals the whole, in either order", "[histogram]") {
  const std::vector<double> xs = signed_values(50'000, 4);
  const LogHistogram whole = histogram_of(xs, 0, xs.size());
  LogHistogram a = histogram_of(xs, 0, 20'000), b = histogram_of(xs, 20'000, xs.size());
  LogHistogram ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  CHECK(ab.count() == whole.count());
  for (int i = 0; i <= 1000; ++i) {
    const double q = i / 1000.0;
    CHECK(ab.quantile(q) == whole.quantile(q));
    CHECK(ba.quantile(q) == whole.quantile(q));
  }
  for (double x : {-100.0, -1.0, 0.0, 1e-3, 5.0, 1e4}) {
    CHECK(ab.cumulative_share(x) == whole.cumulative_share(x));
    CHECK(ba.cumulative_share(x) == whole.cumulative_share(x));
  }
}

TEST_CASE("ExactSum does not depend on the order of the values", "[histogram]") {
  std::vector<double> xs = signed_values(100'000, 5);
  xs.push_back(3e15);  // a large value takes the 128-bit path
  xs.push_back(-2.5e15);
  ExactSum forward;
  long double naive_forward = 0;  // 64-bit mantissa: the big terms come last, so ~1e-3 exact
  for (double x : xs) {
    forward.add(x);
    naive_forward += x;
  }
  RandomStream s(6, 0, Substream::parameters);
  for (int trial = 0; trial < 3; ++trial) {
    // Fisher-Yates with our own stream, so the test is the same everywhere.
    for (std::size_t i = xs.size() - 1; i > 0; --i) {
      const auto j = static_cast<std::size_t>(s.uniform() * static_cast<double>(i + 1));
      std::swap(xs[i], xs[j]);
    }
    ExactSum shuffled;
    for (double x : xs) shuffled.add(x);
    CHECK(shuffled.value() == forward.value());  // to the last bit
    // Merged in blocks, in reverse block order.
    ExactSum blocks;
    for (std::size_t end = xs.size(); end > 0;) {
      const std::size_t begin = end > 7'777 ? end - 7'777 : 0;
      ExactSum block;
      for (std::size_t i = begin; i < end; ++i) block.add(xs[i]);
      blocks.merge(block);
      end = begin;
    }
    CHECK(blocks.value() == forward.value());
  }
  // And it is the sum, to within the 2^-24 rounding of each term.
  CHECK(std::abs(forward.value() - static_cast<double>(naive_forward)) < 1e-2);
  ExactSum small;
  small.add(0.1);
  small.add(0.2);
  CHECK(std::abs(small.value() - 0.3) < 0x1.0p-24);
  CHECK_THROWS(small.add(std::numeric_limits<double>::infinity()));
  CHECK_THROWS(small.add(std::nan("")));
}
