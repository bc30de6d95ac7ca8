// SPDX-License-Identifier: MIT
// What varies across the paths of a model, and the per-path table of it a run records.
#include <limits>

#include <fmt/format.h>

#include "breakeven/analysis/sensitivity.hpp"
#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"

namespace breakeven {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Where each input of sensitivity_inputs() is read from in a path's workspace.
struct InputSources {
  std::vector<std::size_t> slots;   ///< parameters
  std::size_t events = 0;           ///< all events, in model order
  std::vector<std::size_t> rounds;  ///< rounds with 0 < probability < 1
  bool raises = false;
};

InputSources input_sources(const Model& model) {
  InputSources sources;
  for (std::size_t s = 0; s < model.slots.size(); ++s)
    if (!model.slots[s].dist.is_constant()) sources.slots.push_back(s);
  sources.events = model.events.size();
  for (std::size_t r = 0; r < model.rounds.size(); ++r)
    if (model.rounds[r].probability > 0 && model.rounds[r].probability < 1)
      sources.rounds.push_back(r);  // a certain round (either way) varies nothing
  sources.raises = model.policy.has_value();
  return sources;
}

}  // namespace

std::vector<SensitivityInput> sensitivity_inputs(const Model& model) {
  const InputSources sources = input_sources(model);
  std::vector<SensitivityInput> inputs;
  for (std::size_t s : sources.slots) {
    const ParamSlot& slot = model.slots[s];
    SensitivityInput input;
    input.key = input.label = slot.key;
    input.kind = InputKind::parameter;
    input.p10 = slot.dist.quantile(0.10);
    input.p90 = slot.dist.quantile(0.90);
    inputs.push_back(std::move(input));
  }
  auto add_count = [&](std::string key, std::string label, InputKind kind) {
    SensitivityInput input;
    input.key = std::move(key);
    input.label = std::move(label);
    input.kind = kind;
    input.p10 = input.p90 = kNaN;
    inputs.push_back(std::move(input));
  };
  for (std::size_t e = 0; e < sources.events; ++e)
    add_count(fmt::format("events.{}", e), model.events[e].name, InputKind::event);
  for (std::size_t r : sources.rounds)
    add_count(fmt::format("funding.rounds.{}", r), model.rounds[r].name, InputKind::round);
  if (sources.raises) add_count("funding.policy", "successful raises", InputKind::raises);
  return inputs;
}

ScenarioResult run_with_path_table(const Model& model, PathTable& table,
                                   const SensitivityOptions& options) {
  const InputSources sources = input_sources(model);
  const auto paths = static_cast<std::size_t>(model.spec.simulation.paths);
  const std::size_t input_count =
      sources.slots.size() + sources.events + sources.rounds.size() + (sources.raises ? 1 : 0);
  table.inputs.assign(input_count, std::vector<double>(paths));
  for (auto& output : table.outputs) output.assign(paths, 0.0);
  const std::optional<int> target = model.target_period;
  EngineOptions engine;
  engine.threads = options.threads;
  if (options.progress)
    engine.progress = [&options, paths](std::int64_t done) {
      options.progress(done, static_cast<std::int64_t>(paths));
    };
  // Every call writes only row `path` of each column: the table does not depend on the threads.
  RunPlan plan = scenario_run(model);
  plan.on_path = [&](std::size_t, std::int64_t path, const PathOutcome& outcome,
                     const PathWorkspace& ws) {
    const auto i = static_cast<std::size_t>(path);
    std::size_t column = 0;
    for (std::size_t s : sources.slots) table.inputs[column++][i] = ws.draws[s];
    for (std::size_t e = 0; e < sources.events; ++e)
      table.inputs[column++][i] = ws.event_occurrences[e];
    for (std::size_t r : sources.rounds) table.inputs[column++][i] = ws.round_landed[r];
    if (sources.raises) table.inputs[column][i] = ws.raises_succeeded;
    const int period = outcome.breakeven_period;
    const bool broke_even = period >= 0;
    // "Never" ranks after every month of the horizon.
    table.outputs[0][i] =
        broke_even ? model.periods[static_cast<std::size_t>(period)].last_month : model.months;
    table.outputs[1][i] = target && broke_even && period <= *target ? 1.0 : 0.0;
    table.outputs[2][i] = !broke_even && outcome.cashout_month >= 0 ? 1.0 : 0.0;
    table.outputs[3][i] = outcome.funding_need;
  };
  // Under a group each process fills the rows of its share; the others come back with the tallies.
  std::vector<PathColumn> columns;
  for (auto& input : table.inputs) columns.push_back(path_column(input));
  for (auto& output : table.outputs) columns.push_back(path_column(output));
  PlanRunner& runner = options.runner != nullptr ? *options.runner : local_runner();
  return summarize(model, runner.evaluate(plan, engine, columns).scenarios[0]);
}

}  // namespace breakeven
