// SPDX-License-Identifier: MIT
#include "key_readers.hpp"

#include <numeric>

#include "key_ranges.hpp"

namespace breakeven::detail {

void read_revenue_model(const TableReader& table, ScenarioSpec& spec) {
  spec.revenue.model = enum_value<RevenueModel>(table, "model",
                                                {{"growth", RevenueModel::growth},
                                                 {"market", RevenueModel::market},
                                                 {"orders", RevenueModel::orders}},
                                                RevenueModel::growth);
}

void read_seasonality(const TableReader& table, ScenarioSpec& spec) {
  const toml::array* weights = table.array("seasonality");
  if (!weights) return;
  if (weights->size() != 4) {
    table.fail("seasonality",
               "expected four quarterly weights, got " + std::to_string(weights->size()));
  }
  std::array<double, 4> result{};
  for (std::size_t i = 0; i < 4; ++i) {
    result[i] = read_number(*weights->get(i), table.dotted("seasonality") + "." + std::to_string(i),
                            ValueKind::plain, Range::greater_than(0), table.context());
  }
  // Mean 1, so the weights shape the year without changing its total.
  const double mean = std::accumulate(result.begin(), result.end(), 0.0) / 4;
  for (double& weight : result) weight /= mean;
  spec.revenue.seasonality = result;
}

void read_state_revenue(const TableReader& table, ScenarioSpec& spec) {
  StateSpec& state = spec.state;
  if (spec.revenue.model == RevenueModel::orders) {
    // Optional: the working capital held at the start; without it, 12 months of backlog.
    state.revenue = table.number("revenue", ValueKind::money, kPositiveMoney);
  } else if (spec.revenue.model == RevenueModel::market) {
    table.forbid("revenue",
                 "not used with revenue.model = \"market\", where revenue starts at "
                 "market.share x market.size; remove it");
  } else {
    // ln(revenue / 12) starts the revenue path, so it must be positive.
    state.revenue = table.need("revenue", table.number("revenue", ValueKind::money, kPositiveMoney),
                               "the annualised revenue run-rate at the start");
  }
}

}  // namespace breakeven::detail
