// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: the subcommands behind run_cli(), after argument parsing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/analysis/batch_run.hpp"

namespace breakeven {

class GroupRun;
struct PrecisionOutcome;
class CommandOutputs;

struct RunCommand {
  std::vector<std::string> files;
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  int threads = 0;                  ///< 0: all hardware threads
  std::vector<std::string> sets;    ///< raw "KEY=VALUE" texts
  std::optional<std::string> json;  ///< a path, or "-" for stdout
  std::optional<std::string> out;   ///< directory for the report set (--out)
  std::optional<std::int64_t> trace_path;
  std::optional<double> precision;        ///< --precision H: run until every headline is +-H
  std::optional<std::int64_t> max_paths;  ///< --max-paths N: the cap of a run to precision
  std::optional<std::string> shard;       ///< "I/K": simulate only shard I of K
  std::optional<std::string> save_state;  ///< write the exact tallies here (--save-state)
  bool quiet = false;
  bool headline = false;  ///< print only the batch table, not each scenario's summary
  bool strict = false;
};

struct MergeCommand {
  std::vector<std::string> files;  ///< state files, one per shard, in any order
  std::optional<std::string> json;
  std::optional<std::string> out;
  bool quiet = false;
};

struct ValidateCommand {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  bool strict = false;
};

struct BacktestCommand {
  std::string file;
  std::string actuals;  ///< the actuals CSV
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::vector<std::string> sets;
  std::optional<std::string> json;
  std::optional<std::string> out;
  bool quiet = false;
};

/// Holds one scenario against reported figures; exit status as run_command.
int backtest_command(const BacktestCommand& command);

struct SolveCommand {
  std::string file;
  std::string find;       ///< the key to search
  std::string condition;  ///< "OUTPUT >= X"
  std::optional<std::string> between;
  bool largest = false;
  std::optional<double> precision;        ///< --precision H: paths for +-H at the target
  std::optional<std::int64_t> max_paths;  ///< the cap on those paths
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::vector<std::string> sets;
  std::optional<std::string> json;
  std::optional<std::string> out;
  bool quiet = false;
  bool strict = false;
};

/// `solve`: 0 with an answer, 1 when the condition holds nowhere or everywhere in the range.
int solve_command(const SolveCommand& command, GroupRun& group);

/// Both return the exit status and throw for errors the caller maps to messages
/// (ScenarioError, UsageError: 2; anything else: 1). validate reports bad files itself, since it
/// checks every file before failing.
/// run_command runs on every process of `group`, each simulating its share of the paths.
int run_command(const RunCommand& command, GroupRun& group);
int validate_command(const ValidateCommand& command);
int merge_command(const MergeCommand& command);

/// Where a run's results go: the terminal (unless quiet or the JSON goes to stdout), a JSON file
/// or stdout, an output directory with its provenance.
struct ReportTargets {
  std::optional<std::string> json;
  std::optional<std::string> out;
  bool quiet = false;
  std::string command_line;  ///< the command as a user could type it again, for the provenance
  bool plain = false;        ///< no colour, whatever stdout looks like (ranks of an MPI job)
  bool headline = false;     ///< only the batch table, not each scenario's summary
  CommandOutputs* outputs = nullptr;  ///< staged before the run (checked writable); else made here
  const PrecisionOutcome* precision = nullptr;  ///< how a run to precision stopped, if it was one
};

/// Prints and writes the reports of a run (run and merge share it, so their outputs are the
/// same bytes). Every output is built before the first byte is written.
int report_results(const RunResults& run, const ReportTargets& targets);

/// `arg` quoted for a POSIX shell when it needs to be.
std::string shell_quote(const std::string& arg);

/// Whether file descriptor `fd` (1: stdout, 2: stderr) is a terminal.
bool is_terminal(int fd);

/// Colour for stdout: a terminal and NO_COLOR unset or empty (https://no-color.org).
bool stdout_wants_color();
/// The same for standard error, where error messages go.
bool stderr_wants_color();

}  // namespace breakeven
