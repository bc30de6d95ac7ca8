// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include <string_view>

#include <boost/random/normal_distribution.hpp>
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
  milestones = 6,  ///< milestone attempts' outcomes, one stream per milestone
  orders = 7,      ///< order arrivals and sizes
};

/// The random numbers of one (seed, path, substream, key): a pcg64 engine seeded by hashing them
/// with SplitMix64. Creating one costs ~12 ns (seeding an mt19937 costs microseconds), so every
/// path gets fresh streams and the result cannot depend on which thread ran it. `key` tells apart
/// streams of the same purpose: one per event (keyed by its name), and one set per company in a
/// joint batch. Key 0 is the plain substream.
class RandomStream {
 public:
  using result_type = pcg64::result_type;

  RandomStream(std::uint64_t seed, std::uint64_t path, Substream substream, std::uint64_t key = 0);

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

/// SplitMix64 finaliser: a cheap, well-mixed 64-bit hash (a bijection; mix64(0) == 0). Inline:
/// every stream and keyed draw of a path starts with a handful of them.
inline std::uint64_t mix64(std::uint64_t x) {
  // SplitMix64's finaliser (Steele, Lea & Flood 2014; constants from Stafford's "Mix13"):
  // a bijection on 64 bits in which every input bit affects every output bit.
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// A uniform on (0, 1) that is a pure function of (seed, path, key): a counter-based draw. Each
/// (P) parameter takes its value from its own key (a hash of its dotted name), so adding, removing
/// or reordering other parameters never moves its draw: sweeps keep common random numbers.
double keyed_uniform(std::uint64_t seed, std::uint64_t path, std::uint64_t key);

/// keyed_uniform's draws of one (seed, path), with the hash of (seed, path) taken once: a path
/// draws one uniform per uncertain parameter, and this halves the hashing of each.
class KeyedUniforms {
 public:
  KeyedUniforms(std::uint64_t seed, std::uint64_t path);
  /// keyed_uniform(seed, path, key), to the bit.
  double operator()(std::uint64_t key) const;

 private:
  std::uint64_t path_key_;
};

/// A stable 64-bit hash of a name (FNV-1a, then mixed): the same on every machine and compiler,
/// unlike std::hash.
std::uint64_t hash_name(std::string_view name);

}  // namespace breakeven
