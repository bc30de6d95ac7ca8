// SPDX-License-Identifier: MIT
// `run --precision` and `solve` as a user runs them: exit statuses, messages and output files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "program_runner.hpp"
#include "small_scenarios.hpp"

namespace fs = std::filesystem;
using breakeven::testing::contains;
using breakeven::testing::kBurner;
using breakeven::testing::kGrower;
using breakeven::testing::read_file;
using breakeven::testing::run_program;
using breakeven::testing::ScenarioFiles;

TEST_CASE("cli: run --precision stops at the same paths on 1 and 2 threads", "[cli]") {
  const ScenarioFiles files("precision");
  files.write("grower.toml", kGrower);
  const std::string grower = files.quoted("grower.toml");
  const auto one = run_program("run " + grower + " --precision 0.02 --threads 1 --json -");
  const auto two = run_program("run " + grower + " --precision 0.02 --threads 2 --json -");
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  CHECK(one.out == two.out);
  const auto json = nlohmann::json::parse(one.out);
  const auto& precision = json["precision"];
  CHECK(precision["reached"] == true);
  CHECK(precision["stopped"] == "precision reached");
  CHECK(precision["half_width"].get<double>() <= 0.02);
  CHECK(precision["paths"] == json["scenarios"][0]["paths"]);
  CHECK(contains(one.err, "Stopped: precision reached"));
  // A fixed run of the stopping count reports the same scenario, byte for byte.
  const auto fixed = run_program("run " + grower + " --paths " +
                                 std::to_string(precision["paths"].get<long>()) + " --json -");
  auto without = json;
  without.erase("precision");
  CHECK(nlohmann::json::parse(fixed.out) == without);

  const auto capped = run_program("run " + grower + " --precision 0.001 --max-paths 2000");
  CHECK(capped.status == 0);
  CHECK(contains(capped.out, "Stopped: --max-paths 2000 reached"));
  CHECK(run_program("run " + grower + " --precision 0.01 --paths 500").status == 2);
  CHECK(run_program("run " + grower + " --max-paths 500").status == 2);
}

TEST_CASE("cli: solve answers, writes its files, and says when there is no answer", "[cli]") {
  const ScenarioFiles files("precision");
  files.write("burner.toml", kBurner);
  const std::string burner = files.quoted("burner.toml");
  const fs::path out = files.path("solved");
  const auto solved =
      run_program("solve " + burner +
                  " --find funding.rounds.0.amount --for 'p_no_cash_out_first >= 0.95' "
                  "--between 0,20 --out '" +
                  out.string() + "'");
  REQUIRE(solved.status == 0);
  CHECK(contains(solved.out, "Answer: funding.rounds.0.amount = 7.00"));
  CHECK_FALSE(contains(solved.out, "No answer"));
  const auto json = nlohmann::json::parse(read_file(out / "solve.json"))["solve"];
  CHECK(json["key"] == "funding.rounds.0.amount");
  CHECK(json["output"] == "p_no_cash_out_first");
  CHECK(json["target"] == 0.95);
  CHECK(json["value"] == 7.0);
  CHECK(json["interval"] == nlohmann::json::array({7.0, 7.0}));
  CHECK(json["evaluations"].size() > 2);
  CHECK(json["evaluations"][0].contains("estimate"));
  CHECK(json["evaluations"][0].contains("se"));
  CHECK(contains(read_file(out / "solve_evaluations.csv"), "value,estimate,se,lower_95,upper_95"));
  const std::string page = read_file(out / "solve.html");
  CHECK(contains(page, "<svg"));
  CHECK(contains(page, "target-rule"));

  const auto never = run_program("solve " + burner +
                                 " --find funding.rounds.0.amount --for 'p_by_target >= 0.5' "
                                 "--between 0,20 --json -");
  CHECK(never.status == 1);
  CHECK_FALSE(contains(never.out, "Answer:"));
  CHECK(contains(never.err, "holds nowhere"));
  CHECK(nlohmann::json::parse(never.out)["solve"]["status"] == "nowhere");

  CHECK(run_program("solve " + burner + " --find company.name --for 'p_by_target >= 0.5'").status ==
        2);
  CHECK(run_program("solve " + burner + " --find costs.rnd --for 'p_by_target = 0.5'").status == 2);
}
