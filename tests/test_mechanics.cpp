// SPDX-License-Identifier: MIT
// Funding, events, tax, interest and working capital on tiny scenarios checked by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <iterator>

#include "scenario_fixture.hpp"

using namespace breakeven;
using namespace breakeven::testing;

namespace {
// Flat revenue of 1 a month at a 50 % margin against costs of 1: a burn of 0.5 a month.
const std::vector<Override> kFlatBurn = {{"revenue.growth", "0"}, {"state.cash", "10.2"}};

std::vector<Override> with(std::vector<Override> base, const std::vector<Override>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

std::string policy(const std::string& body) {
  return std::string(kBaseScenario) + "[funding.policy]\n" + body;
}
}  // namespace

TEST_CASE("a scheduled round lands in its month on both tracks") {
  const Model model = make_model(std::string(kBaseScenario) + R"(
[[funding.rounds]]
name = "IPO"
date = "2025-04"
amount = 30
)",
                                 kFlatBurn);
  const auto trace = trace_path(model);
  REQUIRE(trace[3].funding == 30);
  REQUIRE(trace[3].cash_end == Approx(10.2 - 0.5 * 4 + 30));
  REQUIRE(trace[3].standalone_cash_end == Approx(trace[3].cash_end));
  // 40.2 at 0.5 a month lasts 80 months: beyond this 72-month horizon (without it: month 20).
  REQUIRE(outcome_of(model).cashout_month == -1);
}

TEST_CASE("a round's probability is drawn once per path") {
  const Model model = make_model(std::string(kBaseScenario) + R"(
[[funding.rounds]]
name = "Placement"
date = "2025-04"
amount = 30
probability = 0.3
)",
                                 with(kFlatBurn, {{"simulation.paths", "20000"}}));
  // With the round the company survives past month 20; without it, it is out in month 20.
  const ScenarioResult result = run(model);
  const double survived_20 = 1.0 - result.cash_out.by_year[1].estimate.p;  // 2026: month 20
  REQUIRE(std::abs(survived_20 - 0.3) < 4 * std::sqrt(0.3 * 0.7 / 20000));
}

TEST_CASE("the funding policy raises size_months of burn when runway runs short") {
  const Model model = make_model(policy(R"(
trigger_runway_months = 12
size_months = 24
lag_months = 3
)"),
                                 kFlatBurn);
  const auto trace = trace_path(model);
  // After month m cash is 10.2 - 0.5 (m + 1); runway (cash / 0.5) first falls below 12 at m = 8.
  // The raise resolves 3 months later, in month 11, with 24 x 0.5 = 12.
  for (int m = 0; m < 11; ++m) REQUIRE(trace[static_cast<std::size_t>(m)].funding == 0);
  REQUIRE(trace[11].funding == Approx(12.0));
  // The standalone track never sees it.
  REQUIRE(trace[11].standalone_cash_end == Approx(10.2 - 0.5 * 12));
}

TEST_CASE("a failed raise blocks new ones for retry_months after it resolves") {
  // Runway first falls below 12 after month 8: raise 1 starts, resolves in month 10. On failure
  // it blocks until month 14; raise 2 starts then and resolves in month 16. Without the block a
  // new raise would start at once and land in month 12. A success of 20 restores the runway.
  const Model model = make_model(policy(R"(
trigger_runway_months = 12
amount = 20
lag_months = 2
success_probability = 0.5
retry_months = 4
max_raises = 2
)"),
                                 with(kFlatBurn, {{"simulation.paths", "20000"}}));
  const int paths = 20000;
  int at10 = 0, at12 = 0, at16 = 0;
  for (int path = 0; path < paths; ++path) {
    const auto trace = trace_path(model, static_cast<std::uint64_t>(path));
    at10 += trace[10].funding > 0;
    at12 += trace[12].funding > 0;
    at16 += trace[16].funding > 0;
  }
  REQUIRE(at12 == 0);
  REQUIRE(std::abs(at10 / double(paths) - 0.5) < 4 * std::sqrt(0.25 / paths));
  REQUIRE(std::abs(at16 / double(paths) - 0.25) < 4 * std::sqrt(0.25 * 0.75 / paths));
}

TEST_CASE("raises land lag_months after they start; max_raises caps them") {
  const Model capped = make_model(policy(R"(
trigger_runway_months = 12
amount = 2
lag_months = 2
max_raises = 1
)"),
                                  kFlatBurn);
  const auto trace = trace_path(capped);
  int landings = 0;
  for (const MonthRecord& r : trace) landings += r.funding > 0 ? 1 : 0;
  REQUIRE(landings == 1);
  REQUIRE(trace[10].funding == Approx(2.0));

  // After each landing of 2 the runway is 13.4 months; it falls below 12 again two months
  // later, so raises start after months 8, 12 and 16 and land in 10, 14 and 18.
  const Model three = make_model(policy(R"(
trigger_runway_months = 12
amount = 2
lag_months = 2
max_raises = 3
)"),
                                 kFlatBurn);
  const auto again = trace_path(three);
  for (int m = 0; m < 24; ++m) {
    CAPTURE(m);
    REQUIRE(again[static_cast<std::size_t>(m)].funding ==
            (m == 10 || m == 14 || m == 18 ? 2.0 : 0.0));
  }
}

TEST_CASE("not_before holds raises back; success_probability is honoured on average") {
  const Model late = make_model(policy(R"(
trigger_runway_months = 12
amount = 2
lag_months = 2
max_raises = 1
not_before = "2025-12"
)"),
                                kFlatBurn);
  const auto trace = trace_path(late);
  REQUIRE(trace[10].funding == 0);
  REQUIRE(trace[13].funding == Approx(2.0));  // starts after month 11 (2025-12), lands in 13

  const Model coin = make_model(policy(R"(
trigger_runway_months = 12
amount = 50
lag_months = 2
max_raises = 1
success_probability = 0.6
)"),
                                with(kFlatBurn, {{"simulation.paths", "20000"}}));
  const ScenarioResult result = run(coin);
  const double p = result.cash_out.probability.p;
  REQUIRE(std::abs(p - 0.4) < 4 * std::sqrt(0.24 / 20000));
}

TEST_CASE("scheduled events: permanent and temporary, on every target") {
  const std::string events = std::string(kBaseScenario) + R"(
[[events]]
name = "customer lost"
target = "revenue"
effect = -0.5
date = "2025-07"
duration_months = 3
[[events]]
name = "price war"
target = "gross_margin"
effect = -0.1
date = "2025-04"
[[events]]
name = "tape-out"
target = "rnd"
effect = 1.0
date = "2025-03"
duration_months = 2
[[events]]
name = "office"
target = "sga"
effect = 0.5
date = "2025-02"
[[events]]
name = "export ban"
target = "growth"
effect = 0.3
date = "2026-01"
)";
  const Model model = make_model(events, {{"revenue.growth", "0"}});
  const auto trace = trace_path(model);
  auto revenue = [&](int m) { return trace[static_cast<std::size_t>(m)].revenue; };
  REQUIRE(revenue(5) == Approx(1.0));
  REQUIRE(revenue(6) == Approx(0.5));
  REQUIRE(revenue(8) == Approx(0.5));
  REQUIRE(revenue(9) == Approx(1.0));  // three months, then it reverts
  REQUIRE(trace[2].gross_margin == Approx(0.5));
  REQUIRE(trace[3].gross_margin == Approx(0.4));
  REQUIRE(trace[40].gross_margin == Approx(0.4));
  REQUIRE(trace[1].rnd == Approx(10.0 / 12));
  REQUIRE(trace[2].rnd == Approx(20.0 / 12));
  REQUIRE(trace[3].rnd == Approx(20.0 / 12));
  REQUIRE(trace[4].rnd == Approx(10.0 / 12));
  REQUIRE(trace[0].sga == Approx(2.0 / 12));
  REQUIRE(trace[1].sga == Approx(3.0 / 12));
  // A growth event adds 0.3 to the annual log-growth rate from 2026-01 (month 12) on.
  REQUIRE(revenue(12) == Approx(1.0));
  REQUIRE(revenue(24) == Approx(std::exp(0.3)).epsilon(1e-9));
}

TEST_CASE("overlapping temporary effects end one by one, whatever other targets do that month") {
  // Only the targets an arrival or an ending touches are recomputed in a month: each ending here
  // falls in a month in which another target's event arrives.
  const std::string events = std::string(kBaseScenario) + R"(
[[events]]
name = "long outage"
target = "revenue"
effect = -0.5
date = "2025-03"
duration_months = 6
[[events]]
name = "short outage"
target = "revenue"
effect = -0.5
date = "2025-05"
duration_months = 2
[[events]]
name = "price cut"
target = "gross_margin"
effect = -0.1
date = "2025-07"
duration_months = 1
[[events]]
name = "tape-out"
target = "rnd"
effect = 1.0
date = "2025-09"
)";
  const Model model = make_model(events, {{"revenue.growth", "0"}});
  const auto trace = trace_path(model);
  const double expected_revenue[] = {1, 1, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, 1, 1};
  for (std::size_t m = 0; m < std::size(expected_revenue); ++m) {
    INFO("month " << m);
    REQUIRE(trace[m].revenue == Approx(expected_revenue[m]));
  }
  REQUIRE(trace[5].gross_margin == Approx(0.5));
  REQUIRE(trace[6].gross_margin == Approx(0.4));  // the short outage ends as the cut arrives
  REQUIRE(trace[7].gross_margin == Approx(0.5));
  REQUIRE(trace[7].rnd == Approx(10.0 / 12));
  REQUIRE(trace[8].rnd == Approx(20.0 / 12));  // the long outage ends as the tape-out arrives
}

TEST_CASE("Poisson events arrive at their rate, within their window, up to max_occurrences") {
  const std::string poisson = std::string(kBaseScenario) + R"(
[[events]]
name = "shock"
target = "sga"
effect = 1.0
rate_per_year = 0.6
start = "2025-07"
end = "2026-12"
)";
  const Model model = make_model(poisson, {{"revenue.growth", "0"}});
  const int paths = 20000;
  int none_by_month_17 = 0, before_window = 0, after_window = 0, multiple = 0;
  for (int path = 0; path < paths; ++path) {
    const auto trace = trace_path(model, static_cast<std::uint64_t>(path));
    const double base = 2.0 / 12;
    if (trace[5].sga != Approx(base)) ++before_window;
    if (trace[17].sga == Approx(base)) ++none_by_month_17;
    if (trace[30].sga != Approx(trace[23].sga)) ++after_window;
    if (trace[23].sga > base * 2.5) ++multiple;
  }
  REQUIRE(before_window == 0);
  REQUIRE(after_window == 0);
  // 12 months of window (2025-07 .. 2026-06 inclusive is months 6..17): P(none) = exp(-0.6).
  const double expected = std::exp(-0.6);
  REQUIRE(std::abs(none_by_month_17 / double(paths) - expected) <
          4 * std::sqrt(expected * (1 - expected) / paths));
  REQUIRE(multiple > 0);

  const Model once = make_model(poisson + "max_occurrences = 1\n", {{"revenue.growth", "0"}});
  for (int path = 0; path < 2000; ++path)
    REQUIRE(trace_path(once, static_cast<std::uint64_t>(path))[23].sga <= 2.0 / 12 * 2 + 1e-12);
}

TEST_CASE("a scheduled event happens with its probability") {
  const Model model = make_model(std::string(kBaseScenario) + R"(
[[events]]
name = "maybe"
target = "revenue"
effect = -0.5
date = "2025-03"
probability = 0.25
)",
                                 {{"revenue.growth", "0"}});
  int happened = 0;
  const int paths = 20000;
  for (int path = 0; path < paths; ++path)
    happened += trace_path(model, static_cast<std::uint64_t>(path))[2].revenue < 0.9 ? 1 : 0;
  REQUIRE(std::abs(happened / double(paths) - 0.25) < 4 * std::sqrt(0.25 * 0.75 / paths));
}

TEST_CASE("tax uses the loss carryforward first; a loss adds to it") {
  // Profitable company: revenue 12 a year at 50 % against costs of 2: +0.3333 a month.
  const Model model = base_model({{"revenue.growth", "0"},
                                  {"costs.rnd", "2"},
                                  {"costs.sga", "2"},
                                  {"tax.rate", "0.25"},
                                  {"tax.loss_carryforward", "1"},
                                  {"breakeven.metric", "\"net_income\""}});
  const auto trace = trace_path(model);
  const double pretax = 0.5 - 4.0 / 12;
  double pool = 1;
  for (int m = 0; m < 12; ++m) {
    const double used = std::min(pool, pretax);
    pool -= used;
    CAPTURE(m);
    REQUIRE(trace[static_cast<std::size_t>(m)].tax == Approx(0.25 * (pretax - used)).margin(1e-12));
    REQUIRE(trace[static_cast<std::size_t>(m)].net_income ==
            Approx(pretax - 0.25 * (pretax - used)).margin(1e-12));
  }
  REQUIRE(trace[0].tax == 0);
  REQUIRE(trace[11].tax > 0);
}

TEST_CASE("interest is earned on positive opening cash; subsidies and capex flow through") {
  const Model model = base_model({{"revenue.growth", "0"},
                                  {"other.interest_rate", "0.12"},
                                  {"other.subsidies", "1.2"},
                                  {"cash.capex", "2.4"},
                                  {"state.cash", "100"}});
  const auto trace = trace_path(model);
  REQUIRE(trace[0].interest == Approx(1.0));  // 100 x 12 % / 12
  REQUIRE(trace[0].subsidies == Approx(0.1));
  REQUIRE(trace[0].free_cash_flow == Approx(-0.5 + 0.1 + 1.0 - 0.2));
  REQUIRE(trace[1].interest == Approx(trace[0].cash_end * 0.01));
}

TEST_CASE("working capital ties up cash as revenue grows") {
  const Model model = base_model({{"cash.working_capital_ratio", "0.5"}});
  const auto trace = trace_path(model);
  // wc_-1 = 0.5 x 12 (the starting annual revenue); wc_0 = 0.5 x 12 x r_0 = 6: no change yet.
  REQUIRE(trace[0].working_capital_change == Approx(0.0).margin(1e-12));
  REQUIRE(trace[1].working_capital_change == Approx(6.0 * (std::pow(1.5, 1.0 / 12) - 1)));
  REQUIRE(trace[1].free_cash_flow == Approx(trace[1].net_income - trace[1].working_capital_change));
}

TEST_CASE("a period that holds the cash-out month is not profitable") {
  // Profitable from month 21 but out of cash before: never breaks even.
  const Model model = base_model({{"state.cash", "4"}});
  const PathOutcome outcome = outcome_of(model);
  REQUIRE(outcome.cashout_month >= 0);
  REQUIRE(outcome.breakeven_period == -1);
  const ScenarioResult result = run(model);
  REQUIRE(result.breakeven.cash_out_first.p == 1.0);
  REQUIRE(result.breakeven.not_within_horizon.p == 0.0);
}
