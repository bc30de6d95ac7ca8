// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven {

/// A milestone compiled for the engine: months from the start, and the parameter slots of its
/// per-path (P) values.
struct CompiledMilestone {
  std::string name;
  int month;  ///< first attempt as planned; may lie beyond the horizon
  EventTarget target;
  int ramp_months;
  int max_respins;
  int requires_index;  ///< index into Model::milestones; -1: none
  int success_slot, effect_slot, cost_slot, delay_slot;
  std::uint64_t stream_key;  ///< attempts' outcomes: hash of "milestone:" + name
};

/// Revenue model "orders", compiled: parameter slots, the per-order size, monthly volatilities.
struct CompiledOrders {
  int backlog_slot, rate_slot, growth_slot;
  Distribution size;
  int backlog_months, delivery_months;
  double sector_vol, company_vol;  ///< monthly sd of the order rate's log shocks
  /// E[size] and E[size²]: a month with more orders than the path draws one by one takes its
  /// wins from the compound-Poisson moments instead (step_order_books).
  double size_mean = 0, size_second_moment = 0;
};

struct Model;

/// Adds the milestones' parameter slots and compiled forms to `model`. Throws ScenarioError for
/// a date before the start.
void build_milestones(const ScenarioSpec& spec, Model& model);

/// Adds the order book's parameter slots and compiled form when revenue.model = "orders".
void build_orders(const ScenarioSpec& spec, Model& model);

}  // namespace breakeven
