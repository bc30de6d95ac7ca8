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

#include "breakeven/scenario/diagnostics.hpp"
#include "breakeven/scenario/errors.hpp"
#include "cli_commands.hpp"

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
  run->add_option("--trace-path", command.trace_path,
                  "Replay path N month by month (0-based) instead of running")
      ->type_name("N")
      ->excludes(json)
      ->excludes(out);
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

int parse_and_run(int argc, char** argv) {
  CLI::App app{"breakeven: Monte Carlo odds of a loss-making company breaking even", "breakeven"};
  app.set_version_flag("--version", std::string("breakeven ") + BREAKEVEN_VERSION);
  app.require_subcommand(1);
  RunCommand run;
  ValidateCommand validate;
  add_run(app, run);
  add_validate(app, validate);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here with exit code 0 and print to stdout; real parse errors
    // get our usage status instead of CLI11's own codes (100+) and the usual "error: " prefix.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "error: " << e.what() << "\nRun with --help for more information.\n";
    return status(ExitStatus::usage);
  }
  if (app.got_subcommand("run")) return run_command(run);
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
  try {
    return parse_and_run(argc, argv);
  } catch (const ScenarioError& e) {
    // Every error of the file, each with its line quoted and the key marked.
    std::cerr << render_diagnostics(e, DiagnosticStyle{stderr_wants_color()});
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
