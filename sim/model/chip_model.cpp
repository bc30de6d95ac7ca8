// SPDX-License-Identifier: MIT
#include "breakeven/model/chip_model.hpp"

#include <fmt/format.h>

#include "breakeven/math/random_stream.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {
namespace {

// Keyed by the dotted name, like every other slot: adding a milestone moves no other draw.
int add_slot(Model& model, std::string key, const Param& dist, ParamUnit unit) {
  const std::uint64_t stream_key = hash_name(key);
  model.slots.push_back({std::move(key), dist, stream_key, unit});
  return static_cast<int>(model.slots.size()) - 1;
}

}  // namespace

void build_milestones(const ScenarioSpec& spec, Model& model) {
  for (std::size_t i = 0; i < spec.milestones.size(); ++i) {
    const MilestoneSpec& milestone = spec.milestones[i];
    const std::string prefix = fmt::format("milestones.{}.", i);
    const int month = milestone.date.ordinal() - spec.simulation.start.ordinal();
    if (month < 0) {
      const std::string key = prefix + "date";
      throw ScenarioError(spec.location_of(key), key,
                          fmt::format("{} is before the simulation starts ({}); a milestone "
                                      "already reached belongs in the starting state",
                                      milestone.date.label(), spec.simulation.start.label()));
    }
    int requires_index = -1;
    for (std::size_t j = 0; j < spec.milestones.size(); ++j)
      if (milestone.requires_name && spec.milestones[j].name == *milestone.requires_name)
        requires_index = static_cast<int>(j);
    model.milestones.push_back(
        {milestone.name, month, milestone.on_success.target, milestone.on_success.ramp_months,
         milestone.max_respins, requires_index,
         add_slot(model, prefix + "success_probability", milestone.success_probability,
                  ParamUnit::rate),
         add_slot(model, prefix + "on_success.effect", milestone.on_success.effect,
                  ParamUnit::rate),
         add_slot(model, prefix + "respin_cost", milestone.respin_cost, ParamUnit::money),
         add_slot(model, prefix + "respin_delay_months", milestone.respin_delay_months,
                  ParamUnit::plain),
         hash_name("milestone:" + milestone.name)});
  }
}

namespace {

struct SizeMoments {
  double mean, second;
};

// E[X] and E[X²] of a contract size by the midpoint rule over its quantiles: every distribution
// has a quantile function, not every one a closed-form second moment.
SizeMoments size_moments(const Distribution& size) {
  constexpr int kPoints = 4096;
  double sum = 0, sum_of_squares = 0;
  for (int i = 0; i < kPoints; ++i) {
    const double x = size.quantile((i + 0.5) / kPoints);
    sum += x;
    sum_of_squares += x * x;
  }
  return {sum / kPoints, sum_of_squares / kPoints};
}

}  // namespace

void build_orders(const ScenarioSpec& spec, Model& model) {
  if (spec.revenue.model != RevenueModel::orders) return;
  if (!spec.orders)
    throw ScenarioError(spec.location_of("revenue.model"), "revenue.model",
                        "model \"orders\" needs an [orders] section");
  const OrdersSpec& orders = *spec.orders;
  constexpr double kInvSqrt12 = 0.28867513459481287;  // volatilities are annual; steps monthly
  const double beta = orders.sector_loading;
  // The slots come from the parameter table, like every (P) key's.
  model.orders = CompiledOrders{model.index.orders_backlog,
                                model.index.orders_rate,
                                model.index.orders_rate_growth,
                                orders.size,
                                orders.backlog_months,
                                orders.delivery_months,
                                orders.volatility * kInvSqrt12 * beta,
                                orders.volatility * kInvSqrt12 * std::sqrt(1.0 - beta * beta)};
  const SizeMoments moments = size_moments(orders.size);
  model.orders->size_mean = moments.mean;
  model.orders->size_second_moment = moments.second;
}

}  // namespace breakeven
