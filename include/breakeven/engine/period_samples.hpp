// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "breakeven/model/model.hpp"
#include "breakeven/scenario/actuals.hpp"

namespace breakeven {

/// One quantity to collect from every path: a flow summed over months first..last (month
/// indices from the start, both inside the simulation), or the cash balance at the end of
/// `last_month`. `booked` is added to every path's sum: the part of the period before the start
/// that the scenario already holds (its year-to-date).
struct SampleWindow {
  ActualMetric metric = ActualMetric::revenue;
  int first_month = 0;
  int last_month = 0;
  double booked = 0;
};

/// The window's value on every path that had not run out of cash by the window's end, in path
/// order; `paths` is the number of paths simulated, so values.size() / paths is the alive share.
struct WindowSamples {
  std::vector<double> values;
  std::int64_t paths = 0;
};

/// Simulates the model's paths (Model::spec.simulation.paths with its seed, the same paths as
/// simulate()) across TBB workers and collects every window from each path's monthly record.
/// Identical for every thread count: each path writes only its own slot.
/// `threads` 0 means all hardware threads.
std::vector<WindowSamples> sample_windows(const Model& model,
                                          const std::vector<SampleWindow>& windows,
                                          int threads = 0);

}  // namespace breakeven
