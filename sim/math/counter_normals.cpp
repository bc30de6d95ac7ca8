// SPDX-License-Identifier: MIT
#include "breakeven/math/counter_normals.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <vector>

namespace breakeven {
namespace detail {
// normal_kernel_{scalar,avx2,avx512}.cpp: one generator, built for three instruction sets.
void fill_normals_scalar(std::uint64_t key_a, std::uint64_t key_b, std::uint64_t first, double* out,
                         std::size_t n);
void fill_normals_avx2(std::uint64_t key_a, std::uint64_t key_b, std::uint64_t first, double* out,
                       std::size_t n);
void fill_normals_avx512(std::uint64_t key_a, std::uint64_t key_b, std::uint64_t first, double* out,
                         std::size_t n);
void fill_lane_normals_scalar(const std::uint64_t* starts, const std::uint64_t* gammas,
                              std::size_t count, std::uint64_t first, std::size_t n, double* out);
void fill_lane_normals_avx2(const std::uint64_t* starts, const std::uint64_t* gammas,
                            std::size_t count, std::uint64_t first, std::size_t n, double* out);
void fill_lane_normals_avx512(const std::uint64_t* starts, const std::uint64_t* gammas,
                              std::size_t count, std::uint64_t first, std::size_t n, double* out);
}  // namespace detail

namespace {

using FillNormals = void (*)(std::uint64_t, std::uint64_t, std::uint64_t, double*, std::size_t);
using FillLaneNormals = void (*)(const std::uint64_t*, const std::uint64_t*, std::size_t,
                                 std::uint64_t, std::size_t, double*);

// Distinct from the salts of RandomStream, so a counter stream and a pcg64 stream of the same
// (seed, path, substream, key) share nothing.
constexpr std::uint64_t kSeedSalt = 0x5851f42d4c957f2dULL;
constexpr std::uint64_t kPathSalt = 0x14057b7ef767814fULL;
constexpr std::uint64_t kSubstreamStep = 0xda942042e4dd58b5ULL;
constexpr std::uint64_t kSecondKeySalt = 0x2545f4914f6cdd1dULL;

// fill_interleaved draws up to this many streams in one call; more go stream by stream.
constexpr std::size_t kMaxInterleaved = 16;

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

/// The generator that draws one stream per lane, and its lanes.
struct LaneKernel {
  int lanes;
  FillLaneNormals fill;
};

LaneKernel lane_kernel_of(SimdTarget target) {
  switch (target) {
    case SimdTarget::avx512:
      return {8, detail::fill_lane_normals_avx512};
    case SimdTarget::avx2:
      return {4, detail::fill_lane_normals_avx2};
    case SimdTarget::scalar:
      break;
  }
  return {2, detail::fill_lane_normals_scalar};
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

void CounterNormals::fill_interleaved(const CounterNormals* streams, int count, std::uint64_t first,
                                      std::size_t n, double* out) {
  const LaneKernel kernel = lane_kernel_of(current_target().load(std::memory_order_relaxed));
  const auto streams_count = static_cast<std::size_t>(count);
  if (count == 1) {  // one stream is its own interleaving (the one-lane twin, path by path)
    streams[0].fill(first, out, n);
    return;
  }
  if (count % kernel.lanes == 0 && streams_count <= kMaxInterleaved) {
    std::array<std::uint64_t, kMaxInterleaved> starts{}, gammas{};
    for (std::size_t s = 0; s < streams_count; ++s) {
      starts[s] = streams[s].key_a_;
      gammas[s] = streams[s].key_b_;
    }
    kernel.fill(starts.data(), gammas.data(), streams_count, first, n, out);
    return;
  }
  // Any other count: stream by stream, then spread into place.
  std::vector<double> own(n);
  for (std::size_t s = 0; s < streams_count; ++s) {
    streams[s].fill(first, own.data(), n);
    for (std::size_t k = 0; k < n; ++k) out[k * streams_count + s] = own[k];
  }
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
