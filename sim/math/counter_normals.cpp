// SPDX-License-Identifier: MIT
#include "breakeven/math/counter_normals.hpp"

#include <atomic>
#include <bit>

namespace breakeven {
namespace detail {
// normal_kernel_{scalar,avx2,avx512}.cpp: one generator, built for three instruction sets.
void fill_normals_scalar(std::uint64_t key_a, std::uint64_t key_b, std::uint64_t first, double* out,
                         std::size_t n);
void fill_normals_avx2(std::uint64_t key_a, std::uint64_t key_b, std::uint64_t first, double* out,
                       std::size_t n);
void fill_normals_avx512(std::uint64_t key_a, std::uint64_t key_b, std::uint64_t first, double* out,
                         std::size_t n);
}  // namespace detail

namespace {

using FillNormals = void (*)(std::uint64_t, std::uint64_t, std::uint64_t, double*, std::size_t);

// Distinct from the salts of RandomStream, so a counter stream and a pcg64 stream of the same
// (seed, path, substream, key) share nothing.
constexpr std::uint64_t kSeedSalt = 0x5851f42d4c957f2dULL;
constexpr std::uint64_t kPathSalt = 0x14057b7ef767814fULL;
constexpr std::uint64_t kSubstreamStep = 0xda942042e4dd58b5ULL;
constexpr std::uint64_t kSecondKeySalt = 0x2545f4914f6cdd1dULL;

SimdTarget widest_supported() {
  if (simd_target_supported(SimdTarget::avx512)) return SimdTarget::avx512;
  if (simd_target_supported(SimdTarget::avx2)) return SimdTarget::avx2;
  return SimdTarget::scalar;
}

std::atomic<SimdTarget>& current_target() {
  static std::atomic<SimdTarget> target{widest_supported()};
  return target;
}

FillNormals kernel_of(SimdTarget target) {
  switch (target) {
    case SimdTarget::avx512:
      return detail::fill_normals_avx512;
    case SimdTarget::avx2:
      return detail::fill_normals_avx2;
    case SimdTarget::scalar:
      break;
  }
  return detail::fill_normals_scalar;
}

}  // namespace

CounterNormals::CounterNormals(std::uint64_t seed, std::uint64_t path, Substream substream,
                               std::uint64_t key) {
  const std::uint64_t sub =
      (static_cast<std::uint64_t>(substream) + 1) * kSubstreamStep ^ mix64(key);
  key_a_ = mix64(mix64(seed + kSeedSalt) ^ mix64(path + kPathSalt) ^ sub);
  // Each stream walks its own Weyl sequence: with a shared increment, two streams whose starts
  // happen to lie a few hundred steps apart would share normals. An odd increment with enough
  // bit changes, as SplitMix64's split() makes them (Steele, Lea & Flood 2014).
  std::uint64_t gamma = mix64(key_a_ ^ kSecondKeySalt) | 1;
  if (std::popcount(gamma ^ (gamma >> 1)) < 24) gamma ^= 0xaaaaaaaaaaaaaaaaULL;
  key_b_ = gamma;
}

void CounterNormals::fill(std::uint64_t first, double* out, std::size_t n) const {
  kernel_of(current_target().load(std::memory_order_relaxed))(key_a_, key_b_, first, out, n);
}

double CounterNormals::at(std::uint64_t k) const {
  double value;
  detail::fill_normals_scalar(key_a_, key_b_, k, &value, 1);
  return value;
}

bool simd_target_supported(SimdTarget target) {
  switch (target) {
    case SimdTarget::avx512:  // x86-64-v4
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx2") &&
             __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
    case SimdTarget::avx2:  // x86-64-v3
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
             __builtin_cpu_supports("bmi2");
    case SimdTarget::scalar:
      break;
  }
  return true;
}

SimdTarget active_simd_target() {
  return current_target().load(std::memory_order_relaxed);
}

bool set_simd_target(SimdTarget target) {
  if (!simd_target_supported(target)) return false;
  current_target().store(target, std::memory_order_relaxed);
  return true;
}

std::string_view simd_target_name(SimdTarget target) {
  switch (target) {
    case SimdTarget::avx512:
      return "avx512";
    case SimdTarget::avx2:
      return "avx2";
    case SimdTarget::scalar:
      break;
  }
  return "scalar";
}

std::optional<SimdTarget> simd_target_named(std::string_view name) {
  for (SimdTarget target : {SimdTarget::scalar, SimdTarget::avx2, SimdTarget::avx512})
    if (name == simd_target_name(target)) return target;
  return std::nullopt;
}

}  // namespace breakeven
