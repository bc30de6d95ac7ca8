// SPDX-License-Identifier: MIT
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "breakeven/analysis/sweep.hpp"
#include "breakeven/report/json_report.hpp"
#include "breakeven/report/sweep_report.hpp"
#include "breakeven/scenario/errors.hpp"
#include "program_runner.hpp"

using namespace breakeven;
using breakeven::testing::run_program;

namespace {

std::string read_text(const std::string& relative) {
  std::ifstream in(std::string(BREAKEVEN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ScenarioSource metax(std::int64_t paths) {
  ScenarioSource source;
  source.file = "scenarios/metax.toml";
  source.text = read_text(source.file);
  source.paths = paths;
  return source;
}

}  // namespace

TEST_CASE("parse_vary reads lists, inline tables and ranges", "[sweep]") {
  const VaryAxis list = parse_vary("margin.gross={dist=\"pert\",min=0.4,mode=0.5,max=0.6}, 0.5");
  CHECK(list.key == "margin.gross");
  REQUIRE(list.values.size() == 2);
  CHECK(list.values[0] == "{dist=\"pert\",min=0.4,mode=0.5,max=0.6}");
  CHECK(list.values[1] == "0.5");
  const VaryAxis range = parse_vary("costs.rnd_growth=0.1:0.3:3");
  CHECK(range.values == std::vector<std::string>{"0.1", "0.2", "0.3"});
  CHECK(parse_vary("funding.rounds.0.amount=\"30B\",\"1,5亿\"").values.size() == 2);
  CHECK_THROWS_AS(parse_vary("costs.rnd_growth"), UsageError);
  CHECK_THROWS_AS(parse_vary("costs.rnd_growth=0:1:0"), UsageError);
}

TEST_CASE("A sweep point equals run --set byte for byte", "[sweep]") {
  SweepPlan plan = plan_sweep(metax(1500), {parse_vary("costs.rnd_growth=0.2,0.05")});
  std::vector<std::string> point_json(2);
  SweepOptions options;
  options.on_point = [&](std::size_t i, const ScenarioResult& result) {
    point_json[i] = scenario_to_json(result).dump(2);
  };
  const SweepResult sweep = run_sweep(plan, options);
  const std::string values[] = {"0.2", "0.05"};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto run =
        run_program("run scenarios/metax.toml --paths 1500 --set costs.rnd_growth=" + values[i] +
                    " --json - -q");
    REQUIRE(run.status == 0);
    const auto json = nlohmann::ordered_json::parse(run.out);
    CHECK(json["scenarios"][0].dump(2) == point_json[i]);
  }
  // The sweep's own report carries the same figures, printed the same way.
  const auto cli = run_program(
      "sweep scenarios/metax.toml --paths 1500 --vary costs.rnd_growth=0.2,0.05 --json -");
  REQUIRE(cli.status == 0);
  const auto swept = nlohmann::ordered_json::parse(cli.out)["scenarios"][0]["sweep"];
  for (std::size_t i = 0; i < 2; ++i) {
    const auto expected = nlohmann::ordered_json::parse(point_json[i]);
    const auto& point = swept["points"][i];
    CHECK(point["p_by_target"].dump() == expected["breakeven"]["p_by_target"].dump());
    CHECK(point["p_by_target_se"].dump() == expected["breakeven"]["p_by_target_se"].dump());
    CHECK(point["cash_out_first"].dump() == expected["breakeven"]["cash_out_first"].dump());
    CHECK(point["median_breakeven"] == expected["breakeven"]["quantiles"]["p50"]);
    CHECK(point["funding_need_p90"].dump() == expected["funding_need"]["p90"].dump());
    CHECK(point["runway_p50"] == expected["runway_months"]["p50"]);
  }
  CHECK(swept["points"][0]["values"]["costs.rnd_growth"] == 0.2);
  CHECK(sweep.points[0].figures.by_target->p ==
        nlohmann::json::parse(point_json[0])["breakeven"]["p_by_target"].get<double>());
}

TEST_CASE("Pairing narrows the interval of a small change at least threefold", "[sweep]") {
  ScenarioSource source = metax(4000);
  // The 2025-06-30 file: its 2026 target is a near coin flip (about 45 %), so a small change
  // moves some paths; in the current file, where MetaX's 2026 is below 1 %, none may move.
  source.file = "scenarios/vintage/2025-06-30/metax.toml";
  source.text = read_text(source.file);
  source.overrides.push_back({"costs.rnd_growth", "0.12"});
  const SweepResult sweep =
      run_sweep(plan_sweep(source, {parse_vary("costs.rnd_growth=0.13")}), {});
  REQUIRE(sweep.points.size() == 1);
  for (const PairedDifference& d : {*sweep.points[0].by_target, sweep.points[0].cash_out_first}) {
    const double paired = d.hi - d.lo, unpaired = d.unpaired_hi - d.unpaired_lo;
    INFO("paired width " << paired << ", unpaired width " << unpaired);
    CHECK(paired > 0);
    CHECK(unpaired >= 3 * paired);
    CHECK(d.lo <= d.diff);
    CHECK(d.diff <= d.hi);
  }
  // Faster R&D growth cannot help: no path reaches the target that did not before.
  CHECK(sweep.points[0].by_target->diff <= 0);
}

TEST_CASE("A sweep is the same for one and two threads", "[sweep]") {
  const std::vector<VaryAxis> axes = {parse_vary("costs.rnd_growth=0.1:0.2:2"),
                                      parse_vary("margin.gross=0.5,0.6")};
  SweepOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const SweepResult a = run_sweep(plan_sweep(metax(700), axes), one);
  const SweepResult b = run_sweep(plan_sweep(metax(700), axes), two);
  REQUIRE(a.points.size() == 4);
  CHECK(sweep_json_text({a}) == sweep_json_text({b}));
  CHECK(sweep_csv({a}) == sweep_csv({b}));
}

TEST_CASE("A bad sweep is refused before anything runs, naming --vary", "[sweep][cli]") {
  const auto too_many = run_program(
      "sweep scenarios/metax.toml --vary costs.rnd_growth=0:1:101 --vary margin.gross=0.4:0.6:100");
  CHECK(too_many.status == 2);
  CHECK(too_many.err.find("--vary costs.rnd_growth=0:1:101") != std::string::npos);
  CHECK(too_many.err.find("10000") != std::string::npos);
  CHECK(too_many.out.empty());

  const auto unknown = run_program("sweep scenarios/metax.toml --vary costs.rnd_grwth=0.1,0.2");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("--vary costs.rnd_grwth=0.1,0.2") != std::string::npos);
  CHECK(unknown.err.find("rnd_growth") != std::string::npos);  // the suggestion

  const auto invalid = run_program("sweep scenarios/metax.toml --vary margin.gross=0.5,1.5");
  CHECK(invalid.status == 2);
  CHECK(invalid.err.find("--vary margin.gross=0.5,1.5") != std::string::npos);
  CHECK(invalid.err.find("1.5") != std::string::npos);
}

TEST_CASE("sweep --out writes the report set", "[sweep][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("breakeven-sweep-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto outcome = run_program(
      "sweep scenarios/metax.toml scenarios/biren.toml --paths 300 -q "
      "--vary costs.rnd_growth=0.1,0.2 --out '" +
      dir.string() + "'");
  REQUIRE(outcome.status == 0);
  for (const char* name : {"summary.json", "sweep.csv", "report.html"})
    CHECK(fs::file_size(dir / name) > 0);
  const auto json = nlohmann::json::parse(std::ifstream(dir / "summary.json"));
  CHECK(json["scenarios"].size() == 2);
  std::ifstream html(dir / "report.html");
  const std::string page{std::istreambuf_iterator<char>(html), std::istreambuf_iterator<char>()};
  CHECK(page.find("id=\"sweep-target-0\"") != std::string::npos);
  CHECK(page.find("band-paired") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("sweep takes a batch file: its paths, seed and per-file set", "[sweep][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("breakeven-sweep-batch-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string scenario = std::string(BREAKEVEN_SOURCE_DIR) + "/scenarios/metax.toml";
  {
    std::ofstream batch(dir / "batch.toml");
    batch << "[batch]\nname = \"one\"\npaths = 400\nseed = 9\n[[scenario]]\nfile = \"" << scenario
          << "\"\nset = { \"margin.noise\" = 0.05 }\n";
  }
  const auto from_batch = run_program("sweep '" + (dir / "batch.toml").string() +
                                      "' --vary costs.rnd_growth=0.1,0.2 --json -");
  const auto by_hand = run_program(
      "sweep scenarios/metax.toml --paths 400 --seed 9 --set margin.noise=0.05 "
      "--vary costs.rnd_growth=0.1,0.2 --json -");
  REQUIRE(from_batch.status == 0);
  REQUIRE(by_hand.status == 0);
  const auto a = nlohmann::json::parse(from_batch.out);
  const auto b = nlohmann::json::parse(by_hand.out);
  CHECK(a["scenarios"][0]["sweep"]["points"] == b["scenarios"][0]["sweep"]["points"]);
  CHECK(a["scenarios"][0]["sweep"]["base"] == b["scenarios"][0]["sweep"]["base"]);
  fs::remove_all(dir);
}
