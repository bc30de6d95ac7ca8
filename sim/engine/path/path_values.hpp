// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: the small values the stages pass each other. Params reads the
// path's drawn parameters; MonthEffects is what events and milestones make of a month (written by
// EventStage and the milestones, read by RevenueStage and CostStage); draw_month_normals fills a
// workspace buffer with a month-indexed block of normals.

#include <cstdint>
#include <limits>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/math/counter_normals.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

constexpr int kNever = std::numeric_limits<int>::max();

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

/// The normals of months 0 .. months - 1 of the path's counter stream for `substream`, drawn in one
/// block (in SIMD lanes where the processor has them): normal m is month m's shock.
const double* draw_month_normals(const Model& model, std::uint64_t seed, std::uint64_t path,
                                 Substream substream, std::vector<double>& into) {
  into.resize(at(model.months));
  CounterNormals(seed, path, substream, model.company_key).fill(0, into.data(), into.size());
  return into.data();
}

/// The path's drawn (P) parameters, looked up by the model's ParamIndex.
struct Params {
  const std::vector<double>& draws;
  double operator()(int slot) const { return draws[at(slot)]; }
};

/// What events and milestones do to one month: level factors and additive shifts.
struct MonthEffects {
  double revenue = 1, growth = 0, gross_margin = 0, rnd = 1, sga = 1;
};

}  // namespace
}  // namespace breakeven
