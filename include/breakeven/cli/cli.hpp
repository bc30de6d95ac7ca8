// SPDX-License-Identifier: MIT
#pragma once

namespace breakeven {

class ProcessGroup;

/// Exit statuses of the command line (SPEC §5).
enum class ExitStatus : int {
  success = 0,
  failure = 1,  ///< anything that is neither bad usage nor a bad scenario
  usage = 2,    ///< bad usage or a bad scenario; the message names file, line and key
};

/// The whole command line: parses `argv`, runs the subcommand (`run`, `validate`), prints the
/// reports and maps every error to a message on stderr and an exit status. The only place that
/// turns exceptions into messages; library code just throws. See docs/cli.md.
int run_cli(int argc, char** argv);

/// The same as one of the processes of `group` (the ranks of an MPI job): `run` simulates this
/// rank's share of the paths, only rank 0 prints and writes, and every rank returns the same
/// status. See docs/scaleout.md.
int run_cli(int argc, char** argv, ProcessGroup& group);

}  // namespace breakeven
