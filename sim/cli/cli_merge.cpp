// SPDX-License-Identifier: MIT
// The `merge` subcommand: the state files of a sharded run in, the run's reports out.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "breakeven/analysis/shard_merge.hpp"
#include "breakeven/scenario/errors.hpp"
#include "cli_commands.hpp"
#include "command_outputs.hpp"

namespace breakeven {
namespace {

NamedState read_state(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError(fmt::format("{}: cannot open the state file", file));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return {file, state_from_text(text.str())};
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("{}: {}", file, e.what()));
  }
}

std::string merge_command_line(const MergeCommand& command) {
  std::string line = "breakeven merge";
  for (const auto& file : command.files) line += " " + shell_quote(file);
  if (command.json) line += " --json " + shell_quote(*command.json);
  if (command.out) line += " --out " + shell_quote(*command.out);
  return line;
}

}  // namespace

int merge_command(const MergeCommand& command) {
  CommandOutputs outputs(command.json, command.out);  // a bad path is refused before any reading
  std::vector<NamedState> states;
  states.reserve(command.files.size());
  for (const auto& file : command.files) states.push_back(read_state(file));
  const MergedRun merged = merge_states(states);
  ReportTargets targets{command.json, command.out, command.quiet, merge_command_line(command)};
  targets.outputs = &outputs;
  return report_results(summarize_run(merged.loaded, merged.tallies), targets);
}

}  // namespace breakeven
