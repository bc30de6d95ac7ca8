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

SweepPlan plan_sweep(const ScenarioSource& source, std::vector<VaryAxis> axes) {
  if (axes.empty()) throw UsageError("sweep needs at least one --vary KEY=V1,V2,...");
  SweepPlan plan{std::move(axes), build_source_model(source), {}, {}};
  check_grid_size(plan.axes);
  // Each value alone first: the message then names the one argument and value at fault.
  for (const auto& axis : plan.axes)
    for (const auto& value : axis.values)
      if (plan.axes.size() > 1)
        model_with(source, {{axis.key, value}}, "--vary " + axis.argument,
                   fmt::format("{}={}", axis.key, value));
  std::size_t count = 1;
  for (const auto& axis : plan.axes) count *= axis.values.size();
  plan.points.reserve(count);
  for (std::size_t point = 0; point < count; ++point) {
    std::vector<Override> overrides(plan.axes.size());
    std::vector<std::string> values(plan.axes.size());
    std::string values_text;
    std::size_t rest = point;
    for (std::size_t a = plan.axes.size(); a-- > 0;) {
      const VaryAxis& axis = plan.axes[a];
      values[a] = axis.values[rest % axis.values.size()];
      rest /= axis.values.size();
      overrides[a] = {axis.key, values[a]};
    }
    for (const auto& o : overrides)
      values_text += (values_text.empty() ? "" : ", ") + o.key + "=" + o.toml_value;
    plan.points.push_back(model_with(source, overrides, vary_arguments(plan.axes), values_text));
    plan.values.push_back(std::move(values));
  }
  return plan;
}

}  // namespace breakeven
