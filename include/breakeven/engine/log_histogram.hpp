// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace breakeven {

/// A histogram of signed money values with bins of constant relative width (1/256 of a binary
/// order of magnitude, so a reported quantile is within 0.2 % of the true order statistic),
/// covering magnitudes 2^-40 .. 2^60 in the file's unit; smaller magnitudes count as zero, larger
/// ones land in the end bins. Counts are integers, so merging in any order gives the same result:
/// this is what keeps quantiles independent of the thread count without storing paths.
class LogHistogram {
 public:
  LogHistogram();
  void add(double value);
  void merge(const LogHistogram& other);
  std::uint64_t count() const { return count_; }
  /// The q-quantile (smallest bin whose cumulative count reaches ceil(q * count)), returned as
  /// the bin's midpoint. NaN when empty.
  double quantile(double q) const;
  /// Share of values <= x (bin resolution).
  double cumulative_share(double x) const;

  /// The raw counts, for exact serialisation: one per bin, from the most negative value up.
  const std::vector<std::uint64_t>& bins() const { return bins_; }
  /// Sets bin `index` to `count` (replacing what it held). Throws std::out_of_range for an index
  /// outside the histogram.
  void set_bin(std::size_t index, std::uint64_t count);

 private:
  std::vector<std::uint64_t> bins_;
  std::uint64_t count_ = 0;
};

/// An exactly associative sum: values are rounded to 2^-24 of the money unit and summed in a
/// 128-bit integer, so the mean does not depend on the order in which threads merged.
class ExactSum {
 public:
  void add(double value);
  void merge(const ExactSum& other) { total_ += other.total_; }
  double value() const;

  /// The exact fixed-point total (units of 2^-24), for serialisation.
  __int128 raw() const { return total_; }
  static ExactSum from_raw(__int128 total) {
    ExactSum sum;
    sum.total_ = total;
    return sum;
  }

 private:
  __int128 total_ = 0;
};

}  // namespace breakeven
