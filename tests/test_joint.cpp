// SPDX-License-Identifier: MIT
// Joint batches: dependence through the shared sector shocks only, counts that add up, results
// that do not depend on threads or range splits, batch files and per-file --set.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "breakeven/analysis/joint_summary.hpp"
#include "breakeven/engine/tally_io.hpp"
#include "breakeven/report/json_report.hpp"
#include "program_runner.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using namespace breakeven::testing;
namespace fs = std::filesystem;

namespace {

/// A company whose break-even by 2027 turns on revenue shocks alone: constant parameters, no
/// events, no margin noise, so two such companies differ only through their shocks.
std::string shocked(const std::string& name, double loading, const std::string& start = "2025-01") {
  return R"(
[company]
name = ")" +
         name + R"("
[simulation]
start = ")" +
         start + R"("
horizon = "2030-12"
paths = 20000
seed = 3
[state]
cash = 100
revenue = 12
[revenue]
growth = 0.35
volatility = 0.6
sector_loading = )" +
         std::to_string(loading) + R"(
[margin]
gross = 0.5
[costs]
rnd = 8
sga = 2
[tax]
rate = 0
[breakeven]
metric = "operating_income"
period = "year"
target = "2027"
)";
}

JointResult joint_of(const Model& a, const Model& b, int threads = 0) {
  RunPlan plan = whole_run({&a, &b}, 3, 20000);
  plan.joint = true;
  const RunTallies tallies = simulate(plan, {threads, {}});
  return summarize_joint(plan.models, *tallies.joint);
}

double p_by_target(const Model& model) {
  return summarize(model, simulate(scenario_run(model)).scenarios[0]).breakeven.by_target->p;
}

void require_rows_sum_to_one(const std::vector<CountRow>& rows) {
  for (const CountRow& row : rows) {
    double sum = 0;
    for (const Estimate& e : row.p) sum += e.p;
    REQUIRE(sum == Approx(1.0).margin(1e-12));
  }
}

}  // namespace

TEST_CASE("joint: without sector loading two companies are independent") {
  const Model a = make_model(shocked("Alpha", 0.0)), b = make_model(shocked("Beta", 0.0));
  const double pa = p_by_target(a), pb = p_by_target(b);
  REQUIRE(pa > 0.2);  // the test needs both to be uncertain
  REQUIRE(pa < 0.8);
  const JointResult joint = joint_of(a, b);
  const Estimate both = *joint.all_by_target;
  CAPTURE(pa, pb, both.p, both.se);
  REQUIRE(std::abs(both.p - pa * pb) < 4 * both.se);
}

TEST_CASE("joint: fully sector-loaded twins are strongly dependent") {
  const Model a = make_model(shocked("Alpha", 1.0)), b = make_model(shocked("Beta", 1.0));
  const double pa = p_by_target(a), pb = p_by_target(b);
  const JointResult joint = joint_of(a, b);
  const Estimate both = *joint.all_by_target;
  CAPTURE(pa, pb, both.p, both.se);
  // Identical parameters and the same shocks: the same path, so both or neither.
  REQUIRE(both.p == Approx(pa).margin(1e-12));
  REQUIRE(both.p > pa * pb + 20 * both.se);
  const PairResult& pair = joint.pairs.at(0);
  REQUIRE(pair.a_first.p == 0);
  REQUIRE(pair.b_first.p == 0);
  REQUIRE(pair.same_month.p > 0.5);
}

TEST_CASE("joint: counts add up, and pairs compare calendar months across start dates") {
  const Model a = make_model(shocked("Alpha", 0.5));
  const Model b = make_model(shocked("Beta", 0.5, "2025-07"));
  const JointResult joint = joint_of(a, b);
  REQUIRE(joint.scenarios == std::vector<std::string>{"Alpha", "Beta"});
  REQUIRE(joint.breakeven_count.front().year == "2025");
  REQUIRE(joint.breakeven_count.back().year == "2030");
  require_rows_sum_to_one(joint.breakeven_count);
  require_rows_sum_to_one(joint.cash_out_count);
  for (const PairResult& pair : joint.pairs)
    REQUIRE(pair.a_first.p + pair.b_first.p + pair.same_month.p + pair.neither.p ==
            Approx(1.0).margin(1e-12));
  // P(at least one by the end of 2030) = 1 - P(neither breaks even within the horizon).
  REQUIRE(1 - joint.breakeven_count.back().p[0].p ==
          Approx(1 - joint.pairs[0].neither.p).margin(1e-12));
}

TEST_CASE("joint: byte-identical for 1, 2 and 4 threads and for two ranges merged") {
  const Model a = make_model(shocked("Alpha", 0.5));
  const Model b = make_model(shocked("Beta", 0.5, "2025-07"));
  const std::vector<const Model*> models = {&a, &b};
  RunPlan plan = whole_run(models, 3, 5000);
  plan.joint = true;
  const std::string serial = tallies_to_json(simulate_serial(plan), models);
  for (int threads : {1, 2, 4}) {
    CAPTURE(threads);
    REQUIRE(tallies_to_json(simulate(plan, {threads, {}}), models) == serial);
  }
  RunPlan first = plan, second = plan;
  first.end = 2100;
  second.begin = 2100;
  RunTallies merged = tallies_from_json(tallies_to_json(simulate(first), models), models);
  merge_tallies(merged, tallies_from_json(tallies_to_json(simulate(second), models), models));
  REQUIRE(tallies_to_json(merged, models) == serial);
  REQUIRE(joint_to_json(summarize_joint(models, *merged.joint)).dump() ==
          joint_to_json(summarize_joint(models, *simulate(plan).joint)).dump());
}

namespace {

/// Files in a private folder, removed at the end.
class Folder {
 public:
  Folder() : dir_(fs::temp_directory_path() / ("breakeven-joint-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }

 private:
  fs::path dir_;
};

nlohmann::json run_json(const std::string& args) {
  const ProgramOutcome run = run_program("run " + args + " --paths 2000 --json -");
  INFO(run.err);
  REQUIRE(run.status == 0);
  return nlohmann::json::parse(run.out);
}

}  // namespace

TEST_CASE("joint cli: marginals are byte-identical alone and in a batch", "[cli]") {
  const Folder folder;
  const std::string a = folder.write("a.toml", shocked("Alpha", 0.5));
  const std::string b = folder.write("b.toml", shocked("Beta", 0.5, "2025-07"));
  const nlohmann::json alone = run_json("'" + a + "'");
  const nlohmann::json batch = run_json("'" + a + "' '" + b + "'");
  REQUIRE(alone["joint"].empty());
  REQUIRE(alone["scenarios"][0].dump() == batch["scenarios"][0].dump());
  REQUIRE(batch["joint"]["scenarios"] == nlohmann::json::array({"Alpha", "Beta"}));
  for (const auto& row : batch["joint"]["breakeven_count"]) {
    REQUIRE(row["p"].size() == 3);
    REQUIRE(row["p_se"].size() == 3);
  }
  const auto& pair = batch["joint"]["pairs"][0];
  for (const char* key : {"a_first", "b_first", "same_month", "neither"}) {
    REQUIRE(pair.contains(key));
    REQUIRE(pair.contains(std::string(key) + "_se"));
  }
  // Files of one company are compared side by side, not joined.
  REQUIRE(run_json("'" + a + "' '" + a + "'")["joint"].empty());
}

TEST_CASE("joint cli: --set FILE:KEY=V and a batch file's set change only their file", "[cli]") {
  const Folder folder;
  const std::string a = folder.write("a.toml", shocked("Alpha", 0.5));
  const std::string b = folder.write("b.toml", shocked("Beta", 0.5, "2025-07"));
  const nlohmann::json plain = run_json("'" + a + "' '" + b + "'");
  const nlohmann::json changed =
      run_json("'" + a + "' '" + b + "' --set '" + a + ":revenue.growth=0.6'");
  REQUIRE(plain["scenarios"][0].dump() != changed["scenarios"][0].dump());
  REQUIRE(plain["scenarios"][1].dump() == changed["scenarios"][1].dump());

  const std::string batch = folder.write("batch.toml", R"(
[batch]
name = "two"
paths = 2000
seed = 3
[[scenario]]
file = "a.toml"
set = { "revenue.growth" = 0.6 }
[[scenario]]
file = "b.toml"
)");
  const nlohmann::json from_batch = run_json("'" + batch + "'");
  REQUIRE(from_batch["scenarios"][0].dump() == changed["scenarios"][0].dump());
  REQUIRE(from_batch["scenarios"][1].dump() == plain["scenarios"][1].dump());
  REQUIRE(from_batch["joint"].dump() == changed["joint"].dump());

  const ProgramOutcome stray = run_program("run '" + a + "' --set 'c.toml:revenue.growth=0.6'");
  REQUIRE(stray.status == 2);
  REQUIRE(stray.err.find("c.toml") != std::string::npos);
}

TEST_CASE("joint cli: files that disagree on paths or seed are an error naming both", "[cli]") {
  const Folder folder;
  const std::string a = folder.write("a.toml", shocked("Alpha", 0.5));
  std::string other = shocked("Beta", 0.5);
  other.replace(other.find("seed = 3"), 8, "seed = 4");
  const std::string b = folder.write("b.toml", other);
  const ProgramOutcome conflict = run_program("run '" + a + "' '" + b + "' --paths 500");
  REQUIRE(conflict.status == 2);
  REQUIRE(conflict.err.find("a.toml") != std::string::npos);
  REQUIRE(conflict.err.find("b.toml") != std::string::npos);
  REQUIRE(conflict.err.find("simulation.seed") != std::string::npos);
  REQUIRE(run_program("run '" + a + "' '" + b + "' --paths 500 --seed 9 --quiet").status == 0);

  const std::string bad =
      folder.write("bad.toml", "[batch]\npaht = 3\n[[scenario]]\nfile = \"a.toml\"\n");
  const ProgramOutcome typo = run_program("run '" + bad + "'");
  REQUIRE(typo.status == 2);
  REQUIRE(typo.err.find("bad.toml:2") != std::string::npos);
  REQUIRE(typo.err.find("paths") != std::string::npos);
}
