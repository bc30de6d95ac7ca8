// SPDX-License-Identifier: MIT
// The counter-based normals: the same bits from every instruction set the processor has, in any
// block split, and the moments and tails of a standard normal.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "breakeven/math/counter_normals.hpp"

using breakeven::CounterNormals;
using breakeven::SimdTarget;
using breakeven::Substream;

namespace {

const SimdTarget kTargets[] = {SimdTarget::scalar, SimdTarget::avx2, SimdTarget::avx512};

/// Restores the target chosen at start-up when a test that switches targets ends.
struct TargetGuard {
  SimdTarget saved = breakeven::active_simd_target();
  ~TargetGuard() { breakeven::set_simd_target(saved); }
};

std::vector<double> block(const CounterNormals& stream, std::uint64_t first, std::size_t n) {
  std::vector<double> out(n);
  stream.fill(first, out.data(), n);
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  // memcmp may not be given the null data() of an empty vector, even for zero bytes.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace

TEST_CASE("every instruction set draws the same bits, in any block split", "[random][simd]") {
  const TargetGuard guard;
  const CounterNormals stream(2025, 17, Substream::revenue, 99);
  REQUIRE(breakeven::set_simd_target(SimdTarget::scalar));
  const std::vector<double> reference = block(stream, 0, 4099);
  for (std::size_t k = 0; k < 64; ++k) REQUIRE(stream.at(k) == reference[k]);
  int compared = 0;
  for (const SimdTarget target : kTargets) {
    if (!breakeven::set_simd_target(target)) continue;  // not on this processor
    CAPTURE(breakeven::simd_target_name(target));
    ++compared;
    REQUIRE(same_bits(block(stream, 0, 4099), reference));
    // Blocks starting and ending inside a pair or a group of lanes.
    for (std::uint64_t first : {0U, 1U, 2U, 3U, 7U, 8U, 13U, 16U, 17U})
      for (std::size_t n : {0U, 1U, 2U, 3U, 5U, 8U, 9U, 15U, 16U, 17U, 31U, 90U}) {
        const std::vector<double> part = block(stream, first, n);
        REQUIRE(
            same_bits(part, std::vector<double>(reference.begin() + std::ptrdiff_t(first),
                                                reference.begin() + std::ptrdiff_t(first + n))));
      }
  }
  // The machines this runs on have AVX2 at least; the test must not pass by comparing nothing.
  REQUIRE(compared >= 1);
  WARN("normal generator compared on " << compared << " instruction set(s)");
}

TEST_CASE("counter normals have the moments and tails of a standard normal", "[random]") {
  const CounterNormals stream(7, 3, Substream::sector);
  constexpr std::size_t n = 2'000'000;
  const std::vector<double> z = block(stream, 0, n);
  double sum = 0, sum2 = 0, sum4 = 0;
  std::size_t beyond2 = 0, beyond3 = 0, beyond4 = 0, not_single = 0;
  double largest = 0;
  for (const double x : z) {
    not_single += static_cast<double>(static_cast<float>(x)) != x ? 1U : 0U;
    largest = std::max(largest, std::fabs(x));
    sum += x;
    sum2 += x * x;
    sum4 += x * x * x * x;
    beyond2 += std::fabs(x) > 2 ? 1U : 0U;
    beyond3 += std::fabs(x) > 3 ? 1U : 0U;
    beyond4 += std::fabs(x) > 4 ? 1U : 0U;
  }
  // Single-precision normals widened to double (docs/model.md): every one is a float, and the
  // radius' 23-bit uniform bounds them by sqrt(2 ln 2^24).
  CHECK(not_single == 0);
  CHECK(largest <= std::sqrt(48 * std::log(2.0)));
  CHECK(largest > 4.5);  // the tail is still reached
  const double count = static_cast<double>(n);
  CHECK(std::fabs(sum / count) < 4 / std::sqrt(count));           // sd of the mean: 1/sqrt(n)
  CHECK(std::fabs(sum2 / count - 1) < 4 * std::sqrt(2 / count));  // sd of the variance
  CHECK(std::fabs(sum4 / count - 3) < 4 * std::sqrt(96 / count));
  // Two-sided tail probabilities 0.0455, 0.0027 and 6.3e-5, within four standard errors.
  const auto tail_ok = [count](std::size_t hits, double p) {
    return std::fabs(static_cast<double>(hits) / count - p) < 4 * std::sqrt(p * (1 - p) / count);
  };
  CHECK(tail_ok(beyond2, 0.0455002638963584));
  CHECK(tail_ok(beyond3, 0.0026997960632601866));
  CHECK(tail_ok(beyond4, 6.334248366623996e-05));
  // Neighbouring normals are uncorrelated: the two halves of a Box–Muller pair (lag 1),
  // successive pairs, normals drawn in neighbouring lanes of one vector (lags 2 to 14), the two
  // halves of one float vector (lags 8 and 16 at 4 and 8 lanes) and the same lane of successive
  // blocks (lags 16 and 32).
  for (std::size_t lag : {1U, 2U, 3U, 4U, 6U, 8U, 14U, 16U, 32U}) {
    double cross = 0;
    for (std::size_t i = 0; i + lag < n; ++i) cross += z[i] * z[i + lag];
    CAPTURE(lag);
    CHECK(std::fabs(cross / count) < 4 / std::sqrt(count));
  }
}

TEST_CASE("counter streams differ by seed, path, purpose and key", "[random]") {
  const auto first = [](const CounterNormals& s) { return block(s, 0, 8); };
  const auto a = first(CounterNormals(42, 7, Substream::revenue));
  CHECK(a == first(CounterNormals(42, 7, Substream::revenue)));
  CHECK(a != first(CounterNormals(43, 7, Substream::revenue)));
  CHECK(a != first(CounterNormals(42, 8, Substream::revenue)));
  CHECK(a != first(CounterNormals(42, 7, Substream::margin)));
  CHECK(a != first(CounterNormals(42, 7, Substream::revenue, 1)));
  CHECK(first(CounterNormals(1, 2, Substream::sector)) !=
        first(CounterNormals(2, 1, Substream::sector)));
  // Paths of one run are uncorrelated: the first normal of 200,000 neighbouring paths.
  double cross = 0;
  constexpr int paths = 200'000;
  for (int p = 0; p < paths; ++p) {
    const auto path = static_cast<std::uint64_t>(p);
    cross += CounterNormals(5, path, Substream::revenue).at(0) *
             CounterNormals(5, path + 1, Substream::revenue).at(0);
  }
  CHECK(std::fabs(cross / paths) < 4 / std::sqrt(double(paths)));
}

TEST_CASE("instruction sets are named for BREAKEVEN_SIMD", "[simd]") {
  for (const SimdTarget target : kTargets)
    REQUIRE(breakeven::simd_target_named(breakeven::simd_target_name(target)) == target);
  REQUIRE_FALSE(breakeven::simd_target_named("sse9").has_value());
  REQUIRE(breakeven::simd_target_supported(SimdTarget::scalar));
  REQUIRE(breakeven::simd_target_supported(breakeven::active_simd_target()));
}

TEST_CASE("streams drawn side by side from any counter are each stream's own normals",
          "[random][simd]") {
  // fill_interleaved is how a group of paths draws its months (from counter 0) and its sector
  // shocks (from a calendar month, odd or even): every lane must hold exactly the stream's bits.
  const TargetGuard guard;
  std::vector<CounterNormals> streams;
  for (std::uint64_t path = 0; path < 16; ++path)
    streams.emplace_back(11, 1000 + path, Substream::sector);
  int compared = 0;
  for (const SimdTarget target : kTargets) {
    if (!breakeven::set_simd_target(target)) continue;
    CAPTURE(breakeven::simd_target_name(target));
    for (const int count : {1, 3, 4, 8, 12, 16})
      for (const std::uint64_t first : {0U, 1U, 2U, 7U, 24300U, 24301U})
        for (const std::size_t n : {0U, 1U, 2U, 3U, 89U, 90U}) {
          CAPTURE(count, first, n);
          const auto lanes = static_cast<std::size_t>(count);
          std::vector<double> interleaved(n * lanes);
          CounterNormals::fill_interleaved(streams.data(), count, first, n, interleaved.data());
          for (std::size_t l = 0; l < lanes; ++l) {
            std::vector<double> lane(n);
            for (std::size_t k = 0; k < n; ++k) lane[k] = interleaved[k * lanes + l];
            REQUIRE(same_bits(lane, block(streams[l], first, n)));
            ++compared;
          }
        }
  }
  CHECK(compared > 0);
}
