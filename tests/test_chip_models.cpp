// SPDX-License-Identifier: MIT
// Milestones and the order book against formulas: success probabilities, the geometric number of
// re-spins, delays, and the compound-Poisson mean and variance of order revenue.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "breakeven/engine/tally_io.hpp"
#include "program_runner.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using namespace breakeven::testing;

namespace {

// Base company without growth: it loses 0.5 a month until a milestone triples revenue.
Model milestone_model(const std::string& milestones, std::int64_t paths = 20000) {
  return make_model(std::string(kBaseScenario) + milestones,
                    {{"revenue.growth", "0"},
                     {"simulation.paths", std::to_string(paths)},
                     {"breakeven.target", "\"2025-12\""}});
}

}  // namespace

TEST_CASE("one milestone deciding break-even: P(by target) equals its success probability",
          "[milestones]") {
  for (double p : {0.3, 0.75}) {
    CAPTURE(p);
    const Model model = milestone_model(fmt::format(R"(
[[milestones]]
name = "Tape-out"
date = "2025-03"
success_probability = {}
on_success = {{ target = "revenue", effect = 2.0 }}
)",
                                                    p));
    const ScenarioResult result = run(model);
    REQUIRE(result.breakeven.by_target);
    const double se = std::sqrt(p * (1 - p) / 20000.0);
    REQUIRE(std::abs(result.breakeven.by_target->p - p) < 4 * se);
    REQUIRE(result.milestones.size() == 1);
    REQUIRE(std::abs(result.milestones[0].success.p - result.breakeven.by_target->p) < 1e-12);
    // Every success is in the planned month: no re-spins allowed.
    REQUIRE(result.milestones[0].p10 == "2025-03");
    REQUIRE(result.milestones[0].p90 == "2025-03");
  }
}

TEST_CASE("re-spins: P(success) and the mean success month follow the truncated geometric law",
          "[milestones]") {
  const double p = 0.3, q = 1 - p;
  const int delay = 4, respins = 5, planned = 2, attempts = respins + 1;
  const Model model = milestone_model(fmt::format(R"(
[[milestones]]
name = "Tape-out"
date = "2025-03"
success_probability = {}
on_success = {{ target = "growth", effect = 0.1, ramp_months = 6 }}
respin_delay_months = {}
max_respins = {}
)",
                                                  p, delay, respins),
                                      40000);
  const ScenarioResult result = run(model);
  const MilestoneResult& m = result.milestones.at(0);
  const double success = 1 - std::pow(q, attempts);
  REQUIRE(std::abs(m.success.p - success) < 4 * std::sqrt(success * (1 - success) / 40000.0));
  // Failures before the success, k < attempts: P(k) = p q^k / (1 - q^attempts).
  double mean_k = 0, mean_k2 = 0;
  for (int k = 0; k < attempts; ++k) {
    const double weight = p * std::pow(q, k) / success;
    mean_k += k * weight;
    mean_k2 += k * k * weight;
  }
  const double expected = planned + delay * mean_k;
  const double sd = delay * std::sqrt(mean_k2 - mean_k * mean_k);
  REQUIRE(std::abs(m.mean_month - expected) < 4 * sd / std::sqrt(40000.0 * success));
}

TEST_CASE("a failed attempt spends the re-spin cost as R&D in its month, then retries",
          "[milestones]") {
  const Model model = milestone_model(R"(
[[milestones]]
name = "Tape-out"
date = "2025-03"
success_probability = 0
on_success = { target = "revenue", effect = 2.0 }
respin_cost = 5
respin_delay_months = 3
max_respins = 1
)",
                                      10);
  const auto trace = trace_path(model);
  for (const MonthRecord& month : trace) {
    CAPTURE(month.month);
    const double expected = 10.0 / 12 + (month.month == 2 || month.month == 5 ? 5.0 : 0.0);
    REQUIRE(month.rnd == Approx(expected));
  }
  REQUIRE(outcome_of(model).milestone_success_month.at(0) == -1);
}

TEST_CASE("max_respins counts re-spins: a chip that always fails is tried 1 + max_respins times",
          "[milestones]") {
  // docs/scenarios.md: "at most 1 + max_respins attempts". Each failed attempt spends the re-spin
  // cost, so the months with that cost count the attempts.
  for (int respins : {0, 2}) {
    CAPTURE(respins);
    const Model model = milestone_model(fmt::format(R"(
[[milestones]]
name = "Tape-out"
date = "2025-03"
success_probability = 0
on_success = {{ target = "revenue", effect = 2.0 }}
respin_cost = 5
respin_delay_months = 2
max_respins = {}
)",
                                                    respins),
                                        10);
    const auto trace = trace_path(model);
    const auto attempts = std::count_if(trace.begin(), trace.end(), [](const MonthRecord& month) {
      return month.rnd > 10.0 / 12 + 1.0;
    });
    REQUIRE(attempts == 1 + respins);
    REQUIRE(outcome_of(model).milestone_success_month.at(0) == -1);
  }
}

TEST_CASE("an event with target milestones delays pending milestones; requires waits",
          "[milestones]") {
  const Model model = milestone_model(R"(
[[events]]
name = "Foundry access lost"
target = "milestones"
date = "2025-02"
duration_months = 5
[[milestones]]
name = "Gen 2"
date = "2025-03"
success_probability = 1
on_success = { target = "revenue", effect = 0.2, ramp_months = 4 }
[[milestones]]
name = "Gen 3"
date = "2025-04"
success_probability = 1
on_success = { target = "gross_margin", effect = 0.05 }
requires = "Gen 2"
)",
                                      10);
  const PathOutcome outcome = outcome_of(model);
  // Gen 2: planned month 2, delayed at month 1 by 5 -> 7. Gen 3: planned 3, delayed to 8, and
  // Gen 2 succeeded before it, so 8.
  REQUIRE(outcome.milestone_success_month == std::vector<int>{7, 8});
  const auto trace = trace_path(model);
  // Revenue 1 a month, +0.2 phased in over 4 months from month 7.
  REQUIRE(trace[6].revenue == Approx(1.0));
  REQUIRE(trace[7].revenue == Approx(1.05));
  REQUIRE(trace[10].revenue == Approx(1.2));
  REQUIRE(trace[20].revenue == Approx(1.2));
  REQUIRE(trace[8].gross_margin == Approx(0.55));
}

TEST_CASE("a cycle of requires is refused naming both milestones; unknown names too",
          "[milestones]") {
  const std::string cycle = R"(
[[milestones]]
name = "Alpha"
date = "2025-03"
success_probability = 0.5
on_success = { target = "growth", effect = 0.1 }
requires = "Beta"
[[milestones]]
name = "Beta"
date = "2025-06"
success_probability = 0.5
on_success = { target = "growth", effect = 0.1 }
requires = "Alpha"
)";
  try {
    milestone_model(cycle);
    FAIL("a cycle was accepted");
  } catch (const ScenarioError& error) {
    const std::string message = error.what();
    CAPTURE(message);
    REQUIRE(message.find("\"Alpha\"") != std::string::npos);
    REQUIRE(message.find("\"Beta\"") != std::string::npos);
    REQUIRE(message.find("requires") != std::string::npos);
  }
  std::string unknown = cycle;
  unknown.replace(unknown.rfind("\"Alpha\""), 7, "\"Gamma\"");
  REQUIRE_THROWS_WITH(milestone_model(unknown), Catch::Contains("no milestone is named \"Gamma\""));
}

namespace {

const char* const kOrderScenario = R"(
[company]
name = "Orders Co"
[simulation]
start = "2025-01"
horizon = "2026-12"
paths = 10
seed = 3
[state]
cash = 1000
[revenue]
model = "orders"
[orders]
backlog = 12
backlog_months = 6
rate_per_year = 24
size = { dist = "lognormal", median = 1, sigma = 0.5 }
delivery_months = 3
[margin]
gross = 0.5
[costs]
rnd = 10
sga = 2
)";

}  // namespace

TEST_CASE("order book: monthly revenue has the compound-Poisson mean and variance", "[orders]") {
  const Model model = make_model(kOrderScenario);
  // Month 4: the backlog still delivers 12 / 6 and three months of orders are delivering.
  const int month = 4, paths = 40000;
  const double sigma = 0.5, rate = 24.0 / 12.0, delivery = 3;
  const double mean_size = std::exp(sigma * sigma / 2), size_sq = std::exp(2 * sigma * sigma);
  const double expected_mean = 12.0 / 6.0 + rate * mean_size;
  const double expected_var = rate * size_sq / delivery;
  double sum = 0, sum2 = 0;
  std::vector<double> values;
  for (int path = 0; path < paths; ++path) {
    const double revenue = trace_path(model, static_cast<std::uint64_t>(path))[month].revenue;
    values.push_back(revenue);
    sum += revenue;
  }
  const double mean = sum / paths;
  double m4 = 0;
  for (double v : values) {
    sum2 += (v - mean) * (v - mean);
    m4 += std::pow(v - mean, 4);
  }
  const double var = sum2 / (paths - 1);
  m4 /= paths;
  CAPTURE(mean, expected_mean, var, expected_var);
  REQUIRE(std::abs(mean - expected_mean) < 4 * std::sqrt(expected_var / paths));
  REQUIRE(std::abs(var - expected_var) < 4 * std::sqrt((m4 - var * var) / paths));
  // After the backlog and before any growth: only orders deliver.
  const auto late = trace_path(model, 1);
  REQUIRE(late[0].revenue >= 2.0);
}

TEST_CASE("order book: thousands of orders a month are drawn as one compound-Poisson sum",
          "[orders]") {
  // The rate grows elevenfold a year from 1000 a year: by month 18 over 3000 orders a month,
  // each of which the path would otherwise draw. The sum keeps the compound-Poisson moments.
  std::string text = kOrderScenario;
  text.replace(text.find("rate_per_year = 24"), 18, "rate_per_year = 1000\nrate_growth = 10");
  const Model model = make_model(text.c_str());
  const int month = 20, paths = 4000;
  const double sigma = 0.5, delivery = 3;
  const double mean_size = std::exp(sigma * sigma / 2), size_sq = std::exp(2 * sigma * sigma);
  double rate_sum = 0;  // the rates of the three months delivering in `month`
  for (int won = month - 2; won <= month; ++won)
    rate_sum += 1000.0 / 12.0 * std::pow(11.0, won / 12.0);
  const double expected_mean = rate_sum * mean_size / delivery;
  const double expected_var = rate_sum * size_sq / (delivery * delivery);
  double sum = 0, sum2 = 0;
  for (int path = 0; path < paths; ++path) {
    const double revenue = trace_path(model, static_cast<std::uint64_t>(path))[month].revenue;
    sum += revenue;
    sum2 += revenue * revenue;
  }
  const double mean = sum / paths, var = (sum2 - paths * mean * mean) / (paths - 1);
  CAPTURE(mean, expected_mean, var, expected_var);
  REQUIRE(std::abs(mean - expected_mean) < 4 * std::sqrt(expected_var / paths));
  // The sum of normals has variance known in closed form; its sampling sd is var * sqrt(2 / n).
  REQUIRE(std::abs(var - expected_var) < 4 * expected_var * std::sqrt(2.0 / paths));
}

TEST_CASE("order book: refuses [orders] under another model and needs it under orders",
          "[orders]") {
  REQUIRE_THROWS_WITH(make_model(std::string(kBaseScenario) + "[orders]\nrate_per_year = 1\n"),
                      Catch::Contains("only used with revenue.model = \"orders\""));
  std::string without = kOrderScenario;
  without.erase(without.find("[orders]"), without.find("[margin]") - without.find("[orders]"));
  REQUIRE_THROWS_WITH(make_model(without), Catch::Contains("needs [orders]"));
}

TEST_CASE("milestones and orders: results do not depend on the thread count", "[milestones]") {
  const Model model = milestone_model(R"(
[[milestones]]
name = "Tape-out"
date = "2025-03"
success_probability = { dist = "uniform", min = 0.2, max = 0.8 }
on_success = { target = "revenue", effect = 2.0, ramp_months = 3 }
respin_cost = 2
respin_delay_months = 2
max_respins = 3
)",
                                      3000);
  const ScenarioResult one = run(model, 1), two = run(model, 2);
  REQUIRE(one.milestones.at(0).success.p == two.milestones.at(0).success.p);
  REQUIRE(one.milestones.at(0).share_by_month == two.milestones.at(0).share_by_month);
  REQUIRE(one.breakeven.by_target->p == two.breakeven.by_target->p);
  const Model orders = make_model(kOrderScenario, {{"simulation.paths", "3000"}});
  REQUIRE(run(orders, 1).fans.revenue.at(0).p50 == run(orders, 2).fans.revenue.at(0).p50);
}

TEST_CASE("a scenario file with both runs and reports its milestones in every format",
          "[milestones][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("breakeven-chip-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const ProgramOutcome outcome =
      run_program("run scenarios/example_chip.toml --paths 2000 --out '" + dir.string() + "'");
  REQUIRE(outcome.status == 0);
  REQUIRE(outcome.out.find("Gen-3 tape-out (planned 2026-12): P(success)") != std::string::npos);
  auto slurp = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const auto json = nlohmann::json::parse(slurp(dir / "summary.json"));
  const auto& milestones = json.at("scenarios").at(0).at("milestones");
  REQUIRE(milestones.size() == 2);
  REQUIRE(milestones.at(1).at("name") == "Gen-3 tape-out");
  const double p = milestones.at(1).at("success").get<double>();
  REQUIRE(p > 0.5);
  REQUIRE(p < 1.0);
  const std::string table = slurp(dir / "milestones.csv");
  REQUIRE(table.rfind("scenario,milestone,planned,p_success", 0) == 0);
  REQUIRE(std::count(table.begin(), table.end(), '\n') == 3);
  REQUIRE(fs::exists(dir / "milestone_months.csv"));
  const std::string page = slurp(dir / "report.html");
  REQUIRE(page.find(R"(<section id="milestones">)") != std::string::npos);
  REQUIRE(page.find("<td>Gen-3 tape-out</td><td>2026-12</td>") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("milestone tallies: two path ranges serialised and merged equal the whole run",
          "[milestones]") {
  const Model model = milestone_model(R"(
[[milestones]]
name = "Tape-out"
date = "2025-03"
success_probability = 0.4
on_success = { target = "revenue", effect = 2.0 }
respin_delay_months = 2
max_respins = 4
)",
                                      3000);
  const std::vector<const Model*> models = {&model};
  const RunTallies whole = simulate(whole_run(models, 5, 3000));
  RunPlan first = whole_run(models, 5, 3000), second = first;
  first.end = 1100;
  second.begin = 1100;
  const std::string first_text = tallies_to_json(simulate(first, {2, {}}), models);
  REQUIRE(first_text.find("milestone_success_by_month") != std::string::npos);
  REQUIRE(tallies_to_json(tallies_from_json(first_text, models), models) == first_text);
  RunTallies merged = tallies_from_json(tallies_to_json(simulate(second, {1, {}}), models), models);
  merge_tallies(merged, tallies_from_json(first_text, models));
  REQUIRE(merged.scenarios[0].milestone_success_by_month ==
          whole.scenarios[0].milestone_success_by_month);
  // The tallies of a run without milestones cannot stand in for one with them.
  const Model plain = base_model();
  std::string text = tallies_to_json(simulate(whole_run({&plain}, 5, 300)), {&plain});
  REQUIRE_THROWS_AS(tallies_from_json(text, {&model}), UsageError);
}
