// SPDX-License-Identifier: MIT
#pragma once

// Runs the built `breakeven` program from the source directory, as the README does, so file
// names in its output are the repository-relative ones ("scenarios/metax.toml").

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace breakeven::testing {

struct ProgramOutcome {
  int status = -1;  ///< exit status, or -1 if the program did not exit normally
  std::string out, err;
};

/// `args` is a shell fragment appended to the program path; run with NO_COLOR in the source
/// directory. Both streams are captured through files in a private temporary directory.
inline ProgramOutcome run_program(const std::string& args) {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("breakeven-test-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(counter++));
  fs::create_directories(dir);
  const fs::path out = dir / "stdout.txt";
  const fs::path err = dir / "stderr.txt";
  const std::string command = "cd '" + std::string(BREAKEVEN_SOURCE_DIR) + "' && NO_COLOR=1 '" +
                              std::string(BREAKEVEN_BINARY) + "' " + args + " > '" + out.string() +
                              "' 2> '" + err.string() + "'";
  const int raw = std::system(command.c_str());
  auto slurp = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  ProgramOutcome outcome;
  outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  outcome.out = slurp(out);
  outcome.err = slurp(err);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return outcome;
}

}  // namespace breakeven::testing
