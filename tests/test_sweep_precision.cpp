// SPDX-License-Identifier: MIT
// `sweep --precision`: each point stops where `run --precision` would stop for it, on any thread
// count, its figures are those of a fixed run of that many paths, and the differences are paired
// on the paths both ran.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/analysis/sweep.hpp"
#include "breakeven/report/json_report.hpp"
#include "breakeven/report/sweep_report.hpp"
#include "breakeven/scenario/errors.hpp"
#include "program_runner.hpp"
#include "small_scenarios.hpp"

using namespace breakeven;
using breakeven::testing::contains;
using breakeven::testing::kGrower;
using breakeven::testing::run_program;
using breakeven::testing::ScenarioFiles;

namespace {

// Three R&D budgets: the headline moves from near one half towards the ends, so the points need
// different path counts for the same half-width.
const char* const kVary = "costs.rnd=6,12,24";
const std::vector<std::string> kRnd = {"6", "12", "24"};

SweepPlan grower_plan() {
  ScenarioSource source;
  source.file = "grower.toml";
  source.text = kGrower;
  return plan_sweep(source, {parse_vary(kVary)});
}

struct PreciseSweep {
  SweepResult sweep;
  std::vector<std::string> point_json;  ///< each point's full result as `run --json` prints it
};

PreciseSweep precise_sweep(int threads, PrecisionGoal goal) {
  PreciseSweep out;
  out.point_json.resize(kRnd.size());
  SweepOptions options;
  options.threads = threads;
  options.precision = goal;
  options.on_point = [&](std::size_t i, const ScenarioResult& result) {
    out.point_json[i] = scenario_to_json(result).dump(2);
  };
  out.sweep = run_sweep(grower_plan(), options);
  return out;
}

std::vector<std::int64_t> stops(const SweepResult& sweep) {
  std::vector<std::int64_t> paths{sweep.base.paths};
  for (const auto& point : sweep.points) paths.push_back(point.figures.paths);
  return paths;
}

}  // namespace

TEST_CASE("sweep --precision stops every point at the same paths on 1 and 2 threads",
          "[sweep][precision]") {
  const PrecisionGoal goal{0.02, 100000};
  const PreciseSweep one = precise_sweep(1, goal);
  const PreciseSweep two = precise_sweep(2, goal);
  CHECK(stops(one.sweep) == stops(two.sweep));
  CHECK(sweep_json_text({one.sweep}) == sweep_json_text({two.sweep}));
  CHECK(one.point_json == two.point_json);
  // The points need different counts, so the pairing on the common paths is exercised.
  const auto paths = stops(one.sweep);
  CHECK(std::adjacent_find(paths.begin(), paths.end(), std::not_equal_to<>()) != paths.end());
  for (const SweepFigures* f : {&one.sweep.base, &one.sweep.points[0].figures,
                                &one.sweep.points[1].figures, &one.sweep.points[2].figures}) {
    REQUIRE(f->precision);
    CHECK(f->precision->reached);
    CHECK(f->precision->half_width <= goal.half_width);
    CHECK(f->paths == f->precision->paths);
    CHECK(f->paths % kBlockPaths == 0);
  }
  for (const SweepPoint& point : one.sweep.points)
    CHECK(point.paired_paths == std::min(one.sweep.base.paths, point.figures.paths));
}

TEST_CASE("sweep --precision: a point equals run --precision and run --paths N byte for byte",
          "[sweep][precision][cli]") {
  const ScenarioFiles files("sweep-precision");
  files.write("grower.toml", kGrower);
  const std::string grower = files.quoted("grower.toml");
  const PreciseSweep swept = precise_sweep(0, {0.02, 100000});
  for (std::size_t i = 0; i < kRnd.size(); ++i) {
    const std::int64_t stop = swept.sweep.points[i].figures.paths;
    const auto fixed = run_program("run " + grower + " --set costs.rnd=" + kRnd[i] + " --paths " +
                                   std::to_string(stop) + " --json - -q");
    REQUIRE(fixed.status == 0);
    const auto run = nlohmann::ordered_json::parse(fixed.out)["scenarios"][0];
    // The sweep names the file as it was given; the figures are what matter.
    auto point = nlohmann::ordered_json::parse(swept.point_json[i]);
    point["file"] = run["file"];
    CHECK(point.dump(2) == run.dump(2));
    const auto precise = run_program("run " + grower + " --set costs.rnd=" + kRnd[i] +
                                     " --precision 0.02 --max-paths 100000 --json - -q");
    REQUIRE(precise.status == 0);
    CHECK(nlohmann::json::parse(precise.out)["precision"]["paths"] == stop);
  }
}

TEST_CASE("sweep --precision reports paths, half-widths and why it stopped",
          "[sweep][precision][cli]") {
  const ScenarioFiles files("sweep-precision-cli");
  files.write("grower.toml", kGrower);
  const std::string sweep =
      std::string("sweep ") + files.quoted("grower.toml") + " --vary " + kVary;

  const auto reached = run_program(sweep + " --precision 0.02 --threads 1");
  REQUIRE(reached.status == 0);
  CHECK(contains(reached.out, "Stopped: precision reached at the base and every point"));
  CHECK(contains(reached.out, "±95 % (points)"));

  const auto capped = run_program(sweep + " --precision 0.001 --max-paths 1000 --json -");
  REQUIRE(capped.status == 0);
  CHECK(contains(capped.err, "Stopped: --max-paths 1000 reached at 4 of 4 runs"));
  const auto json = nlohmann::json::parse(capped.out)["scenarios"][0];
  CHECK(json["precision"]["target_half_width"] == 0.001);
  CHECK(json["precision"]["max_paths"] == 1000);
  CHECK(json["sweep"]["base"]["paths"] == 1000);
  for (const auto& point : json["sweep"]["points"]) {
    CHECK(point["paths"] == 1000);
    CHECK(point["paired_paths"] == 1000);
    CHECK(point["reached"] == false);
    CHECK(point["stopped"] == "max paths reached");
    CHECK(point["half_width"].get<double>() > 0.001);
  }

  const ScenarioFiles out_dir("sweep-precision-out");
  const auto written = run_program(sweep + " --precision 0.02 -q --out " + out_dir.quoted("out"));
  REQUIRE(written.status == 0);
  const std::string csv = testing::read_file(out_dir.path("out") / "sweep.csv");
  CHECK(contains(csv, ",paths,half_width,stopped,paired_paths\n"));
  CHECK(contains(csv, ",precision reached,"));
  CHECK(contains(testing::read_file(out_dir.path("out") / "report.html"), "Stopped: precision"));

  // A fixed sweep's reports carry none of it.
  const auto fixed = run_program(sweep + " --paths 500 --json -");
  REQUIRE(fixed.status == 0);
  CHECK_FALSE(contains(fixed.out, "half_width"));
}

TEST_CASE("sweep --precision refuses a bad goal before anything runs, naming the argument",
          "[sweep][precision][cli]") {
  const ScenarioFiles files("sweep-precision-bad");
  files.write("grower.toml", kGrower);
  const std::string sweep =
      std::string("sweep ") + files.quoted("grower.toml") + " --vary " + kVary;
  for (const char* bad : {"0", "1.5", "-0.01", "nan"}) {
    const auto refused = run_program(sweep + " --precision " + bad);
    CHECK(refused.status == 2);
    CHECK(contains(refused.err, "--precision"));
  }
  const auto no_cap = run_program(sweep + " --precision 0.01 --max-paths 0");
  CHECK(no_cap.status == 2);
  CHECK(contains(no_cap.err, "--max-paths"));
  CHECK(run_program(sweep + " --precision 0.01 --paths 500").status == 2);
  CHECK(run_program(sweep + " --max-paths 500").status == 2);
  // P(by target) needs a target.
  std::string no_target = kGrower;
  no_target.erase(no_target.find("[breakeven]"));
  files.write("no_target.toml", no_target.c_str());
  const auto untargeted = run_program("sweep " + files.quoted("no_target.toml") + " --vary " +
                                      kVary + " --precision 0.01");
  CHECK(untargeted.status == 2);
  CHECK(contains(untargeted.err, "--precision"));
  CHECK(contains(untargeted.err, "breakeven.target"));
  // sensitivity keeps a fixed path count, and says why.
  const auto sensitivity =
      run_program("sensitivity " + files.quoted("grower.toml") + " --precision 0.01");
  CHECK(sensitivity.status == 2);
  CHECK(contains(sensitivity.err, "--precision: sensitivity runs a fixed path count"));
}
