// SPDX-License-Identifier: MIT
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "breakeven/analysis/path_statistics.hpp"
#include "breakeven/analysis/sensitivity.hpp"
#include "breakeven/report/sensitivity_report.hpp"
#include "program_runner.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using breakeven::testing::make_model;

namespace {

// One uncertain input that matters (revenue growth), one that cannot (the amount of a round
// that never happens), an event, an uncertain round and a funding policy.
const char* const kScenario = R"(
[company]
name = "Tornado Co"
[simulation]
start = "2025-01"
horizon = "2030-12"
paths = 600
seed = 11
[state]
cash = 20
revenue = 12
[revenue]
growth = { dist = "uniform", min = 0.1, max = 0.9 }
volatility = 0.3
[margin]
gross = 0.5
[costs]
rnd = 10
sga = 2
[[funding.rounds]]
name = "Never"
date = "2026-01"
amount = { dist = "uniform", min = 1, max = 9 }
probability = 0.0
[[funding.rounds]]
name = "Maybe"
date = "2026-06"
amount = 5
probability = 0.5
[funding.policy]
trigger_runway_months = 12
size_months = 12
success_probability = 0.6
lag_months = 3
retry_months = 3
max_raises = 2
[[events]]
name = "Shock"
target = "revenue"
effect = -0.2
rate_per_year = 0.3
[breakeven]
metric = "operating_income"
period = "year"
target = "2027"
)";

/// Spearman by definition: ranks by counting, Pearson of the ranks, O(n^2).
double brute_spearman(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  auto ranks = [n](const std::vector<double>& v) {
    std::vector<double> r(n);
    for (std::size_t i = 0; i < n; ++i) {
      double below = 0, equal = 0;
      for (std::size_t j = 0; j < n; ++j) {
        below += v[j] < v[i] ? 1 : 0;
        equal += v[j] == v[i] ? 1 : 0;
      }
      r[i] = below + (equal + 1) / 2;
    }
    return r;
  };
  const std::vector<double> rx = ranks(x), ry = ranks(y);
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i)
    mx += rx[i] / static_cast<double>(n), my += ry[i] / static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TEST_CASE("The one input that matters leads the tornado; every other swing is exactly 0",
          "[sensitivity]") {
  const Model model = make_model(kScenario);
  const SensitivityResult result = run_sensitivity(model);
  REQUIRE(result.inputs.size() == 5);  // growth, round 0 amount, the event, round 1, raises
  const SensitivityInput& first = result.inputs[0];
  CHECK(first.key == "revenue.growth");
  REQUIRE(first.tornado);
  CHECK((*first.tornado)[1].by_target->p > (*first.tornado)[0].by_target->p);
  CHECK(first.p10 == Approx(0.18));
  CHECK(first.p90 == Approx(0.82));
  std::size_t tornado_rows = 0;
  for (const auto& input : result.inputs) {
    if (!input.tornado) continue;
    ++tornado_rows;
    if (&input == &first) continue;
    CHECK(input.key == "funding.rounds.0.amount");
    for (const TornadoEnd& end : *input.tornado) {
      CHECK(end.by_target->p == result.base.by_target->p);
      CHECK(end.cash_out_first.p == result.base.cash_out_first.p);
    }
  }
  CHECK(tornado_rows == 2);
}

TEST_CASE("Rank correlations match a brute-force computation over the paths", "[sensitivity]") {
  const Model model = make_model(kScenario, {{"simulation.paths", "250"}});
  const SensitivityResult result = run_sensitivity(model);
  // Per-path values straight from the path simulator, one path after another.
  const std::vector<SensitivityInput> inputs = sensitivity_inputs(model);
  std::vector<std::vector<double>> x(inputs.size());
  std::vector<std::vector<double>> y(kSensitivityOutputs);
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  for (std::uint64_t path = 0; path < 250; ++path) {
    simulate_path(model, model.spec.simulation.seed, path, workspace, outcome);
    x[0].push_back(workspace.draws[static_cast<std::size_t>(model.index.growth)]);
    x[1].push_back(workspace.draws[static_cast<std::size_t>(model.index.round_amount[0])]);
    x[2].push_back(workspace.event_occurrences[0]);
    x[3].push_back(workspace.round_landed[1]);
    x[4].push_back(workspace.raises_succeeded);
    const int p = outcome.breakeven_period;
    y[0].push_back(p >= 0 ? model.periods[static_cast<std::size_t>(p)].last_month : model.months);
    y[1].push_back(p >= 0 && p <= *model.target_period ? 1 : 0);
    y[2].push_back(p < 0 && outcome.cashout_month >= 0 ? 1 : 0);
    y[3].push_back(outcome.funding_need);
  }
  std::size_t compared = 0;
  for (std::size_t j = 0; j < inputs.size(); ++j) {
    const auto found = std::find_if(result.inputs.begin(), result.inputs.end(),
                                    [&](const auto& in) { return in.key == inputs[j].key; });
    REQUIRE(found != result.inputs.end());
    for (std::size_t o = 0; o < kSensitivityOutputs; ++o) {
      const double expected = brute_spearman(x[j], y[o]);
      INFO(inputs[j].key << " output " << o);
      if (std::isnan(expected)) {
        CHECK(std::isnan(found->rank_correlation[o].rho));
        continue;
      }
      CHECK(found->rank_correlation[o].rho == Approx(expected).margin(1e-12));
      CHECK(found->rank_correlation[o].se ==
            Approx((1 - expected * expected) * std::sqrt(1.06 / 247)).margin(1e-12));
      ++compared;
    }
  }
  CHECK(compared >= 12);
  // Growth helps reach the target: the correlation must show it.
  CHECK(result.inputs[0].rank_correlation[1].rho > 0.3);
}

TEST_CASE("Sensitivity is the same for one and two threads", "[sensitivity]") {
  const Model model = make_model(kScenario, {{"simulation.paths", "400"}});
  SensitivityOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const std::string a = sensitivity_json_text({run_sensitivity(model, one)});
  const std::string b = sensitivity_json_text({run_sensitivity(model, two)});
  CHECK(a == b);
  const auto json = nlohmann::json::parse(a)["scenarios"][0]["sensitivity"];
  CHECK(json["inputs"][0]["key"] == "revenue.growth");
  CHECK(json["inputs"][0]["tornado"]["p_by_target"].size() == 2);
  CHECK(json["inputs"][0]["rank_correlation"].contains("funding_need"));
  CHECK(json["inputs"][0]["tail"].contains("missed_target"));
}

TEST_CASE("The path count of a sensitivity is the total its progress reports and reaches",
          "[sensitivity]") {
  // Two uncertain parameters (growth, the round that never happens): 2 * 2 + 1 runs.
  const Model model = make_model(kScenario, {{"simulation.paths", "200"}});
  CHECK(sensitivity_path_count(model) == 5 * 200);
  SensitivityOptions options;
  options.threads = 1;  // one thread calls progress, so the test may keep plain state
  std::int64_t last_done = 0, reported_total = 0;
  options.progress = [&](std::int64_t done, std::int64_t total) {
    last_done = std::max(last_done, done);
    reported_total = total;
  };
  run_sensitivity(model, options);
  CHECK(reported_total == sensitivity_path_count(model));
  CHECK(last_done == sensitivity_path_count(model));
}

TEST_CASE("The bad tail scores what the bad paths have in common", "[sensitivity]") {
  const Model model = make_model(kScenario);
  const SensitivityResult result = run_sensitivity(model);
  REQUIRE(result.missed_target_paths > 0);
  // Paths that miss the target grew slower than the rest.
  CHECK(result.inputs[0].tail.missed_target < 0);
  for (const auto& input : result.inputs)
    if (input.key == "events.0") {
      REQUIRE(input.occurrence);
      CHECK(input.occurrence->missed_target >= input.occurrence->all);
    }
}

TEST_CASE("Every CSV row of a sensitivity has the header's columns", "[sensitivity]") {
  const std::string csv = sensitivity_csv({run_sensitivity(make_model(kScenario))});
  auto columns = [](const std::string& line) {
    return std::count(line.begin(), line.end(), ',') + 1;
  };
  const std::size_t header_end = csv.find('\n');
  const auto header_columns = columns(csv.substr(0, header_end));
  CHECK(header_columns == 23);
  std::size_t rows = 0;
  for (std::size_t start = header_end + 1; start < csv.size(); ++rows) {
    const std::size_t end = csv.find('\n', start);
    CHECK(columns(csv.substr(start, end - start)) == header_columns);
    start = end + 1;
  }
  CHECK(rows == 5);
}

TEST_CASE("breakeven sensitivity prints a tornado and writes the report set",
          "[sensitivity][cli]") {
  const auto outcome =
      breakeven::testing::run_program("sensitivity scenarios/metax.toml --paths 300 --threads 2");
  REQUIRE(outcome.status == 0);
  CHECK(outcome.out.find("P(break-even by 2026)") != std::string::npos);
  CHECK(outcome.out.find("█") != std::string::npos);
  CHECK(outcome.out.find("orders.rate_growth") != std::string::npos);
  CHECK(outcome.out.find("What drives the bad tail") != std::string::npos);

  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("breakeven-sens-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto written = breakeven::testing::run_program(
      "sensitivity scenarios/metax.toml --paths 200 -q --out '" + dir.string() + "'");
  REQUIRE(written.status == 0);
  for (const char* name : {"summary.json", "sensitivity.csv", "report.html"})
    CHECK(fs::file_size(dir / name) > 0);
  std::ifstream html(dir / "report.html");
  const std::string page{std::istreambuf_iterator<char>(html), std::istreambuf_iterator<char>()};
  CHECK(page.find("id=\"tornado-target-0\"") != std::string::npos);
  CHECK(page.find("id=\"rank-3-0\"") != std::string::npos);
  fs::remove_all(dir);
}
