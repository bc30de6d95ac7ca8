// SPDX-License-Identifier: MIT
#include "breakeven/cli/cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "breakeven/scenario/errors.hpp"
#include "cli_commands.hpp"
#include "group_run.hpp"
#include "process_group.hpp"

namespace breakeven {
namespace {

constexpr int status(ExitStatus s) {
  return static_cast<int>(s);
}

void add_run(CLI::App& app, RunCommand& command) {
  CLI::App* run = app.add_subcommand("run", "Simulate scenario files and report break-even odds");
  run->add_option("files", command.files, "Scenario files (TOML)")->required()->type_name("FILE");
  run->add_option("--paths", command.paths, "Number of paths (overrides simulation.paths)")
      ->type_name("N");
  run->add_option("--seed", command.seed, "Random seed (overrides simulation.seed)")
      ->type_name("S")
      // CLI11 would wrap "-1" into 2^64 - 1 silently; a negative seed is a typo, not a seed.
      ->check(CLI::NonNegativeNumber);
  run->add_option("--threads", command.threads, "Worker threads; 0 = all cores (default)")
      ->type_name("T");
  // One KEY=VALUE per --set: a vector option would otherwise swallow the file names after it.
  run->add_option("--set", command.sets, "Override a key: KEY=TOML_VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  auto* json =
      run->add_option("--json", command.json, "Write the JSON report to PATH ('-': stdout)")
          ->type_name("PATH");
  auto* out =
      run->add_option("--out", command.out, "Write summary.json, CSV tables and report.html to DIR")
          ->type_name("DIR");
  run->add_flag("--quiet,-q", command.quiet, "No terminal summary");
  run->add_flag("--strict", command.strict, "Refuse a correlation matrix that needs repair");
  auto* save_state = run->add_option("--save-state", command.save_state,
                                     "Write the exact tallies to FILE, for `breakeven merge`")
                         ->type_name("FILE");
  run->add_option("--shard", command.shard,
                  "Simulate only shard I of K (1 <= I <= K) of the paths; needs --save-state")
      ->type_name("I/K")
      ->needs(save_state)
      ->excludes(json)
      ->excludes(out);
  run->add_option("--trace-path", command.trace_path,
                  "Replay path N month by month (0-based) instead of running")
      ->type_name("N")
      ->excludes(json)
      ->excludes(out)
      ->excludes(save_state);
}

void add_merge(CLI::App& app, MergeCommand& command) {
  CLI::App* merge =
      app.add_subcommand("merge", "Report a run from the state files of all its shards");
  merge->add_option("files", command.files, "State files written by run --save-state")
      ->required()
      ->type_name("FILE");
  merge->add_option("--json", command.json, "Write the JSON report to PATH ('-': stdout)")
      ->type_name("PATH");
  merge->add_option("--out", command.out, "Write summary.json, CSV tables and report.html to DIR")
      ->type_name("DIR");
  merge->add_flag("--quiet,-q", command.quiet, "No terminal summary");
}

void add_validate(CLI::App& app, ValidateCommand& command) {
  CLI::App* validate = app.add_subcommand("validate", "Check scenario files without running them");
  validate->add_option("files", command.files, "Scenario files (TOML)")
      ->required()
      ->type_name("FILE");
  validate->add_option("--set", command.sets, "Override a key: KEY=TOML_VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  validate->add_flag("--strict", command.strict, "Refuse a correlation matrix that needs repair");
}

int parse_and_run(int argc, char** argv, GroupRun& group) {
  CLI::App app{"breakeven: Monte Carlo odds of a loss-making company breaking even", "breakeven"};
  app.set_version_flag("--version", std::string("breakeven ") + BREAKEVEN_VERSION);
  app.require_subcommand(1);
  RunCommand run;
  ValidateCommand validate;
  MergeCommand merge;
  add_run(app, run);
  add_validate(app, validate);
  add_merge(app, merge);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here with exit code 0 and print to stdout; real parse errors
    // get our usage status instead of CLI11's own codes (100+) and the usual "error: " prefix.
    if (e.get_exit_code() == 0) return group.is_root() ? app.exit(e) : 0;
    throw UsageError(e.what());
  }
  if (app.got_subcommand("run")) return run_command(run, group);
  // Nothing else is split between processes: under mpirun, rank 0 does it alone.
  if (!group.is_root()) return 0;
  if (app.got_subcommand("merge")) return merge_command(merge);
  return validate_command(validate);
}

}  // namespace

bool is_terminal(int fd) {
  return ::isatty(fd) == 1;
}

bool stdout_wants_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

int run_cli(int argc, char** argv) {
  return run_cli(argc, argv, *single_process());
}

int run_cli(int argc, char** argv, ProcessGroup& group) {
  GroupRun run(group);
  // The message is handed to the group rather than printed, so that an MPI job prints one.
  std::string message;
  int exit_status = status(ExitStatus::success);
  try {
    exit_status = parse_and_run(argc, argv, run);
  } catch (const RankFailure& e) {
    message = e.what();
    exit_status = e.status();
  } catch (const ScenarioError& e) {
    // what() already reads "file:line: key: message".
    message = fmt::format("error: {}\n", e.what());
    exit_status = status(ExitStatus::usage);
  } catch (const UsageError& e) {
    message = fmt::format("error: {}\nRun with --help for more information.\n", e.what());
    exit_status = status(ExitStatus::usage);
  } catch (const std::exception& e) {
    message = fmt::format("error: {}\n", e.what());
    exit_status = status(ExitStatus::failure);
  } catch (...) {
    message = "error: unknown failure\n";
    exit_status = status(ExitStatus::failure);
  }
  return run.finish(exit_status, message);
}

}  // namespace breakeven
