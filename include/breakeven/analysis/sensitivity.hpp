// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/analysis/path_statistics.hpp"
#include "breakeven/analysis/plan_runner.hpp"
#include "breakeven/analysis/results.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// What varies from path to path and can therefore drive the outcome.
enum class InputKind {
  parameter,  ///< a (P) parameter with a distribution: its drawn value
  event,      ///< an event: its occurrences on the path
  round,      ///< a scheduled round with probability < 1: landed (1) or not (0)
  raises,     ///< the funding policy: its successful raises on the path
};

/// The four outcomes every input is correlated with, in this order.
enum class SensitivityOutput { breakeven_month, by_target, cash_out_first, funding_need };
inline constexpr std::size_t kSensitivityOutputs = 4;

/// P(by target) and P(cash-out first) with one input fixed at one end.
struct TornadoEnd {
  std::optional<Estimate> by_target;  ///< none without a break-even target
  Estimate cash_out_first;
};

/// How one input's subset median (or, for counts, its mean) on the bad paths compares with all
/// paths, in standard deviations over all paths; NaN when the subset is empty or the input
/// constant.
struct TailScores {
  double cash_out_first = 0;
  double missed_target = 0;
};

/// Share of paths on which an event happened (or a round landed, or a raise succeeded) at least
/// once: over all paths and on each bad subset.
struct OccurrenceRates {
  double all = 0, cash_out_first = 0, missed_target = 0;
};

struct SensitivityInput {
  std::string key;    ///< "revenue.growth", "events.2", "funding.rounds.1", "funding.policy"
  std::string label;  ///< what a reader calls it: the key, the event's or round's name
  InputKind kind = InputKind::parameter;
  double p10 = 0, p90 = 0;  ///< parameter: its 10th and 90th percentile; else NaN
  std::optional<std::array<TornadoEnd, 2>> tornado;  ///< parameter only: at p10, at p90
  std::array<RankCorrelation, kSensitivityOutputs> rank_correlation;
  TailScores tail;
  std::optional<OccurrenceRates> occurrence;  ///< events, rounds and raises
};

/// A sensitivity analysis of one scenario.
struct SensitivityResult {
  std::string name, file, money_unit, currency;
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
  std::optional<std::string> target;
  TornadoEnd base;
  std::int64_t cash_out_first_paths = 0, missed_target_paths = 0;
  /// Parameters by tornado swing (largest first), then events, rounds and raises in file order.
  std::vector<SensitivityInput> inputs;
};

struct SensitivityOptions {
  int threads = 0;  ///< 0: all hardware threads
  /// Paths finished across all 2k + 1 runs so far, and the total.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  /// Where each of the 2k + 1 runs runs; none: this process alone. Every process of a group
  /// runs the same analysis and gets the same result.
  PlanRunner* runner = nullptr;
};

/// One base run that records every input and output per path (rank correlations, bad tail),
/// then, for each of the k parameters that vary, two runs with it fixed at its 10th and 90th
/// percentile on every path and every other draw unchanged (common random numbers): 2k + 1
/// runs. Per-path values sit in slots indexed by path, so the result is the same for every
/// thread count.
SensitivityResult run_sensitivity(const Model& model, const SensitivityOptions& options = {});

/// The paths run_sensitivity simulates in all: the scenario's paths in each of the 2k + 1 runs
/// (the total its progress reports).
std::int64_t sensitivity_path_count(const Model& model);

/// The per-path values of a run: `inputs[j][path]` for the inputs of sensitivity_inputs(model)
/// and `outputs[o][path]` in SensitivityOutput order. Exposed for tests and tools.
struct PathTable {
  std::vector<std::vector<double>> inputs;
  std::array<std::vector<double>, kSensitivityOutputs> outputs;
};

/// The inputs of `model` in the order PathTable stores them (parameters in slot order, then
/// events, rounds, raises), with key, label, kind and p10/p90 filled in.
std::vector<SensitivityInput> sensitivity_inputs(const Model& model);

/// Runs `model` once and records the per-path table; returns the summary of the run.
ScenarioResult run_with_path_table(const Model& model, PathTable& table,
                                   const SensitivityOptions& options = {});

}  // namespace breakeven
