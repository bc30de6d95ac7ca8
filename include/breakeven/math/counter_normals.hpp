// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "breakeven/math/random_stream.hpp"

namespace breakeven {

/// A counter-based stream of standard normals: its k-th normal is a pure function of the stream's
/// (seed, path, substream, key) and k, so any run of normals can be drawn in any order, in blocks,
/// several at once in SIMD lanes, and always gives the same numbers. The per-month shocks of a
/// path (sector, company revenue, margin noise) come from these. They are single-precision
/// Box–Muller normals widened to double: 24 significant bits, |z| < 5.77.
class CounterNormals {
 public:
  /// A placeholder (an array's slot), to be assigned a stream before use.
  CounterNormals() = default;
  CounterNormals(std::uint64_t seed, std::uint64_t path, Substream substream,
                 std::uint64_t key = 0);
  /// Writes normals first, first + 1, ..., first + n - 1 to `out`.
  void fill(std::uint64_t first, double* out, std::size_t n) const;
  /// Normal number `k` alone (the same value `fill` writes for it).
  double at(std::uint64_t k) const;
  /// Normals first .. first + n - 1 of `count` streams, interleaved: out[k * count + l] is
  /// normal first + k of streams[l], the value `fill` writes for it. Up to 16 streams, a multiple
  /// of the active SIMD target's generator lanes (2, 4 or 8), are drawn one per lane, so a group of
  /// paths draws its months together.
  static void fill_interleaved(const CounterNormals* streams, int count, std::uint64_t first,
                               std::size_t n, double* out);

 private:
  std::uint64_t key_a_ = 0;  // where the stream's Weyl sequence starts
  std::uint64_t key_b_ = 1;  // its odd increment
};

/// The instruction sets the normal generator is built for. Every one gives bit-identical
/// normals (the same operations in every lane, no fused multiply-add, the same log/sin/cos
/// polynomials), so the choice changes speed only.
enum class SimdTarget { scalar, avx2, avx512 };

/// Whether this processor can run `target` (scalar: always).
bool simd_target_supported(SimdTarget target);
/// The target in use: the widest this processor supports, unless set_simd_target chose another.
SimdTarget active_simd_target();
/// Makes `target` the one used from now on (tests and benchmarks compare targets). Returns
/// false, changing nothing, when the processor cannot run it.
bool set_simd_target(SimdTarget target);
/// "scalar", "avx2" or "avx512".
std::string_view simd_target_name(SimdTarget target);
/// The target named `name`; none for an unknown name.
std::optional<SimdTarget> simd_target_named(std::string_view name);

}  // namespace breakeven
