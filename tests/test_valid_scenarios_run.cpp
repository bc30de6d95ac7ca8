// SPDX-License-Identifier: MIT
// The promise of the scenario ranges: a file that validates runs to the end with finite numbers.
// Random scenarios are drawn with every key at the edges of its range (or just inside), each
// that validates is simulated for a few paths, and none may fail or report a non-finite number.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include <fmt/format.h>

#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

class EdgeScenario {
 public:
  explicit EdgeScenario(std::uint64_t seed) : random_(seed) {}

  std::string text() {
    std::string toml;
    toml +=
        fmt::format("[company]\nname = \"Edge\"\nmoney_unit = {}\nfiscal_year_end = {}\n",
                    pick<std::string>({"1", "\"亿元\"", "\"M\"", "\"万\""}), pick<int>({1, 12, 6}));
    // Mostly short horizons (memory and time grow with it); sometimes the longest allowed.
    const int months = chance(0.02) ? 600 : pick<int>({2, 12, 37, 96});
    const YearMonth start{2025, pick<int>({1, 7, 12})};
    toml += fmt::format("[simulation]\nstart = \"{}\"\nhorizon = \"{}\"\npaths = 3\nseed = {}\n",
                        start.label(), start.plus_months(months - 1).label(), next() % 1000);
    const bool market = chance(0.25);
    toml += fmt::format("[state]\ncash = {}\nytd = {}\n", money(), signed_money());
    if (!market) toml += fmt::format("revenue = {}\n", pick<std::string>({"1e15", "1e-9", "12"}));
    toml += "[revenue]\n";
    if (market) {
      toml += "model = \"market\"\n[market]\n";
      toml += fmt::format(
          "size = {}\ngrowth = {}\nvolatility = {}\nshare = {}\nshare_cap = {}\n"
          "share_speed = {}\nshare_volatility = {}\n",
          pick<std::string>({"1e15", "1e-9", "100"}), growth(), volatility(),
          pick<std::string>({"1", "1e-12", "0.01"}), pick<std::string>({"1", "1e-12", "0.08"}),
          pick<int>({-10, 10, 0}), volatility());
    } else {
      toml += fmt::format("growth = {}\nvolatility = {}\nsector_loading = {}\n", growth(),
                          volatility(), pick<int>({0, 1}));
      if (chance(0.5)) toml += fmt::format("long_run_growth = {}\n", growth());
      if (chance(0.5)) toml += fmt::format("half_life_years = {}\n", pick<double>({1e-3, 50, 2}));
    }
    if (chance(0.3)) toml += "seasonality = [0.001, 1000, 1, 1]\n";
    toml += fmt::format(
        "[margin]\ngross = {}\nlong_run = {}\nnoise = {}\n",
        pick<std::string>({"-1", "1", "0.5", R"({ dist = "normal", mean = 0.9, sd = 0.02 })"}),
        pick<int>({-1, 1}), volatility());
    if (chance(0.5)) toml += fmt::format("half_life_years = {}\n", pick<double>({1e-3, 50}));
    toml += fmt::format(
        "[costs]\nrnd = {}\nrnd_growth = {}\nsga = {}\nsga_growth = {}\n"
        "sga_variable = {}\nshare_based_comp = {}\nshare_based_comp_growth = {}\n"
        "depreciation = {}\n",
        money(), growth(), money(), growth(), pick<int>({0, 1}), money(), growth(), money());
    if (chance(0.5)) toml += fmt::format("rnd_revenue_floor = {}\n", pick<int>({0, 1}));
    toml += fmt::format("[other]\nsubsidies = {}\ninterest_rate = {}\n", signed_money(),
                        pick<int>({-1, 1, 0}));
    toml += fmt::format("[tax]\nrate = {}\nloss_carryforward = {}\n",
                        pick<std::string>({"0", "0.999999"}), money());
    toml += fmt::format("[cash]\ncapex = {}\nworking_capital_ratio = {}\nminimum = {}\n", money(),
                        pick<int>({-10, 10, 0}), money());
    toml +=
        fmt::format("[breakeven]\nmetric = \"{}\"\nperiod = \"{}\"\nsustained = {}\n",
                    pick<std::string>({"net_income", "net_income_ex_sbc", "operating_income",
                                       "operating_cash_flow", "free_cash_flow"}),
                    pick<std::string>({"year", "quarter", "month", "ttm"}), pick<int>({1, 600}));
    add_funding(toml, start, months);
    add_events(toml, start, months);
    if (chance(0.3) && !market)
      toml += fmt::format(
          "[[correlation]]\nbetween = [\"revenue.growth\", \"margin.gross\"]\n"
          "rho = {}\n",
          pick<int>({-1, 1}));
    return toml;
  }

 private:
  std::uint64_t next() { return random_(); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }
  template <typename T>
  T pick(std::initializer_list<T> values) {
    return *(values.begin() + static_cast<std::ptrdiff_t>(next() % values.size()));
  }
  std::string money() { return pick<std::string>({"0", "1e15", "3.5"}); }
  std::string signed_money() { return pick<std::string>({"-1e15", "1e15", "0"}); }
  std::string growth() {
    return pick<std::string>({"10", "-0.999999", "0", "0.5",
                              R"({ dist = "normal", mean = 0.2, sd = 0.05 })",
                              R"({ dist = "uniform", min = -1, max = 10 })"});
  }
  std::string volatility() { return pick<std::string>({"0", "5", "0.3"}); }

  void add_funding(std::string& toml, YearMonth start, int months) {
    const int rounds = static_cast<int>(next() % 3);
    for (int i = 0; i < rounds; ++i)
      toml += fmt::format(
          "[[funding.rounds]]\nname = \"r{}\"\ndate = \"{}\"\namount = {}\n"
          "probability = {}\n",
          i,
          start.plus_months(static_cast<int>(next() % static_cast<std::uint64_t>(months))).label(),
          money(), pick<int>({0, 1}));
    if (chance(0.5))
      toml += fmt::format(
          "[funding.policy]\ntrigger_runway_months = {}\nsize_months = {}\n"
          "success_probability = {}\nlag_months = {}\nretry_months = {}\n",
          pick<int>({1, 600}), pick<int>({1, 600}), pick<int>({0, 1}), pick<int>({1, 600}),
          pick<int>({0, 600}));
  }

  void add_events(std::string& toml, YearMonth start, int months) {
    const int events = static_cast<int>(next() % 4);
    for (int i = 0; i < events; ++i) {
      const std::string target =
          pick<std::string>({"revenue", "growth", "gross_margin", "rnd", "sga"});
      std::string effect;
      if (target == "growth") {
        effect = pick<std::string>({"-10", "10", "0.1"});
      } else if (target == "gross_margin") {
        effect = pick<std::string>({"-2", "2"});
      } else {
        effect =
            pick<std::string>({"-1", "10", "0.2", R"({ dist = "normal", mean = 0.1, sd = 0.1 })"});
      }
      toml += fmt::format(
          "[[events]]\nname = \"e{}\"\ntarget = \"{}\"\neffect = {}\n"
          "duration_months = {}\n",
          i, target, effect, pick<int>({0, 1, 600}));
      if (chance(0.5)) {
        toml += fmt::format("rate_per_year = {}\n", pick<double>({0, 120, 0.2}));
        if (chance(0.5)) toml += fmt::format("max_occurrences = {}\n", pick<int>({1, 600}));
      } else {
        toml += fmt::format(
            "date = \"{}\"\nprobability = {}\n",
            start.plus_months(static_cast<int>(next() % static_cast<std::uint64_t>(months)))
                .label(),
            pick<int>({0, 1}));
      }
    }
  }

  std::mt19937_64 random_;
};

bool finite_result(const ScenarioResult& result) {
  if (!std::isfinite(result.funding_need.mean)) return false;
  for (const auto* fan : {&result.fans.revenue, &result.fans.net_income, &result.fans.cash})
    for (const FanPoint& point : *fan)
      if (std::isinf(point.p05) || std::isinf(point.p95)) return false;
  return true;
}

}  // namespace

TEST_CASE("10,000 random valid scenarios at the edges of every range all run", "[property]") {
  EdgeScenario generator(20261129);
  int valid = 0, refused = 0, attempts = 0;
  EngineOptions options;
  options.threads = 1;
  while (valid < 10000 && attempts < 200000) {
    ++attempts;
    const std::string text = generator.text();
    Model model;
    try {
      model = build_model(parse_scenario(text, "edge.toml"));
    } catch (const ScenarioError&) {
      ++refused;
      continue;
    }
    ++valid;
    try {
      const ScenarioResult result =
          summarize(model, simulate(scenario_run(model), options).scenarios[0]);
      if (!finite_result(result)) FAIL("a non-finite result from:\n" << text);
    } catch (const std::exception& e) {
      FAIL("run failed: " << e.what() << "\n" << text);
    }
  }
  INFO(valid << " valid of " << attempts << " drawn");
  CHECK(valid == 10000);
  CHECK(refused > 0);  // the generator does reach beyond what validates
}
