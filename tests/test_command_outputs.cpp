// SPDX-License-Identifier: MIT
// Every command stages its --json and --out before it runs and commits them together: a bad path
// is refused at once with status 2, a directory holding other files is left alone, and the JSON
// file and the report directory land together.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "program_runner.hpp"
#include "small_scenarios.hpp"

namespace fs = std::filesystem;
using breakeven::testing::contains;
using breakeven::testing::run_program;
using breakeven::testing::ScenarioFiles;

namespace {

struct Command {
  std::string name;
  std::string quick;     ///< a short run of the command
  std::string slow;      ///< the same with a path count that would take minutes
  std::string out_file;  ///< a file its --out set holds
};

std::vector<Command> commands(const ScenarioFiles& files) {
  files.write("burner.toml", breakeven::testing::kBurner);
  const std::string burner = files.quoted("burner.toml");
  const std::string solve = "solve " + burner +
                            " --find funding.rounds.0.amount --for 'p_no_cash_out_first >= 0.95' "
                            "--between 0,20";
  const std::string backtest =
      "backtest scenarios/metax.toml --actuals scenarios/actuals/metax.csv";
  const std::string sweep = "sweep scenarios/metax.toml --vary costs.rnd_growth=0.1,0.2";
  return {
      {"sweep", sweep + " --paths 200", sweep + " --paths 10000000", "sweep.csv"},
      {"sensitivity", "sensitivity scenarios/metax.toml --paths 200",
       "sensitivity scenarios/metax.toml --paths 10000000", "sensitivity.csv"},
      {"solve", solve + " --paths 200", solve + " --paths 10000000", "solve.html"},
      {"backtest", backtest + " --paths 200", backtest + " --paths 10000000", "backtest.csv"},
  };
}

std::size_t entries_in(const fs::path& dir) {
  std::size_t count = 0;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it)
    ++count;
  return count;
}

}  // namespace

TEST_CASE("every command refuses a bad --out or --json before any work", "[output][cli]") {
  const ScenarioFiles files("outputs-bad");
  std::ofstream(files.path("taken")) << "a file where the directory should go";
  for (const Command& command : commands(files)) {
    INFO(command.name);
    const auto start = std::chrono::steady_clock::now();
    const auto bad_out = run_program(command.slow + " -q --json " + files.quoted("a.json") +
                                     " --out " + files.quoted("taken"));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(bad_out.status == 2);
    CHECK(contains(bad_out.err, "error: --out: "));
    CHECK(contains(bad_out.err, "taken"));
    CHECK(seconds < 2.0);  // 10 million paths would take minutes
    CHECK_FALSE(fs::exists(files.path("a.json")));

    const auto bad_json = run_program(command.slow + " -q --json " + files.quoted("taken/a.json") +
                                      " --out " + files.quoted("out"));
    CHECK(bad_json.status == 2);
    CHECK(contains(bad_json.err, "error: --json: "));
    CHECK_FALSE(fs::exists(files.path("out")));
  }
  // Nothing left behind: the scenario, the blocker and no staging directory.
  CHECK(entries_in(files.path("")) == 2);
}

TEST_CASE("every command writes --json and --out together, and keeps foreign directories",
          "[output][cli]") {
  const ScenarioFiles files("outputs-both");
  for (const Command& command : commands(files)) {
    INFO(command.name);
    const fs::path out = files.path(command.name);
    const fs::path json = files.path(command.name + ".json");
    const std::string args =
        command.quick + " -q --json '" + json.string() + "' --out '" + out.string() + "'";
    REQUIRE(run_program(args).status == 0);
    CHECK(fs::exists(json));
    CHECK(fs::exists(out / command.out_file));
    const std::size_t written = entries_in(out);
    // A directory breakeven wrote is replaced as a whole.
    REQUIRE(run_program(args).status == 0);
    CHECK(entries_in(out) == written);
    // One holding anything else is refused before the run, and left as it was.
    std::ofstream(out / "notes.txt") << "mine";
    fs::remove(json);
    const auto refused = run_program(args);
    CHECK(refused.status == 2);
    CHECK(contains(refused.err, "notes.txt"));
    CHECK(breakeven::testing::read_file(out / "notes.txt") == "mine");
    CHECK(entries_in(out) == written + 1);
    CHECK_FALSE(fs::exists(json));
  }
  // Any command may replace a directory another command wrote.
  REQUIRE(run_program("run scenarios/metax.toml --paths 200 -q --out '" +
                      files.path("solve").string() + "'")
              .status == 2);  // it holds notes.txt from above
  fs::remove(files.path("solve") / "notes.txt");
  CHECK(run_program("run scenarios/metax.toml --paths 200 -q --out '" +
                    files.path("solve").string() + "'")
            .status == 0);
  CHECK(fs::exists(files.path("solve") / "scenarios.csv"));
  CHECK_FALSE(fs::exists(files.path("solve") / "solve.html"));
}

TEST_CASE("merge refuses a bad --out before reading its state files", "[output][cli]") {
  const ScenarioFiles files("outputs-merge");
  std::ofstream(files.path("taken")) << "x";
  // The state files do not exist: the path is refused first.
  const auto refused =
      run_program("merge " + files.quoted("no-such-state") + " --out " + files.quoted("taken"));
  CHECK(refused.status == 2);
  CHECK(contains(refused.err, "error: --out: "));
}
