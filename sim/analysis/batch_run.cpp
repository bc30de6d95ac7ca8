// SPDX-License-Identifier: MIT
#include "breakeven/analysis/batch_run.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "breakeven/analysis/joint_summary.hpp"
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

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::weakly_canonical(a, error) == std::filesystem::weakly_canonical(b, error);
}

ScenarioSpec load_entry(const ScenarioEntry& entry, const RunRequest& request) {
  check_readable(entry.file);
  try {
    return load_scenario(entry.file, entry_overrides(request, entry));
  } catch (const ScenarioError& e) {
    // The same --set can suit one file of a batch and not another: say which one.
    if (e.where().file != "--set") throw;
    throw ScenarioError({fmt::format("{} (--set)", entry.file), 0}, e.key(), e.message());
  }
}

/// Every FILE of `--set FILE:KEY=VALUE` must be a file of the run: a typo would otherwise be a
/// silent no-op.
void check_file_overrides(const RunRequest& request) {
  for (const FileOverride& one : request.file_overrides) {
    const bool found =
        std::any_of(request.scenarios.begin(), request.scenarios.end(),
                    [&](const ScenarioEntry& entry) { return same_file(one.file, entry.file); });
    if (!found)
      throw UsageError(fmt::format("--set {}:{}=...: {} is not one of the run's files", one.file,
                                   one.override_.key, one.file));
  }
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

void add_files(RunRequest& request, const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    if (!is_batch_file(file)) {
      request.scenarios.push_back({file, {}});
      continue;
    }
    if (files.size() != 1)
      throw UsageError(fmt::format("{} is a batch file: give it alone, without other files", file));
    BatchFile batch = load_batch_file(file);
    request.name = batch.name;
    request.scenarios = std::move(batch.scenarios);
    if (!request.paths) request.paths = batch.paths;
    if (!request.seed) request.seed = batch.seed;
  }
}

std::optional<FileOverride> parse_file_override(std::string_view text) {
  const std::size_t equals = text.find('=');
  const std::size_t colon = text.substr(0, equals).rfind(':');
  if (equals == std::string_view::npos || colon == std::string_view::npos) return std::nullopt;
  if (colon == 0) throw UsageError(fmt::format("--set {}: the file before ':' is empty", text));
  return FileOverride{std::string(text.substr(0, colon)), parse_override(text.substr(colon + 1))};
}

std::vector<Override> entry_overrides(const RunRequest& request, const ScenarioEntry& entry) {
  std::vector<Override> overrides = request.overrides;
  overrides.insert(overrides.end(), entry.overrides.begin(), entry.overrides.end());
  for (const FileOverride& one : request.file_overrides)
    if (same_file(one.file, entry.file)) overrides.push_back(one.override_);
  return overrides;
}

LoadedRun load_run(const RunRequest& request) {
  if (request.paths && *request.paths < 1)
    throw UsageError(fmt::format("--paths must be at least 1, not {}", *request.paths));
  if (request.scenarios.empty()) throw UsageError("no scenario file given");
  check_file_overrides(request);
  std::vector<ScenarioSpec> specs;
  specs.reserve(request.scenarios.size());
  for (const ScenarioEntry& entry : request.scenarios) specs.push_back(load_entry(entry, request));
  LoadedRun run;
  run.name = request.name;
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

namespace {

// "MetaX (bear)" and "MetaX" are one company: a trailing parenthesised label names a variant.
std::string company_of(const std::string& name) {
  const std::size_t open = name.rfind(" (");
  if (open == std::string::npos || name.empty() || name.back() != ')') return name;
  return name.substr(0, open);
}

}  // namespace

bool is_joint(const LoadedRun& run) {
  std::set<std::string> names;
  for (const Model& model : run.models) names.insert(company_of(model.spec.company.name));
  return run.models.size() >= 2 && names.size() == run.models.size();
}

RunPlan plan_of(const LoadedRun& run) {
  std::vector<const Model*> models;
  for (const Model& model : run.models) models.push_back(&model);
  RunPlan plan = whole_run(std::move(models), run.seed, run.paths);
  plan.joint = is_joint(run);
  return plan;
}

RunResults summarize_run(const LoadedRun& run, const RunTallies& tallies) {
  RunResults results;
  for (std::size_t i = 0; i < run.models.size(); ++i)
    results.scenarios.push_back(summarize(run.models[i], tallies.scenarios[i]));
  if (tallies.joint) results.joint = summarize_joint(plan_of(run).models, *tallies.joint);
  return results;
}

RunResults run_scenarios(const LoadedRun& run, const EngineOptions& options) {
  return summarize_run(run, simulate(plan_of(run), options));
}

}  // namespace breakeven
