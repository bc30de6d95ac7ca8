// SPDX-License-Identifier: MIT
// The counter-based normal generator, written once for any lane count. Each of
// normal_kernel_{scalar,avx2,avx512}.cpp defines BREAKEVEN_NORMAL_LANES, BREAKEVEN_NORMAL_ENTRY
// and BREAKEVEN_LANE_NORMALS_ENTRY and includes this file; the build compiles them for x86-64,
// x86-64-v3 and x86-64-v4 respectively. Everything here has internal linkage and includes no header
// with out-of-line inline functions, so code built for one instruction set can never be linked in
// place of another's (no ODR merging of differently compiled inline functions).
//
// Bit-identical results at every width: each lane runs the same integer operations and the same
// IEEE double operations (+, -, *, /, sqrt, all correctly rounded) in the same order; the
// translation units are compiled with -ffp-contract=off so no multiply-add is fused; log, sin and
// cos are the polynomials below (log: fdlibm_log.ipp) at every width, never a vendor libm.
#include <cstddef>
#include <cstdint>

#include <immintrin.h>

namespace {

constexpr int kLanes = BREAKEVEN_NORMAL_LANES;
using VD = double __attribute__((vector_size(8 * kLanes)));
using VU = std::uint64_t __attribute__((vector_size(8 * kLanes)));

VU bits(VD x) {
  return __builtin_bit_cast(VU, x);
}
VD from_bits(VU x) {
  return __builtin_bit_cast(VD, x);
}

VD vsqrt(VD x) {
#if BREAKEVEN_NORMAL_LANES == 8
  return _mm512_maskz_sqrt_pd(0xff, x);  // maskz: GCC 12 warns on the unmasked form
#elif BREAKEVEN_NORMAL_LANES == 4
  return _mm256_sqrt_pd(x);
#else
  return VD{__builtin_sqrt(x[0])};
#endif
}

constexpr std::uint64_t kOne = 0x3ff0000000000000ULL;  // the bits of 1.0
VU mix(VU x) {  // SplitMix64's finaliser, the same as mix64() in random_stream.cpp
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// (k + 0.5) 2^-52 for the 52-bit integer k = x >> 12: a uniform in (0, 1), exactly.
VD open_uniform(VU x) {
  const VD one_plus = from_bits((x >> 12) | kOne);  // 1 + k 2^-52, exact
  return (one_plus - 1.0) + 0x1.0p-53;
}

#include "fdlibm_log.ipp"

/// sin and cos on [-π/4, π/4] (fdlibm's __kernel_sin and __kernel_cos, < 1 ulp).
VD sin_poly(VD x) {
  const VD z = x * x;
  const VD v = z * x;
  const VD r = 8.33333333332248946124e-03 +
               z * (-1.98412698298579493134e-04 +
                    z * (2.75573137070700676789e-06 +
                         z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)));
  return x + v * (-1.66666666666666324348e-01 + z * r);
}
VD cos_poly(VD x) {
  const VD z = x * x;
  const VD w = z * z;
  const VD r = z * (4.16666666666666019037e-02 +
                    z * (-1.38888888888741095749e-03 + z * 2.48015872894767294178e-05)) +
               w * w *
                   (-2.75573143513906633035e-07 +
                    z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11));
  const VD hz = 0.5 * z;
  const VD one_minus = 1.0 - hz;
  return one_minus + (((1.0 - one_minus) - hz) + z * r);
}

/// Box–Muller on pairs: pair j gives normals 2j (r cos θ) and 2j + 1 (r sin θ), from the bits of
/// counters 2j (the radius) and 2j + 1 (the angle); `weyl` holds start + (2j + 1) γ, SplitMix64's
/// state for counter 2j. The angle's top two bits pick the quadrant q and the next 52 the offset
/// a in (-π/4, π/4): θ = q π/2 + a, uniform on the circle, with the quadrant applied by exact
/// swaps and sign flips.
void normal_pairs(VU weyl, VU gamma, VD& even, VD& odd) {
  const VU radius_bits = mix(weyl);
  const VU angle_bits = mix(weyl + gamma);
  const VD r = vsqrt(-2.0 * fdlibm_log(open_uniform(radius_bits), VD{} + 1023.0));
  const VD a = (open_uniform(angle_bits << 2) - 0.5) * 1.57079632679489661923;
  const VU q = angle_bits >> 62;
  const VU s = bits(sin_poly(a)), c = bits(cos_poly(a));
  const VU swap = (s ^ c) & (VU{} - (q & 1));      // quadrants 1 and 3 exchange sin and cos
  const VU cos_sign = (((q + 1) >> 1) & 1) << 63;  // cos θ < 0 in quadrants 1 and 2
  const VU sin_sign = (q >> 1) << 63;              // sin θ < 0 in quadrants 2 and 3
  even = r * from_bits((c ^ swap) ^ cos_sign);
  odd = r * from_bits((s ^ swap) ^ sin_sign);
}

}  // namespace

namespace breakeven::detail {

/// Counter k of the stream (start, gamma) is mix(start + (k + 1) gamma): SplitMix64 with the
/// stream's own odd increment.
void BREAKEVEN_NORMAL_ENTRY(std::uint64_t start, std::uint64_t gamma, std::uint64_t first,
                            double* out, std::size_t n) {
  if (n == 0) return;
  const std::uint64_t end = first + n;
  VU weyl;  // the state of counter 2j for the pair j of each lane
  for (int i = 0; i < kLanes; ++i)
    weyl[i] = start + ((first / 2 + static_cast<std::uint64_t>(i)) * 2 + 1) * gamma;
  const std::uint64_t step = 2 * static_cast<std::uint64_t>(kLanes) * gamma;
  // Pairs are drawn kLanes at a time into an interleaved buffer; only the requested counters
  // leave it (a block may start and end in the middle of a pair or of a group of lanes).
  for (std::uint64_t pair = first / 2; pair * 2 < end; pair += kLanes, weyl += step) {
    VD even, odd;
    normal_pairs(weyl, VU{} + gamma, even, odd);
    double interleaved[2 * kLanes];
    for (int i = 0; i < kLanes; ++i) {
      interleaved[2 * i] = even[i];
      interleaved[2 * i + 1] = odd[i];
    }
    const std::uint64_t base = pair * 2;
    if (base >= first && base + 2 * kLanes <= end) {  // the common case: a whole group
      __builtin_memcpy(out + (base - first), interleaved, sizeof interleaved);
      continue;
    }
    const std::uint64_t from = base < first ? first : base;
    const std::uint64_t to = base + 2 * kLanes < end ? base + 2 * kLanes : end;
    __builtin_memcpy(out + (from - first), interleaved + (from - base),
                     (to - from) * sizeof(double));
  }
}

/// Normals first .. first + n - 1 of `count` streams (a multiple of kLanes), kLanes streams at a
/// time, one per lane, interleaved by counter: out[k * count + s] is normal first + k of stream s,
/// exactly the value BREAKEVEN_NORMAL_ENTRY gives it. The path kernel's months of a group of paths
/// come out ready to load, a month per vector.
void BREAKEVEN_LANE_NORMALS_ENTRY(const std::uint64_t* starts, const std::uint64_t* gammas,
                                  std::size_t count, std::uint64_t first, std::size_t n,
                                  double* out) {
  // Pairs from the one holding normal `first`: with an odd first, its even normal is dropped.
  const std::uint64_t first_pair = first / 2;
  const std::uint64_t end = first + n;
  for (std::size_t lane0 = 0; lane0 < count; lane0 += kLanes) {
    VU weyl, gamma;  // the state of counter 2j for the pair j of each lane's stream
    for (int i = 0; i < kLanes; ++i) {
      gamma[i] = gammas[lane0 + static_cast<std::size_t>(i)];
      weyl[i] = starts[lane0 + static_cast<std::size_t>(i)] + (2 * first_pair + 1) * gamma[i];
    }
    const VU step = gamma + gamma;
    for (std::uint64_t k = 2 * first_pair; k < end; k += 2, weyl += step) {
      VD even, odd;
      normal_pairs(weyl, gamma, even, odd);
      if (k >= first) __builtin_memcpy(out + (k - first) * count + lane0, &even, sizeof even);
      if (k + 1 < end) __builtin_memcpy(out + (k + 1 - first) * count + lane0, &odd, sizeof odd);
    }
  }
}

}  // namespace breakeven::detail
