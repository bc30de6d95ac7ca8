// SPDX-License-Identifier: MIT
// The natural logarithm of fdlibm's e_log.c (reduction and polynomial, < 1 ulp) on a vector of
// doubles, for the path kernel (lane_math.ipp), so that every width takes logarithms with the
// same operations. Included inside an unnamed namespace (or one nested in it) that defines VD
// (doubles) and VU (unsigned 64-bit integers) of one width: its code has internal linkage, so
// code built for one instruction set is never linked in place of another's.

/// ln x for positive normal doubles x whose exponent field is biased by `bias` (1023; a caller
/// that scaled a subnormal up by 2^54 passes 1023 + 54 for it).
inline VD fdlibm_log(VD x, VD bias) {
  VU u = __builtin_bit_cast(VU, x);
  u += (0x3ff00000ULL - 0x3fe6a09eULL) << 32;  // so that the mantissa lands in [√2/2, √2)
  const VU biased_exponent = u >> 52;
  const VD f = __builtin_bit_cast(VD, (u & 0x000fffffffffffffULL) + (0x3fe6a09eULL << 32)) - 1.0;
  // The exponent as a double without a 64-bit integer conversion (AVX2 has none): exact.
  const VD k = (__builtin_bit_cast(VD, biased_exponent | 0x4330000000000000ULL) - 0x1.0p52) - bias;
  const VD hfsq = 0.5 * f * f;
  const VD s = f / (2.0 + f);
  const VD z = s * s;
  const VD w = z * z;
  const VD t1 = w * (3.999999999940941908e-01 +
                     w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
  const VD t2 = z * (6.666666666666735130e-01 +
                     w * (2.857142874366239149e-01 +
                          w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
  const VD r = t2 + t1;
  return s * (hfsq + r) + k * 1.90821492927058770002e-10 - hfsq + f +
         k * 6.93147180369123816490e-01;
}
