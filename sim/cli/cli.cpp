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

#include "breakeven/report/output_commit.hpp"
#include "breakeven/scenario/diagnostics.hpp"
#include "breakeven/scenario/errors.hpp"
#include "cli_analysis.hpp"
#include "cli_commands.hpp"
#include "cli_numbers.hpp"
#include "group_run.hpp"
#include "process_group.hpp"
#include "simd_choice.hpp"

namespace breakeven {
namespace {

constexpr int status(ExitStatus s) {
  return static_cast<int>(s);
}

// --precision replaces --paths: the path count is what the run finds it needs.
void add_precision_options(CLI::App& run, RunCommand& command, CLI::Option* paths) {
  auto* precision =
      run.add_option("--precision", command.precision,
                     "Run until every headline's 95 % interval is within +-H (e.g. 0.002)")
          ->type_name("H")
          ->excludes(paths)
          ->excludes("--trace-path");
  run.add_option("--max-paths", command.max_paths,
                 "Stop a --precision run at N paths at most (default 10,000,000)")
      ->type_name("N")
      ->needs(precision);
}

// Counts arrive as text and are read by cli_numbers.hpp, so a typo gets a message in words
// and "1e5", "100_000" and "100k" all work.
struct CountTexts {
  std::optional<std::string> paths, seed, threads, trace_path;
};

void add_run_options(CLI::App* app, RunCommand& command, CountTexts& counts) {
  auto* paths =
      app->add_option("--paths", counts.paths, "Number of paths (overrides simulation.paths)")
          ->type_name("N");
  app->add_option("--seed", counts.seed, "Random seed (overrides simulation.seed)")->type_name("S");
  app->add_option("--threads", counts.threads, "Worker threads; 0 = all cores (default)")
      ->type_name("T");
  auto* json =
      app->add_option("--json", command.json, "Write the JSON report to PATH ('-': stdout)")
          ->type_name("PATH");
  auto* out =
      app->add_option("--out", command.out, "Write summary.json, CSV tables and report.html to DIR")
          ->type_name("DIR");
  app->add_flag("--quiet,-q", command.quiet, "No terminal summary, progress or file list");
  app->add_flag("--headline", command.headline, "Print only the headline table");
  auto* save_state = app->add_option("--save-state", command.save_state,
                                     "Write the exact tallies to FILE, for `breakeven merge`")
                         ->type_name("FILE");
  app->add_option("--shard", command.shard,
                  "Simulate only shard I of K (1 <= I <= K) of the paths; needs --save-state")
      ->type_name("I/K")
      ->needs(save_state)
      ->excludes(json)
      ->excludes(out);
  app->add_option("--trace-path", counts.trace_path,
                  "Replay path N month by month (0-based) instead of running")
      ->type_name("N")
      ->excludes(json)
      ->excludes(out)
      ->excludes(save_state);
  add_precision_options(*app, command, paths);
}

// One KEY=VALUE per --set: a vector option would otherwise swallow the file names after it.
void add_set_and_strict(CLI::App* app, std::vector<std::string>& sets, bool& strict) {
  app->add_option("--set", sets, "Override a key: KEY=VALUE (TOML, or a bare 60% or word)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_flag("--strict", strict, "Refuse a correlation matrix that needs repair");
}

CLI::App* add_run(CLI::App& app, RunCommand& command, CountTexts& counts) {
  CLI::App* run = app.add_subcommand("run", "Simulate scenario files and report break-even odds");
  run->add_option("files", command.files, "Scenario files (TOML), or one batch file")
      ->type_name("FILE");
  add_run_options(run, command, counts);
  add_set_and_strict(run, command.sets, command.strict);
  run->allow_extras();
  return run;
}

// validate takes run's options too (and ignores them), so swapping the one word turns a run
// into a check of the same files.
CLI::App* add_validate(CLI::App& app, ValidateCommand& command, RunCommand& ignored,
                       CountTexts& ignored_counts) {
  CLI::App* validate = app.add_subcommand(
      "validate", "Check scenario files without running them (run's options are ignored)");
  validate->add_option("files", command.files, "Scenario files (TOML)")->type_name("FILE");
  add_run_options(validate, ignored, ignored_counts);
  add_set_and_strict(validate, command.sets, command.strict);
  validate->allow_extras();
  return validate;
}

// What CLI11 would call "A subcommand is required" for every mistake, said precisely.
void check_subcommand(const CLI::App& app, int argc, char** argv) {
  std::string names;
  bool known = false;
  const std::string first = argc < 2 ? std::string() : std::string(argv[1]);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
    known = known || sub->get_name() == first;
  }
  if (argc < 2) throw UsageError("a subcommand is required: " + names);
  if (first == "--help" || first == "-h" || first == "--version") return;
  if (!first.empty() && first.front() == '-')
    throw UsageError(
        fmt::format("unknown option '{}'; a subcommand comes first: {}", first, names));
  if (!known)
    throw UsageError(fmt::format("unknown subcommand '{}'; expected one of: {}", first, names));
}

// After parsing: what the subcommand did not recognise, and the files it needs.
void check_arguments(CLI::App* sub, const std::vector<std::string>& files) {
  for (const std::string& extra : sub->remaining()) {
    if (!extra.empty() && extra.front() == '-')
      throw UsageError(fmt::format("unknown option '{}' for {}", extra, sub->get_name()));
    throw UsageError(fmt::format("unexpected argument '{}' for {}", extra, sub->get_name()));
  }
  if (files.empty()) throw UsageError(sub->get_name() + ": at least one scenario FILE is required");
}

void read_counts(const CountTexts& counts, RunCommand& command) {
  if (counts.paths) command.paths = read_count("--paths", *counts.paths, 1);
  if (counts.seed) command.seed = read_seed(*counts.seed);
  if (counts.threads)
    command.threads = static_cast<int>(read_count("--threads", *counts.threads, 0));
  if (counts.trace_path) command.trace_path = read_count("--trace-path", *counts.trace_path, 0);
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

void add_backtest(CLI::App& app, BacktestCommand& command) {
  CLI::App* backtest = app.add_subcommand(
      "backtest", "Hold a scenario's forecasts against reported figures (PIT, bands, CRPS)");
  backtest->add_option("file", command.file, "Scenario file (TOML)")->required()->type_name("FILE");
  backtest
      ->add_option("--actuals", command.actuals,
                   "CSV of reported figures: metric,period,value,source")
      ->required()
      ->type_name("CSV");
  backtest->add_option("--paths", command.paths, "Number of paths (overrides simulation.paths)")
      ->type_name("N");
  backtest->add_option("--seed", command.seed, "Random seed (overrides simulation.seed)")
      ->type_name("S")
      ->check(CLI::NonNegativeNumber);
  backtest->add_option("--threads", command.threads, "Worker threads; 0 = all cores (default)")
      ->type_name("T");
  backtest->add_option("--set", command.sets, "Override a key: KEY=TOML_VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  backtest->add_option("--json", command.json, "Write the JSON report to PATH ('-': stdout)")
      ->type_name("PATH");
  backtest
      ->add_option("--out", command.out, "Write backtest.json, backtest.csv and report.html to DIR")
      ->type_name("DIR");
  backtest->add_flag("--quiet,-q", command.quiet, "No terminal summary");
}

void add_solve(CLI::App& app, SolveCommand& command) {
  CLI::App* solve = app.add_subcommand(
      "solve", "Find the smallest (or largest) value of a key for which a condition holds");
  solve->add_option("file", command.file, "Scenario file (TOML)")->required()->type_name("FILE");
  solve->add_option("--find", command.find, "The key to search, e.g. funding.rounds.1.amount")
      ->required()
      ->type_name("KEY");
  solve
      ->add_option("--for", command.condition,
                   "The condition, e.g. 'p_no_cash_out_first >= 0.95' (p_by_target, "
                   "p_no_cash_out_first, p_within_horizon; >= or <=)")
      ->required()
      ->type_name("CONDITION");
  solve->add_option("--between", command.between, "Search range LO,HI (default: from the key)")
      ->type_name("LO,HI");
  solve->add_flag("--largest", command.largest, "The largest value that holds, not the smallest");
  auto* paths = solve
                    ->add_option("--paths", command.paths,
                                 "Paths per evaluation (overrides simulation.paths)")
                    ->type_name("N");
  auto* precision =
      solve
          ->add_option("--precision", command.precision,
                       "Paths per evaluation for a 95 % half-width of H at the target")
          ->type_name("H")
          ->excludes(paths);
  solve
      ->add_option("--max-paths", command.max_paths,
                   "Cap on the paths --precision asks for (default 10,000,000)")
      ->type_name("N")
      ->needs(precision);
  solve->add_option("--seed", command.seed, "Random seed (overrides simulation.seed)")
      ->type_name("S")
      ->check(CLI::NonNegativeNumber);
  solve->add_option("--threads", command.threads, "Worker threads; 0 = all cores (default)")
      ->type_name("T");
  solve->add_option("--set", command.sets, "Override a key: KEY=TOML_VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  solve->add_option("--json", command.json, "Write the JSON result to PATH ('-': stdout)")
      ->type_name("PATH");
  solve->add_option("--out", command.out, "Write solve.json, solve_evaluations.csv, solve.html")
      ->type_name("DIR");
  solve->add_flag("--quiet,-q", command.quiet, "No terminal summary");
  solve->add_flag("--strict", command.strict, "Refuse a correlation matrix that needs repair");
}

int parse_and_run(int argc, char** argv, GroupRun& group) {
  // Before any work, so a misspelt instruction set is refused rather than ignored.
  const std::string simd_note = apply_simd_choice();
  if (!simd_note.empty() && group.is_root()) std::cerr << simd_note;
  CLI::App app{"breakeven: Monte Carlo odds of a loss-making company breaking even", "breakeven"};
  app.set_version_flag("--version", std::string("breakeven ") + BREAKEVEN_VERSION);
  app.require_subcommand(1);
  RunCommand run, ignored;
  ValidateCommand validate;
  BacktestCommand backtest;
  SolveCommand solve;
  MergeCommand merge;
  SweepCommand sweep;
  SensitivityCommand sensitivity;
  CountTexts counts, ignored_counts;
  CLI::App* run_app = add_run(app, run, counts);
  CLI::App* validate_app = add_validate(app, validate, ignored, ignored_counts);
  add_backtest(app, backtest);
  add_solve(app, solve);
  add_merge(app, merge);
  add_sweep(app, sweep);
  add_sensitivity(app, sensitivity);
  check_subcommand(app, argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here with exit code 0 and print to stdout; real parse errors
    // get our usage status instead of CLI11's own codes (100+) and the usual "error: " prefix.
    if (e.get_exit_code() == 0) return group.is_root() ? app.exit(e) : 0;
    throw UsageError(e.what());
  }
  if (app.got_subcommand(run_app)) {
    check_arguments(run_app, run.files);
    read_counts(counts, run);
    return run_command(run, group);
  }
  // Each evaluation of an analysis is split among the processes, step by step (group_run.hpp).
  if (app.got_subcommand("sweep")) return sweep_command(sweep, group);
  if (app.got_subcommand("solve")) return solve_command(solve, group);
  if (app.got_subcommand("sensitivity")) return sensitivity_command(sensitivity, group);
  // Nothing else is split between processes: under mpirun, rank 0 does it alone.
  if (!group.is_root()) return 0;
  if (app.got_subcommand("merge")) return merge_command(merge);
  if (app.got_subcommand("backtest")) return backtest_command(backtest);
  check_arguments(validate_app, validate.files);
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

bool stderr_wants_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal(STDERR_FILENO) && (no_color == nullptr || *no_color == '\0');
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
    // Every error of the file, each with its line quoted and the key marked.
    message = render_diagnostics(e, DiagnosticStyle{stderr_wants_color()});
    exit_status = status(ExitStatus::usage);
  } catch (const UsageError& e) {
    message = fmt::format("error: {}\nRun with --help for more information.\n", e.what());
    exit_status = status(ExitStatus::usage);
  } catch (const OutputPathError& e) {
    // A --json or --out path that cannot be written, found before the run.
    message = fmt::format("error: {}\n", e.what());
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
