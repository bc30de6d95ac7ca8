// SPDX-License-Identifier: MIT
// The `solve` subcommand: the value of one key at which a condition on the results starts to hold.
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "breakeven/analysis/solve.hpp"
#include "breakeven/report/solve_report.hpp"
#include "breakeven/scenario/errors.hpp"
#include "cli_commands.hpp"
#include "cli_shared.hpp"
#include "command_outputs.hpp"
#include "group_run.hpp"

namespace breakeven {
namespace {

SolveRequest solve_request(const SolveCommand& command) {
  SolveRequest request;
  request.run.scenarios.push_back({command.file, {}});
  for (const auto& text : command.sets) request.run.overrides.push_back(parse_override(text));
  request.run.paths = command.paths;
  request.run.seed = command.seed;
  request.run.strict = command.strict;
  request.key = command.find;
  request.condition = parse_condition(command.condition);
  request.between = command.between;
  request.largest = command.largest;
  request.precision = command.precision;
  if (command.max_paths) request.max_paths = *command.max_paths;
  return request;
}

std::string quoted(const std::string& arg) {
  if (!arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789-_./=:,+@%") == std::string::npos)
    return arg;
  std::string text = "'";
  for (char c : arg) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return text + "'";
}

// The command line as a user could type it again, for the page's provenance.
std::string command_line(const SolveCommand& c) {
  std::string line = "breakeven solve " + quoted(c.file) + " --find " + quoted(c.find) + " --for " +
                     quoted(c.condition);
  if (c.between) line += " --between " + quoted(*c.between);
  if (c.largest) line += " --largest";
  if (c.paths) line += fmt::format(" --paths {}", *c.paths);
  if (c.precision) line += fmt::format(" --precision {}", *c.precision);
  if (c.max_paths) line += fmt::format(" --max-paths {}", *c.max_paths);
  if (c.seed) line += fmt::format(" --seed {}", *c.seed);
  for (const auto& set : c.sets) line += " --set " + quoted(set);
  if (c.strict) line += " --strict";
  return line;
}

RunProvenance provenance_of(const SolveCommand& command) {
  return make_provenance(command_line(command), command.out.value_or(""));
}

}  // namespace

int solve_command(const SolveCommand& command, GroupRun& group) {
  if (command.threads < 0)
    throw UsageError(
        fmt::format("--threads must be 0 (all cores) or more, not {}", command.threads));
  const SolveRequest request = solve_request(command);
  // A bad path is refused before any work; under mpirun rank 0 alone prints and writes.
  std::optional<CommandOutputs> outputs;
  if (group.is_root()) outputs.emplace(command.json, command.out);
  EngineOptions options;
  options.threads = command.threads;
  const SolveResult result = solve(request, options, &group);
  if (!outputs) return result.status == SolveStatus::solved ? 0 : 1;
  if (!command.quiet && !outputs->json_to_stdout())
    std::cout << render_solve_terminal(result) << std::flush;
  // Built in memory first: a failure while building leaves no file behind. A search without an
  // answer still writes its evaluations, with the status saying why there is none.
  const std::string text = command.json ? solve_json_text(result) : std::string();
  const std::vector<OutputFile> files =
      command.out ? solve_output_files(result, provenance_of(command)) : std::vector<OutputFile>();
  outputs->write(text, files);
  if (result.status == SolveStatus::solved) return 0;
  std::cerr << "error: " << unsolved_message(result) << '\n';
  return 1;
}

}  // namespace breakeven
