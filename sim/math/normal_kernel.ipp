// SPDX-License-Identifier: MIT
// The counter-based normal generator, written once for any lane count. Each of
// normal_kernel_{scalar,avx2,avx512}.cpp defines BREAKEVEN_NORMAL_LANES, BREAKEVEN_NORMAL_ENTRY
// and BREAKEVEN_LANE_NORMALS_ENTRY and includes this file; the build compiles them for x86-64,
// x86-64-v3 and x86-64-v4 respectively. Everything here has internal linkage and includes no header
// with out-of-line inline functions, so code built for one instruction set can never be linked in
// place of another's (no ODR merging of differently compiled inline functions).
//
// Bit-identical results at every width: each lane runs the same integer operations and the same
// IEEE single-precision operations (+, -, *, /, sqrt, all correctly rounded) in the same order,
// then an exact widening to double; the translation units are compiled with -ffp-contract=off so
// no multiply-add is fused; log, sin and cos are the polynomials below at every width, never a
// vendor libm.
//
// Why single precision: a normal here is a month's shock, and 24 significant bits are far finer
// than any Monte Carlo error of this product (1e-7 against 1e-4 at 10^8 paths). A float vector
// holds twice the lanes of a double one, so each instruction computes two pairs of normals per
// path instead of one (docs/performance.md, "Single-precision normals").
#include <cstddef>
#include <cstdint>

#include <immintrin.h>

namespace {

constexpr int kLanes = BREAKEVEN_NORMAL_LANES;
using VD = double __attribute__((vector_size(8 * kLanes)));
using VU = std::uint64_t __attribute__((vector_size(8 * kLanes)));
// Two pairs of normals per lane are computed in single precision, as one vector of 2 kLanes
// floats (16 in an AVX-512 register): the pair of each lane's first hash in its lower half,
// of its second in the upper.
using VF = float __attribute__((vector_size(8 * kLanes)));
using VW = std::uint32_t __attribute__((vector_size(8 * kLanes)));
using VN = std::int32_t __attribute__((vector_size(8 * kLanes)));

VW bits(VF x) {
  return __builtin_bit_cast(VW, x);
}
VF from_bits(VW x) {
  return __builtin_bit_cast(VF, x);
}

VF vsqrt(VF x) {
#if BREAKEVEN_NORMAL_LANES == 8
  return _mm512_maskz_sqrt_ps(0xffff, x);  // maskz: GCC 12 warns on the unmasked form
#elif BREAKEVEN_NORMAL_LANES == 4
  return _mm256_sqrt_ps(x);
#elif BREAKEVEN_NORMAL_LANES == 2
  return _mm_sqrt_ps(x);
#else
#error "normal_kernel.ipp: BREAKEVEN_NORMAL_LANES must be 2, 4 or 8"
#endif
}

VU mix(VU x) {  // SplitMix64's finaliser, the same as mix64() in random_stream.cpp
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The shuffles below are spelled out per width: a struct of two halves, bit-cast, would go through
// memory, and a wide load of two narrow stores cannot be forwarded (a stall of ~20 cycles).
#if BREAKEVEN_NORMAL_LANES == 8
#define BREAKEVEN_EVEN_WORDS 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30
#define BREAKEVEN_ODD_WORDS 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31
#define BREAKEVEN_LOWER_HALF 0, 1, 2, 3, 4, 5, 6, 7
#define BREAKEVEN_UPPER_HALF 8, 9, 10, 11, 12, 13, 14, 15
#elif BREAKEVEN_NORMAL_LANES == 4
#define BREAKEVEN_EVEN_WORDS 0, 2, 4, 6, 8, 10, 12, 14
#define BREAKEVEN_ODD_WORDS 1, 3, 5, 7, 9, 11, 13, 15
#define BREAKEVEN_LOWER_HALF 0, 1, 2, 3
#define BREAKEVEN_UPPER_HALF 4, 5, 6, 7
#elif BREAKEVEN_NORMAL_LANES == 2
#define BREAKEVEN_EVEN_WORDS 0, 2, 4, 6
#define BREAKEVEN_ODD_WORDS 1, 3, 5, 7
#define BREAKEVEN_LOWER_HALF 0, 1
#define BREAKEVEN_UPPER_HALF 2, 3
#endif

/// The low and the high 32 bits of two vectors of hashes, each as one vector: a's in the lower
/// half, b's in the upper (x86 is little-endian: a hash's low word comes first).
void split_hashes(VU a, VU b, VW& low, VW& high) {
  const VW a_words = __builtin_bit_cast(VW, a), b_words = __builtin_bit_cast(VW, b);
  low = __builtin_shufflevector(a_words, b_words, BREAKEVEN_EVEN_WORDS);
  high = __builtin_shufflevector(a_words, b_words, BREAKEVEN_ODD_WORDS);
}

/// The lower and upper halves of `x`, widened to doubles (exactly).
void widen(VF x, VD& lower, VD& upper) {
  lower = __builtin_convertvector(__builtin_shufflevector(x, x, BREAKEVEN_LOWER_HALF), VD);
  upper = __builtin_convertvector(__builtin_shufflevector(x, x, BREAKEVEN_UPPER_HALF), VD);
}

constexpr std::uint32_t kOneF = 0x3f800000U;  // the bits of 1.0f

/// (k + 0.5) 2^-23 for the 23-bit integer k = x >> 9: a uniform in (0, 1), exactly.
VF open_uniform(VW x) {
  const VF one_plus = from_bits((x >> 9) | kOneF);  // 1 + k 2^-23, exact
  return (one_plus - 1.0f) + 0x1.0p-24f;
}

/// ln x for normal positive floats: the reduction and polynomial of FreeBSD's e_logf.c (as in
/// musl), < 1 ulp.
VF log_float(VF x) {
  VW u = bits(x);
  u += kOneF - 0x3f3504f3U;  // so that the mantissa lands in [√2/2, √2)
  const VF k = __builtin_convertvector(__builtin_bit_cast(VN, u >> 23) - 127, VF);
  const VF f = from_bits((u & 0x007fffffU) + 0x3f3504f3U) - 1.0f;
  const VF s = f / (2.0f + f);
  const VF z = s * s;
  const VF w = z * z;
  const VF t1 = w * (0x1.999c26p-2f + w * 0x1.f13c4cp-3f);
  const VF t2 = z * (0x1.555554p-1f + w * 0x1.23d3dcp-2f);
  const VF hfsq = 0.5f * f * f;
  return s * (hfsq + (t2 + t1)) + k * 9.0580006145e-06f - hfsq + f + k * 6.9313812256e-01f;
}

/// sin and cos on [-π/4, π/4] (Cephes' sinf and cosf polynomials, < 1 ulp in single precision).
VF sin_poly(VF x) {
  const VF z = x * x;
  return ((-1.9515295891e-4f * z + 8.3321608736e-3f) * z - 1.6666654611e-1f) * z * x + x;
}
VF cos_poly(VF x) {
  const VF z = x * x;
  return ((2.443315711809948e-5f * z - 1.388731625493765e-3f) * z + 4.166664568298827e-2f) * z * z -
         0.5f * z + 1.0f;
}

/// Box–Muller on pairs, two per lane: pair j gives normals 2j (r cos θ) and 2j + 1 (r sin θ)
/// from one hash, counter 2j's (`weyl` holds its SplitMix64 state, start + (2j + 1) γ): its low
/// 32 bits make the radius, its high 32 the angle. The angle's top two bits pick the quadrant q
/// and the next 23 the offset a in (-π/4, π/4): θ = q π/2 + a, uniform on the circle, with the
/// quadrant applied by exact swaps and sign flips. Computed in single precision and widened: a
/// month's shock needs no more, and 2 kLanes pairs take the work of kLanes (docs/performance.md).
/// The radius uniform's 23 bits bound |normal| by √(2 ln 2^24) ≈ 5.77, a tail of 8e-9. Inlined
/// into both loops, so that the out-of-order core overlaps one block's latency with the next's.
[[gnu::always_inline]] inline void normal_pairs(VU weyl_a, VU weyl_b, VD& a_even, VD& a_odd,
                                                VD& b_even, VD& b_odd) {
  VW radius_bits, angle_bits;
  split_hashes(mix(weyl_a), mix(weyl_b), radius_bits, angle_bits);
  const VF r = vsqrt(-2.0f * log_float(open_uniform(radius_bits)));
  const VF a = (open_uniform(angle_bits << 2) - 0.5f) * 1.57079632679489661923f;
  const VW q = angle_bits >> 30;
  const VW s = bits(sin_poly(a)), c = bits(cos_poly(a));
  const VW swap = (s ^ c) & (VW{} - (q & 1));      // quadrants 1 and 3 exchange sin and cos
  const VW cos_sign = (((q + 1) >> 1) & 1) << 31;  // cos θ < 0 in quadrants 1 and 2
  const VW sin_sign = (q >> 1) << 31;              // sin θ < 0 in quadrants 2 and 3
  widen(r * from_bits((c ^ swap) ^ cos_sign), a_even, b_even);
  widen(r * from_bits((s ^ swap) ^ sin_sign), a_odd, b_odd);
}

}  // namespace

namespace breakeven::detail {

/// Counter k of the stream (start, gamma) is mix(start + (k + 1) gamma): SplitMix64 with the
/// stream's own odd increment; pair j of normals takes counter 2j's.
void BREAKEVEN_NORMAL_ENTRY(std::uint64_t start, std::uint64_t gamma, std::uint64_t first,
                            double* out, std::size_t n) {
  if (n == 0) return;
  const std::uint64_t end = first + n;
  VU weyl;  // the state of counter 2j for the pair j of each lane (the upper pairs: + kLanes)
  for (int i = 0; i < kLanes; ++i)
    weyl[i] = start + ((first / 2 + static_cast<std::uint64_t>(i)) * 2 + 1) * gamma;
  const std::uint64_t half = 2 * static_cast<std::uint64_t>(kLanes) * gamma;
  // Pairs are drawn 2 kLanes at a time into an interleaved buffer; only the requested counters
  // leave it (a block may start and end in the middle of a pair or of a group of lanes).
  constexpr std::uint64_t kBlock = 4 * kLanes;  // normals a block holds
  for (std::uint64_t pair = first / 2; pair * 2 < end; pair += 2 * kLanes, weyl += 2 * half) {
    VD even[2], odd[2];
    normal_pairs(weyl, weyl + half, even[0], odd[0], even[1], odd[1]);
    double interleaved[kBlock];
    for (int h = 0; h < 2; ++h)
      for (int i = 0; i < kLanes; ++i) {
        interleaved[2 * (h * kLanes + i)] = even[h][i];
        interleaved[2 * (h * kLanes + i) + 1] = odd[h][i];
      }
    const std::uint64_t base = pair * 2;
    if (base >= first && base + kBlock <= end) {  // the common case: a whole block
      __builtin_memcpy(out + (base - first), interleaved, sizeof interleaved);
      continue;
    }
    const std::uint64_t from = base < first ? first : base;
    const std::uint64_t to = base + kBlock < end ? base + kBlock : end;
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
  // Pairs from the one holding normal `first`, two at a time: with an odd first, its even normal
  // is dropped.
  const std::uint64_t first_pair = first / 2;
  const std::uint64_t end = first + n;
  for (std::size_t lane0 = 0; lane0 < count; lane0 += kLanes) {
    VU weyl, gamma;  // the state of counter 2j for the pair j of each lane's stream
    for (int i = 0; i < kLanes; ++i) {
      gamma[i] = gammas[lane0 + static_cast<std::size_t>(i)];
      weyl[i] = starts[lane0 + static_cast<std::size_t>(i)] + (2 * first_pair + 1) * gamma[i];
    }
    const VU step = gamma + gamma;
    for (std::uint64_t k = 2 * first_pair; k < end; k += 4, weyl += step + step) {
      VD normals[4];  // normals k .. k + 3 of every lane
      normal_pairs(weyl, weyl + step, normals[0], normals[1], normals[2], normals[3]);
      for (std::uint64_t i = 0; i < 4; ++i)
        if (k + i >= first && k + i < end)
          __builtin_memcpy(out + (k + i - first) * count + lane0, &normals[i], sizeof(VD));
    }
  }
}

}  // namespace breakeven::detail
