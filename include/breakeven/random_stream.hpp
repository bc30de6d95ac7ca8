// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <pcg_random.hpp>

namespace breakeven {

/// Independent streams inside one path. Keeping draws for different purposes apart means that
/// changing one assumption (say, turning margin noise on) does not shift the draws of another,
/// which keeps sweeps' common random numbers aligned.
enum class Substream : std::uint32_t {
  parameters = 0,  ///< per-path (P) draws and the copula
  sector = 1,      ///< sector-wide shocks: the same for every company in a joint batch
  revenue = 2,     ///< company-specific revenue / share shocks
  margin = 3,      ///< gross-margin noise
  events = 4,      ///< event arrivals, occurrence draws and effects
  funding = 5,     ///< scheduled-round and raise outcomes
};

/// The random numbers of one (seed, path, substream): a pcg64 engine seeded by hashing the three
/// with SplitMix64. Creating one costs ~12 ns (an mt19937 seeding costs hundreds), so every path
/// gets fresh streams and the result cannot depend on which thread ran it.
class RandomStream {
 public:
  using result_type = pcg64::result_type;

  RandomStream(std::uint64_t seed, std::uint64_t path, Substream substream);

  static constexpr result_type min() { return pcg64::min(); }
  static constexpr result_type max() { return pcg64::max(); }
  result_type operator()() { return engine_(); }

  /// Uniform on the open interval (0, 1): never 0, so log(u) and inverse CDFs are safe.
  double uniform() {
    // 53 random bits, offset by half a step so the result is never 0 or 1.
    return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
  }
  /// Standard normal (Boost's ziggurat).
  double normal() { return normal_(engine_); }

 private:
  pcg64 engine_;
  boost::random::normal_distribution<double> normal_;
};

/// SplitMix64 finaliser: a cheap, well-mixed 64-bit hash.
std::uint64_t mix64(std::uint64_t x);

}  // namespace breakeven
