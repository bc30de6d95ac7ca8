// SPDX-License-Identifier: MIT
#include "breakeven/cli/cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "breakeven/scenario/errors.hpp"
#include "cli_commands.hpp"
#include "cli_numbers.hpp"

namespace breakeven {
namespace {

constexpr int status(ExitStatus s) {
  return static_cast<int>(s);
}

// Counts arrive as text and are read by cli_numbers.hpp, so a typo gets a message in words
// and "1e5", "100_000" and "100k" all work.
struct CountTexts {
  std::optional<std::string> paths, seed, threads, trace_path;
};

void add_run_options(CLI::App* app, RunCommand& command, CountTexts& counts) {
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
  app->add_option("--trace-path", counts.trace_path,
                  "Replay path N month by month (0-based) instead of running")
      ->type_name("N")
      ->excludes(json)
      ->excludes(out);
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
  run->add_option("files", command.files, "Scenario files (TOML)")->type_name("FILE");
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

int parse_and_run(int argc, char** argv) {
  CLI::App app{"breakeven: Monte Carlo odds of a loss-making company breaking even", "breakeven"};
  app.set_version_flag("--version", std::string("breakeven ") + BREAKEVEN_VERSION);
  app.require_subcommand(1);
  RunCommand run, ignored;
  ValidateCommand validate;
  CountTexts counts, ignored_counts;
  CLI::App* run_app = add_run(app, run, counts);
  CLI::App* validate_app = add_validate(app, validate, ignored, ignored_counts);
  check_subcommand(app, argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here with exit code 0 and print to stdout; real parse errors
    // get our usage status instead of CLI11's own codes (100+) and the usual "error: " prefix.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "error: " << e.what() << "\nRun with --help for more information.\n";
    return status(ExitStatus::usage);
  }
  if (app.got_subcommand(run_app)) {
    check_arguments(run_app, run.files);
    read_counts(counts, run);
    return run_command(run);
  }
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

int run_cli(int argc, char** argv) {
  try {
    return parse_and_run(argc, argv);
  } catch (const ScenarioError& e) {
    // what() already reads "file:line: key: message".
    std::cerr << "error: " << e.what() << '\n';
    return status(ExitStatus::usage);
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\nRun with --help for more information.\n";
    return status(ExitStatus::usage);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return status(ExitStatus::failure);
  } catch (...) {
    std::cerr << "error: unknown failure\n";
    return status(ExitStatus::failure);
  }
}

}  // namespace breakeven
