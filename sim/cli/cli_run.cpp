// SPDX-License-Identifier: MIT
// The `run` and `validate` subcommands: scenario files in, reports out.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/analysis/overflow.hpp"
#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/report/atomic_file.hpp"
#include "breakeven/report/batch_table.hpp"
#include "breakeven/report/joint_table.hpp"
#include "breakeven/report/json_report.hpp"
#include "breakeven/report/output_commit.hpp"
#include "breakeven/report/output_dir.hpp"
#include "breakeven/report/precision_report.hpp"
#include "breakeven/report/terminal_report.hpp"
#include "breakeven/scenario/diagnostics.hpp"
#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/scenario_parser.hpp"
#include "cli_commands.hpp"
#include "cli_shard.hpp"
#include "cli_shared.hpp"
#include "cli_trace.hpp"
#include "command_outputs.hpp"
#include "group_run.hpp"

namespace breakeven {
namespace {

void print_warnings(const std::string& file, const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) std::cerr << "warning: " << file << ": " << warning << '\n';
}

// `--set KEY=VALUE` applies to every file, `--set FILE:KEY=VALUE` to FILE only.
RunRequest run_request(const std::vector<std::string>& sets, bool strict) {
  RunRequest request;
  for (const auto& text : sets) {
    if (auto one = parse_file_override(text))
      request.file_overrides.push_back(std::move(*one));
    else
      request.overrides.push_back(parse_override(text));
  }
  request.strict = strict;
  return request;
}

int trace_paths(const RunCommand& command, const std::vector<Model>& models) {
  const std::int64_t index = *command.trace_path;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const Model& model = models[i];
    const std::int64_t paths = model.spec.simulation.paths;
    if (index < 0 || index >= paths)
      throw UsageError(fmt::format("--trace-path {} is out of range: {} has paths 0 to {}", index,
                                   model.spec.file, paths - 1));
    std::cout << render_trace(model, model.spec.file, static_cast<std::uint64_t>(index));
  }
  return 0;
}

// The command line as a user could type it again: what the report's provenance shows.
std::string command_line(const RunCommand& command) {
  std::string line = "breakeven run";
  for (const auto& file : command.files) line += " " + shell_quote(file);
  if (command.paths) line += fmt::format(" --paths {}", *command.paths);
  if (command.seed) line += fmt::format(" --seed {}", *command.seed);
  if (command.precision) line += fmt::format(" --precision {}", *command.precision);
  if (command.max_paths) line += fmt::format(" --max-paths {}", *command.max_paths);
  for (const auto& set : command.sets) line += " --set " + shell_quote(set);
  if (command.strict) line += " --strict";
  if (command.headline) line += " --headline";
  if (command.json) line += " --json " + shell_quote(*command.json);
  if (command.out) line += " --out " + shell_quote(*command.out);
  return line;
}

RunProvenance run_provenance(const std::string& command, const std::optional<std::string>& out) {
  return make_provenance(command, out.value_or(""));
}

// This process's share of the run, brought together on rank 0 (see GroupRun::simulate).
std::optional<RunTallies> simulate_run(const RunCommand& command, const RunPlan& plan,
                                       const std::string& name, GroupRun& group) {
  const bool show_progress = group.is_root() && !command.quiet && is_terminal(STDERR_FILENO);
  ProgressLine progress(name, plan.end - plan.begin, show_progress);
  EngineOptions options;
  options.threads = command.threads;
  options.progress = [&progress](std::int64_t done) { progress.update(done); };
  return group.simulate(plan, options);
}

// One line on stderr once --out is written: what, where, and the one file to open.
std::string output_dir_note(const std::string& dir, std::size_t files) {
  return fmt::format("wrote {} files to {} — open {}\n", files, dir,
                     (std::filesystem::path(dir) / "report.html").string());
}

// A run to precision decides its path count between rounds: under mpirun each round is split
// among the ranks and its merged tallies reach every rank, so all stop after the same round.
int run_to_precision_command(const RunCommand& command, const LoadedRun& loaded, GroupRun& group,
                             ReportTargets targets) {
  if (command.shard || command.save_state)
    throw UsageError("--precision cannot be combined with --shard or --save-state");
  EngineOptions options;
  options.threads = command.threads;
  const PrecisionGoal goal{*command.precision, command.max_paths.value_or(kDefaultMaxPaths)};
  const PrecisionRun run = run_to_precision(loaded, goal, options, &group);
  if (!group.is_root()) return 0;
  targets.precision = &run.outcome;
  return report_results(run.results, targets);
}

}  // namespace

int run_command(const RunCommand& command, GroupRun& group) {
  // Beyond it the sums over paths would no longer be exact (scenario_parser.hpp).
  if (command.paths && *command.paths > kMaxPaths)
    throw UsageError(fmt::format("--paths must be at most {}, not {}", kMaxPaths, *command.paths));
  if (command.threads < 0)
    throw UsageError(
        fmt::format("--threads must be 0 (all cores) or more, not {}", command.threads));
  RunRequest request = run_request(command.sets, command.strict);
  request.paths = command.paths;
  request.seed = command.seed;
  add_files(request, command.files);
  // Every file is loaded and checked before any is simulated: a typo in the last file of a batch
  // fails in a second, not after the first files' long runs.
  LoadedRun loaded = load_run(request);
  if (group.is_root())
    for (const Model& model : loaded.models) print_warnings(model.spec.file, model.warnings);

  if (command.trace_path) return group.is_root() ? trace_paths(command, loaded.models) : 0;
  const ShardRun shard = shard_run(command, request, loaded);

  const std::string name = !loaded.name.empty() ? loaded.name
                           : loaded.models.size() == 1
                               ? loaded.models[0].spec.company.name
                               : fmt::format("{} scenarios", loaded.models.size());
  ReportTargets targets{command.json, command.out, command.quiet, command_line(command),
                        group.is_split()};
  targets.headline = command.headline;
  // Every output path is checked before the first path is simulated; outputs are then written
  // all together or not at all, and a signal removes what was started. Rank 0 alone writes.
  std::optional<CommandOutputs> outputs;
  if (group.is_root()) outputs.emplace(command.json, command.out);
  targets.outputs = outputs ? &*outputs : nullptr;
  if (command.precision) return run_to_precision_command(command, loaded, group, targets);
  const std::optional<RunTallies> tallies = [&] {
    try {
      return simulate_run(command, shard_plan(shard, loaded), name, group);
    } catch (const std::domain_error&) {
      // An amount left what the tallies sum exactly: name the scenario, path and key.
      for (const Model& model : loaded.models) explain_overflow(model);
      throw;
    }
  }();
  if (!tallies) return 0;  // another rank's share: rank 0 reports
  if (command.save_state) {
    save_state(command, shard, loaded, *tallies);
    if (command.shard) return 0;  // a shard's results are partial until merged
  }
  return report_results(summarize_run(loaded, *tallies), targets);
}

int report_results(const RunResults& run, const ReportTargets& targets) {
  const std::vector<ScenarioResult>& results = run.scenarios;
  const bool json_to_stdout = targets.json && *targets.json == "-";
  const bool terminal = !targets.quiet && !json_to_stdout;
  const TerminalStyle style{!targets.plain && stdout_wants_color()};
  if (terminal && targets.headline) {
    std::cout << render_batch_table(results, style);
  } else if (terminal) {
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (i > 0) std::cout << '\n';
      std::cout << render_terminal(results[i], style);
    }
    // Last, so a batch ends with the one table a reader compares the scenarios by.
    if (results.size() > 1) std::cout << '\n' << render_batch_table(results, style);
    if (run.joint) std::cout << '\n' << render_joint_table(*run.joint, style);
    if (targets.precision) std::cout << '\n' << render_precision_line(*targets.precision, results);
    std::cout << std::flush;
  } else if (targets.precision && !targets.quiet) {
    std::cerr << render_precision_line(*targets.precision, results);
  }

  // Every output is built in memory before the first byte is written, so a failure while
  // building leaves no file behind.
  const JointResult* joint = run.joint ? &*run.joint : nullptr;
  const PrecisionOutcome* precision = targets.precision;
  const RunProvenance provenance = run_provenance(targets.command_line, targets.out);
  const std::string text = !targets.json ? std::string()
                           : precision   ? precision_json_report_text(results, *precision, joint)
                                         : json_report_text(results, joint);
  std::vector<OutputFile> out_files;
  if (targets.out)
    out_files = precision ? precision_output_files(results, provenance, *precision, joint)
                          : build_output_files(results, provenance, joint);
  // Staged before the run by the caller; made here only for a caller that has none.
  std::optional<CommandOutputs> own;
  CommandOutputs& outputs =
      targets.outputs != nullptr ? *targets.outputs : own.emplace(targets.json, targets.out);
  outputs.write(text, out_files);
  if (targets.out && !targets.quiet) std::cerr << output_dir_note(*targets.out, out_files.size());
  return 0;
}

std::string shell_quote(const std::string& arg) {
  if (!arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789-_./=:,+@%") == std::string::npos)
    return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

int validate_command(const ValidateCommand& command) {
  const RunRequest all = run_request(command.sets, command.strict);
  int failed = 0;
  for (const auto& file : command.files) {
    // Every file is checked, so one call lists all the problems of a batch.
    try {
      RunRequest request = all;
      // A `--set FILE:KEY=VALUE` for another file of the list is not this file's.
      std::erase_if(request.file_overrides,
                    [&](const FileOverride& one) { return one.file != file; });
      add_files(request, {file});
      const LoadedRun loaded = load_run(request);
      for (const Model& model : loaded.models) print_warnings(model.spec.file, model.warnings);
      std::cout << "ok: " << file << '\n';
    } catch (const ScenarioError& e) {
      std::cerr << render_diagnostics(e, DiagnosticStyle{stderr_wants_color()});
      ++failed;
    }
  }
  return failed == 0 ? 0 : 2;
}

}  // namespace breakeven
