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
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "breakeven/analysis/overflow.hpp"
#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/report/atomic_file.hpp"
#include "breakeven/report/batch_table.hpp"
#include "breakeven/report/json_report.hpp"
#include "breakeven/report/output_commit.hpp"
#include "breakeven/report/output_dir.hpp"
#include "breakeven/report/terminal_report.hpp"
#include "breakeven/scenario/diagnostics.hpp"
#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/scenario_parser.hpp"
#include "cli_commands.hpp"
#include "cli_trace.hpp"

namespace breakeven {
namespace {

std::vector<Override> parse_overrides(const std::vector<std::string>& sets) {
  std::vector<Override> overrides;
  overrides.reserve(sets.size());
  for (const auto& text : sets) overrides.push_back(parse_override(text));
  return overrides;
}

// A missing file is a bad scenario (status 2) with a plain message, whatever the parser would
// make of it.
void check_readable(const std::string& file) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) throw ScenarioError({file, 0}, "", "no such file");
  if (std::filesystem::is_directory(status))
    throw ScenarioError({file, 0}, "", "is a directory, not a scenario file");
}

void print_warnings(const std::string& file, const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) std::cerr << "warning: " << file << ": " << warning << '\n';
}

Model load_model(const std::string& file, const std::vector<Override>& overrides,
                 const RunCommand* run, bool strict) {
  check_readable(file);
  ScenarioSpec spec = load_scenario(file, overrides);
  if (run != nullptr) {
    if (run->paths) spec.simulation.paths = *run->paths;
    if (run->seed) spec.simulation.seed = *run->seed;
  }
  Model model = build_model(spec, ModelOptions{strict});
  print_warnings(file, model.warnings);
  return model;
}

// Progress and ETA on stderr, only when it is a terminal (SPEC §4) and the run takes long
// enough to be worth it. Called from worker threads: a try_lock keeps it from ever blocking one.
class ProgressLine {
 public:
  ProgressLine(std::string name, std::int64_t total, bool enabled)
      : name_(std::move(name)),
        total_(total),
        enabled_(enabled),
        start_(std::chrono::steady_clock::now()),
        last_(start_) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
  }

  void update(std::int64_t done) {
    if (!enabled_ || total_ <= 0) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < 0.5 || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double fraction = static_cast<double>(done) / static_cast<double>(total_);
    const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    // A bar of 20 columns in eighth blocks, then what a user needs to decide whether to wait.
    constexpr int kBarColumns = 20;
    const int eighths = static_cast<int>(fraction * kBarColumns * 8);
    const std::string bar = eighth_block_bar(eighths);
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    std::fputs(fmt::format(
                   "\r\x1b[K{} ▕{}{}▏ {:.0f} % · {} / {} paths · {}/s · ETA {:.0f} s", name_, bar,
                   std::string(
                       static_cast<std::size_t>(std::max(0, kBarColumns - (eighths + 7) / 8)), ' '),
                   fraction * 100, format_amount(static_cast<double>(done), 0),
                   format_amount(static_cast<double>(total_), 0), format_amount(rate, 0), eta)
                   .c_str(),
               stderr);
    std::fflush(stderr);
    shown_ = true;
  }

 private:
  std::string name_;
  std::int64_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mutex_;
  bool shown_ = false;
};

int trace_paths(const RunCommand& command, const std::vector<Model>& models) {
  const std::int64_t index = *command.trace_path;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const Model& model = models[i];
    const std::int64_t paths = model.spec.simulation.paths;
    if (index < 0 || index >= paths)
      throw UsageError(fmt::format("--trace-path {} is out of range: {} has paths 0 to {}", index,
                                   command.files[i], paths - 1));
    std::cout << render_trace(model, command.files[i], static_cast<std::uint64_t>(index));
  }
  return 0;
}

// The command line as a user could type it again: what the report's provenance shows.
std::string command_line(const RunCommand& command) {
  auto quote = [](const std::string& arg) {
    if (!arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./=:,+@%") == std::string::npos)
      return arg;
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  };
  std::string line = "breakeven run";
  for (const auto& file : command.files) line += " " + quote(file);
  if (command.paths) line += fmt::format(" --paths {}", *command.paths);
  if (command.seed) line += fmt::format(" --seed {}", *command.seed);
  for (const auto& set : command.sets) line += " --set " + quote(set);
  if (command.strict) line += " --strict";
  if (command.json) line += " --json " + quote(*command.json);
  if (command.out) line += " --out " + quote(*command.out);
  return line;
}

RunProvenance run_provenance(const RunCommand& command) {
  RunProvenance provenance;
  provenance.version = BREAKEVEN_VERSION;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  provenance.date = date;
  provenance.command = command_line(command);
  std::error_code error;
  provenance.working_directory = std::filesystem::current_path(error).string();
  provenance.output_directory = command.out.value_or("");
  return provenance;
}

}  // namespace

int run_command(const RunCommand& command) {
  if (command.paths && *command.paths < 1)
    throw UsageError(fmt::format("--paths must be at least 1, not {}", *command.paths));
  // Beyond it the sums over paths would no longer be exact (scenario_parser.hpp).
  if (command.paths && *command.paths > kMaxPaths)
    throw UsageError(fmt::format("--paths must be at most {}, not {}", kMaxPaths, *command.paths));
  if (command.threads < 0)
    throw UsageError(
        fmt::format("--threads must be 0 (all cores) or more, not {}", command.threads));
  const std::vector<Override> overrides = parse_overrides(command.sets);

  // Every file is loaded and checked before any is simulated: a typo in the last file of a batch
  // fails in a second, not after the first files' long runs.
  std::vector<Model> models;
  models.reserve(command.files.size());
  for (const auto& file : command.files)
    models.push_back(load_model(file, overrides, &command, command.strict));

  if (command.trace_path) return trace_paths(command, models);

  const bool json_to_stdout = command.json && *command.json == "-";
  // Every output path is checked before the first path is simulated; outputs are then written
  // all together or not at all, and a signal removes what was started.
  std::optional<OutputCommit> outputs;
  if ((command.json && !json_to_stdout) || command.out)
    outputs.emplace(json_to_stdout ? std::nullopt : command.json, command.out);
  const bool terminal = !command.quiet && !json_to_stdout;
  const TerminalStyle style{stdout_wants_color()};
  const bool show_progress = !command.quiet && is_terminal(STDERR_FILENO);

  std::vector<ScenarioResult> results;
  results.reserve(models.size());
  for (std::size_t i = 0; i < models.size(); ++i) {
    const Model& model = models[i];
    Tally tally = [&] {
      ProgressLine progress(model.spec.company.name, model.spec.simulation.paths, show_progress);
      EngineOptions options;
      options.threads = command.threads;
      options.progress = [&progress](std::int64_t done) { progress.update(done); };
      try {
        return simulate(model, options);
      } catch (const std::domain_error&) {
        explain_overflow(model);  // names scenario, path and key
      }
    }();
    results.push_back(summarize(model, tally));
    if (terminal) {
      if (i > 0) std::cout << '\n';
      std::cout << render_terminal(results.back(), style) << std::flush;
    }
  }
  // Last, so a batch ends with the one table a reader compares the scenarios by.
  if (terminal && results.size() > 1)
    std::cout << '\n' << render_batch_table(results, style) << std::flush;

  // Every output is built in memory before the first byte is written, so a failure while
  // building leaves no file behind.
  const std::string text = command.json ? json_report_text(results) : std::string();
  const std::vector<OutputFile> out_files =
      command.out ? build_output_files(results, run_provenance(command))
                  : std::vector<OutputFile>();
  if (json_to_stdout) std::cout << text << std::flush;
  if (outputs) outputs->commit(text, out_files);
  return 0;
}

int validate_command(const ValidateCommand& command) {
  const std::vector<Override> overrides = parse_overrides(command.sets);
  int failed = 0;
  for (const auto& file : command.files) {
    // Every file is checked, so one call lists all the problems of a batch.
    try {
      load_model(file, overrides, nullptr, command.strict);
      std::cout << "ok: " << file << '\n';
    } catch (const ScenarioError& e) {
      std::cerr << render_diagnostics(e, DiagnosticStyle{stderr_wants_color()});
      ++failed;
    }
  }
  return failed == 0 ? 0 : 2;
}

}  // namespace breakeven
