// SPDX-License-Identifier: MIT
#include "breakeven/cli/cli.hpp"

int main(int argc, char** argv) {
  return breakeven::run_cli(argc, argv);
}
