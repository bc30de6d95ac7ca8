// SPDX-License-Identifier: MIT
// The `backtest` subcommand: one scenario and a CSV of reported figures in, scores out.
#include <ctime>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "breakeven/analysis/backtest.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/report/backtest_report.hpp"
#include "breakeven/scenario/actuals.hpp"
#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/scenario_parser.hpp"
#include "cli_commands.hpp"
#include "cli_shared.hpp"
#include "command_outputs.hpp"

namespace breakeven {
namespace {

// A missing file is bad input (status 2) with a plain message, as for `run`.
void check_readable(const std::string& file, const std::string& what) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) throw ScenarioError({file, 0}, "", "no such file");
  if (std::filesystem::is_directory(status))
    throw ScenarioError({file, 0}, "", "is a directory, not " + what);
}

std::string backtest_command_line(const BacktestCommand& command) {
  std::string line = "breakeven backtest " + command.file + " --actuals " + command.actuals;
  if (command.paths) line += fmt::format(" --paths {}", *command.paths);
  if (command.seed) line += fmt::format(" --seed {}", *command.seed);
  for (const auto& set : command.sets) line += " --set '" + set + "'";
  if (command.json) line += " --json " + *command.json;
  if (command.out) line += " --out " + *command.out;
  return line;
}

RunProvenance backtest_provenance(const BacktestCommand& command) {
  return make_provenance(backtest_command_line(command), command.out.value_or(""));
}

}  // namespace

int backtest_command(const BacktestCommand& command) {
  if (command.paths && *command.paths < 1)
    throw UsageError(fmt::format("--paths must be at least 1, not {}", *command.paths));
  if (command.threads < 0)
    throw UsageError(
        fmt::format("--threads must be 0 (all cores) or more, not {}", command.threads));
  std::vector<Override> overrides;
  for (const auto& text : command.sets) overrides.push_back(parse_override(text));
  CommandOutputs outputs(command.json, command.out);  // a bad path is refused before any work

  // Both inputs are read and checked before anything is simulated.
  check_readable(command.file, "a scenario file");
  ScenarioSpec spec = load_scenario(command.file, overrides);
  if (command.paths) spec.simulation.paths = *command.paths;
  if (command.seed) spec.simulation.seed = *command.seed;
  const Model model = build_model(spec);
  for (const auto& warning : model.warnings)
    std::cerr << "warning: " << command.file << ": " << warning << '\n';
  check_readable(command.actuals, "an actuals file");
  const std::vector<Actual> actuals = load_actuals(command.actuals, spec.company.money_unit_scale);

  const BacktestResult result = run_backtest(model, actuals, command.actuals, command.threads);

  if (!command.quiet && !outputs.json_to_stdout())
    std::cout << render_backtest_terminal(result, TerminalStyle{stdout_wants_color()})
              << std::flush;
  // Everything is built before the first byte is written: no half-written output.
  const std::string text = command.json ? backtest_json_text(result) : std::string();
  const std::vector<OutputFile> files =
      command.out ? build_backtest_output_files(result, backtest_provenance(command))
                  : std::vector<OutputFile>();
  outputs.write(text, files);
  return 0;
}

}  // namespace breakeven
