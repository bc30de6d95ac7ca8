// SPDX-License-Identifier: MIT
#pragma once

// The parameter table: one row per scalar key of the sections [state], [revenue], [market],
// [orders], [margin], [costs], [other], [tax] and [cash]. Parsing and range checks, the model's
// parameter slots, the correlation key checks, the report's key assumptions and the keys
// `solve --find` can search are all derived from it (docs/architecture.md, "Adding a key").
// Keys inside arrays of tables (funding rounds, events, milestones) and the settings sections
// (company, simulation, breakeven) keep their own readers.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "breakeven/scenario/range.hpp"
#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven {

/// Where each per-path (P) parameter lives in a path's drawn parameter vector. -1: not present.
/// The engine reads these names; the table fills those a row names as its slot.
struct ParamIndex {
  int growth = -1, long_run_growth = -1;
  int market_size = -1, market_growth = -1, share = -1, share_cap = -1, share_speed = -1;
  int gross = -1, gross_long_run = -1;
  int rnd = -1, rnd_growth = -1, sga = -1, sga_growth = -1, sga_variable = -1;
  int sbc = -1, sbc_growth = -1, depreciation = -1;
  int subsidies = -1, interest_rate = -1;
  int capex = -1, working_capital_ratio = -1;
  int policy_amount = -1;
  int orders_backlog = -1, orders_rate = -1, orders_rate_growth = -1;
  std::vector<int> round_amount;  ///< per funding round
};

/// What a key's number stands for: how it may be written, how a report shows it and which
/// grid `solve` searches it on.
enum class ParamUnit {
  money,  ///< the file's money unit; "702M" and "7.02亿" accepted; shown with the unit
  rate,   ///< a fraction (growth, margin, share, volatility); "53.7%" accepted; shown in %
  speed,  ///< a rate per year that is not a fraction of anything: written as a rate, shown plain
  plain,  ///< a pure number (years); shown as written
};

/// Whether a file must give the key.
enum class Presence {
  required,   ///< "required key missing" without it
  defaulted,  ///< `fallback` when absent
  optional,   ///< absent stays absent (a std::optional member)
};

/// The revenue model a key belongs to. [revenue] refuses a "growth" key under another model;
/// [market] is read only under "market", [orders] only under "orders". A (P) key gets its slot
/// only under its model.
enum class ForModel { any, growth, market, orders };

/// When the key is listed among a report's key assumptions: the starting state before the
/// drawn parameters, fixed values after them.
enum class Shown { never, always, if_given, if_nonzero };

/// How `solve --find` searches the key without --between (none: not searchable).
enum class SearchRange {
  none,
  level,          ///< money [0, 4c]
  around,         ///< [c - 0.5, c + 0.5], not below 0
  around_signed,  ///< [c - 0.5, c + 0.5], not below -0.99 (growths, margins)
  unit_interval,  ///< [0, 1]
};

namespace detail {
class TableReader;
}

/// A key with rules of its own (an enum, an array, a requirement that depends on the revenue
/// model) reads itself; the scenario stage defines these readers.
using KeyReader = void (*)(const detail::TableReader&, ScenarioSpec&);

/// The member of ScenarioSpec a row fills. A `Param` member makes the key a per-path (P)
/// parameter: a number or a distribution, drawn once per path (unless `per_order`). An `int`
/// member makes it a whole number (a count of months).
using ParamField =
    std::variant<Param* (*)(ScenarioSpec&), std::optional<Param>* (*)(ScenarioSpec&),
                 double* (*)(ScenarioSpec&), std::optional<double>* (*)(ScenarioSpec&),
                 int* (*)(ScenarioSpec&), std::monostate>;

/// `&at<&ScenarioSpec::costs, &CostsSpec::rnd>`: the accessor of spec.costs.rnd.
template <auto Section, auto Member>
auto* at(ScenarioSpec& spec) {
  return &((spec.*Section).*Member);
}

/// One scenario key.
struct ParamRow {
  std::string_view key{};  ///< dotted TOML path, "costs.rnd"
  ParamUnit unit = ParamUnit::rate;
  Range bounds{};  ///< every value a path may draw lies inside
  Presence presence = Presence::defaulted;
  double fallback = 0;  ///< the default of a `defaulted` key
  /// What an `optional` key the file leaves out amounts to, where it amounts to a number (no
  /// R&D floor is a floor of 0); nullopt: nothing (no starting revenue is not a revenue of 0).
  std::optional<double> absent_as{};
  ParamField field = std::monostate{};
  int ParamIndex::*slot = nullptr;     ///< (P) keys: the index the path code reads
  int ParamIndex::*same_as = nullptr;  ///< an optional (P) key not given: the slot it shares
  ForModel model = ForModel::any;
  /// A distribution drawn afresh for each order (orders.size), not once per path: no slot, no
  /// correlation.
  bool per_order = false;
  Shown shown = Shown::never;
  SearchRange search = SearchRange::none;
  /// nullptr: read from the columns above.
  KeyReader reader = nullptr;

  /// "costs" of "costs.rnd".
  std::string_view section() const { return key.substr(0, key.find('.')); }
  /// "rnd" of "costs.rnd".
  std::string_view name() const { return key.substr(key.find('.') + 1); }
  /// A per-path (P) parameter: drawn once per path, may be correlated.
  bool drawn() const { return distribution() && !per_order; }
  /// Written as a number or a distribution.
  bool distribution() const {
    return std::holds_alternative<Param* (*)(ScenarioSpec&)>(field) ||
           std::holds_alternative<std::optional<Param>* (*)(ScenarioSpec&)>(field);
  }
  /// A whole number (TOML integer).
  bool integral() const { return std::holds_alternative<int* (*)(ScenarioSpec&)>(field); }
};

/// Every row, in reading order within each section, sections in the order of a file's
/// description: state, revenue, market, orders, margin, costs, other, tax, cash. The (P) rows'
/// order is the slot order.
std::span<const ParamRow> param_table();

/// The rows of one section, in table order.
std::vector<const ParamRow*> param_rows(std::string_view section);

/// The row of a dotted key; nullptr when the table does not hold it.
const ParamRow* find_param(std::string_view key);

/// Does the row's key apply under the scenario's revenue model?
bool applies(const ParamRow& row, const ScenarioSpec& spec);

/// The distribution a (P) row holds in `spec`; nullptr when absent (an optional key not given,
/// or a key of another revenue model).
const Param* param_value(const ParamRow& row, const ScenarioSpec& spec);

/// The number a row holds in `spec` (a (P) key: its median); nullopt when absent.
std::optional<double> scalar_value(const ParamRow& row, const ScenarioSpec& spec);

}  // namespace breakeven
