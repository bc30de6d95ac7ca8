// SPDX-License-Identifier: MIT
// The shipped company files use milestones and the order book as docs/calibration.md section 6
// says: MetaX's revenue is an order book starting from its reported backlog, the other three keep
// the growth model, and no file has milestones (the data name no next-generation chip or date).
// The order-book variants of the 2025-06-30 files differ from their growth files only in revenue.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

ScenarioSpec load(const std::string& relative) {
  return load_scenario((std::filesystem::path(BREAKEVEN_SOURCE_DIR) / relative).string());
}

std::vector<std::string> event_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const EventSpec& event : spec.events) names.push_back(event.name);
  return names;
}

}  // namespace

TEST_CASE("company files: MetaX runs on its order book, the others on the growth model",
          "[scenarios][orders]") {
  for (const char* variant : {"", "_bear", "_bull"}) {
    const std::string file = std::string("scenarios/metax") + variant + ".toml";
    CAPTURE(file);
    const ScenarioSpec spec = load(file);
    REQUIRE(spec.revenue.model == RevenueModel::orders);
    REQUIRE(spec.orders.has_value());
    // The 14.30 backlog of 2025-09-05 carried forward, delivered over a year; contracts too.
    CHECK(spec.orders->backlog.kind == DistKind::pert);
    CHECK(spec.orders->backlog.mode == Approx(14.3));
    CHECK(spec.orders->backlog_months == 12);
    CHECK(spec.orders->delivery_months == 12);
    CHECK(spec.orders->rate_per_year.value == Approx(12));
    CHECK(spec.milestones.empty());
  }
  for (const char* company : {"moore_threads", "biren", "enflame"})
    for (const char* variant : {"", "_bear", "_bull"}) {
      const std::string file = std::string("scenarios/") + company + variant + ".toml";
      CAPTURE(file);
      const ScenarioSpec spec = load(file);
      CHECK(spec.revenue.model == RevenueModel::growth);
      CHECK_FALSE(spec.orders.has_value());
      CHECK(spec.milestones.empty());
    }
}

TEST_CASE("company files: the 2025-06-30 order-book variants change only the revenue model",
          "[scenarios][orders]") {
  for (const char* company : {"metax", "moore_threads", "biren", "enflame"}) {
    const std::string name = std::string(company) + ".toml";
    CAPTURE(name);
    const ScenarioSpec growth = load("scenarios/vintage/2025-06-30/" + name);
    const ScenarioSpec orders = load("scenarios/vintage/2025-06-30/orders/" + name);
    CHECK(growth.revenue.model == RevenueModel::growth);
    CHECK(orders.revenue.model == RevenueModel::orders);
    // Same company name, so every stream but the revenue model's draws the same numbers.
    CHECK(orders.company.name == growth.company.name);
    CHECK(orders.simulation.start == growth.simulation.start);
    CHECK(orders.state.cash == growth.state.cash);
    CHECK(orders.state.ytd == growth.state.ytd);
    CHECK(orders.costs.rnd.describe() == growth.costs.rnd.describe());
    CHECK(orders.margin.gross.describe() == growth.margin.gross.describe());
    CHECK(event_names(orders) == event_names(growth));
    CHECK(orders.correlations.size() == growth.correlations.size());
    CHECK(orders.revenue.seasonality == growth.revenue.seasonality);
    // The order rate grows as the growth file's first year does.
    CHECK(orders.orders->rate_growth.describe() == growth.revenue.growth.describe());
  }
  // MetaX's backlog is the reported 14.30 at 2025-09-05.
  const ScenarioSpec metax = load("scenarios/vintage/2025-06-30/orders/metax.toml");
  CHECK(metax.orders->backlog.value == Approx(14.30));
}
