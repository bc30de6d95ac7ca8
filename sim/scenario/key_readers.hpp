// SPDX-License-Identifier: MIT
#pragma once

// The keys of the parameter table with rules of their own: each reads its key from the table of
// its section.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "breakeven/scenario/scenario_spec.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

/// The value of an enum key spelled one of `spellings`; `fallback` when the key is absent.
template <typename Enum>
Enum enum_value(const TableReader& table, std::string_view key,
                const std::vector<std::pair<std::string, Enum>>& spellings, Enum fallback) {
  std::vector<std::string> names;
  for (const auto& [name, value] : spellings) names.push_back(name);
  const auto given = table.choice(key, names);
  if (!given) return fallback;
  for (const auto& [name, value] : spellings) {
    if (name == *given) return value;
  }
  return fallback;
}

/// revenue.model: "growth", "market" or "orders".
void read_revenue_model(const TableReader& table, ScenarioSpec& spec);
/// revenue.seasonality: four quarterly weights, normalised to mean 1.
void read_seasonality(const TableReader& table, ScenarioSpec& spec);
/// state.revenue: required, optional or refused depending on revenue.model.
void read_state_revenue(const TableReader& table, ScenarioSpec& spec);

}  // namespace breakeven::detail
