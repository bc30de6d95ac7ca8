// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: the subcommands behind run_cli(), after argument parsing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace breakeven {

struct RunCommand {
  std::vector<std::string> files;
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  int threads = 0;                  ///< 0: all hardware threads
  std::vector<std::string> sets;    ///< raw "KEY=VALUE" texts
  std::optional<std::string> json;  ///< a path, or "-" for stdout
  std::optional<std::string> out;   ///< directory for the report set (--out)
  std::optional<std::int64_t> trace_path;
  bool quiet = false;
  bool strict = false;
};

struct ValidateCommand {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  bool strict = false;
};

/// Both return the exit status and throw for errors the caller maps to messages
/// (ScenarioError, UsageError: 2; anything else: 1). validate reports bad files itself, since it
/// checks every file before failing.
int run_command(const RunCommand& command);
int validate_command(const ValidateCommand& command);

/// Whether file descriptor `fd` (1: stdout, 2: stderr) is a terminal.
bool is_terminal(int fd);

/// Colour for stdout: a terminal and NO_COLOR unset or empty (https://no-color.org).
bool stdout_wants_color();
/// The same for standard error, where error messages go.
bool stderr_wants_color();

}  // namespace breakeven
