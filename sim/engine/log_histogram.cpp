// SPDX-License-Identifier: MIT
#include "breakeven/engine/log_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace breakeven {
namespace {

// A positive double's bits, shifted right by 44, keep the 11 exponent bits and the top 8
// mantissa bits: a key that grows monotonically with the value, in steps of 1/256 of an octave.
constexpr int kMantissaBitsKept = 8;
constexpr int kShift = 52 - kMantissaBitsKept;
constexpr int kMinExponent = -40;  // magnitudes below 2^-40 of the money unit count as zero
constexpr int kMaxExponent = 60;   // magnitudes from 2^60 up share the last bin

constexpr std::uint64_t key_of_power_of_two(int exponent) {
  return static_cast<std::uint64_t>(1023 + exponent) << kMantissaBitsKept;
}
constexpr std::uint64_t kZeroKey = key_of_power_of_two(kMinExponent) - 1;
constexpr std::uint64_t kTopKey = key_of_power_of_two(kMaxExponent) - 1;
constexpr std::uint64_t kBinsPerSide = kTopKey - kZeroKey;  // 100 octaves * 256
// Layout: negative magnitudes mirrored below the zero bin, so the index is monotone in the value.
constexpr std::uint64_t kZeroBin = kBinsPerSide;
constexpr std::size_t kBinCount = 2 * kBinsPerSide + 1;

constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

inline std::size_t bin_of(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  // NaN and infinities have the largest keys and land in the end bins like other huge values.
  const std::uint64_t key = std::clamp((bits & ~kSignBit) >> kShift, kZeroKey, kTopKey);
  const std::uint64_t offset = key - kZeroKey;
  const std::uint64_t negative = bits >> 63;
  // Branch-free mirror: kZeroBin + offset for x > 0, kZeroBin - offset for x < 0 (wraps back
  // into range in unsigned arithmetic since offset <= kZeroBin).
  return static_cast<std::size_t>(kZeroBin + offset - 2 * negative * offset);
}

/// The value reported for a bin: the midpoint of its range, so the error is at most half a bin
/// (2^-9 relative); exactly 0 for the zero bin.
double bin_midpoint(std::size_t bin) {
  if (bin == kZeroBin) return 0.0;
  const bool negative = bin < kZeroBin;
  const std::uint64_t offset = negative ? kZeroBin - bin : bin - kZeroBin;
  const std::uint64_t key = kZeroKey + offset;
  const double lo = std::bit_cast<double>(key << kShift);
  const double hi = std::bit_cast<double>((key + 1) << kShift);
  const double mid = 0.5 * (lo + hi);
  return negative ? -mid : mid;
}

// A GCC/Clang extension, as in the header; __extension__ keeps -Wpedantic quiet here.
__extension__ typedef __int128 Int128;

/// Scale of ExactSum's fixed point: 2^-24 of the money unit, far below anything reported.
constexpr double kFixedScale = 0x1.0p24;

}  // namespace

LogHistogram::LogHistogram() : bins_(kBinCount, 0) {}

void LogHistogram::add(double value) {
  ++bins_[bin_of(value)];
  ++count_;
}

void LogHistogram::merge(const LogHistogram& other) {
  for (std::size_t i = 0; i < kBinCount; ++i) bins_[i] += other.bins_[i];
  count_ += other.count_;
}

double LogHistogram::quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  q = std::clamp(q, 0.0, 1.0);
  // The ceil(q n)-th smallest value (1-based), at least the first: q = 0 gives the minimum.
  const double n = static_cast<double>(count_);
  const auto target =
      std::clamp(static_cast<std::uint64_t>(std::ceil(q * n)), std::uint64_t{1}, count_);
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBinCount; ++i) {
    cumulative += bins_[i];
    if (cumulative >= target) return bin_midpoint(i);
  }
  return bin_midpoint(kBinCount - 1);  // unreachable: the counts sum to count_
}

double LogHistogram::cumulative_share(double x) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t last = bin_of(x);
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= last; ++i) cumulative += bins_[i];
  return static_cast<double>(cumulative) / static_cast<double>(count_);
}

void ExactSum::add(double value) {
  const double scaled = std::nearbyint(value * kFixedScale);
  // Most money values fit 63 bits at this scale (|value| < 2^39 units); the 128-bit conversion
  // is a library call, so only the rare large value pays for it. NaN and infinities fail both
  // tests and are rejected: they would make the sum meaningless, silently.
  if (std::fabs(scaled) < 0x1.0p62) {
    total_ += static_cast<std::int64_t>(scaled);
  } else if (std::fabs(scaled) < 0x1.0p120) {
    total_ += static_cast<Int128>(scaled);
  } else {
    throw std::domain_error("ExactSum: value is not finite or too large");
  }
}

double ExactSum::value() const {
  return static_cast<double>(total_) / kFixedScale;
}

void LogHistogram::set_bin(std::size_t index, std::uint64_t count) {
  std::uint64_t& bin = bins_.at(index);
  count_ = count_ - bin + count;
  bin = count;
}

}  // namespace breakeven
