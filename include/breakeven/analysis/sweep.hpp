// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/analysis/path_statistics.hpp"
#include "breakeven/analysis/plan_runner.hpp"
#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/analysis/results.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {

/// The most points a sweep may have: beyond that a typo in a range (":1000" for ":10") would
/// start a run of hours.
inline constexpr std::size_t kMaxSweepPoints = 10000;

/// One `--vary KEY=V1,V2,...` or `--vary KEY=LO:HI:N`: a dotted key and its values as TOML texts,
/// each applied like `--set KEY=VALUE`.
struct VaryAxis {
  std::string argument;  ///< as the user typed it, for messages
  std::string key;
  std::vector<std::string> values;
};

/// Parses one `--vary` argument. Values are split at commas outside braces, brackets and quotes
/// (so inline-table distributions and money strings pass whole); `LO:HI:N` gives N evenly spaced
/// numbers from LO to HI inclusive, written with 12 significant digits. Throws UsageError naming
/// the argument when there is no '=', no value, or N is not a positive integer.
VaryAxis parse_vary(std::string_view argument);

/// Where a scenario comes from and how every model of an analysis is built from it.
struct ScenarioSource {
  std::string file;                   ///< name for messages and reports
  std::string text;                   ///< the file's TOML
  std::vector<Override> overrides;    ///< --set, applied to the base and before each point's values
  std::optional<std::int64_t> paths;  ///< --paths, else the file's
  std::optional<std::uint64_t> seed;  ///< --seed, else the file's
  bool strict = false;                ///< --strict
};

/// Builds the model of `source` with `overrides` applied like `--set`, paths and seed overridden.
/// Throws ScenarioError as load_scenario and build_model do.
Model build_source_model(const ScenarioSource& source, const std::vector<Override>& overrides = {});

/// A sweep, checked: every point's model was built once before anything runs. Points are in
/// row-major order (the last axis varies fastest). Only the base model is kept; a point's model
/// is rebuilt when it runs (point_model), so a grid of 10,000 points holds one model at a time.
struct SweepPlan {
  std::vector<VaryAxis> axes;
  ScenarioSource source;
  Model base;                                    ///< the file as written (with --set)
  std::vector<std::vector<std::string>> values;  ///< per point, one TOML text per axis
};

/// Checks the grid and builds every point's model once. Throws UsageError naming the `--vary`
/// arguments for more than kMaxSweepPoints points, a key varied twice or simulation.paths or
/// .seed varied, and ScenarioError naming the `--vary` argument (as its file) for an unknown
/// key or a value that fails validation; errors in the file itself are reported as the file's.
SweepPlan plan_sweep(const ScenarioSource& source, std::vector<VaryAxis> axes);

/// The model of point `point` of a checked plan.
Model point_model(const SweepPlan& plan, std::size_t point);

/// The headline figures of one point.
struct SweepFigures {
  std::optional<Estimate> by_target;  ///< none without a break-even target
  Estimate cash_out_first;
  std::string median_breakeven;  ///< period label or "never"
  double funding_need_p50 = 0, funding_need_p90 = 0;
  int runway_p50 = 0;  ///< months; == runway_horizon: beyond the horizon
  int runway_horizon = 0;
  std::int64_t paths = 0;  ///< the paths these figures are of
  /// With a precision goal: where this point's rounds stopped and the half-width reached.
  std::optional<PrecisionOutcome> precision;
};

struct SweepPoint {
  std::vector<std::string> values;  ///< one TOML text per axis
  SweepFigures figures;
  std::optional<PairedDifference> by_target;  ///< against the base; none without a target
  PairedDifference cash_out_first;
  /// The paths the differences are paired on: the first min(base paths, point paths), which is
  /// every path unless a precision goal stopped the two at different counts.
  std::int64_t paired_paths = 0;
};

/// A whole sweep of one scenario file.
struct SweepResult {
  std::string name, file, money_unit, currency;
  std::int64_t paths = 0;  ///< the base's paths (each point's own are in its figures)
  std::uint64_t seed = 0;
  std::optional<std::string> target;
  std::optional<PrecisionGoal> precision;  ///< the goal every point ran to, if any
  std::vector<std::string> keys;
  SweepFigures base;
  std::vector<SweepPoint> points;
};

struct SweepOptions {
  int threads = 0;  ///< 0: all hardware threads
  /// Run the base and every point to this precision instead of a fixed path count: each in
  /// rounds of whole blocks until its own headline P(by target) is known to +- the half-width.
  std::optional<PrecisionGoal> precision;
  /// Paths finished across the base and every point so far, and the total: for a progress line.
  /// With a precision goal the path counts are not known ahead, so both count points instead.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  /// Each point's full result as `run` would summarise it (point index, result); for tests and
  /// for callers that want more than the headline.
  std::function<void(std::size_t point, const ScenarioResult& result)> on_point;
  /// Where each evaluation (the base, a point, a round) runs; none: this process alone. Every
  /// process of a group runs the same sweep and gets the same result.
  PlanRunner* runner = nullptr;
};

/// Runs the base and every point on the same path streams (common random numbers): point i's
/// figures are exactly those of `run FILE --set KEY=V...` with the same seed and paths, and its
/// differences from the base are paired path by path. Identical for every thread count.
/// With a precision goal each point (and the base) stops where `run --precision` would stop for
/// it, so its figures are those of `run FILE --set KEY=V... --paths N` at its own stopping count
/// N; the differences are paired on the paths both ran. Throws UsageError for a bad goal or a
/// base without a break-even target.
SweepResult run_sweep(const SweepPlan& plan, const SweepOptions& options = {});

/// The headline figures of a summarised run.
SweepFigures sweep_figures(const ScenarioResult& result);

}  // namespace breakeven
