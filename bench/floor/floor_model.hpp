// SPDX-License-Identifier: MIT
#pragma once

// The minimal model issue 15 set its speed goal against: what a path-month costs on this machine
// when a path does only the arithmetic every path of bench/full_featured.toml must do. Its
// constants are that scenario's central values; what it leaves out is listed in
// docs/performance.md ("Ninth session": the floor of this machine).

#include <array>
#include <cstdint>

#include "breakeven/model/model.hpp"

namespace breakeven::floor_bench {

constexpr int kMonths = 90;       // 2025-07 to 2032-12
constexpr int kFirstYearEnd = 5;  // 2025-12: fiscal years close every December
constexpr int kYears = 8;         // 2025 .. 2032
constexpr int kIpoMonth = 4;      // 2025-11
constexpr double kIpoAmount = 75.76;

/// Month-indexed tables and per-path constants, worked out once (scalar, outside the kernel).
struct FloorModel {
  std::array<double, kMonths> growth_decay{}, margin_decay{}, season{};
  double revenue_vol;      // monthly sd of the log revenue's step
  double event_threshold;  // a month's event normal above it: the event arrives (rate 0.15/yr)
  double event_factor;     // revenue factor while the event lasts
};

/// The floor model of `scenario` (bench/full_featured.toml): its month tables and revenue
/// volatility; the rest is the constants here and in floor_lanes.ipp.
FloorModel make_floor_model(const Model& scenario);

/// One path's outcome, summed over the paths of a run.
struct FloorTally {
  std::array<std::uint64_t, kYears + 1> breakeven_by_year{};  // [kYears]: not within the horizon
  std::array<std::uint64_t, kYears + 1> cashout_by_year{};    // [kYears]: never
  double funding_need = 0;  // the standalone track's shortfall below the minimum, summed
  std::uint64_t paths = 0;
};

/// The paths first .. first + lanes - 1 of the floor model, in one group of lanes (1, 4 or 8,
/// the active SIMD target's width), counted into `tally`.
void simulate_floor_group(const FloorModel& model, std::uint64_t seed, std::uint64_t first,
                          int lanes, FloorTally& tally);

}  // namespace breakeven::floor_bench
