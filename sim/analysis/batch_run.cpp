// SPDX-License-Identifier: MIT
#include "breakeven/analysis/batch_run.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "breakeven/analysis/summary.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

// A missing file is a bad scenario with a plain message, whatever the parser would make of it.
void check_readable(const std::string& file) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) throw ScenarioError({file, 0}, "", "no such file");
  if (std::filesystem::is_directory(status))
    throw ScenarioError({file, 0}, "", "is a directory, not a scenario file");
}

ScenarioSpec load_entry(const ScenarioEntry& entry, const RunRequest& request) {
  check_readable(entry.file);
  return load_scenario(entry.file, entry_overrides(request, entry));
}

/// The batch's value of one `simulation` key: the request's, else the first file's, and a later
/// file that disagrees is an error naming both.
template <typename T, typename Get>
T settle(const std::optional<T>& given, const std::vector<ScenarioSpec>& specs, const char* key,
         Get get) {
  if (given) return *given;
  const ScenarioSpec& first = specs.front();
  for (const ScenarioSpec& spec : specs) {
    if (get(spec) == get(first)) continue;
    throw ScenarioError(spec.location_of(key), key,
                        fmt::format("is {} here but {} in {}; a batch runs with one {}: make the "
                                    "files agree or give --{}",
                                    get(spec), get(first), first.file, std::string(key).substr(11),
                                    std::string(key).substr(11)));
  }
  return get(first);
}

}  // namespace

std::vector<Override> entry_overrides(const RunRequest& request, const ScenarioEntry& entry) {
  std::vector<Override> overrides = request.overrides;
  overrides.insert(overrides.end(), entry.overrides.begin(), entry.overrides.end());
  return overrides;
}

LoadedRun load_run(const RunRequest& request) {
  if (request.paths && *request.paths < 1)
    throw UsageError(fmt::format("--paths must be at least 1, not {}", *request.paths));
  if (request.scenarios.empty()) throw UsageError("no scenario file given");
  std::vector<ScenarioSpec> specs;
  specs.reserve(request.scenarios.size());
  for (const ScenarioEntry& entry : request.scenarios) specs.push_back(load_entry(entry, request));
  LoadedRun run;
  run.paths = settle(request.paths, specs, "simulation.paths",
                     [](const ScenarioSpec& s) { return s.simulation.paths; });
  run.seed = settle(request.seed, specs, "simulation.seed",
                    [](const ScenarioSpec& s) { return s.simulation.seed; });
  run.models.reserve(specs.size());
  for (ScenarioSpec& spec : specs) {
    spec.simulation.paths = run.paths;
    spec.simulation.seed = run.seed;
    run.models.push_back(build_model(spec, ModelOptions{request.strict}));
  }
  return run;
}

RunPlan plan_of(const LoadedRun& run) {
  std::vector<const Model*> models;
  for (const Model& model : run.models) models.push_back(&model);
  return whole_run(std::move(models), run.seed, run.paths);
}

RunResults run_scenarios(const LoadedRun& run, const EngineOptions& options) {
  return summarize_run(run, simulate(plan_of(run), options));
}

RunResults summarize_run(const LoadedRun& run, const RunTallies& tallies) {
  RunResults results;
  for (std::size_t i = 0; i < run.models.size(); ++i)
    results.scenarios.push_back(summarize(run.models[i], tallies.scenarios[i]));
  return results;
}

}  // namespace breakeven
