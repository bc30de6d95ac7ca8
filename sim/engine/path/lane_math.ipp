// SPDX-License-Identifier: MIT
// Lane arithmetic for the path kernel: the vector types of kLanes doubles and the few operations
// the stages need beyond + - * / and comparisons. Included once per lane width by
// path_kernel.cpp, inside that width's namespace and instruction-set region, which defines
// kLanes; the includes this file relies on come first there.
//
// Bit-identical at every width: every lane runs the same IEEE operations in the same order, the
// translation unit is compiled with -ffp-contract=off, min/max/clamp follow std::min/std::max/
// std::clamp exactly, and exp is the polynomial below, never a vendor libm.

using VD = double __attribute__((vector_size(8 * kLanes)));
using VI = std::int64_t __attribute__((vector_size(8 * kLanes)));  // a mask: -1 true, 0 false
using VU = std::uint64_t __attribute__((vector_size(8 * kLanes)));

inline VD splat(double x) {
  return VD{} + x;
}
/// 0, 1, ..., kLanes - 1: lane l of a mask `lane_numbers() == l` is the only one set.
inline VI lane_numbers() {
  VI numbers;
  for (int l = 0; l < kLanes; ++l) numbers[l] = l;
  return numbers;
}
/// The lanes whose bit is set in `bits` (bit l: lane l), as a mask.
inline VI lanes_in(std::uint64_t bits) {
  VI bit_of_lane;
  for (int l = 0; l < kLanes; ++l) bit_of_lane[l] = std::int64_t{1} << l;
  return ((VI{} + static_cast<std::int64_t>(bits)) & bit_of_lane) != 0;
}
// GCC 12.2 at -O2 miscompiles one-lane vectors in a loop that first branches on a mask's lane and
// then selects on that mask combined with another (`if (!any(m)) continue;` then
// `select(m, vmin(a, b), a)` kept `a` where m was set; docs/performance.md, sixth session). The
// tests comparing every lane with the twin catch it; `vmin(a, select(m, b, never))` avoids it.
inline VD select(VI mask, VD if_true, VD if_false) {
  return mask ? if_true : if_false;
}
inline VI select(VI mask, VI if_true, VI if_false) {
  return mask ? if_true : if_false;
}
/// x86's min instruction of (x, y) is x < y ? x : y, lane by lane, so min(b, a) is std::min(a, b)
/// to the bit (NaNs and signed zeros included), and max(b, a) is std::max(a, b): one instruction
/// where a compare and a blend would be two. (A template, so that only the width's own branch is
/// compiled; the one-lane build keeps the select.)
template <bool kMax, class V>
V min_or_max(V a, V b) {
  if constexpr (sizeof(V) == 64) {
    const __m512d x = __builtin_bit_cast(__m512d, b), y = __builtin_bit_cast(__m512d, a);
    // The zero-masking form with every lane kept: GCC 12's plain _mm512_min_pd starts from an
    // undefined vector and warns that it may be used uninitialised.
    constexpr __mmask8 kEvery = 0xff;
    return __builtin_bit_cast(
        V, kMax ? _mm512_maskz_max_pd(kEvery, x, y) : _mm512_maskz_min_pd(kEvery, x, y));
  } else if constexpr (sizeof(V) == 32) {
    const __m256d x = __builtin_bit_cast(__m256d, b), y = __builtin_bit_cast(__m256d, a);
    return __builtin_bit_cast(V, kMax ? _mm256_max_pd(x, y) : _mm256_min_pd(x, y));
  } else {
    return kMax ? select(a < b, b, a) : select(b < a, b, a);
  }
}
inline VD vmin(VD a, VD b) {  // std::min: b < a ? b : a
  return min_or_max<false>(a, b);
}
inline VD vmax(VD a, VD b) {  // std::max: a < b ? b : a
  return min_or_max<true>(a, b);
}
/// std::clamp for lo <= hi, as std::clamp asks: std::max(std::min(v, hi), lo) then gives the same
/// value for every v, NaN included.
inline VD vclamp(VD v, VD lo, VD hi) {
  return vmax(vmin(v, hi), lo);
}
/// Whether any lane of `mask` is set: one test instruction, not a fold over the lanes. (A
/// template, so that only the width's own branch is compiled.)
template <class Mask>
bool any(Mask mask) {
  constexpr int kMaskLanes = sizeof(Mask) / 8;
  if constexpr (kMaskLanes == 8) {
    const auto v = __builtin_bit_cast(__m512i, mask);
    return _mm512_test_epi64_mask(v, v) != 0;
  } else if constexpr (kMaskLanes == 4) {
    const auto v = __builtin_bit_cast(__m256i, mask);
    return _mm256_testz_si256(v, v) == 0;
  } else {
    std::int64_t folded = 0;
    for (int i = 0; i < kMaskLanes; ++i) folded |= mask[i];
    return folded != 0;
  }
}
/// A vector from the kLanes doubles at `from` (an interleaved month of a per-lane series).
inline VD load_lanes(const double* from) {
  VD v;
  __builtin_memcpy(&v, from, sizeof v);
  return v;
}
inline VD lane_bits_to_double(VU x) {
  return __builtin_bit_cast(VD, x);
}
inline VU double_to_lane_bits(VD x) {
  return __builtin_bit_cast(VU, x);
}

#include "../../math/fdlibm_log.ipp"

/// ln x (fdlibm's, fdlibm_log.ipp, < 1 ulp) for every double: 0 gives -inf, a negative x NaN,
/// +inf itself, and a subnormal x is scaled into the normal range first.
inline VD lane_log(VD x) {
  const VI subnormal = x < 0x1.0p-1022;
  const VD result = fdlibm_log(select(subnormal, x * 0x1.0p54, x),
                               select(subnormal, splat(1023.0 + 54.0), splat(1023.0)));
  return select(x == 0.0, splat(-__builtin_inf()),
                select((x < 0.0) | (x != x), splat(__builtin_nan("")),
                       select(x == __builtin_inf(), x, result)));
}

/// ln(1 + x) to within a couple of ulps also for small x: ln u for u = 1 + x rounded, corrected
/// by the rounding error of u to first order (Goldberg's trick, as in many libms).
inline VD lane_log1p(VD x) {
  const VD u = 1.0 + x;
  const VD corrected = lane_log(u) - ((u - 1.0) - x) / u;
  return select(u == 1.0, x, corrected);
}

/// e^x, from fdlibm's e_exp.c (< 1 ulp): x = k ln2 + r with |r| <= ln2 / 2, a rational
/// approximation of e^r, then the exact scaling by 2^k in two halves, so that subnormal results
/// come out right. Overflow gives +inf and deep underflow 0, as std::exp does.
inline VD lane_exp(VD x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700e+00;
  constexpr double kShifter = 0x1.8p52;  // adding it rounds to an integer, kept in the low bits
  const VD clamped = vclamp(x, splat(-746.0), splat(710.0));  // k stays a small integer
  const VD shifted = clamped * kInvLn2 + kShifter;
  const VD k = shifted - kShifter;  // round(x / ln2), exactly
  const VD hi = clamped - k * kLn2Hi;
  const VD lo = k * kLn2Lo;
  const VD r = hi - lo;
  const VD t = r * r;
  const VD c =
      r - t * (1.66666666666666019037e-01 +
               t * (-2.77777777770155933842e-03 +
                    t * (6.61375632143793436117e-05 +
                         t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
  const VD e_r = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  // k as an integer: the low bits of `shifted` (same binade as kShifter, so a difference of bits).
  const VI ki =
      __builtin_bit_cast(VI, double_to_lane_bits(shifted) - double_to_lane_bits(splat(kShifter)));
  const VI k1 = ki >> 1, k2 = ki - k1;
  const VD scale1 = lane_bits_to_double(__builtin_bit_cast(VU, k1 + 1023) << 52);
  const VD scale2 = lane_bits_to_double(__builtin_bit_cast(VU, k2 + 1023) << 52);
  const VD result = e_r * scale1 * scale2;
  return select(x > 709.782712893383973096, splat(__builtin_inf()),
                select(x < -745.133219101941108420, splat(0.0), result));
}
