// SPDX-License-Identifier: MIT
#include "breakeven/cli/cli.hpp"
#include "process_group.hpp"

int main(int argc, char** argv) {
  // The group outlives the command, so MPI (when used) is finalized after the last message.
  const auto group = breakeven::launched_process_group(argc, argv);
  return breakeven::run_cli(argc, argv, *group);
}
