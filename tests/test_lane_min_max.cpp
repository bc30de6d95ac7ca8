// SPDX-License-Identifier: MIT
// The kernel's vmin, vmax and vclamp are std::min, std::max and std::clamp to the bit at every
// width: AVX2 and AVX-512 use the processor's min and max instructions with their operands
// swapped, and the twin's results depend on the two agreeing on NaNs and signed zeros too.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <immintrin.h>

#include <catch2/catch.hpp>

#include "breakeven/math/counter_normals.hpp"

#pragma GCC diagnostic ignored "-Wpsabi"  // vectors pass by value only inside one region

namespace breakeven {
namespace {

#define BREAKEVEN_LANE_SOURCE "tests/lanes/min_max_probe.ipp"
#include "sim/engine/path/per_width.ipp"
#undef BREAKEVEN_LANE_SOURCE

using Probe = void (*)(const double*, const double*, std::size_t, double, double, double*, double*,
                       double*);

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

void check_width(Probe probe) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {0.0,  -0.0, 1.0,   -1.0,    0.5,
                                      2.5,  -3.0, 1e300, -1e-300, inf,
                                      -inf, nan,  -nan,  0.99,    -1.0000000000000002,
                                      7.0};
  // Every ordered pair, padded to a multiple of the widest group with a repeated pair.
  std::vector<double> a, b;
  for (const double x : values)
    for (const double y : values) {
      a.push_back(x);
      b.push_back(y);
    }
  while (a.size() % 8 != 0) {
    a.push_back(1.0);
    b.push_back(2.0);
  }
  std::vector<double> low(a.size()), high(a.size()), clamped(a.size());
  const double lo = -1.0, hi = 0.99;  // the kernel's gross-margin bounds
  probe(a.data(), b.data(), a.size(), lo, hi, low.data(), high.data(), clamped.data());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("a = " << a[i] << ", b = " << b[i]);
    CHECK(bits(low[i]) == bits(std::min(a[i], b[i])));
    CHECK(bits(high[i]) == bits(std::max(a[i], b[i])));
    CHECK(bits(clamped[i]) == bits(std::clamp(a[i], lo, hi)));
  }
}

TEST_CASE("vmin, vmax and vclamp are std::min, std::max and std::clamp to the bit", "[lanes]") {
  check_width(one_lane::min_max_clamp);
  // A processor without a width skips it, as the other SIMD tests do.
  if (simd_target_supported(SimdTarget::avx2)) check_width(four_lanes::min_max_clamp);
  if (simd_target_supported(SimdTarget::avx512)) check_width(eight_lanes::min_max_clamp);
}

}  // namespace
}  // namespace breakeven
