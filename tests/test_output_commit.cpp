// SPDX-License-Identifier: MIT
// The outputs of a run are written all together or not at all: paths are checked before the
// simulation, and a signal between two files leaves neither partial nor temporary files.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "program_runner.hpp"

namespace fs = std::filesystem;
using breakeven::testing::run_program;
using Catch::Contains;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("breakeven-out-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::size_t entries_in(const fs::path& dir) {
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    (void)entry;
    ++count;
  }
  return count;
}

// Starts the program in the background and returns its pid.
pid_t start_program(const std::string& args, const std::string& env) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string command = "cd '" + std::string(BREAKEVEN_SOURCE_DIR) + "' && exec env " +
                                env + " '" + std::string(BREAKEVEN_BINARY) + "' " + args +
                                " > /dev/null 2>&1";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Waits until some file has been staged in `dir` (a hidden staging directory holds a file).
bool wait_for_staged_file(const fs::path& dir) {
  for (int i = 0; i < 600; ++i) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_directory() && entry.path().filename().string().starts_with(".") &&
          !fs::is_empty(entry.path()))
        return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int exit_status_after(pid_t pid, int signal) {
  ::kill(pid, signal);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

}  // namespace

TEST_CASE("a bad --json path fails before a 10-million-path run starts", "[output]") {
  const fs::path dir = fresh_dir("bad-json");
  std::ofstream(dir / "file") << "not a directory";
  const auto start = std::chrono::steady_clock::now();
  const auto outcome = run_program("run scenarios/metax.toml --paths 10000000 --quiet --json '" +
                                   (dir / "file" / "a.json").string() + "'");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.err, Contains("--json: "));
  CHECK_THAT(outcome.err, Contains("a.json"));
  CHECK(seconds < 1.0);
  fs::remove_all(dir);
}

TEST_CASE("a bad --out leaves the --json file unwritten", "[output]") {
  const fs::path dir = fresh_dir("bad-out");
  std::ofstream(dir / "taken") << "a file where the directory should go";
  const auto outcome =
      run_program("run scenarios/metax.toml --paths 200 --quiet --json '" +
                  (dir / "a.json").string() + "' --out '" + (dir / "taken").string() + "'");
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.err, Contains("--out: "));
  CHECK_THAT(outcome.err, Contains("taken"));
  CHECK_FALSE(fs::exists(dir / "a.json"));
  CHECK(entries_in(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("outputs: --json and --out are written together, and --out may be rewritten",
          "[output]") {
  const fs::path dir = fresh_dir("both");
  const std::string args = "run scenarios/metax.toml --paths 200 --quiet --json '" +
                           (dir / "a.json").string() + "' --out '" + (dir / "out").string() + "'";
  REQUIRE(run_program(args).status == 0);
  CHECK(fs::exists(dir / "a.json"));
  CHECK(fs::exists(dir / "out" / "report.html"));
  CHECK(fs::exists(dir / "out" / "summary.json"));
  CHECK(entries_in(dir) == 2 + 11);        // a.json, out/ and its 11 files: no temporaries
  REQUIRE(run_program(args).status == 0);  // a previous report set is replaced
  CHECK(entries_in(dir) == 2 + 11);
  // A directory holding anything else is not replaced.
  std::ofstream(dir / "out" / "notes.txt") << "mine";
  const auto refused = run_program(args);
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, Contains("notes.txt"));
  CHECK(fs::exists(dir / "out" / "notes.txt"));
  fs::remove_all(dir);
}

TEST_CASE("a signal between two output files leaves neither partial nor temporary files",
          "[output]") {
  for (const int signal : {SIGTERM, SIGINT}) {
    const fs::path dir = fresh_dir("signal-" + std::to_string(signal));
    const pid_t pid = start_program("run scenarios/metax.toml --paths 200 --quiet --json '" +
                                        (dir / "a.json").string() + "' --out '" +
                                        (dir / "sub" / "out").string() + "'",
                                    "BREAKEVEN_TEST_PAUSE_BETWEEN_FILES_MS=200");
    REQUIRE(pid > 0);
    // The parent directory of --out is made before the run; the staged files appear in it.
    for (int i = 0; i < 200 && !fs::exists(dir / "sub"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(wait_for_staged_file(dir / "sub"));
    CHECK(exit_status_after(pid, signal) == (signal == SIGTERM ? 143 : 130));
    CHECK(entries_in(dir) == 0);  // no a.json, no sub/, no staging directory
    fs::remove_all(dir);
  }
}

TEST_CASE("outputs: --paths beyond what sums exactly is refused at once", "[output]") {
  const auto outcome = run_program("run scenarios/metax.toml --paths 1000000001 --quiet");
  CHECK(outcome.status == 2);
  CHECK_THAT(outcome.err, Contains("--paths must be at most 1000000000"));
}
