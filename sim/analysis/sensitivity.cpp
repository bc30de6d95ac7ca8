// SPDX-License-Identifier: MIT
#include "breakeven/analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"

namespace breakeven {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TornadoEnd end_of(const ScenarioResult& result) {
  return {result.breakeven.by_target, result.breakeven.cash_out_first};
}

/// Progress of one of the 2k + 1 runs, as part of the whole.
SensitivityOptions stage(const SensitivityOptions& options, std::int64_t done_before,
                         std::int64_t total) {
  SensitivityOptions run;
  run.threads = options.threads;
  run.runner = options.runner;
  if (options.progress)
    run.progress = [&options, done_before, total](std::int64_t done, std::int64_t) {
      options.progress(done_before + done, total);
    };
  return run;
}

void correlate(const PathTable& table, std::vector<SensitivityInput>& inputs) {
  std::array<std::vector<double>, kSensitivityOutputs> output_ranks;
  for (std::size_t o = 0; o < kSensitivityOutputs; ++o)
    output_ranks[o] = midranks(table.outputs[o]);
  for (std::size_t j = 0; j < inputs.size(); ++j) {
    const std::vector<double> ranks = midranks(table.inputs[j]);
    for (std::size_t o = 0; o < kSensitivityOutputs; ++o)
      inputs[j].rank_correlation[o] = spearman(ranks, output_ranks[o]);
  }
}

std::vector<double> subset(const std::vector<double>& values, const std::vector<double>& flags) {
  std::vector<double> chosen;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (flags[i] != 0) chosen.push_back(values[i]);
  return chosen;
}

double share_positive(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  const auto hits = std::count_if(values.begin(), values.end(), [](double v) { return v > 0; });
  return static_cast<double>(hits) / static_cast<double>(values.size());
}

/// (subset centre - overall centre) / overall sd: the median for parameters; the mean for
/// counts, whose median is 0 on almost every subset whatever the rate.
double tail_score(const SensitivityInput& input, const std::vector<double>& all,
                  const std::vector<double>& chosen, const MeanSd& overall) {
  if (chosen.empty() || !(overall.sd > 0)) return kNaN;
  if (input.kind == InputKind::parameter) return (median(chosen) - median(all)) / overall.sd;
  return (mean_sd(chosen).mean - overall.mean) / overall.sd;
}

void score_tail(const PathTable& table, bool has_target, std::vector<SensitivityInput>& inputs) {
  std::vector<double> missed(table.outputs[1].size());
  for (std::size_t i = 0; i < missed.size(); ++i)
    missed[i] = has_target && table.outputs[1][i] == 0 ? 1.0 : 0.0;
  const std::vector<double>& cashed_out = table.outputs[2];
  for (std::size_t j = 0; j < inputs.size(); ++j) {
    const std::vector<double>& all = table.inputs[j];
    const MeanSd overall = mean_sd(all);
    const std::vector<double> on_cash_out = subset(all, cashed_out);
    const std::vector<double> on_missed = subset(all, missed);
    SensitivityInput& input = inputs[j];
    input.tail.cash_out_first = tail_score(input, all, on_cash_out, overall);
    input.tail.missed_target = has_target ? tail_score(input, all, on_missed, overall) : kNaN;
    if (input.kind != InputKind::parameter)
      input.occurrence = OccurrenceRates{share_positive(all), share_positive(on_cash_out),
                                         has_target ? share_positive(on_missed) : kNaN};
  }
}

double swing(const std::optional<Estimate>& a, const std::optional<Estimate>& b) {
  return a && b ? std::abs(b->p - a->p) : 0.0;
}

/// Parameters first, by their swing in P(by target), then in P(cash-out first); the others keep
/// their order after them.
void sort_by_swing(std::vector<SensitivityInput>& inputs) {
  std::stable_sort(inputs.begin(), inputs.end(),
                   [](const SensitivityInput& a, const SensitivityInput& b) {
                     if (!a.tornado || !b.tornado) return a.tornado && !b.tornado;
                     const auto& ta = *a.tornado;
                     const auto& tb = *b.tornado;
                     const double sa = swing(ta[0].by_target, ta[1].by_target);
                     const double sb = swing(tb[0].by_target, tb[1].by_target);
                     if (sa != sb) return sa > sb;
                     return std::abs(ta[1].cash_out_first.p - ta[0].cash_out_first.p) >
                            std::abs(tb[1].cash_out_first.p - tb[0].cash_out_first.p);
                   });
}

/// The slots whose distribution is not a constant: the k parameters of the 2k tornado runs.
std::vector<std::size_t> slots_that_vary(const Model& model) {
  std::vector<std::size_t> slots;
  for (std::size_t s = 0; s < model.slots.size(); ++s)
    if (!model.slots[s].dist.is_constant()) slots.push_back(s);
  return slots;
}

/// The runs of a sensitivity with these slots varying: the base run and two per slot.
std::int64_t run_count(const std::vector<std::size_t>& varying_slots) {
  return static_cast<std::int64_t>(2 * varying_slots.size() + 1);
}

}  // namespace

std::int64_t sensitivity_path_count(const Model& model) {
  return run_count(slots_that_vary(model)) * model.spec.simulation.paths;
}

SensitivityResult run_sensitivity(const Model& model, const SensitivityOptions& options) {
  std::vector<SensitivityInput> inputs = sensitivity_inputs(model);
  const std::int64_t paths = model.spec.simulation.paths;
  const std::vector<std::size_t> varying_slots = slots_that_vary(model);
  const std::int64_t runs = run_count(varying_slots);

  PathTable table;
  const ScenarioResult base = run_with_path_table(model, table, stage(options, 0, runs * paths));
  correlate(table, inputs);
  const bool has_target = base.breakeven.by_target.has_value();
  score_tail(table, has_target, inputs);
  SensitivityResult result;
  result.cash_out_first_paths =
      static_cast<std::int64_t>(std::count(table.outputs[2].begin(), table.outputs[2].end(), 1.0));
  result.missed_target_paths = has_target
                                   ? static_cast<std::int64_t>(std::count(
                                         table.outputs[1].begin(), table.outputs[1].end(), 0.0))
                                   : 0;
  table = PathTable{};  // the tornado runs need none of it

  // Parameters come first in sensitivity_inputs(), in slot order, as in varying_slots.
  for (std::size_t k = 0; k < varying_slots.size(); ++k) {
    std::array<TornadoEnd, 2> ends;
    for (int side = 0; side < 2; ++side) {
      // Only this slot's distribution changes: every path keeps all its other draws (the copula
      // included, which works on the uniforms), so the difference is this input's alone.
      Model fixed = model;
      const double value = side == 0 ? inputs[k].p10 : inputs[k].p90;
      fixed.slots[varying_slots[k]].dist = Distribution::constant_value(value);
      const std::int64_t done_before = (1 + 2 * static_cast<std::int64_t>(k) + side) * paths;
      EngineOptions engine;
      engine.threads = options.threads;
      if (options.progress)
        engine.progress = [&options, done_before, runs, paths](std::int64_t done) {
          options.progress(done_before + done, runs * paths);
        };
      PlanRunner& runner = options.runner != nullptr ? *options.runner : local_runner();
      ends[static_cast<std::size_t>(side)] =
          end_of(summarize(fixed, runner.evaluate(scenario_run(fixed), engine, {}).scenarios[0]));
    }
    inputs[k].tornado = ends;
  }

  result.name = base.name;
  result.file = base.file;
  result.money_unit = base.money_unit;
  result.currency = base.currency;
  result.paths = base.paths;
  result.seed = base.seed;
  result.target = base.breakeven.target;
  result.base = end_of(base);
  sort_by_swing(inputs);
  result.inputs = std::move(inputs);
  return result;
}

}  // namespace breakeven
