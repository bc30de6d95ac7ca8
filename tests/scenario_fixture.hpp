// SPDX-License-Identifier: MIT
// Small scenarios written as TOML, so each test states its assumptions the way a user would.
#pragma once

#include <string>
#include <vector>

#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven::testing {

/// A deterministic company: no volatility, no tax, revenue 12 a year growing 50 %.
inline const char* const kBaseScenario = R"(
[company]
name = "Test Co"
[simulation]
start = "2025-01"
horizon = "2030-12"
paths = 2000
seed = 7
[state]
cash = 1000
revenue = 12
[revenue]
growth = 0.5
[margin]
gross = 0.5
[costs]
rnd = 10
sga = 2
[tax]
rate = 0
[breakeven]
metric = "operating_income"
period = "month"
)";

inline Model make_model(const std::string& toml, const std::vector<Override>& sets = {},
                        ModelOptions options = {}) {
  return build_model(parse_scenario(toml, "test.toml", sets), options);
}

inline Model base_model(const std::vector<Override>& sets = {}) {
  return make_model(kBaseScenario, sets);
}

inline std::vector<MonthRecord> trace_path(const Model& model, std::uint64_t path = 0) {
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  std::vector<MonthRecord> trace;
  simulate_path(model, model.spec.simulation.seed, path, workspace, outcome, &trace);
  return trace;
}

inline PathOutcome outcome_of(const Model& model, std::uint64_t path = 0) {
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  simulate_path(model, model.spec.simulation.seed, path, workspace, outcome);
  return outcome;
}

inline ScenarioResult run(const Model& model, int threads = 0) {
  return summarize(model, simulate(model, {threads, {}, {}}));
}

}  // namespace breakeven::testing
