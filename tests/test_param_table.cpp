// SPDX-License-Identifier: MIT
// The parameter table against what is derived from it: every row reads from a file, keeps its
// default, gets its slot, shows in the key assumptions and names file, line and key when wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "breakeven/analysis/solve_key.hpp"
#include "breakeven/scenario/param_table.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using Catch::Contains;

namespace {

const char* const kSections[] = {"state", "revenue", "market", "orders", "margin",
                                 "costs", "other",   "tax",    "cash"};

// The revenue model under which the row's key applies.
RevenueModel model_of(const ParamRow& row) {
  switch (row.model) {
    case ForModel::market:
      return RevenueModel::market;
    case ForModel::orders:
      return RevenueModel::orders;
    default:
      return RevenueModel::growth;
  }
}

RevenueModel model_of_section(const std::string& section) {
  if (section == "market") return RevenueModel::market;
  if (section == "orders") return RevenueModel::orders;
  return RevenueModel::growth;
}

bool belongs(const ParamRow& row, RevenueModel model) {
  return row.model == ForModel::any || (row.model != ForModel::growth && model_of(row) == model) ||
         (row.model == ForModel::growth && model == RevenueModel::growth);
}

// A number inside the row's bounds, as a file writes it.
double valid_number(const ParamRow& row) {
  if (row.integral()) return 5;
  return row.unit == ParamUnit::money ? 5.0 : 0.25;
}

// A whole number for an integer key, else a TOML float.
std::string number_text(double x, bool integral = false) {
  if (integral) return std::to_string(static_cast<long long>(x));
  std::ostringstream out;
  out.precision(17);
  out << x;
  std::string text = out.str();
  // A TOML float needs a point or an exponent.
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

// A file under revenue model `model` giving every required key of the table a valid value,
// `set` overriding or adding keys (dotted), `drop` leaving one out.
std::string scenario_text(RevenueModel model, const std::map<std::string, std::string>& set,
                          const std::string& drop = "") {
  std::string text =
      "[company]\nname = \"Table Co\"\n[simulation]\nstart = \"2025-01\"\n"
      "horizon = \"2028-12\"\npaths = 40\nseed = 3\n";
  for (const char* section : kSections) {
    std::string lines;
    for (const ParamRow* row : param_rows(section)) {
      const std::string key(row->key);
      if (key == drop) continue;
      std::string value;
      if (set.count(key)) {
        value = set.at(key);
      } else if (key == "revenue.model") {
        if (model == RevenueModel::market) value = "\"market\"";
        if (model == RevenueModel::orders) value = "\"orders\"";
      } else if (key == "state.revenue") {
        if (model == RevenueModel::growth) value = "12";
      } else if (row->presence == Presence::required && !row->reader && belongs(*row, model)) {
        value = number_text(valid_number(*row), row->integral());
      }
      if (!value.empty()) lines += std::string(row->name()) + " = " + value + "\n";
    }
    for (const auto& [key, value] : set)
      if (key.rfind(std::string(section) + ".", 0) == 0 && !find_param(key))
        lines += key.substr(key.find('.') + 1) + " = " + value + "\n";
    if (!lines.empty()) text += "[" + std::string(section) + "]\n" + lines;
  }
  return text;
}

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "x.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// 1-based line of `line_start` within the [section] of `text`.
int line_of(const std::string& text, const std::string& section, const std::string& line_start) {
  std::istringstream in(text);
  std::string line;
  bool inside = false;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.rfind("[", 0) == 0) inside = line == "[" + section + "]";
    if (inside && line.rfind(line_start, 0) == 0) return number;
  }
  return 0;
}

// A value outside the row's bounds: on an open bound itself, else one beyond it.
std::optional<double> outside(const ParamRow& row) {
  if (std::isfinite(row.bounds.lo)) return row.bounds.lo_open ? row.bounds.lo : row.bounds.lo - 1;
  if (std::isfinite(row.bounds.hi)) return row.bounds.hi_open ? row.bounds.hi : row.bounds.hi + 1;
  return std::nullopt;
}

}  // namespace

TEST_CASE("param table: keys are unique, dotted, and (P) rows alone have slots", "[param_table]") {
  std::set<std::string_view> keys;
  for (const ParamRow& row : param_table()) {
    INFO(row.key);
    CHECK(keys.insert(row.key).second);
    CHECK(row.key.find('.') != std::string_view::npos);
    CHECK(find_param(row.key) == &row);
    // The path code reads every drawn key through its slot.
    CHECK(row.drawn() == (row.slot != nullptr));
    if (row.same_as) CHECK(row.presence == Presence::optional);
    if (!row.reader) CHECK_FALSE(std::holds_alternative<std::monostate>(row.field));
    if (!row.reader && row.presence != Presence::optional) {
      const double fallback = row.fallback;
      CHECK(row.bounds.contains(row.presence == Presence::required ? valid_number(row) : fallback));
    }
  }
  CHECK(find_param("costs.no_such_key") == nullptr);
  // Each slot is read by the path code for one key only.
  std::vector<int ParamIndex::*> slots;
  for (const ParamRow& row : param_table()) {
    if (!row.slot) continue;
    INFO(row.key);
    CHECK(std::find(slots.begin(), slots.end(), row.slot) == slots.end());
    slots.push_back(row.slot);
  }
}

TEST_CASE("param table: every row reads from a file and keeps its default", "[param_table]") {
  for (const ParamRow& row : param_table()) {
    if (row.reader) continue;
    INFO(row.key);
    const RevenueModel market = model_of(row);
    const double value = valid_number(row);
    const ScenarioSpec given = parse_scenario(
        scenario_text(market, {{std::string(row.key), number_text(value, row.integral())}}), "x");
    CHECK(scalar_value(row, given) == value);
    if (row.presence == Presence::required) {
      CHECK_THAT(error_of(scenario_text(market, {}, std::string(row.key))),
                 Contains(std::string(row.key) + ": required key missing"));
      continue;
    }
    const ScenarioSpec absent = parse_scenario(scenario_text(market, {}), "x");
    if (row.presence == Presence::defaulted) {
      CHECK(scalar_value(row, absent) == row.fallback);
    } else if (row.same_as) {
      // Not given: the key it defaults to.
      CHECK(scalar_value(row, absent) == value);
    } else {
      CHECK(scalar_value(row, absent) == row.absent_as);
    }
  }
}

TEST_CASE("param table: unknown keys are refused naming file, line and key", "[param_table]") {
  for (const char* section : kSections) {
    INFO(section);
    const RevenueModel market = model_of_section(section);
    const std::string key = std::string(section) + ".bogus_key";
    const std::string text = scenario_text(market, {{key, "1"}});
    const int line = line_of(text, section, "bogus_key");
    REQUIRE(line > 0);
    CHECK_THAT(error_of(text),
               Contains("x.toml:" + std::to_string(line) + ": " + key + ": unknown key"));
  }
}

TEST_CASE("param table: out-of-bounds values name file, line and key", "[param_table]") {
  for (const ParamRow& row : param_table()) {
    const auto bad = outside(row);
    if (row.reader || !bad) continue;
    INFO(row.key);
    const std::string text =
        scenario_text(model_of(row), {{std::string(row.key), number_text(*bad, row.integral())}});
    const int line = line_of(text, std::string(row.section()), std::string(row.name()) + " =");
    REQUIRE(line > 0);
    CHECK_THAT(error_of(text), Contains("x.toml:" + std::to_string(line) + ": " +
                                        std::string(row.key) + ": must be"));
  }
}

TEST_CASE("param table: every (P) row gets its slot and shows in the key assumptions",
          "[param_table]") {
  for (const ParamRow& row : param_table()) {
    if (!row.slot) continue;
    INFO(row.key);
    const double lo = valid_number(row) * 0.8;
    const double hi = valid_number(row) * 1.2;
    const std::string dist =
        "{ dist = \"uniform\", min = " + number_text(lo) + ", max = " + number_text(hi) + " }";
    const std::string text = scenario_text(model_of(row), {{std::string(row.key), dist}});
    const Model model = testing::make_model(text);
    const int slot = model.index.*row.slot;
    REQUIRE(slot >= 0);
    REQUIRE(static_cast<std::size_t>(slot) < model.slots.size());
    CHECK(model.slots[static_cast<std::size_t>(slot)].key == row.key);
    CHECK(model.slots[static_cast<std::size_t>(slot)].unit == row.unit);
    CHECK(model.slots[static_cast<std::size_t>(slot)].dist.quantile(0.5) ==
          Approx(valid_number(row)));
    const ScenarioResult result = testing::run(model, 1);
    bool shown = false;
    for (const Assumption& assumption : result.assumptions)
      shown = shown || (assumption.key == row.key && assumption.value.find("uniform") == 0);
    CHECK(shown);
  }
}

TEST_CASE("param table: an optional (P) key not given shares its default's slot", "[param_table]") {
  const Model model = testing::make_model(scenario_text(RevenueModel::growth, {}));
  CHECK(model.index.long_run_growth == model.index.growth);
  CHECK(model.index.gross_long_run == model.index.gross);
  // Keys of the other revenue model get no slot.
  CHECK(model.index.market_size == -1);
}

TEST_CASE("param table: correlations name why a key cannot be correlated", "[param_table]") {
  auto error_with = [&](const std::string& key) {
    std::string text = scenario_text(RevenueModel::growth, {}) +
                       "[[correlation]]\nbetween = [\"revenue.growth\", \"" + key +
                       "\"]\nrho = 0.5\n";
    try {
      testing::make_model(text);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_with("revenue.volatility"), Contains("one fixed number for every path"));
  CHECK_THAT(error_with("market.size"), Contains("this revenue.model does not use it"));
  CHECK_THAT(error_with("margin.long_run"), Contains("the file does not give it"));
  CHECK_THAT(error_with("costs.nothing"),
             Contains("'costs.nothing' is not a per-path (P) parameter of this scenario"));
  CHECK(error_with("costs.rnd") == "no error");
}

TEST_CASE("param table: solve searches the table's keys on their unit's grid", "[param_table]") {
  CHECK(solve_key("costs.rnd").kind == KeyKind::money);
  CHECK(solve_key("tax.rate").probability);
  CHECK(solve_key("margin.gross").growth);
  CHECK(solve_key("revenue.volatility").kind == KeyKind::rate);
  CHECK_FALSE(solve_key("revenue.volatility").growth);
  CHECK_THROWS_AS(solve_key("market.size"), UsageError);
  // An absent R&D floor is a floor of 0; an absent long-run margin is the starting one.
  const ScenarioSpec spec =
      parse_scenario(scenario_text(RevenueModel::growth, {{"margin.gross", "0.4"}}), "x");
  CHECK(current_tick(solve_key("costs.rnd_revenue_floor"), spec) == 0);
  CHECK(current_tick(solve_key("margin.long_run"), spec) == 400);
}

TEST_CASE("param table: slots outside the table carry their own unit into the assumptions",
          "[param_table]") {
  // Milestones add slots of their own, the order book its slots from the table; a respin's cost
  // is money and a delay or an order rate a plain number, not a percent.
  const Model model =
      build_model(load_scenario(BREAKEVEN_SOURCE_DIR "/scenarios/example_chip.toml"));
  std::map<std::string, ParamUnit> units;
  for (const ParamSlot& slot : model.slots) units[slot.key] = slot.unit;
  CHECK(units.at("milestones.1.respin_cost") == ParamUnit::money);
  CHECK(units.at("milestones.1.respin_delay_months") == ParamUnit::plain);
  CHECK(units.at("milestones.1.success_probability") == ParamUnit::rate);
  CHECK(units.at("orders.backlog") == ParamUnit::money);
  CHECK(units.at("orders.rate_per_year") == ParamUnit::plain);
  const ScenarioResult result = testing::run(model, 1);
  for (const Assumption& assumption : result.assumptions) {
    INFO(assumption.key << " = " << assumption.value);
    if (assumption.key == "milestones.1.respin_cost" || assumption.key == "orders.backlog")
      CHECK(assumption.value.find('%') == std::string::npos);
  }
}

TEST_CASE("param table: [orders] reports every bad key of a file in one pass", "[param_table]") {
  const std::string text = scenario_text(RevenueModel::orders,
                                         {{"orders.backlog_months", "0"},
                                          {"orders.volatility", "-0.5"},
                                          {"orders.rate_per_yeer", "3"}},
                                         "orders.rate_per_year");
  std::vector<std::string> messages;
  try {
    parse_scenario(text, "x.toml");
  } catch (const ScenarioErrors& errors) {
    for (const ScenarioError& error : errors.errors()) messages.emplace_back(error.what());
  }
  auto reported = [&](const std::string& key, const std::string& what) {
    const std::string name = key.substr(key.find('.') + 1);
    const std::string where =
        "x.toml:" + std::to_string(line_of(text, "orders", name + " =")) + ": " + key + ": " + what;
    for (const std::string& message : messages)
      if (message.find(where) != std::string::npos) return true;
    return false;
  };
  INFO(text);
  CHECK(reported("orders.backlog_months", "must be a whole number at least 1, got 0"));
  CHECK(reported("orders.volatility", "must be"));
  CHECK(reported("orders.rate_per_yeer", "unknown key; did you mean 'rate_per_year'?"));
  // The required key the misspelling stood for is missing too, but the typo says why.
  CHECK(messages.size() == 3);
}

TEST_CASE("param table: [orders] keys are refused above their bounds", "[param_table]") {
  const std::pair<std::string, std::string> too_big[] = {
      {"orders.backlog_months", "601"},   {"orders.delivery_months", "601"},
      {"orders.rate_per_year", "1001.0"}, {"orders.rate_growth", "10.5"},
      {"orders.volatility", "5.5"},       {"orders.size", "2e15"},
      {"orders.backlog", "2e15"},         {"orders.sector_loading", "1.5"}};
  for (const auto& [key, value] : too_big) {
    INFO(key);
    const std::string text = scenario_text(RevenueModel::orders, {{key, value}});
    const std::string name = key.substr(key.find('.') + 1);
    CHECK_THAT(error_of(text),
               Contains("x.toml:" + std::to_string(line_of(text, "orders", name + " =")) + ": " +
                        key + ": must be"));
  }
  // The order book's (P) keys get their slots from the table; the order size is drawn per order.
  const Model model = testing::make_model(scenario_text(RevenueModel::orders, {}));
  CHECK(model.index.orders_backlog >= 0);
  CHECK(model.index.orders_rate >= 0);
  CHECK(model.orders->rate_slot == model.index.orders_rate);
  CHECK_FALSE(find_param("orders.size")->drawn());
}
