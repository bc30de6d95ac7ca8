// SPDX-License-Identifier: MIT
// Everything a sweep will run, built and checked before the first path is simulated.
#include <set>

#include <fmt/format.h>

#include "breakeven/analysis/sweep.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

std::string vary_arguments(const std::vector<VaryAxis>& axes) {
  std::string text;
  for (const auto& axis : axes) text += (text.empty() ? "--vary " : " --vary ") + axis.argument;
  return text;
}

void check_grid_size(const std::vector<VaryAxis>& axes) {
  std::set<std::string> keys;
  std::size_t points = 1;
  for (const auto& axis : axes) {
    if (axis.key == "simulation.paths" || axis.key == "simulation.seed")
      throw UsageError(
          fmt::format("--vary {}: every point runs on the same paths; use --paths "
                      "and --seed for the whole sweep",
                      axis.argument));
    if (!keys.insert(axis.key).second)
      throw UsageError(
          fmt::format("{}: the key {} is varied twice", vary_arguments(axes), axis.key));
    // Checked before multiplying, so a huge grid cannot overflow the count.
    if (axis.values.size() > kMaxSweepPoints / points)
      throw UsageError(
          fmt::format("{}: more than {} points", vary_arguments(axes), kMaxSweepPoints));
    points *= axis.values.size();
  }
}

/// The model with one override, or a ScenarioError that names the --vary argument as its source.
Model model_with(const ScenarioSource& source, const std::vector<Override>& overrides,
                 const std::string& argument_text, const std::string& values_text) {
  try {
    return build_source_model(source, overrides);
  } catch (const ScenarioError& e) {
    throw ScenarioError({argument_text, 0}, e.key(),
                        fmt::format("with {}: {}", values_text, e.message()));
  }
}

}  // namespace

Model build_source_model(const ScenarioSource& source, const std::vector<Override>& overrides) {
  std::vector<Override> all = source.overrides;
  all.insert(all.end(), overrides.begin(), overrides.end());  // a later value wins
  ScenarioSpec spec = parse_scenario(source.text, source.file, all);
  if (source.paths) spec.simulation.paths = *source.paths;
  if (source.seed) spec.simulation.seed = *source.seed;
  return build_model(spec, ModelOptions{source.strict});
}

namespace {

std::vector<Override> point_overrides(const SweepPlan& plan, std::size_t point) {
  std::vector<Override> overrides;
  for (std::size_t a = 0; a < plan.axes.size(); ++a)
    overrides.push_back({plan.axes[a].key, plan.values[point][a]});
  return overrides;
}

}  // namespace

SweepPlan plan_sweep(const ScenarioSource& source, std::vector<VaryAxis> axes) {
  if (axes.empty()) throw UsageError("sweep needs at least one --vary KEY=V1,V2,...");
  SweepPlan plan{std::move(axes), source, build_source_model(source), {}};
  check_grid_size(plan.axes);
  // Each value alone first: the message then names the one argument and value at fault.
  if (plan.axes.size() > 1)
    for (const auto& axis : plan.axes)
      for (const auto& value : axis.values)
        model_with(source, {{axis.key, value}}, "--vary " + axis.argument,
                   fmt::format("{}={}", axis.key, value));
  std::size_t count = 1;
  for (const auto& axis : plan.axes) count *= axis.values.size();
  plan.values.reserve(count);
  for (std::size_t point = 0; point < count; ++point) {
    std::vector<std::string> values(plan.axes.size());
    std::size_t rest = point;
    for (std::size_t a = plan.axes.size(); a-- > 0;) {
      values[a] = plan.axes[a].values[rest % plan.axes[a].values.size()];
      rest /= plan.axes[a].values.size();
    }
    plan.values.push_back(std::move(values));
    std::string values_text;
    for (const auto& o : point_overrides(plan, point))
      values_text += (values_text.empty() ? "" : ", ") + o.key + "=" + o.toml_value;
    // Built to be checked, then dropped: the run builds it again (point_model).
    model_with(source, point_overrides(plan, point), vary_arguments(plan.axes), values_text);
  }
  return plan;
}

Model point_model(const SweepPlan& plan, std::size_t point) {
  return build_source_model(plan.source, point_overrides(plan, point));
}

}  // namespace breakeven
