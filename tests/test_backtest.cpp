// SPDX-License-Identifier: MIT
// Backtests: the scores (PIT, bands, CRPS), the actuals file, the per-period samples and the
// `backtest` subcommand.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include "breakeven/analysis/backtest.hpp"
#include "breakeven/engine/period_samples.hpp"
#include "breakeven/scenario/actuals.hpp"
#include "breakeven/scenario/values.hpp"
#include "program_runner.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using breakeven::testing::make_model;

namespace {

// A noisy company: revenue volatility and uncertain growth, a year-to-date loss booked for the
// open fiscal year 2025 (the simulation starts in July).
const char* const kNoisyScenario = R"(
[company]
name = "Noisy Co"
money_unit = "亿"
as_of = "2025-06-30"
[simulation]
start = "2025-07"
horizon = "2027-12"
paths = 4000
seed = 11
[state]
cash = 50
revenue = 12
ytd = -3
[revenue]
growth = { dist = "uniform", min = 0.2, max = 0.8 }
volatility = 0.4
[margin]
gross = 0.5
[costs]
rnd = 10
sga = 2
[tax]
rate = 0
[breakeven]
metric = "net_income"
period = "year"
)";

std::vector<double> sorted_normal_sample(double mean, double sd, int n) {
  boost::math::normal_distribution<double> normal(mean, sd);
  std::vector<double> sample;
  for (int i = 0; i < n; ++i) sample.push_back(quantile(normal, (i + 0.5) / n));
  return sample;
}

Actual actual_of(ActualMetric metric, const std::string& period, double value) {
  const std::string text = "metric,period,value,source\n" +
                           std::string(actual_metric_name(metric)) + "," + period + "," +
                           format_number(value) + ",test\n";
  return parse_actuals(text, "test.csv", 1e8).front();
}

}  // namespace

TEST_CASE("backtest: an actual at the sample's median has PIT 0.5", "[backtest]") {
  const auto sample = sorted_normal_sample(10, 3, 1001);
  const SampleScore score = score_sample(sample, sample[500]);
  CHECK(score.pit == Approx(0.5).margin(1e-9));
  CHECK(score.p50 == Approx(10).margin(1e-9));
  CHECK(score.inside_50);
  CHECK(score.inside_90);
}

TEST_CASE("backtest: an actual beyond every path has PIT 0 or 1 and is outside the bands",
          "[backtest]") {
  const auto sample = sorted_normal_sample(0, 1, 500);
  const SampleScore above = score_sample(sample, 100);
  CHECK(above.pit == 1.0);
  CHECK_FALSE(above.inside_90);
  const SampleScore below = score_sample(sample, -100);
  CHECK(below.pit == 0.0);
  CHECK_FALSE(below.inside_50);
  // Far outside, the CRPS is the distance to the sample mean (0): 100 less half the spread.
  CHECK(above.crps == Approx(100 - 1 / std::sqrt(M_PI)).epsilon(1e-3));
}

TEST_CASE("backtest: sample CRPS equals the closed form for a normal", "[backtest]") {
  // CRPS(N(mu, s), y) = s (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)), z = (y - mu) / s.
  const double mu = 3, s = 2;
  const auto sample = sorted_normal_sample(mu, s, 20001);
  boost::math::normal_distribution<double> standard;
  for (double y : {3.0, 4.0, -1.5, 9.0}) {
    const double z = (y - mu) / s;
    const double closed =
        s * (z * (2 * cdf(standard, z) - 1) + 2 * pdf(standard, z) - 1 / std::sqrt(M_PI));
    CHECK(sample_crps(sample, y) == Approx(closed).epsilon(1e-3));
  }
  // A point forecast scores its absolute error.
  CHECK(sample_crps({2.0}, 5.0) == Approx(3.0));
  CHECK(sample_crps({1.0, 1.0, 1.0}, 1.0) == Approx(0.0).margin(1e-12));
}

TEST_CASE("backtest: coverage counted by hand on four actuals", "[backtest]") {
  const Model model = make_model(kNoisyScenario);
  // First learn the fans of 2026-H1 revenue, Q1-2026 net income, FY2026 revenue and end-2026
  // cash; then place one actual inside both bands, one inside 90 % only, one outside both and
  // one at the median.
  std::vector<Actual> probe = {actual_of(ActualMetric::revenue, "2026-H1", 0),
                               actual_of(ActualMetric::net_income, "2026-Q1", 0),
                               actual_of(ActualMetric::revenue, "2026", 0),
                               actual_of(ActualMetric::cash, "2026", 0)};
  const BacktestResult fans = run_backtest(model, probe, "probe.csv");
  REQUIRE(fans.judged == 4);
  const SampleScore& h1 = fans.checks[0].score;
  const SampleScore& q1 = fans.checks[1].score;
  const SampleScore& fy = fans.checks[2].score;
  const SampleScore& cash = fans.checks[3].score;
  std::vector<Actual> actuals = probe;
  actuals[0].value = (h1.p50 + h1.p75) / 2;  // inside 50 and 90
  actuals[1].value = (q1.p75 + q1.p95) / 2;  // inside 90 only
  actuals[2].value = fy.p95 * 1.5;           // outside both
  actuals[3].value = cash.p50;               // at the median
  const BacktestResult result = run_backtest(model, actuals, "test.csv");
  CHECK(result.judged == 4);
  CHECK(result.coverage_50 == Approx(2.0 / 4));
  CHECK(result.coverage_90 == Approx(3.0 / 4));
  CHECK(result.checks[3].score.pit == Approx(0.5).margin(0.01));
  CHECK(result.checks[2].score.pit > 0.95);
  double pit_sum = 0, crps_sum = 0;
  for (const auto& check : result.checks) pit_sum += check.score.pit, crps_sum += check.score.crps;
  CHECK(result.mean_pit == Approx(pit_sum / 4));
  CHECK(result.mean_crps == Approx(crps_sum / 4));
  CHECK(result.as_of == "2025-06-30");
}

TEST_CASE("backtest: periods cut by the start use the booked year-to-date or are not judged",
          "[backtest]") {
  const Model model = make_model(kNoisyScenario);
  const std::vector<Actual> actuals = {actual_of(ActualMetric::net_income, "2025", -8),
                                       actual_of(ActualMetric::net_income, "2025-H2", -5),
                                       actual_of(ActualMetric::revenue, "2025", 14),
                                       actual_of(ActualMetric::revenue, "2028", 40),
                                       actual_of(ActualMetric::cash, "2025-H1", 50)};
  const BacktestResult result = run_backtest(model, actuals, "test.csv");
  REQUIRE(result.checks[0].judged);
  REQUIRE(result.checks[1].judged);
  CHECK(result.checks[0].booked == -3);
  // FY2025 = the booked H1 (a constant) + the simulated H2, quantile by quantile.
  CHECK(result.checks[0].score.p50 == Approx(result.checks[1].score.p50 - 3).margin(1e-9));
  CHECK(result.checks[0].score.pit == Approx(result.checks[1].score.pit));
  CHECK_FALSE(result.checks[2].judged);
  CHECK_THAT(result.checks[2].reason, Catch::Contains("begins before the simulation starts"));
  CHECK_FALSE(result.checks[3].judged);
  CHECK_THAT(result.checks[3].reason, Catch::Contains("after the horizon"));
  CHECK_FALSE(result.checks[4].judged);
  CHECK(result.judged == 2);
}

TEST_CASE("backtest: a figure of the file books the months before the start", "[backtest]") {
  const Model model = make_model(kNoisyScenario);
  const std::vector<Actual> actuals = {actual_of(ActualMetric::revenue, "2025-H1", 5),
                                       actual_of(ActualMetric::revenue, "2025", 14),
                                       actual_of(ActualMetric::revenue, "2025-H2", 9)};
  const BacktestResult result = run_backtest(model, actuals, "test.csv");
  CHECK_FALSE(result.checks[0].has_fan);  // ends before the start
  REQUIRE(result.checks[1].judged);
  CHECK(result.checks[1].booked == 5);
  CHECK(result.checks[1].booked_from == "2025-H1");
  CHECK(result.checks[1].score.p50 == Approx(result.checks[2].score.p50 + 5).margin(1e-9));
}

TEST_CASE("backtest: a row without a value gets its fan and is not scored", "[backtest]") {
  const Model model = make_model(kNoisyScenario);
  auto actuals = parse_actuals(
      "metric,period,value,source\nrevenue,2026,,to come\n"
      "revenue,2026-H1,8,x\n",
      "f.csv", 1e8);
  REQUIRE_FALSE(actuals[0].value);
  const BacktestResult result = run_backtest(model, actuals, "f.csv");
  CHECK(result.checks[0].has_fan);
  CHECK_FALSE(result.checks[0].judged);
  CHECK(result.checks[0].score.p95 > result.checks[0].score.p05);
  CHECK(result.judged == 1);
  CHECK(result.mean_pit == result.checks[1].score.pit);
}

TEST_CASE("backtest: an actual at the run's fan median has PIT near 0.5", "[backtest]") {
  const Model model = make_model(kNoisyScenario);
  const ScenarioResult run = summarize(model, simulate(scenario_run(model)).scenarios[0]);
  const FanPoint& revenue_2026 = run.fans.revenue.at(1);
  REQUIRE(revenue_2026.year == "2026");
  const BacktestResult result =
      run_backtest(model, {actual_of(ActualMetric::revenue, "2026", revenue_2026.p50)}, "test.csv");
  CHECK(result.checks[0].score.pit == Approx(0.5).margin(0.02));
  CHECK(result.checks[0].alive_share == Approx(revenue_2026.alive));
}

TEST_CASE("backtest: samples do not depend on the thread count", "[backtest]") {
  const Model model = make_model(kNoisyScenario);
  const std::vector<SampleWindow> windows = {{ActualMetric::revenue, 0, 5, 0},
                                             {ActualMetric::operating_cash_flow, 6, 8, 0},
                                             {ActualMetric::cash, 0, 29, 0}};
  const auto one = sample_windows(model, windows, 1);
  const auto two = sample_windows(model, windows, 2);
  for (std::size_t w = 0; w < windows.size(); ++w) {
    CHECK(one[w].values == two[w].values);
    CHECK(one[w].paths == 4000);
  }
  // Operating cash flow is net income + non-cash costs - working capital: on path 0 it matches
  // its monthly record.
  const auto trace = breakeven::testing::trace_path(model, 0);
  double flow = 0;
  for (std::size_t m = 6; m <= 8; ++m) flow += trace[m].free_cash_flow + trace[m].capex;
  CHECK(one[1].values.front() == Approx(flow));
}

TEST_CASE("backtest: the actuals file", "[backtest]") {
  const auto actuals = parse_actuals(
      "# reported figures\nsource,metric,value,period\n"
      "\"annual report, p. 3\",revenue,15.06,2025\n"
      "\n"
      "note,net_income,-1001M,2026-q1\n"
      "note,cash,8807M,2026-03\n"
      "note,operating_cash_flow,-2.5亿,2026-H1\n",
      "a.csv", 1e8);
  REQUIRE(actuals.size() == 4);
  CHECK(actuals[0].source == "annual report, p. 3");
  CHECK(actuals[0].value == 15.06);
  CHECK(actuals[0].line == 3);
  CHECK(actuals[1].period.label == "2026-Q1");
  CHECK(*actuals[1].value == Approx(-10.01));
  CHECK(actuals[1].line == 5);
  CHECK(actuals[2].period.kind == ActualPeriodKind::month);
  CHECK(*actuals[2].value == Approx(88.07));
  CHECK(*actuals[3].value == Approx(-2.5));
  const MonthSpan h1 = period_months(actuals[3].period, 12);
  CHECK(h1.first.label() == "2026-01");
  CHECK(h1.last.label() == "2026-06");
  // A fiscal year ending in March: "2026" runs April 2025 to March 2026.
  CHECK(period_months(actuals[0].period, 3).first.label() == "2024-04");
}

TEST_CASE("backtest: a bad actuals row names file, line and column", "[backtest]") {
  const std::string header = "metric,period,value,source\n";
  auto error_of = [&](const std::string& row) -> std::string {
    try {
      parse_actuals(header + "revenue,2025,1,ok\n" + row, "bad.csv", 1e8);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK_THAT(error_of("profit,2025,1,x\n"), Catch::StartsWith("bad.csv:3: metric:"));
  CHECK_THAT(error_of("revenue,2025-Q5,1,x\n"), Catch::StartsWith("bad.csv:3: period:"));
  CHECK_THAT(error_of("revenue,2026,12abc,x\n"), Catch::StartsWith("bad.csv:3: value:"));
  CHECK_THAT(error_of("revenue,2026,1,\n"), Catch::StartsWith("bad.csv:3: source:"));
  CHECK_THAT(error_of("revenue,2026,1\n"), Catch::Contains("bad.csv:3"));
  CHECK_THAT(error_of("revenue,2025,2,again\n"), Catch::Contains("already given on line 2"));
  CHECK_THAT(error_of("revenue,2026,\"1,x\n"), Catch::Contains("not closed"));
  CHECK_THROWS_AS(parse_actuals("metric,period,value\n", "h.csv", 1), ScenarioError);
  CHECK_THROWS_AS(parse_actuals("", "e.csv", 1), ScenarioError);
}

TEST_CASE("backtest: company.as_of is a real date", "[backtest][scenario]") {
  std::string toml = kNoisyScenario;
  CHECK(make_model(toml).spec.company.as_of == "2025-06-30");
  const auto at = toml.find("2025-06-30");
  for (const char* bad : {"2025-06-31", "2025-13-01", "2025-06", "30.6.2025"}) {
    std::string broken = toml;
    broken.replace(at, 10, bad);
    CHECK_THROWS_WITH(make_model(broken), Catch::Contains("company.as_of"));
  }
}

TEST_CASE("cli: backtest reports, writes its files and refuses a bad CSV", "[backtest][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("breakeven-backtest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "s.toml") << kNoisyScenario;
  std::ofstream(dir / "good.csv") << "metric,period,value,source\nrevenue,2026,20,test\n"
                                     "net_income,2025,-7,test\nrevenue,2025,15,test\n";
  std::ofstream(dir / "bad.csv") << "metric,period,value,source\nrevenue,2026,20,test\n"
                                    "revenue,2026-Q7,5,test\n";
  const std::string s = (dir / "s.toml").string();
  const auto good = breakeven::testing::run_program("backtest '" + s + "' --actuals '" +
                                                    (dir / "good.csv").string() + "' --out '" +
                                                    (dir / "out").string() + "' --paths 500");
  CHECK(good.status == 0);
  CHECK_THAT(good.out, Catch::Contains("data as of 2025-06-30"));
  CHECK_THAT(good.out, Catch::Contains("2 actuals judged"));
  CHECK_THAT(good.out, Catch::Contains("Not judged"));
  CHECK(fs::exists(dir / "out" / "backtest.json"));
  CHECK(fs::exists(dir / "out" / "backtest.csv"));
  std::ifstream page(dir / "out" / "report.html");
  const std::string html((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  CHECK_THAT(html, Catch::Contains("data as of 2025-06-30"));
  CHECK_THAT(html, Catch::Contains("id=\"backtest-revenue\""));
  const auto json = breakeven::testing::run_program(
      "backtest '" + s + "' --actuals '" + (dir / "good.csv").string() + "' --json - --paths 500");
  CHECK(json.status == 0);
  CHECK_THAT(json.out, Catch::StartsWith("{"));
  CHECK_THAT(json.out, Catch::Contains("\"coverage_90\""));
  CHECK_THAT(json.out, Catch::Contains("\"as_of\": \"2025-06-30\""));
  const auto bad = breakeven::testing::run_program("backtest '" + s + "' --actuals '" +
                                                   (dir / "bad.csv").string() + "' --out '" +
                                                   (dir / "bad-out").string() + "'");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("bad.csv:3: period:"));
  CHECK_FALSE(fs::exists(dir / "bad-out"));
  fs::remove_all(dir);
}

TEST_CASE("cli: run shows company.as_of in the terminal, JSON and HTML reports",
          "[backtest][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("breakeven-asof-" + std::to_string(::getpid()));
  const auto terminal = breakeven::testing::run_program("run scenarios/metax.toml --paths 200");
  CHECK(terminal.status == 0);
  CHECK_THAT(terminal.out, Catch::Contains("data as of 2026-03-31"));
  const auto json = breakeven::testing::run_program(
      "run scenarios/metax.toml --paths 200 --json - --out '" + dir.string() + "'");
  CHECK(json.status == 0);
  CHECK_THAT(json.out, Catch::Contains("\"as_of\": \"2026-03-31\""));
  std::ifstream page(dir / "report.html");
  const std::string html((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  CHECK_THAT(html, Catch::Contains("data as of 2026-03-31"));
  fs::remove_all(dir);
}
