// SPDX-License-Identifier: MIT
// Options of `sweep` and `sensitivity`, registered like those of `run`.
#include "cli_analysis.hpp"

namespace breakeven {
namespace {

CLI::App* add_common(CLI::App& app, const char* name, const char* description,
                     AnalysisCommand& command) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->add_option("files", command.files, "Scenario files (TOML); one analysis per file")
      ->required()
      ->type_name("FILE");
  sub->add_option("--paths", command.paths, "Number of paths (overrides simulation.paths)")
      ->type_name("N");
  sub->add_option("--seed", command.seed, "Random seed (overrides simulation.seed)")
      ->type_name("S")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--set", command.sets, "Override a key in every model: KEY=TOML_VALUE")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--threads", command.threads, "Worker threads; 0 = all cores (default)")
      ->type_name("T");
  sub->add_option("--json", command.json, "Write the JSON report to PATH ('-': stdout)")
      ->type_name("PATH");
  sub->add_option("--out", command.out, "Write summary.json, a CSV table and report.html to DIR")
      ->type_name("DIR");
  sub->add_flag("--quiet,-q", command.quiet, "No terminal report");
  sub->add_flag("--strict", command.strict, "Refuse a correlation matrix that needs repair");
  return sub;
}

}  // namespace

void add_sweep(CLI::App& app, SweepCommand& command) {
  CLI::App* sweep =
      add_common(app, "sweep", "Run a grid of parameter values on common random numbers", command);
  // One KEY=... per --vary, as for --set: a vector option would swallow the file names after it.
  sweep
      ->add_option("--vary", command.vary,
                   "KEY=V1,V2,... (TOML values) or KEY=LO:HI:N; several make a grid")
      ->type_name("KEY=VALUES")
      ->required()
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  // --precision replaces --paths: each point runs until its own headline is precise enough.
  auto* precision =
      sweep
          ->add_option("--precision", command.precision,
                       "Run the base and every point until its P(by target) 95 % interval is "
                       "within +-H (e.g. 0.005)")
          ->type_name("H")
          ->excludes(sweep->get_option("--paths"));
  sweep
      ->add_option("--max-paths", command.max_paths,
                   "Stop each --precision run at N paths at most (default 10,000,000)")
      ->type_name("N")
      ->needs(precision);
}

void add_sensitivity(CLI::App& app, SensitivityCommand& command) {
  CLI::App* sensitivity =
      add_common(app, "sensitivity",
                 "Rank correlations, a tornado and the bad tail of every uncertain input", command);
  // Hidden (no group): listed nowhere, but refused with the reason instead of "not expected".
  sensitivity->add_option("--precision", command.precision)->group("");
}

}  // namespace breakeven
