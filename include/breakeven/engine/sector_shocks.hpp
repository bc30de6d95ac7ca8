// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "breakeven/model/model.hpp"

namespace breakeven {

/// The sector-wide shocks Z^sector of one path, indexed by *calendar* month (YearMonth::ordinal).
/// The path's counter-based sector stream (CounterNormals) gives calendar month c its normal
/// number c. So a month's shock depends on (seed, path, calendar month) alone: companies with
/// different start dates share it, and a scenario sees the same shocks alone or in a joint batch,
/// whatever the batch's span.
class SectorShocks {
 public:
  /// Draws the shocks of calendar months [first_month, last_month] for path `path`.
  void fill(std::uint64_t seed, std::uint64_t path, int first_month, int last_month);
  /// Makes these the shocks of path `path` held by someone else: calendar month first_month + i
  /// at values[i * stride]. A group of paths draws its shocks together, interleaved by month
  /// (SectorLanes), and the path kernel then reads a month of every lane with one load. The
  /// values must outlive every use of these shocks (and of their copies).
  void view(std::uint64_t seed, std::uint64_t path, int first_month, int last_month,
            const double* values, int stride);
  /// Whether `fill` or `view` was last called for this path and covers [first_month, last_month].
  bool covers(std::uint64_t seed, std::uint64_t path, int first_month, int last_month) const;
  /// The shock of `calendar_month` and, a stride() apart, those of the months after it; valid up
  /// to the last filled month.
  const double* from(int calendar_month) const {
    const double* values = viewed_ != nullptr ? viewed_ : values_.data();
    return values + (calendar_month - first_month_) * stride_;
  }
  /// How far apart consecutive months lie: 1 when drawn by `fill`.
  int stride() const { return stride_; }

 private:
  // The shocks drawn by fill, or (viewed_ set) those held elsewhere: never a pointer into
  // values_, so that a copy cannot point into its original.
  std::vector<double> values_;
  const double* viewed_ = nullptr;
  int stride_ = 1;
  std::uint64_t seed_ = 0, path_ = 0;
  int first_month_ = 0, last_month_ = -1;
};

/// Whether any month of `model` draws a sector shock (a sector-loaded revenue volatility, or a
/// market volatility): models that do not skip the draws.
bool uses_sector_shocks(const Model& model);

/// The calendar months (YearMonth::ordinal) of a model's first and last simulated month.
int first_calendar_month(const Model& model);
int last_calendar_month(const Model& model);

}  // namespace breakeven
