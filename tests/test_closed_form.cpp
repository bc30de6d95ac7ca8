// SPDX-License-Identifier: MIT
// Deterministic scenarios whose break-even month, cash-out month and funding need follow from a
// formula: the simulator must land exactly on them.
#include <catch2/catch.hpp>
#include <cmath>

#include <fmt/format.h>

#include "scenario_fixture.hpp"

using namespace breakeven;
using namespace breakeven::testing;

namespace {
std::string str(double v) {
  return std::to_string(v);
}
}  // namespace

TEST_CASE("constant growth: the break-even month is floor(12 ln K / ln(1+g)) + 1") {
  // Monthly operating income is R/12 (1+g)^(m/12) gm - (rnd + sga)/12; it turns positive in the
  // first month m with (1+g)^(m/12) > K = (rnd + sga) / (R gm).
  struct Case {
    double growth, rnd;
  };
  for (Case c : {Case{0.5, 10}, Case{0.3, 20}, Case{0.8, 5}, Case{2.0, 30}, Case{1.2, 14}}) {
    CAPTURE(c.growth, c.rnd);
    const Model model = base_model({{"revenue.growth", str(c.growth)}, {"costs.rnd", str(c.rnd)}});
    const double k = (c.rnd + 2.0) / (12.0 * 0.5);
    const int expected =
        static_cast<int>(std::floor(12.0 * std::log(k) / std::log1p(c.growth))) + 1;
    REQUIRE(expected < model.months);
    const ScenarioResult result = run(model);
    const std::string label = model.spec.simulation.start.plus_months(expected).label();
    REQUIRE(result.breakeven.p50 == label);
    REQUIRE(result.breakeven.p10 == label);
    REQUIRE(result.breakeven.p90 == label);
    for (const PeriodProbability& p : result.breakeven.distribution)
      REQUIRE(p.p == (p.period == label ? 1.0 : 0.0));
  }
}

TEST_CASE("fiscal-year break-even adds the year-to-date result to the open year") {
  for (double ytd : {0.0, -3.0, -15.0}) {
    CAPTURE(ytd);
    const Model model = base_model({{"breakeven.period", "\"year\""},
                                    {"simulation.start", "\"2025-07\""},
                                    {"state.ytd", str(ytd)}});
    // Oracle: annual sums of the closed-form monthly operating income.
    int expected_year = -1;
    double sum = ytd;
    for (int m = 0; m < model.months; ++m) {
      sum += 0.5 * std::pow(1.5, m / 12.0) - 1.0;
      const YearMonth month = model.spec.simulation.start.plus_months(m);
      if (month.month == 12) {
        if (sum > 0 && expected_year < 0) expected_year = month.year;
        sum = 0;
      }
    }
    REQUIRE(expected_year > 0);
    REQUIRE(run(model).breakeven.p50 == std::to_string(expected_year));
  }
}

TEST_CASE("a fiscal year is named by the calendar year in which it ends") {
  // Fiscal year ending in March: 2025-07 .. 2026-03 is fiscal 2026.
  const Model model = base_model({{"company.fiscal_year_end", "3"},
                                  {"breakeven.period", "\"year\""},
                                  {"simulation.start", "\"2025-07\""}});
  REQUIRE(model.periods.front().label == "2026");
  REQUIRE(model.periods.front().first_month == -3);
  REQUIRE(model.periods.front().last_month == 8);
  REQUIRE(model.fiscal_years.front().label == "2026");
  REQUIRE(model.fiscal_years.front().last_month == 8);
}

TEST_CASE("sustained break-even needs consecutive profitable quarters") {
  // A strong Q4 and a weak Q1: the first profitable quarter is not the start of a run of three.
  const Model once = base_model(
      {{"breakeven.period", "\"quarter\""}, {"revenue.seasonality", "[0.5, 0.9, 1.0, 1.6]"}});
  const Model twice = base_model({{"breakeven.period", "\"quarter\""},
                                  {"revenue.seasonality", "[0.5, 0.9, 1.0, 1.6]"},
                                  {"breakeven.sustained", "3"}});
  // Oracle: quarterly sums.
  std::vector<double> quarters;
  for (int m = 0; m < once.months; ++m) {
    const double w =
        std::array<double, 4>{0.5, 0.9, 1.0, 1.6}[static_cast<std::size_t>(m % 12 / 3)];
    if (m % 3 == 0) quarters.push_back(0);
    quarters.back() += 0.5 * std::pow(1.5, m / 12.0) * w - 1.0;
  }
  auto first_run = [&](int length) {
    for (std::size_t q = 0; q + static_cast<std::size_t>(length) <= quarters.size(); ++q) {
      bool all = true;
      for (int k = 0; k < length; ++k) all = all && quarters[q + static_cast<std::size_t>(k)] > 0;
      if (all) return static_cast<int>(q);
    }
    return -1;
  };
  const int single = first_run(1), triple = first_run(3);
  REQUIRE(single >= 0);
  REQUIRE(triple > single);  // the seasonal dip must matter for this test to mean anything
  auto label = [](int q) { return fmt::format("{}-Q{}", 2025 + q / 4, q % 4 + 1); };
  REQUIRE(run(once).breakeven.p50 == label(single));
  REQUIRE(run(twice).breakeven.p50 == label(triple));
}

TEST_CASE("trailing twelve months use state.ttm before the start") {
  // R&D of 3: the company is profitable from the start, so the trailing window decides.
  const Model without = base_model({{"breakeven.period", "\"ttm\""}, {"costs.rnd", "3"}});
  REQUIRE(without.periods.front().label == "2025-12");  // first judged at m = 11
  // Oracle: the trailing sum at month m, months before the start counting ttm / 12 each.
  auto first = [&](bool use_ttm, double ttm) {
    for (int m = use_ttm ? 0 : 11; m < without.months; ++m) {
      double sum = 0;
      for (int k = m - 11; k <= m; ++k)
        sum += k < 0 ? ttm / 12.0 : 0.5 * std::pow(1.5, k / 12.0) - 5.0 / 12;
      if (sum > 0) return without.spec.simulation.start.plus_months(m).label();
    }
    return std::string("never");
  };
  REQUIRE(run(without).breakeven.p50 == first(false, 0));
  REQUIRE(first(false, 0) == "2025-12");
  for (double ttm : {1.0, -3.0}) {
    CAPTURE(ttm);
    const Model with = base_model(
        {{"breakeven.period", "\"ttm\""}, {"costs.rnd", "3"}, {"state.ttm", std::to_string(ttm)}});
    REQUIRE(with.periods.front().label == "2025-01");
    REQUIRE(run(with).breakeven.p50 == first(true, ttm));
    REQUIRE(first(true, ttm) != first(false, 0));
  }
}

TEST_CASE("growth decays to its long-run value with the given half-life") {
  const Model model = base_model({{"revenue.growth", "1.0"},
                                  {"revenue.long_run_growth", "0.1"},
                                  {"revenue.half_life_years", "1.5"}});
  const auto trace = trace_path(model);
  double log_level = std::log(1.0);
  for (int m = 0; m < model.months; ++m) {
    REQUIRE(trace[static_cast<std::size_t>(m)].revenue ==
            Approx(std::exp(log_level)).epsilon(1e-12));
    const double lambda = std::log(1.1) + (std::log(2.0) - std::log(1.1)) * std::exp2(-m / 18.0);
    log_level += lambda / 12.0;
  }
}

TEST_CASE("margin path, cost growth, floor, variable SG&A, SBC and depreciation") {
  const Model model = base_model({{"margin.gross", "0.2"},
                                  {"margin.long_run", "0.6"},
                                  {"margin.half_life_years", "2"},
                                  {"costs.rnd_growth", "0.2"},
                                  {"costs.rnd_revenue_floor", "0.9"},
                                  {"costs.sga_growth", "-0.1"},
                                  {"costs.sga_variable", "0.05"},
                                  {"costs.share_based_comp", "3"},
                                  {"costs.share_based_comp_growth", "-0.5"},
                                  {"costs.depreciation", "1.2"}});
  const auto trace = trace_path(model);
  for (int m = 0; m < model.months; ++m) {
    const MonthRecord& r = trace[static_cast<std::size_t>(m)];
    CAPTURE(m);
    const double revenue = std::pow(1.5, m / 12.0);
    const double gm = 0.6 + (0.2 - 0.6) * std::exp2(-m / 24.0);
    REQUIRE(r.gross_margin == Approx(gm).epsilon(1e-12));
    REQUIRE(r.rnd ==
            Approx(std::max(10.0 / 12 * std::pow(1.2, m / 12.0), 0.9 * revenue)).epsilon(1e-9));
    REQUIRE(r.sga == Approx(2.0 / 12 * std::pow(0.9, m / 12.0) + 0.05 * revenue).epsilon(1e-9));
    REQUIRE(r.sbc == Approx(3.0 / 12 * std::pow(0.5, m / 12.0)).epsilon(1e-9));
    REQUIRE(r.depreciation == Approx(0.1).epsilon(1e-12));
    REQUIRE(r.operating_income ==
            Approx(revenue * gm - r.rnd - r.sga - r.sbc - r.depreciation).epsilon(1e-9));
  }
  // The floor binds late: revenue outgrows R&D.
  REQUIRE(trace.back().rnd == Approx(0.9 * trace.back().revenue));
}

TEST_CASE("constant burn: cash-out month, runway and funding need") {
  // Flat revenue 1 a month at 50 % margin against costs of 1: burn 0.5 a month.
  for (double minimum : {0.0, 2.0}) {
    CAPTURE(minimum);
    const Model model = base_model(
        {{"revenue.growth", "0"}, {"state.cash", "10.2"}, {"cash.minimum", str(minimum)}});
    const PathOutcome outcome = outcome_of(model);
    // cash_{m+1} = 10.2 - 0.5 (m + 1) < minimum
    const int expected = static_cast<int>(std::floor((10.2 - minimum) / 0.5));
    REQUIRE(outcome.cashout_month == expected);
    REQUIRE(outcome.runway_months == expected);
    REQUIRE(outcome.breakeven_period == -1);
    // No break-even: the standalone track runs to the horizon.
    REQUIRE(outcome.funding_need == Approx(minimum - (10.2 - 0.5 * model.months)));
    const ScenarioResult result = run(model);
    REQUIRE(result.breakeven.cash_out_first.p == 1.0);
    REQUIRE(result.breakeven.p50 == "never");
    REQUIRE(result.cash_out.probability.p == 1.0);
    REQUIRE(result.runway.p50 == expected);
    REQUIRE(result.runway.lt24.p == (expected < 24 ? 1.0 : 0.0));
  }
}

TEST_CASE("funding need runs to the end of the break-even period, else to the horizon") {
  // Revenue collapses in 2028-06, long after break-even in month 21 (see the first test).
  const std::string collapse = std::string(kBaseScenario) + R"(
[[events]]
name = "collapse"
target = "revenue"
effect = -0.95
date = "2028-06"
)";
  // Oracle: the standalone track's cash (no contingent raises here, so it is the main one).
  auto lowest = [](double cash, int through_month) {
    double low = cash;
    for (int m = 0; m <= through_month; ++m) {
      cash += 0.5 * std::pow(1.5, m / 12.0) * (m >= 41 ? 0.05 : 1.0) - 1.0;
      low = std::min(low, cash);
    }
    return low;
  };
  SECTION("break-even reached: the collapse after it does not count") {
    const Model model = make_model(collapse, {{"state.cash", "10"}});
    const PathOutcome outcome = outcome_of(model);
    REQUIRE(outcome.breakeven_period == 21);
    REQUIRE(lowest(10, 21) > 0);
    REQUIRE(lowest(10, model.months - 1) < 0);
    REQUIRE(outcome.funding_need == 0);
  }
  SECTION("cash-out first: the need runs to the horizon") {
    const Model model = make_model(collapse, {{"state.cash", "5"}});
    const PathOutcome outcome = outcome_of(model);
    REQUIRE(outcome.breakeven_period == -1);
    REQUIRE(outcome.cashout_month >= 0);
    REQUIRE(outcome.cashout_month < 21);
    REQUIRE(outcome.funding_need == Approx(-lowest(5, model.months - 1)).epsilon(1e-9));
  }
}

TEST_CASE("market model follows its share and market-size recursions") {
  const Model model = make_model(R"(
[company]
name = "Market Co"
[simulation]
start = "2025-01"
horizon = "2028-12"
paths = 10
[state]
cash = 1000
[revenue]
model = "market"
[market]
size = 1000
growth = 0.4
share = 0.01
share_cap = 0.1
share_speed = 0.8
[margin]
gross = 0.5
[costs]
rnd = 10
sga = 2
[cash]
working_capital_ratio = 0.25
)");
  const auto trace = trace_path(model);
  double log_market = std::log(1000.0), log_share = std::log(0.01);
  double previous_wc = 0.25 * 0.01 * 1000;  // ratio x share x size at the start
  for (int m = 0; m < model.months; ++m) {
    CAPTURE(m);
    const double share = std::exp(log_share);
    const double revenue = share * std::exp(log_market) / 12.0;
    const MonthRecord& r = trace[static_cast<std::size_t>(m)];
    REQUIRE(r.revenue == Approx(revenue).epsilon(1e-12));
    REQUIRE(r.working_capital_change == Approx(0.25 * 12 * revenue - previous_wc).margin(1e-12));
    previous_wc = 0.25 * 12 * revenue;
    log_market += std::log(1.4) / 12.0;
    log_share += 0.8 / 12.0 * (1.0 - share / 0.1);
  }
  REQUIRE(trace.back().revenue / trace.front().revenue > 20);  // share and market both grew
}

TEST_CASE("each break-even metric is the line the spec names") {
  const std::vector<Override> lines = {{"costs.share_based_comp", "1.2"},
                                       {"costs.depreciation", "0.6"},
                                       {"cash.capex", "2.4"},
                                       {"cash.working_capital_ratio", "0.3"},
                                       {"tax.rate", "0.2"},
                                       {"other.subsidies", "0.6"}};
  for (const char* metric : {"net_income", "net_income_ex_sbc", "operating_income",
                             "operating_cash_flow", "free_cash_flow"}) {
    CAPTURE(metric);
    std::vector<Override> sets = lines;
    sets.push_back({"breakeven.metric", fmt::format("\"{}\"", metric)});
    const auto trace = trace_path(base_model(sets));
    for (const MonthRecord& r : trace) {
      const double ocf = r.net_income + r.sbc + r.depreciation - r.working_capital_change;
      const std::string name = metric;
      const double expected = name == "net_income"            ? r.net_income
                              : name == "net_income_ex_sbc"   ? r.net_income + r.sbc
                              : name == "operating_income"    ? r.operating_income
                              : name == "operating_cash_flow" ? ocf
                                                              : ocf - r.capex;
      REQUIRE(r.metric == Approx(expected).margin(1e-12));
    }
  }
}

TEST_CASE("market model: market and share volatilities add up in log revenue") {
  // Share far below its cap, so its drift is almost constant and log revenue is a random walk
  // whose variance grows by (sigma_T^2 + sigma_s^2) a year.
  const Model model = make_model(R"(
[company]
name = "Market Co"
[simulation]
start = "2025-01"
horizon = "2027-12"
[state]
cash = 1000
[revenue]
model = "market"
[market]
size = 1000
growth = 0.0
volatility = 0.3
share = 0.0001
share_cap = 1
share_speed = 0.0
share_volatility = 0.4
[margin]
gross = 0.5
[costs]
rnd = 1
sga = 1
)");
  const int paths = 20000;
  double sum = 0, sum2 = 0;
  for (int path = 0; path < paths; ++path) {
    const double x = std::log(trace_path(model, static_cast<std::uint64_t>(path))[24].revenue);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / paths, sd = std::sqrt(sum2 / paths - mean * mean);
  const double expected = std::sqrt((0.09 + 0.16) * 2.0);
  REQUIRE(std::abs(sd / expected - 1) < 4 / std::sqrt(2.0 * paths));
  REQUIRE(std::abs(mean - std::log(0.0001 * 1000 / 12)) < 4 * expected / std::sqrt(paths));
}
