// SPDX-License-Identifier: MIT
#include "breakeven/math/random_stream.hpp"

#include <cstdint>

namespace breakeven {
namespace {

using u128 = pcg_extras::pcg128_t;

// Distinct odd constants keep the roles of seed, path and substream apart: without them
// mix64(0) == 0 and (seed 0, path 0) would start from an all-zero state.
constexpr std::uint64_t kSeedSalt = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio
constexpr std::uint64_t kSubstreamStep = 0xd1b54a32d192ed03ULL;
constexpr std::uint64_t kPathSalt = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kIncSaltLo = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kIncSaltHi = 0x8ebc6af09c88c6e3ULL;

u128 join(std::uint64_t hi, std::uint64_t lo) {
  return (u128(hi) << 64) | u128(lo);
}

// The 128-bit state is injective in (path, substream) for a given seed: its low half is a
// bijection of the path, its high half (for a fixed path) a bijection of the substream. So no two
// streams of one run start from the same state, and since every mix64 is a bijection each half
// is still well mixed. The increment (stream selector) is hashed from both halves as well, so
// neighbouring paths differ in state and increment alike: PCG streams that differ only in the
// increment are known to be correlated.
// A non-zero key is folded into the substream's half; mix64(0) == 0, so key 0 leaves the plain
// substream as it was (distinct keys collide only with probability 2^-64).
pcg64 make_engine(std::uint64_t seed, std::uint64_t path, Substream substream, std::uint64_t key) {
  const std::uint64_t seed_key = mix64(seed + kSeedSalt);
  const std::uint64_t sub_key =
      mix64(seed_key ^ ((static_cast<std::uint64_t>(substream) + 1) * kSubstreamStep) ^ mix64(key));
  const std::uint64_t lo = mix64((path ^ kPathSalt) + seed_key);
  const std::uint64_t hi = mix64(sub_key ^ mix64(path + kPathSalt));
  const u128 stream = join(mix64(lo ^ kIncSaltHi), mix64(hi ^ kIncSaltLo));
  return pcg64(join(hi, lo), stream);
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t path, Substream substream,
                           std::uint64_t key)
    : engine_(make_engine(seed, path, substream, key)) {}

double keyed_uniform(std::uint64_t seed, std::uint64_t path, std::uint64_t key) {
  return KeyedUniforms(seed, path)(key);
}

// Two rounds of mixing over (seed, path) and the key; the top 53 bits, offset by half a step,
// give a uniform that is never 0 or 1.
KeyedUniforms::KeyedUniforms(std::uint64_t seed, std::uint64_t path)
    : path_key_(mix64(mix64(seed + kSeedSalt) ^ (path + kPathSalt))) {}

double KeyedUniforms::operator()(std::uint64_t key) const {
  const std::uint64_t bits = mix64(path_key_ ^ mix64(key ^ kIncSaltLo));
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

}  // namespace breakeven
