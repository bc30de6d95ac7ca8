// SPDX-License-Identifier: MIT
#include "orders_reader.hpp"

#include "param_reader.hpp"

namespace breakeven::detail {

void read_orders(const TableReader& table, ScenarioSpec& spec) {
  if (spec.revenue.model != RevenueModel::orders) {
    if (table.present())
      throw ScenarioError(table.table_where(), "orders",
                          "the [orders] section is only used with revenue.model = \"orders\"; "
                          "remove it or set the model");
    return;
  }
  if (!table.present())
    throw ScenarioError(table.table_where(), "orders",
                        "required section missing: revenue.model = \"orders\" needs [orders]");
  table.allow({"backlog", "backlog_months", "rate_per_year", "rate_growth", "size",
               "delivery_months", "sector_loading", "volatility"});
  const Range non_negative = Range::at_least(0);
  OrdersSpec orders;
  orders.backlog = read_param(table, "backlog", ValueKind::money, non_negative)
                       .value_or(Param::constant_value(0));
  orders.backlog_months = static_cast<int>(table.integer("backlog_months", 1).value_or(1));
  orders.rate_per_year = table.need(
      "rate_per_year", read_param(table, "rate_per_year", ValueKind::plain, non_negative));
  // The rate grows as (1 + g) a year: ln(1 + g) must exist.
  orders.rate_growth = read_param(table, "rate_growth", ValueKind::rate, Range::greater_than(-1))
                           .value_or(Param::constant_value(0));
  orders.size = table.need("size", read_param(table, "size", ValueKind::money, non_negative));
  orders.delivery_months = static_cast<int>(table.integer("delivery_months", 1).value_or(1));
  orders.sector_loading =
      table.number("sector_loading", ValueKind::rate, Range::between(0, 1)).value_or(0);
  orders.volatility = table.number("volatility", ValueKind::rate, non_negative).value_or(0);
  spec.orders = std::move(orders);
}

}  // namespace breakeven::detail
