// SPDX-License-Identifier: MIT
// [funding]: planned rounds and the policy that raises money when the runway runs short.
#include "funding_reader.hpp"

#include "key_ranges.hpp"
#include "key_readers.hpp"
#include "param_reader.hpp"
#include "section_reader.hpp"

namespace breakeven::detail {
namespace {

FundingRound read_round(const TableReader& table) {
  table.allow({"name", "date", "amount", "probability"});
  FundingRound round;
  table.step([&] { round.name = table.need("name", table.string("name")); });
  table.step(
      [&] { round.date = table.need("date", table.date("date", DateRole::month_or_quarter)); });
  read_required_param(table, "amount", ValueKind::money, kMoney, round.amount);
  table.step(
      [&] { round.probability = table.number("probability", ValueKind::rate, kUnit).value_or(1); });
  return round;
}

FundingPolicy read_policy(const TableReader& table) {
  table.allow({"trigger_runway_months", "size_months", "amount", "success_probability",
               "lag_months", "retry_months", "max_raises", "not_before"});
  FundingPolicy policy;
  table.step([&] {
    policy.trigger_runway_months = to_int(table.need(
        "trigger_runway_months", table.integer("trigger_runway_months", 1, kMaxMonthCount)));
  });
  table.step([&] {
    if (table.has("size_months") && table.has("amount")) {
      table.fail("amount", "give either size_months or amount, not both");
    }
    if (!table.has("size_months") && !table.has("amount")) {
      table.fail_missing("size_months", "or give amount");
    }
  });
  table.step([&] {
    if (const auto months = table.integer("size_months", 1, kMaxMonthCount))
      policy.size_months = to_int(*months);
  });
  table.step([&] { policy.amount = read_param(table, "amount", ValueKind::money, kMoney); });
  table.step([&] {
    policy.success_probability =
        table.number("success_probability", ValueKind::rate, kUnit).value_or(1);
  });
  table.step([&] {
    policy.lag_months = to_int(table.integer("lag_months", 1, kMaxMonthCount).value_or(6));
  });
  table.step([&] {
    policy.retry_months = to_int(table.integer("retry_months", 0, kMaxMonthCount).value_or(6));
  });
  table.step([&] { policy.max_raises = to_int(table.integer("max_raises", 0).value_or(1000000)); });
  table.step([&] { policy.not_before = table.date("not_before", DateRole::month_or_quarter); });
  return policy;
}

}  // namespace

void read_funding(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rounds", "policy"});
  table.step([&] {
    for (const auto& round : table_array(table, "rounds", "[[funding.rounds]]")) {
      spec.rounds.push_back(read_round(round));
    }
  });
  table.step([&] {
    if (const toml::table* policy = table.subtable("policy")) {
      spec.policy = read_policy(
          TableReader(policy, table.dotted("policy"), location_of(*policy), table.context()));
    }
  });
}

}  // namespace breakeven::detail
