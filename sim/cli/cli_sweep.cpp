// SPDX-License-Identifier: MIT
// `breakeven sweep` and `breakeven sensitivity`: scenario files in, one analysis per file out.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include <fmt/format.h>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/analysis/sensitivity.hpp"
#include "breakeven/analysis/sweep.hpp"
#include "breakeven/report/sensitivity_report.hpp"
#include "breakeven/report/sweep_report.hpp"
#include "breakeven/scenario/errors.hpp"
#include "cli_analysis.hpp"
#include "cli_commands.hpp"
#include "cli_shared.hpp"
#include "command_outputs.hpp"
#include "group_run.hpp"

namespace breakeven {
namespace {

void check_settings(const AnalysisCommand& command) {
  if (command.paths && *command.paths < 1)
    throw UsageError(fmt::format("--paths must be at least 1, not {}", *command.paths));
  if (command.threads < 0)
    throw UsageError(
        fmt::format("--threads must be 0 (all cores) or more, not {}", command.threads));
}

ScenarioSource read_source(const std::string& file, const AnalysisCommand& command) {
  check_readable(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError({file, 0}, "", "cannot be read");
  ScenarioSource source;
  source.file = file;
  source.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  for (const auto& set : command.sets) source.overrides.push_back(parse_override(set));
  source.paths = command.paths;
  source.seed = command.seed;
  source.strict = command.strict;
  return source;
}

// Scenario files, or one batch file: each with the overrides it runs with (--set KEY=V for all,
// the batch file's `set` and --set FILE:KEY=V for its own), and the batch's paths and seed.
std::vector<ScenarioSource> read_sources(const AnalysisCommand& command) {
  RunRequest request;
  for (const auto& text : command.sets) {
    if (auto one = parse_file_override(text))
      request.file_overrides.push_back(std::move(*one));
    else
      request.overrides.push_back(parse_override(text));
  }
  request.paths = command.paths;
  request.seed = command.seed;
  add_files(request, command.files);
  std::vector<ScenarioSource> sources;
  for (const ScenarioEntry& entry : request.scenarios) {
    ScenarioSource source = read_source(entry.file, command);
    source.overrides = entry_overrides(request, entry);
    source.paths = request.paths;
    source.seed = request.seed;
    sources.push_back(std::move(source));
  }
  return sources;
}

void print_warnings(const std::string& file, const Model& model) {
  for (const auto& warning : model.warnings)
    std::cerr << "warning: " << file << ": " << warning << '\n';
}

/// The command line again, for the report's provenance.
std::string command_line(const char* name, const AnalysisCommand& command,
                         const std::vector<std::string>& extra) {
  std::vector<std::string> words{"breakeven", name};
  words.insert(words.end(), command.files.begin(), command.files.end());
  words.insert(words.end(), extra.begin(), extra.end());
  if (command.paths) words.insert(words.end(), {"--paths", std::to_string(*command.paths)});
  if (command.seed) words.insert(words.end(), {"--seed", std::to_string(*command.seed)});
  for (const auto& set : command.sets) words.insert(words.end(), {"--set", set});
  if (command.strict) words.emplace_back("--strict");
  if (command.json) words.insert(words.end(), {"--json", *command.json});
  if (command.out) words.insert(words.end(), {"--out", *command.out});
  return shell_words(words);
}

/// A goal on P(by target) needs a target: refused before any point runs.
void check_precision_headline(const SweepPlan& plan) {
  if (!plan.base.target_period)
    throw UsageError(fmt::format(
        "--precision: {} has no breakeven.target, so P(by target) cannot be made precise: give "
        "one (or --set 'breakeven.target=\"2028\"')",
        plan.source.file));
}

bool shows_terminal(const AnalysisCommand& command) {
  return !command.quiet && !(command.json && *command.json == "-");
}

}  // namespace

int sweep_command(const SweepCommand& command, GroupRun& group) {
  check_settings(command);
  const bool reports = group.is_root();  // under mpirun: rank 0 alone prints and writes
  // A bad path is refused before any work.
  std::optional<CommandOutputs> outputs;
  if (reports) outputs.emplace(command.json, command.out);
  std::vector<VaryAxis> axes;
  for (const auto& text : command.vary) axes.push_back(parse_vary(text));
  // Every file and every point is built and checked before the first path runs.
  std::optional<PrecisionGoal> precision;
  if (command.precision) {
    precision = PrecisionGoal{*command.precision, command.max_paths.value_or(kDefaultMaxPaths)};
    check_precision_goal(*precision);
  }
  std::vector<SweepPlan> plans;
  std::int64_t total = 0;
  for (const ScenarioSource& source : read_sources(command)) {
    plans.push_back(plan_sweep(source, axes));
    if (reports) print_warnings(source.file, plans.back().base);
    if (precision) check_precision_headline(plans.back());
    // With a precision goal the progress line counts runs (base and points), not paths.
    total += (precision ? 1 : plans.back().base.spec.simulation.paths) *
             static_cast<std::int64_t>(plans.back().values.size() + 1);
  }
  const bool terminal = reports && shows_terminal(command);
  // Under mpirun stdout is a relay pseudo-terminal, not the user's: no colour.
  const TerminalStyle style{!group.is_split() && stdout_wants_color()};
  ProgressLine progress("sweep", total, reports && !command.quiet && is_terminal(STDERR_FILENO),
                        precision ? "runs" : "paths");
  std::vector<SweepResult> sweeps;
  std::int64_t done_before = 0;
  for (const SweepPlan& plan : plans) {
    SweepOptions options;
    options.threads = command.threads;
    options.precision = precision;
    options.runner = &group;
    options.progress = [&](std::int64_t done, std::int64_t) {
      progress.update(done_before + done);
    };
    sweeps.push_back(run_sweep(plan, options));
    done_before += (precision ? 1 : plan.base.spec.simulation.paths) *
                   static_cast<std::int64_t>(plan.values.size() + 1);
    if (terminal)
      std::cout << (sweeps.size() > 1 ? "\n" : "") << render_sweep_terminal(sweeps.back(), style)
                << std::flush;
    else if (reports && precision && !command.quiet)
      std::cerr << render_sweep_stop_line(sweeps.back());
  }
  if (!reports) return 0;
  std::vector<std::string> extra;
  for (const auto& vary : command.vary) extra.insert(extra.end(), {"--vary", vary});
  if (command.precision)
    extra.insert(extra.end(), {"--precision", fmt::format("{}", *command.precision)});
  if (command.max_paths)
    extra.insert(extra.end(), {"--max-paths", std::to_string(*command.max_paths)});
  const std::string json_text = sweep_json_text(sweeps);
  std::vector<OutputFile> out_files;
  if (command.out)
    out_files = {{"summary.json", json_text},
                 {"sweep.csv", sweep_csv(sweeps)},
                 {"report.html",
                  render_sweep_html(sweeps, make_provenance(command_line("sweep", command, extra),
                                                            *command.out))}};
  outputs->write(json_text, out_files);
  return 0;
}

int sensitivity_command(const SensitivityCommand& command, GroupRun& group) {
  if (command.precision)
    throw UsageError(
        "--precision: sensitivity runs a fixed path count, as its tornado runs must share one "
        "to stay paired and a goal on P(by target) makes no rank correlation precise; give "
        "--paths N");
  check_settings(command);
  const bool reports = group.is_root();  // under mpirun: rank 0 alone prints and writes
  // A bad path is refused before any work.
  std::optional<CommandOutputs> outputs;
  if (reports) outputs.emplace(command.json, command.out);
  std::vector<Model> models;
  std::int64_t total = 0;
  for (const ScenarioSource& source : read_sources(command)) {
    models.push_back(build_source_model(source));
    if (reports) print_warnings(source.file, models.back());
    total += sensitivity_path_count(models.back());
  }
  const bool terminal = reports && shows_terminal(command);
  // Under mpirun stdout is a relay pseudo-terminal, not the user's: no colour.
  const TerminalStyle style{!group.is_split() && stdout_wants_color()};
  ProgressLine progress("sensitivity", total,
                        reports && !command.quiet && is_terminal(STDERR_FILENO));
  std::vector<SensitivityResult> results;
  std::int64_t done_before = 0;
  for (const Model& model : models) {
    SensitivityOptions options;
    options.threads = command.threads;
    options.runner = &group;
    // Called from the engine's worker threads: it only reads what this thread set before.
    options.progress = [&](std::int64_t done, std::int64_t) {
      progress.update(done_before + done);
    };
    results.push_back(run_sensitivity(model, options));
    done_before += sensitivity_path_count(model);
    if (terminal)
      std::cout << (results.size() > 1 ? "\n" : "")
                << render_sensitivity_terminal(results.back(), style) << std::flush;
  }
  if (!reports) return 0;
  const std::string json_text = sensitivity_json_text(results);
  std::vector<OutputFile> out_files;
  if (command.out)
    out_files = {
        {"summary.json", json_text},
        {"sensitivity.csv", sensitivity_csv(results)},
        {"report.html",
         render_sensitivity_html(
             results, make_provenance(command_line("sensitivity", command, {}), *command.out))}};
  outputs->write(json_text, out_files);
  return 0;
}

}  // namespace breakeven
