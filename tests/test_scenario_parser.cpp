// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;
using Catch::Contains;

namespace {

// A small valid scenario, section by section, so a test can add or drop one key and state only
// what it is about.
struct Doc {
  std::vector<std::pair<std::string, std::vector<std::string>>> sections{
      {"company", {"name = \"Test Co\""}},
      {"simulation", {"start = \"2025-01\"", "horizon = \"2030-12\""}},
      {"state", {"cash = 10", "revenue = 12"}},
      {"revenue", {"growth = 0.5"}},
      {"margin", {"gross = 0.5"}},
      {"costs", {"rnd = 5", "sga = 2"}},
  };
  std::string tail_;

  Doc& add(const std::string& section, const std::string& line) {
    for (auto& [name, lines] : sections) {
      if (name == section) {
        lines.push_back(line);
        return *this;
      }
    }
    sections.push_back({section, {line}});
    return *this;
  }
  Doc& drop(const std::string& section, const std::string& key) {
    for (auto& [name, lines] : sections) {
      if (name != section) continue;
      std::erase_if(lines, [&](const std::string& line) { return line.rfind(key + " =", 0) == 0; });
    }
    return *this;
  }
  Doc& set(const std::string& section, const std::string& key, const std::string& value) {
    return drop(section, key).add(section, key + " = " + value);
  }
  Doc& tail(const std::string& text) {
    tail_ += text;
    return *this;
  }
  std::string text() const {
    std::string out;
    for (const auto& [name, lines] : sections) {
      out += "[" + name + "]\n";
      for (const auto& line : lines) out += line + "\n";
    }
    return out + tail_;
  }
  ScenarioSpec parse(const std::vector<Override>& sets = {}) const {
    return parse_scenario(text(), "x.toml", sets);
  }
  // The error text, or "no error".
  std::string error(const std::vector<Override>& sets = {}) const {
    try {
      parse(sets);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  }
};

std::string error_of(const std::string& toml, const std::vector<Override>& sets = {}) {
  try {
    parse_scenario(toml, "x.toml", sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// 1-based line of the first line starting with `start` in `text`.
int line_of(const std::string& text, const std::string& start) {
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.rfind(start, 0) == 0) return number;
  }
  return 0;
}

const std::string kSourceDir = BREAKEVEN_SOURCE_DIR;

}  // namespace

TEST_CASE("ScenarioError formats file, line and key", "[scenario]") {
  const ScenarioError with_line({"a.toml", 3}, "revenue.growth", "bad");
  CHECK(std::string(with_line.what()) == "a.toml:3: revenue.growth: bad");
  CHECK(with_line.message() == "bad");
  CHECK(with_line.key() == "revenue.growth");
  CHECK(with_line.where().line == 3);
  CHECK(std::string(ScenarioError({"--set", 0}, "x", "bad").what()) == "--set: x: bad");
  CHECK(std::string(ScenarioError({"a.toml", 2}, "", "bad").what()) == "a.toml:2: bad");
}

TEST_CASE("enum spellings are the TOML ones", "[scenario]") {
  CHECK(to_string(Metric::net_income_ex_sbc) == "net_income_ex_sbc");
  CHECK(to_string(Metric::free_cash_flow) == "free_cash_flow");
  CHECK(to_string(PeriodKind::ttm) == "ttm");
  CHECK(to_string(PeriodKind::quarter) == "quarter");
  CHECK(to_string(EventTarget::gross_margin) == "gross_margin");
  CHECK(to_string(EventTarget::rnd) == "rnd");
}

TEST_CASE("nearest_key suggests close keys only", "[scenario]") {
  const std::vector<std::string> keys{"growth", "long_run_growth", "volatility", "seasonality"};
  CHECK(nearest_key("growht", keys) == "growth");
  CHECK(nearest_key("volatilty", keys) == "volatility");
  CHECK(nearest_key("long_rn_growht", keys) == "long_run_growth");
  CHECK(nearest_key("banana", keys).empty());
  CHECK(nearest_key("x", {}).empty());
}

TEST_CASE("the spec example parses into every field", "[scenario]") {
  const std::string path = kSourceDir + "/scenarios/spec_example.toml";
  const ScenarioSpec spec = load_scenario(path);
  CHECK(spec.file == path);
  CHECK(spec.company.name == "MetaX");
  CHECK(spec.company.currency == "CNY");
  CHECK(spec.company.money_unit == "亿");
  CHECK(spec.company.money_unit_scale == 1e8);
  CHECK(spec.company.fiscal_year_end == 12);
  CHECK(spec.simulation.start == YearMonth{2025, 7});
  CHECK(spec.simulation.horizon == YearMonth{2032, 12});
  CHECK(spec.simulation.paths == 100000);
  CHECK(spec.simulation.seed == 42);
  CHECK(spec.state.cash == 16.5);
  CHECK(spec.state.revenue == 18.3);
  CHECK(spec.state.ytd == -3.6);
  CHECK(spec.state.ttm == -14.0);
  CHECK(spec.revenue.model == RevenueModel::growth);
  CHECK(spec.revenue.growth.is_constant());
  CHECK(spec.revenue.growth.value == 0.9);
  REQUIRE(spec.revenue.long_run_growth);
  CHECK(spec.revenue.long_run_growth->value == 0.2);
  CHECK(spec.revenue.half_life_years == 2.0);
  CHECK(spec.revenue.volatility == 0.35);
  CHECK(spec.revenue.sector_loading == 0.5);
  REQUIRE(spec.revenue.seasonality);
  CHECK((*spec.revenue.seasonality)[0] == Approx(0.7));
  CHECK((*spec.revenue.seasonality)[3] == Approx(1.4));
  CHECK_FALSE(spec.market);
  CHECK(spec.margin.gross.value == 0.55);
  CHECK(spec.margin.long_run->value == 0.6);
  CHECK(spec.margin.half_life_years == 3.0);
  CHECK(spec.margin.noise == 0.03);
  CHECK(spec.costs.rnd.value == 9.0);
  CHECK(spec.costs.rnd_growth.value == 0.15);
  CHECK(spec.costs.rnd_revenue_floor == 0.2);
  CHECK(spec.costs.sga.value == 3.0);
  CHECK(spec.costs.sga_growth.value == 0.1);
  CHECK(spec.costs.sga_variable.value == 0.05);
  CHECK(spec.costs.share_based_comp.value == 2.0);
  CHECK(spec.costs.share_based_comp_growth.value == -0.3);
  CHECK(spec.costs.depreciation.value == 0.8);
  CHECK(spec.other.subsidies.value == 1.0);
  CHECK(spec.other.interest_rate.value == 0.015);
  CHECK(spec.tax.rate == 0.15);
  CHECK(spec.tax.loss_carryforward == 40);
  CHECK(spec.cash.capex.value == 1.5);
  CHECK(spec.cash.working_capital_ratio.value == 0.5);
  CHECK(spec.cash.minimum == 2.0);
  REQUIRE(spec.rounds.size() == 1);
  CHECK(spec.rounds[0].name == "STAR IPO");
  CHECK(spec.rounds[0].date == YearMonth{2025, 12});
  CHECK(spec.rounds[0].amount.value == 41.97);
  CHECK(spec.rounds[0].probability == 1.0);
  REQUIRE(spec.policy);
  CHECK(spec.policy->trigger_runway_months == 18);
  CHECK(spec.policy->size_months == 24);
  CHECK_FALSE(spec.policy->amount);
  CHECK(spec.policy->success_probability == 0.75);
  CHECK(spec.policy->lag_months == 6);
  CHECK(spec.policy->retry_months == 6);
  CHECK(spec.policy->max_raises == 4);
  CHECK(spec.policy->not_before == YearMonth{2026, 6});
  REQUIRE(spec.events.size() == 1);
  const EventSpec& event = spec.events[0];
  CHECK(event.name == "Top customer lost");
  CHECK(event.target == EventTarget::revenue);
  CHECK(event.effect.kind == DistKind::uniform);
  CHECK(event.effect.min == -0.35);
  CHECK(event.effect.max == -0.10);
  CHECK(event.duration_months == 0);
  CHECK(event.rate_per_year == 0.15);
  CHECK_FALSE(event.date);
  REQUIRE(spec.correlations.size() == 1);
  CHECK(spec.correlations[0].a == "revenue.growth");
  CHECK(spec.correlations[0].b == "margin.gross");
  CHECK(spec.correlations[0].rho == 0.4);
  CHECK(spec.breakeven.metric == Metric::net_income);
  CHECK(spec.breakeven.period == PeriodKind::year);
  CHECK(spec.breakeven.sustained == 1);
  CHECK(spec.breakeven.target == "2026");

  const std::string text = read_text(path);
  CHECK(spec.location_of("revenue.growth").file == path);
  CHECK(spec.location_of("revenue.growth").line == line_of(text, "growth = 0.9"));
  CHECK(spec.location_of("funding.rounds.0.amount").line == line_of(text, "amount = \"41.97亿\""));
  CHECK(spec.location_of("events.0.effect.min").line == line_of(text, "effect = "));
  CHECK(spec.location_of("correlation.0.rho").line == line_of(text, "rho = 0.4"));
  CHECK(spec.correlations[0].where.line == line_of(text, "between = "));
  CHECK(spec.location_of("no.such.key").line == 0);
  CHECK(spec.location_of("no.such.key").file == path);
}

TEST_CASE("the market variant of the spec example parses", "[scenario]") {
  const ScenarioSpec spec = load_scenario(kSourceDir + "/scenarios/spec_example_market.toml");
  CHECK(spec.revenue.model == RevenueModel::market);
  CHECK_FALSE(spec.state.revenue);
  REQUIRE(spec.market);
  CHECK(spec.market->size.value == 1425);
  CHECK(spec.market->growth.value == 0.537);
  CHECK(spec.market->volatility == 0.2);
  CHECK(spec.market->share.value == 0.01);
  CHECK(spec.market->share_cap.value == 0.08);
  CHECK(spec.market->share_speed.value == 0.6);
  CHECK(spec.market->share_volatility == 0.3);
  CHECK(spec.revenue.seasonality);
}

TEST_CASE("defaults when keys are left out", "[scenario]") {
  const ScenarioSpec spec = Doc{}.parse();
  CHECK(spec.company.currency.empty());
  CHECK(spec.company.money_unit == "1");
  CHECK(spec.company.money_unit_scale == 1);
  CHECK(spec.company.fiscal_year_end == 12);
  CHECK(spec.simulation.paths == 100000);
  CHECK(spec.simulation.seed == 1);
  CHECK(spec.state.ytd == 0);
  CHECK_FALSE(spec.state.ttm);
  CHECK_FALSE(spec.revenue.long_run_growth);
  CHECK_FALSE(spec.revenue.half_life_years);
  CHECK(spec.revenue.volatility == 0);
  CHECK(spec.revenue.sector_loading == 0);
  CHECK_FALSE(spec.revenue.seasonality);
  CHECK_FALSE(spec.margin.long_run);
  CHECK_FALSE(spec.margin.half_life_years);
  CHECK(spec.margin.noise == 0);
  CHECK(spec.costs.rnd_growth.value == 0);
  CHECK_FALSE(spec.costs.rnd_revenue_floor);
  CHECK(spec.costs.sga_variable.value == 0);
  CHECK(spec.costs.share_based_comp.value == 0);
  CHECK(spec.costs.depreciation.value == 0);
  CHECK(spec.other.subsidies.value == 0);
  CHECK(spec.other.interest_rate.value == 0);
  CHECK(spec.tax.rate == 0.15);
  CHECK(spec.tax.loss_carryforward == 0);
  CHECK(spec.cash.capex.value == 0);
  CHECK(spec.cash.working_capital_ratio.value == 0);
  CHECK(spec.cash.minimum == 0);
  CHECK(spec.rounds.empty());
  CHECK_FALSE(spec.policy);
  CHECK(spec.events.empty());
  CHECK(spec.correlations.empty());
  CHECK(spec.breakeven.metric == Metric::net_income);
  CHECK(spec.breakeven.period == PeriodKind::year);
  CHECK(spec.breakeven.sustained == 1);
  CHECK_FALSE(spec.breakeven.target);
}

TEST_CASE("defaults inside rounds, policy and events", "[scenario]") {
  const ScenarioSpec spec =
      Doc{}
          .tail(
              "[[funding.rounds]]\nname = \"A\"\ndate = \"2026-Q2\"\namount = 5\n"
              "[funding.policy]\ntrigger_runway_months = 12\namount = 3\n"
              "[[events]]\nname = \"e\"\ntarget = \"growth\"\neffect = -0.2\ndate = \"2027-01\"\n")
          .parse();
  CHECK(spec.rounds[0].date == YearMonth{2026, 4});
  CHECK(spec.rounds[0].probability == 1);
  CHECK_FALSE(spec.policy->size_months);
  CHECK(spec.policy->amount->value == 3);
  CHECK(spec.policy->success_probability == 1);
  CHECK(spec.policy->lag_months == 6);
  CHECK(spec.policy->retry_months == 6);
  CHECK(spec.policy->max_raises == 1000000);
  CHECK_FALSE(spec.policy->not_before);
  CHECK(spec.events[0].target == EventTarget::growth);
  CHECK(spec.events[0].date == YearMonth{2027, 1});
  CHECK(spec.events[0].probability == 1);
  CHECK(spec.events[0].duration_months == 0);
  CHECK_FALSE(spec.events[0].rate_per_year);
}

TEST_CASE("money values are converted into the file's unit", "[scenario]") {
  const ScenarioSpec spec = Doc{}
                                .add("company", "money_unit = \"亿\"")
                                .set("state", "cash", "\"7.02亿\"")
                                .set("state", "revenue", "\"702M\"")
                                .set("costs", "rnd", "\"1.34万亿\"")
                                .set("costs", "sga", "\"4.5e8\"")
                                .add("costs", "depreciation = \"900万\"")
                                .add("cash", "minimum = \"8B\"")
                                .add("tax", "loss_carryforward = 40")
                                .parse();
  CHECK(spec.company.money_unit_scale == 1e8);
  CHECK(spec.state.cash == 7.02);
  CHECK(spec.state.revenue == 7.02);
  CHECK(spec.costs.rnd.value == 13400);
  CHECK(spec.costs.sga.value == 4.5);
  CHECK(spec.costs.depreciation.value == Approx(0.09));
  CHECK(spec.cash.minimum == 80);
  CHECK(spec.tax.loss_carryforward == 40);  // plain numbers are already in 亿

  const ScenarioSpec unit_one =
      Doc{}.add("company", "money_unit = 1").set("state", "cash", "\"3.5k\"").parse();
  CHECK(unit_one.company.money_unit == "1");
  CHECK(unit_one.state.cash == 3500);
  const ScenarioSpec in_millions =
      Doc{}.add("company", "money_unit = \"M\"").set("state", "cash", "\"900万\"").parse();
  CHECK(in_millions.state.cash == Approx(9));
}

TEST_CASE("rates take percent strings", "[scenario]") {
  const ScenarioSpec spec = Doc{}
                                .set("revenue", "growth", "\"80%\"")
                                .set("margin", "gross", "\"53.7%\"")
                                .add("tax", "rate = \"25%\"")
                                .parse();
  CHECK(spec.revenue.growth.value == Approx(0.8));
  CHECK(spec.margin.gross.value == Approx(0.537));
  CHECK(spec.tax.rate == Approx(0.25));
}

TEST_CASE("each distribution form", "[scenario][distribution]") {
  auto growth = [](const std::string& value) {
    return Doc{}.set("revenue", "growth", value).parse().revenue.growth;
  };
  const Param normal = growth("{ dist = \"normal\", mean = 0.5, sd = 0.1, truncate = [-0.5, 2] }");
  CHECK(normal.kind == DistKind::normal);
  CHECK(normal.mean == 0.5);
  CHECK(normal.sd == 0.1);
  CHECK(normal.truncate_lo == -0.5);
  CHECK(normal.truncate_hi == 2);

  const Param interval =
      growth("{ dist = \"normal\", p05 = 0.2, p95 = 0.8, truncate = [-0.9, 3] }");
  CHECK(interval.kind == DistKind::normal);
  CHECK(interval.mean == Approx(0.5));
  CHECK(interval.sd == Approx(0.3 / 1.6449).epsilon(1e-4));

  const Param lognormal = growth("{ dist = \"lognormal\", median = 0.5, sigma = 0.2 }");
  CHECK(lognormal.kind == DistKind::lognormal);
  CHECK(lognormal.mu == Approx(std::log(0.5)));
  CHECK(lognormal.sigma == 0.2);

  const Param log_interval = growth("{ dist = \"lognormal\", p05 = 0.2, p95 = 0.8 }");
  CHECK(log_interval.mu == Approx((std::log(0.2) + std::log(0.8)) / 2));
  CHECK(log_interval.sigma == Approx(std::log(4.0) / (2 * 1.6449)).epsilon(1e-4));

  const Param uniform = growth("{ dist = \"uniform\", min = \"10%\", max = \"90%\" }");
  CHECK(uniform.kind == DistKind::uniform);
  CHECK(uniform.min == Approx(0.1));
  CHECK(uniform.max == Approx(0.9));

  const Param triangular = growth("{ dist = \"triangular\", min = 0.1, mode = 0.3, max = 0.9 }");
  CHECK(triangular.kind == DistKind::triangular);
  CHECK(triangular.mode == 0.3);

  const Param pert = growth("{ dist = \"pert\", min = 0.1, mode = 0.5, max = 0.9 }");
  CHECK(pert.kind == DistKind::pert);
  CHECK(pert.alpha == Approx(3));
  CHECK(pert.beta == Approx(3));

  const Param beta = growth("{ dist = \"beta\", alpha = 2, beta = 5, min = 0.1, max = 1.1 }");
  CHECK(beta.kind == DistKind::beta);
  CHECK(beta.alpha == 2);
  CHECK(beta.min == 0.1);
  CHECK(beta.max == 1.1);
  const Param unit_beta = growth("{ dist = \"beta\", alpha = 2, beta = 5 }");
  CHECK(unit_beta.min == 0);
  CHECK(unit_beta.max == 1);

  const Param discrete = growth("{ dist = \"discrete\", values = [0.2, 0.6], weights = [1, 3] }");
  CHECK(discrete.kind == DistKind::discrete);
  CHECK(discrete.values == std::vector<double>{0.2, 0.6});
  CHECK(discrete.weights[1] == Approx(0.75));
  const Param equal = growth("{ dist = \"discrete\", values = [0.2, 0.4, 0.6] }");
  CHECK(equal.weights[0] == Approx(1.0 / 3));
}

TEST_CASE("money distributions take money values in every field", "[scenario][distribution]") {
  const ScenarioSpec spec =
      Doc{}
          .add("company", "money_unit = \"亿\"")
          .set("costs", "rnd", "{ dist = \"uniform\", min = \"500M\", max = \"9亿\" }")
          .set("costs", "sga",
               "{ dist = \"normal\", mean = \"3亿\", sd = \"20M\", truncate = [0, \"5亿\"] }")
          .add("cash", "capex = { dist = \"discrete\", values = [\"100M\", 2] }")
          .parse();
  CHECK(spec.costs.rnd.min == 5);
  CHECK(spec.costs.rnd.max == 9);
  CHECK(spec.costs.sga.mean == 3);
  CHECK(spec.costs.sga.sd == Approx(0.2));
  CHECK(spec.costs.sga.truncate_hi == 5);
  CHECK(spec.cash.capex.values == std::vector<double>{1, 2});
}

TEST_CASE("locations cover sections, array elements and distribution fields", "[scenario]") {
  const ScenarioSpec spec =
      Doc{}
          .set("revenue", "growth",
               "{ dist = \"normal\", mean = 0.5, sd = 0.1, truncate = [0, 1] }")
          .tail("[[events]]\nname = \"e\"\ntarget = \"sga\"\neffect = 0.1\nrate_per_year = 1\n")
          .parse();
  CHECK(spec.location_of("company").line == 1);
  CHECK(spec.location_of("company.name").line == 2);
  CHECK(spec.location_of("revenue.growth.sd").line > 0);
  CHECK(spec.location_of("events.0").line > 0);
  CHECK(spec.location_of("events.0.rate_per_year").line ==
        spec.location_of("events.0.effect").line + 1);
  CHECK(spec.location_of("events.0.rate_per_year").file == "x.toml");
}

TEST_CASE("unknown keys name file, line and key with a suggestion", "[scenario][errors]") {
  const std::string text =
      "[company]\nname = \"X\"\n[simulation]\nstart = \"2025-01\"\nhorizon = \"2026\"\n"
      "[state]\ncash = 1\nrevenue = 1\n[revenue]\ngrowht = 0.5\n";
  CHECK(error_of(text) == "x.toml:10: revenue.growht: unknown key; did you mean 'growth'?");

  CHECK_THAT(Doc{}.tail("[revnue]\ngrowth = 1\n").error(),
             Contains("revnue: unknown key; did you mean 'revenue'?"));
  CHECK_THAT(Doc{}.tail("[[event]]\nname = \"e\"\n").error(),
             Contains("event: unknown key; did you mean 'events'?"));
  CHECK_THAT(Doc{}.add("company", "fiscal_year_ned = 6").error(),
             Contains("company.fiscal_year_ned: unknown key; did you mean 'fiscal_year_end'?"));
  CHECK_THAT(Doc{}.add("simulation", "path = 10").error(),
             Contains("simulation.path: unknown key; did you mean 'paths'?"));
  CHECK_THAT(Doc{}.add("state", "csh = 10").error(),
             Contains("state.csh: unknown key; did you mean 'cash'?"));
  CHECK_THAT(Doc{}.add("margin", "longrun = 0.5").error(),
             Contains("margin.longrun: unknown key; did you mean 'long_run'?"));
  CHECK_THAT(Doc{}.add("costs", "share_based_comp_grwth = 0.1").error(),
             Contains("costs.share_based_comp_grwth: unknown key; did you mean "
                      "'share_based_comp_growth'?"));
  CHECK_THAT(Doc{}.add("other", "subsidie = 1").error(),
             Contains("other.subsidie: unknown key; did you mean 'subsidies'?"));
  CHECK_THAT(Doc{}.add("tax", "rat = 0.1").error(),
             Contains("tax.rat: unknown key; did you mean 'rate'?"));
  CHECK_THAT(Doc{}.add("cash", "minimun = 1").error(),
             Contains("cash.minimun: unknown key; did you mean 'minimum'?"));
  CHECK_THAT(Doc{}.add("breakeven", "metrics = \"net_income\"").error(),
             Contains("breakeven.metrics: unknown key; did you mean 'metric'?"));
  CHECK_THAT(Doc{}.tail("[funding]\nround = 1\n").error(),
             Contains("funding.round: unknown key; did you mean 'rounds'?"));
  CHECK_THAT(Doc{}
                 .tail("[[funding.rounds]]\nname = \"A\"\ndate = \"2026-01\"\namount = 1\n"
                       "[[funding.rounds]]\nname = \"B\"\ndate = \"2026-01\"\namout = 1\n")
                 .error(),
             Contains("funding.rounds.1.amout: unknown key; did you mean 'amount'?"));
  CHECK_THAT(Doc{}
                 .tail("[funding.policy]\ntrigger_runway_months = 12\nsize_months = 6\n"
                       "lag_month = 3\n")
                 .error(),
             Contains("funding.policy.lag_month: unknown key; did you mean 'lag_months'?"));
  CHECK_THAT(
      Doc{}
          .tail("[[events]]\nname = \"a\"\ntarget = \"rnd\"\neffect = 0.1\ndate = \"2026-01\"\n"
                "[[events]]\nname = \"b\"\ntarget = \"rnd\"\neffect = 0.1\n"
                "rate_per_yer = 1\n")
          .error(),
      Contains("events.1.rate_per_yer: unknown key; did you mean 'rate_per_year'?"));
  CHECK_THAT(
      Doc{}
          .tail("[[correlation]]\nbetween = [\"revenue.growth\", \"margin.gross\"]\nrh = 0.3\n")
          .error(),
      Contains("correlation.0.rh: unknown key; did you mean 'rho'?"));
  CHECK_THAT(Doc{}.set("revenue", "growth", "{ dist = \"normal\", mean = 0.5, sdd = 0.1 }").error(),
             Contains("revenue.growth.sdd: unknown key for a normal distribution; did you mean "
                      "'sd'?"));
  CHECK_THAT(Doc{}.set("revenue", "growth", "{ dist = \"uniform\", mn = 0.1, max = 0.5 }").error(),
             Contains("revenue.growth.mn: unknown key for a uniform distribution; did you mean "
                      "'min'?"));
  // No suggestion when nothing is close: the valid keys are listed instead.
  CHECK_THAT(Doc{}.add("tax", "zzzzzzzzzz = 1").error(),
             Contains("tax.zzzzzzzzzz: unknown key; expected one of: rate, loss_carryforward"));
}

TEST_CASE("unknown values name the choices", "[scenario][errors]") {
  CHECK_THAT(Doc{}.set("revenue", "growth", "{ dist = \"normall\", mean = 0.5, sd = 0.1 }").error(),
             Contains("revenue.growth.dist: unknown distribution \"normall\"; did you mean "
                      "'normal'?"));
  CHECK_THAT(Doc{}.add("breakeven", "metric = \"net_incom\"").error(),
             Contains("breakeven.metric: unknown value \"net_incom\"; did you mean 'net_income'?"));
  CHECK_THAT(Doc{}.add("breakeven", "period = \"decade\"").error(),
             Contains("breakeven.period: unknown value \"decade\"; expected one of: year, "
                      "quarter, month, ttm"));
  CHECK_THAT(Doc{}.add("revenue", "model = \"markte\"").error(),
             Contains("revenue.model: unknown value \"markte\"; did you mean 'market'?"));
  CHECK_THAT(Doc{}.add("company", "money_unit = \"m\"").error(),
             Contains("company.money_unit: unknown money unit \"m\"; did you mean 'M'?"));
  CHECK_THAT(Doc{}.add("company", "money_unit = 1000").error(),
             Contains("company.money_unit: unknown money unit \"1000\""));
  CHECK_THAT(Doc{}
                 .tail("[[events]]\nname = \"e\"\ntarget = \"revenu\"\neffect = 0.1\n"
                       "rate_per_year = 1\n")
                 .error(),
             Contains("events.0.target: unknown value \"revenu\"; did you mean 'revenue'?"));
}

TEST_CASE("wrong types are errors", "[scenario][errors]") {
  CHECK_THAT(Doc{}.set("company", "name", "5").error(),
             Contains("company.name: expected a string in quotes, got the integer 5"));
  CHECK_THAT(Doc{}.add("simulation", "paths = \"many\"").error(),
             Contains("simulation.paths: must be a whole number, got the string \"many\""));
  CHECK_THAT(Doc{}.add("simulation", "paths = 1.5").error(),
             Contains("simulation.paths: must be a whole number, got the number 1.5"));
  CHECK(Doc{}.add("simulation", "paths = 2000.0").parse().simulation.paths == 2000);
  CHECK_THAT(Doc{}.set("revenue", "growth", "true").error(),
             Contains("revenue.growth: expected a rate, got the boolean true"));
  CHECK_THAT(Doc{}.set("revenue", "growth", "[0.1, 0.2]").error(),
             Contains("revenue.growth: expected a number or a distribution"));
  CHECK_THAT(Doc{}.add("revenue", "volatility = \"high\"").error(),
             Contains("revenue.volatility: expected a rate such as 0.537 or \"53.7%\", got the "
                      "string \"high\""));
  CHECK_THAT(Doc{}.add("revenue", "half_life_years = \"2y\"").error(),
             Contains("revenue.half_life_years: expected a number, got the string \"2y\""));
  CHECK_THAT(Doc{}.add("revenue", "seasonality = 1").error(),
             Contains("revenue.seasonality: expected an array, got the integer 1"));
  CHECK_THAT(Doc{}.set("simulation", "start", "2025-07-01").error(),
             Contains("simulation.start: expected a month such as \"2025-07\" or a quarter such "
                      "as \"2026-Q3\" in quotes, got a TOML date"));
  CHECK_THAT(error_of("events = 3\n" + Doc{}.text()),
             Contains("x.toml:1: events: expected an array, got the integer 3"));
  CHECK_THAT(Doc{}.tail("[events]\nname = \"e\"\n").error(),
             Contains("events: expected an array, got a table"));
  CHECK_THAT(error_of("funding = { rounds = [1] }\n" + Doc{}.text()),
             Contains("funding.rounds.0: expected a table (write each one under "
                      "[[funding.rounds]]), got the integer 1"));
  CHECK_THAT(error_of("company = 3\n"),
             Contains("company: expected a section [company], got the integer 3"));
  CHECK_THAT(Doc{}.tail("[[correlation]]\nbetween = [\"revenue.growth\", 3]\nrho = 0.1\n").error(),
             Contains("correlation.0.between: expected parameter keys in quotes"));
}

TEST_CASE("out-of-range values are errors", "[scenario][errors]") {
  CHECK(Doc{}.set("margin", "gross", "1.4").error() ==
        "x.toml:12: margin.gross: must be between -1 and 1, got 1.4");
  auto expect = [](Doc doc, const std::string& message) {
    INFO(doc.text());
    CHECK_THAT(doc.error(), Contains(message));
  };
  expect(Doc{}.set("revenue", "growth", "-1"), "revenue.growth: must be greater than -1, got -1");
  expect(Doc{}.set("revenue", "growth", "nan"), "revenue.growth: must be a finite number, got nan");
  expect(Doc{}.set("state", "cash", "inf"), "state.cash: must be a finite number, got inf");
  expect(Doc{}.set("state", "cash", "-1"), "state.cash: must be at least 0, got -1");
  expect(Doc{}.set("state", "revenue", "0"), "state.revenue: must be greater than 0, got 0");
  expect(Doc{}.add("revenue", "volatility = -0.1"),
         "revenue.volatility: must be at least 0, got -0.1");
  expect(Doc{}.add("revenue", "sector_loading = 1.5"),
         "revenue.sector_loading: must be between 0 and 1, got 1.5");
  expect(Doc{}.add("revenue", "half_life_years = 0"),
         "revenue.half_life_years: must be greater than 0, got 0");
  expect(Doc{}.add("revenue", "seasonality = [1, 1, 1]"),
         "revenue.seasonality: expected four quarterly weights, got 3");
  expect(Doc{}.add("revenue", "seasonality = [1, 1, 0, 2]"),
         "revenue.seasonality.2: must be greater than 0, got 0");
  expect(Doc{}.add("margin", "noise = -0.01"), "margin.noise: must be at least 0, got -0.01");
  expect(Doc{}.set("costs", "rnd", "-1"), "costs.rnd: must be at least 0, got -1");
  expect(Doc{}.add("costs", "sga_variable = 1.2"),
         "costs.sga_variable: must be between 0 and 1, got 1.2");
  expect(Doc{}.add("costs", "rnd_revenue_floor = \"120%\""),
         "costs.rnd_revenue_floor: must be between 0 and 1, got 1.2");
  expect(Doc{}.add("costs", "rnd_growth = -1.5"),
         "costs.rnd_growth: must be greater than -1, got -1.5");
  expect(Doc{}.add("tax", "rate = 1"), "tax.rate: must be at least 0 and less than 1, got 1");
  expect(Doc{}.add("tax", "loss_carryforward = -1"),
         "tax.loss_carryforward: must be at least 0, got -1");
  expect(Doc{}.add("cash", "minimum = -1"), "cash.minimum: must be at least 0, got -1");
  expect(Doc{}.add("company", "fiscal_year_end = 13"),
         "company.fiscal_year_end: must be a whole number between 1 and 12, got 13");
  expect(Doc{}.add("simulation", "paths = 0"),
         "simulation.paths: must be a whole number at least 1, got 0");
  expect(Doc{}.add("simulation", "seed = -1"),
         "simulation.seed: must be a whole number at least 0");
  expect(Doc{}.set("simulation", "horizon", "\"2024\""),
         "simulation.horizon: must be after simulation.start (2025-01), got 2024-12");
  expect(Doc{}.add("breakeven", "sustained = 0"),
         "breakeven.sustained: must be a whole number at least 1, got 0");
  expect(Doc{}.tail("[[funding.rounds]]\nname = \"A\"\ndate = \"2026-01\"\namount = 1\n"
                    "probability = 1.1\n"),
         "funding.rounds.0.probability: must be between 0 and 1, got 1.1");
  expect(
      Doc{}.tail("[funding.policy]\ntrigger_runway_months = 12\nsize_months = 6\nlag_months = 0\n"),
      "funding.policy.lag_months: must be a whole number at least 1, got 0");
  expect(Doc{}.tail("[funding.policy]\ntrigger_runway_months = 6\nsize_months = 3000000000\n"),
         "funding.policy.size_months: must be a whole number at most 600, got 3000000000");
  expect(Doc{}.tail("[funding.policy]\ntrigger_runway_months = 0\nsize_months = 6\n"),
         "funding.policy.trigger_runway_months: must be a whole number at least 1, got 0");
  expect(Doc{}.tail("[funding.policy]\ntrigger_runway_months = 6\nsize_months = 6\n"
                    "retry_months = -1\n"),
         "funding.policy.retry_months: must be a whole number at least 0, got -1");
  expect(Doc{}.tail("[funding.policy]\ntrigger_runway_months = 6\nsize_months = 6\n"
                    "success_probability = \"150%\"\n"),
         "funding.policy.success_probability: must be between 0 and 1, got 1.5");
  expect(
      Doc{}.tail("[[correlation]]\nbetween = [\"revenue.growth\", \"margin.gross\"]\nrho = 1.5\n"),
      "correlation.0.rho: must be between -1 and 1, got 1.5");
  const std::string poisson = "[[events]]\nname = \"e\"\ntarget = \"revenue\"\nrate_per_year = 1\n";
  expect(Doc{}.tail(poisson + "effect = -1.5\n"), "events.0.effect: must be at least -1, got -1.5");
  expect(Doc{}.tail(poisson + "effect = -0.5\nduration_months = -1\n"),
         "events.0.duration_months: must be a whole number at least 0, got -1");
  expect(Doc{}.tail(poisson + "effect = -0.5\nmax_occurrences = 0\n"),
         "events.0.max_occurrences: must be a whole number at least 1, got 0");
  expect(Doc{}.tail(poisson + "effect = -0.5\nstart = \"2027-01\"\nend = \"2026-01\"\n"),
         "events.0.end: must not be before start (2027-01), got 2026-01");
  expect(Doc{}.tail("[[events]]\nname = \"e\"\ntarget = \"rnd\"\neffect = 0.1\n"
                    "rate_per_year = -1\n"),
         "events.0.rate_per_year: must be at least 0, got -1");
}

TEST_CASE("a distribution's range must fit its key", "[scenario][errors][distribution]") {
  const std::string poisson = "[[events]]\nname = \"e\"\ntarget = \"revenue\"\nrate_per_year = 1\n";
  CHECK_THAT(Doc{}.tail(poisson + "effect = { dist = \"uniform\", min = -1.5, max = 0 }\n").error(),
             Contains("events.0.effect: must be at least -1, but 33 % of this uniform "
                      "distribution lies below -1 (at most 1e-6 may, and is then cut off); "
                      "bound it, e.g. truncate = [-1, 0]"));
  // 1e-15 of the mass lies below -1: cut there, and the notes say so.
  CHECK(Doc{}.tail(poisson + "effect = { dist = \"normal\", mean = -0.2, sd = 0.1 }\n").error() ==
        "no error");
  CHECK(Doc{}
            .tail(poisson +
                  "effect = { dist = \"normal\", mean = -0.2, sd = 0.1, truncate = [-1, 0] }\n")
            .error() == "no error");
  CHECK(Doc{}.tail(poisson + "effect = { dist = \"uniform\", min = -1, max = 0 }\n").error() ==
        "no error");
  // growth and gross_margin effects are not level effects.
  CHECK(Doc{}
            .tail("[[events]]\nname = \"e\"\ntarget = \"growth\"\nrate_per_year = 1\n"
                  "effect = { dist = \"normal\", mean = -0.2, sd = 0.5 }\n")
            .error() == "no error");
  CHECK_THAT(Doc{}.set("revenue", "growth", "{ dist = \"normal\", mean = 0.5, sd = 0.5 }").error(),
             Contains("revenue.growth: must be greater than -1, but 0.13 % of this normal "
                      "distribution lies below -1"));
  CHECK_THAT(Doc{}
                 .set("revenue", "growth",
                      "{ dist = \"discrete\", values = [-1, 0.5], weights = [0.1, 0.9] }")
                 .error(),
             Contains("revenue.growth: must be greater than -1, but 10 % of this discrete "
                      "distribution lies below -1"));
  // A value with zero weight is never drawn.
  CHECK(
      Doc{}
          .set("revenue", "growth", "{ dist = \"discrete\", values = [-1, 0.5], weights = [0, 1] }")
          .error() == "no error");
  CHECK_THAT(Doc{}
                 .set("revenue", "growth",
                      "{ dist = \"normal\", mean = 0.5, sd = 0.5, truncate = [-2, 3] }")
                 .error(),
             Contains("revenue.growth: must be greater than -1, but 0.13 % of this normal "
                      "distribution lies below -1"));
  CHECK(Doc{}
            .set("revenue", "growth",
                 "{ dist = \"normal\", mean = 0.5, sd = 0.3, truncate = [-0.9, 3] }")
            .error() == "no error");
  CHECK(Doc{}.set("costs", "rnd", "{ dist = \"lognormal\", median = 5, sigma = 0.3 }").error() ==
        "no error");
  CHECK_THAT(Doc{}.set("margin", "gross", "{ dist = \"uniform\", min = 0.5, max = 1.2 }").error(),
             Contains("margin.gross: must be between -1 and 1, but 29 % of this uniform "
                      "distribution lies above 1 (at most 1e-6 may, and is then cut off); bound "
                      "it, e.g. truncate = [0.5, 1]"));
}

TEST_CASE("distribution fields are checked", "[scenario][errors][distribution]") {
  auto growth_error = [](const std::string& value) {
    return Doc{}.set("revenue", "growth", value).error();
  };
  CHECK_THAT(growth_error("{ dist = \"normal\", mean = 0.5, sd = -0.1 }"),
             Contains("revenue.growth.sd: must be at least 0, got -0.1"));
  CHECK_THAT(growth_error("{ dist = \"lognormal\", median = 0.5, sigma = -1 }"),
             Contains("revenue.growth.sigma: must be at least 0, got -1"));
  CHECK_THAT(growth_error("{ dist = \"lognormal\", median = 0, sigma = 1 }"),
             Contains("revenue.growth.median: must be greater than 0, got 0"));
  CHECK_THAT(growth_error("{ dist = \"lognormal\", p05 = -0.1, p95 = 1 }"),
             Contains("revenue.growth.p05: must be greater than 0, got -0.1"));
  CHECK_THAT(growth_error("{ dist = \"normal\", p05 = 0.8, p95 = 0.2, truncate = [0, 1] }"),
             Contains("revenue.growth.p95: must be greater than p05 (0.8), got 0.2"));
  CHECK_THAT(growth_error("{ dist = \"normal\", mean = 0.5, p95 = 0.2 }"),
             Contains("revenue.growth.p95: give either mean and sd or p05 and p95, not both"));
  CHECK_THAT(growth_error("{ dist = \"normal\", mean = 0.5 }"),
             Contains("revenue.growth.sd: required key missing"));
  CHECK_THAT(growth_error("{ dist = \"normal\", p05 = 0.5 }"),
             Contains("revenue.growth.p95: required key missing"));
  CHECK_THAT(growth_error("{ mean = 0.5, sd = 0.1 }"),
             Contains("revenue.growth.dist: required key missing"));
  CHECK_THAT(growth_error("{ dist = \"uniform\", min = 0.5, max = 0.5 }"),
             Contains("revenue.growth.max: must be greater than min (0.5), got 0.5"));
  CHECK_THAT(growth_error("{ dist = \"pert\", min = 0.1, mode = 0.9, max = 0.5 }"),
             Contains("revenue.growth.mode: must lie between min and max [0.1, 0.5], got 0.9"));
  CHECK_THAT(growth_error("{ dist = \"triangular\", min = 0.1, mode = 0.05, max = 0.5 }"),
             Contains("revenue.growth.mode: must lie between min and max [0.1, 0.5], got 0.05"));
  CHECK_THAT(growth_error("{ dist = \"beta\", alpha = 0, beta = 1 }"),
             Contains("revenue.growth.alpha: must be greater than 0, got 0"));
  CHECK_THAT(growth_error("{ dist = \"discrete\", values = [0.1, 0.2], weights = [1] }"),
             Contains("revenue.growth.weights: needs one weight per value (2), got 1"));
  CHECK_THAT(growth_error("{ dist = \"discrete\", values = [0.1], weights = [-1] }"),
             Contains("revenue.growth.weights.0: must be at least 0, got -1"));
  CHECK_THAT(growth_error("{ dist = \"discrete\", values = [] }"),
             Contains("revenue.growth.values: needs at least one value"));
  CHECK_THAT(growth_error("{ dist = \"uniform\", min = 0.1, max = 0.5, truncate = [0.3] }"),
             Contains("revenue.growth.truncate: expected two bounds [lo, hi], got 1 values"));
  CHECK_THAT(growth_error("{ dist = \"uniform\", min = 0.1, max = 0.5, truncate = [0.3, 0.2] }"),
             Contains("revenue.growth.truncate: needs lo < hi, got [0.3, 0.2]"));
  CHECK_THAT(growth_error("{ dist = \"uniform\", min = 0.1, max = 0.5, truncate = [0.6, 0.9] }"),
             Contains("revenue.growth.truncate: [0.6, 0.9] leaves nothing of the distribution's "
                      "range [0.1, 0.5]"));
  CHECK_THAT(growth_error("{ dist = \"discrete\", values = [0.1, 0.5], truncate = [0.2, 0.4] }"),
             Contains("revenue.growth.truncate: [0.2, 0.4] leaves none of the values"));
  CHECK_THAT(growth_error("{ dist = \"uniform\", min = \"x%\", max = 0.5 }"),
             Contains("revenue.growth.min: expected a rate such as 0.537 or \"53.7%\""));
}

TEST_CASE("missing required keys are errors", "[scenario][errors]") {
  CHECK(Doc{}.drop("company", "name").error() == "x.toml:1: company.name: required key missing");
  CHECK_THAT(Doc{}.drop("simulation", "start").error(),
             Contains("simulation.start: required key missing"));
  CHECK_THAT(Doc{}.drop("simulation", "horizon").error(),
             Contains("simulation.horizon: required key missing"));
  CHECK_THAT(Doc{}.drop("state", "cash").error(), Contains("state.cash: required key missing"));
  CHECK_THAT(Doc{}.drop("state", "revenue").error(),
             Contains("state.revenue: required key missing"));
  CHECK_THAT(Doc{}.drop("revenue", "growth").error(),
             Contains("revenue.growth: required key missing"));
  CHECK_THAT(Doc{}.drop("margin", "gross").error(), Contains("margin.gross: required key missing"));
  CHECK_THAT(Doc{}.drop("costs", "rnd").error(), Contains("costs.rnd: required key missing"));
  CHECK_THAT(Doc{}.drop("costs", "sga").error(), Contains("costs.sga: required key missing"));
  // A section left out entirely: the file is named without a line.
  CHECK(error_of("[company]\nname = \"X\"\n") == "x.toml: simulation.start: required key missing");

  const std::string round = "[[funding.rounds]]\nname = \"A\"\ndate = \"2026-01\"\namount = 1\n";
  CHECK_THAT(Doc{}.tail("[[funding.rounds]]\ndate = \"2026-01\"\namount = 1\n").error(),
             Contains("funding.rounds.0.name: required key missing"));
  CHECK_THAT(Doc{}.tail("[[funding.rounds]]\nname = \"A\"\namount = 1\n").error(),
             Contains("funding.rounds.0.date: required key missing"));
  CHECK_THAT(Doc{}.tail(round + "[[funding.rounds]]\nname = \"B\"\ndate = \"2026-01\"\n").error(),
             Contains("funding.rounds.1.amount: required key missing"));

  CHECK_THAT(Doc{}.tail("[funding.policy]\nsize_months = 6\n").error(),
             Contains("funding.policy.trigger_runway_months: required key missing"));
  CHECK_THAT(Doc{}.tail("[funding.policy]\ntrigger_runway_months = 6\n").error(),
             Contains("funding.policy.size_months: required key missing (or give amount)"));
  CHECK_THAT(Doc{}
                 .tail("[funding.policy]\ntrigger_runway_months = 6\nsize_months = 6\namount = 2\n")
                 .error(),
             Contains("funding.policy.amount: give either size_months or amount, not both"));

  CHECK_THAT(Doc{}.tail("[[events]]\ntarget = \"rnd\"\neffect = 0.1\nrate_per_year = 1\n").error(),
             Contains("events.0.name: required key missing"));
  CHECK_THAT(Doc{}.tail("[[events]]\nname = \"e\"\neffect = 0.1\nrate_per_year = 1\n").error(),
             Contains("events.0.target: required key missing"));
  CHECK_THAT(Doc{}.tail("[[events]]\nname = \"e\"\ntarget = \"rnd\"\nrate_per_year = 1\n").error(),
             Contains("events.0.effect: required key missing"));
  CHECK_THAT(Doc{}.tail("[[events]]\nname = \"e\"\ntarget = \"rnd\"\neffect = 0.1\n").error(),
             Contains("events.0.rate_per_year: required key missing (or date, for one scheduled "
                      "event)"));
  CHECK_THAT(Doc{}
                 .tail("[[events]]\nname = \"e\"\ntarget = \"rnd\"\neffect = 0.1\n"
                       "rate_per_year = 1\ndate = \"2026-01\"\n")
                 .error(),
             Contains("events.0.date: give either rate_per_year (Poisson arrivals) or date"));
  CHECK_THAT(Doc{}
                 .tail("[[events]]\nname = \"e\"\ntarget = \"rnd\"\neffect = 0.1\n"
                       "date = \"2026-01\"\nmax_occurrences = 2\n")
                 .error(),
             Contains("events.0.max_occurrences: only used with rate_per_year"));
  CHECK_THAT(Doc{}
                 .tail("[[events]]\nname = \"e\"\ntarget = \"rnd\"\neffect = 0.1\n"
                       "rate_per_year = 1\nprobability = 0.5\n")
                 .error(),
             Contains("events.0.probability: only used with date"));

  CHECK_THAT(Doc{}.tail("[[correlation]]\nrho = 0.3\n").error(),
             Contains("correlation.0.between: required key missing"));
  CHECK_THAT(
      Doc{}.tail("[[correlation]]\nbetween = [\"revenue.growth\", \"margin.gross\"]\n").error(),
      Contains("correlation.0.rho: required key missing"));
  CHECK_THAT(Doc{}.tail("[[correlation]]\nbetween = [\"revenue.growth\"]\nrho = 0.3\n").error(),
             Contains("correlation.0.between: expected two parameter keys, got 1"));
  CHECK_THAT(Doc{}
                 .tail("[[correlation]]\nbetween = [\"revenue.growth\", \"revenue.growth\"]\n"
                       "rho = 0.3\n")
                 .error(),
             Contains("correlation.0.between: needs two different keys"));
}

TEST_CASE("the revenue model decides which sections and keys belong", "[scenario][errors]") {
  const std::string market =
      "[market]\nsize = \"1425亿\"\ngrowth = 0.5\nshare = 0.01\nshare_cap = 0.08\n"
      "share_speed = 0.6\n";
  CHECK_THAT(Doc{}.tail(market).error(),
             Contains("market: the [market] section is only used with revenue.model = \"market\""));
  Doc market_doc;
  market_doc.drop("state", "revenue")
      .drop("revenue", "growth")
      .add("revenue", "model = \"market\"");
  CHECK_THAT(
      market_doc.error(),
      Contains("market: required section missing: revenue.model = \"market\" needs [market]"));
  const ScenarioSpec spec =
      Doc(market_doc).add("company", "money_unit = \"亿\"").tail(market).parse();
  CHECK(spec.market->size.value == 1425);
  CHECK(spec.market->share_volatility == 0);
  for (const char* key : {"size", "growth", "share", "share_cap", "share_speed"}) {
    std::string without;
    std::istringstream lines(market);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(std::string(key) + " =", 0) != 0) without += line + "\n";
    }
    INFO(key);
    CHECK_THAT(Doc(market_doc).tail(without).error(),
               Contains("market." + std::string(key) + ": required key missing"));
  }
  CHECK_THAT(Doc(market_doc).add("state", "revenue = 12").tail(market).error(),
             Contains("state.revenue: not used with revenue.model = \"market\""));
  CHECK_THAT(Doc(market_doc).add("revenue", "growth = 0.5").tail(market).error(),
             Contains("revenue.growth: only used with revenue.model = \"growth\""));
  CHECK_THAT(Doc(market_doc).tail(market + "share_cap = 1.5\n").error(),
             Contains("is given twice"));
}

TEST_CASE("dates, money and percent strings are checked", "[scenario][errors]") {
  CHECK_THAT(Doc{}.set("simulation", "start", "\"2025-7\"").error(),
             Contains("simulation.start: not a date: \"2025-7\"; expected a month such as "
                      "\"2025-07\" or a quarter such as \"2026-Q3\""));
  CHECK_THAT(Doc{}.set("simulation", "start", "\"2025\"").error(),
             Contains("simulation.start: not a date: \"2025\""));
  CHECK(Doc{}.set("simulation", "horizon", "\"2032\"").parse().simulation.horizon ==
        YearMonth{2032, 12});
  CHECK(Doc{}.set("simulation", "start", "\"2025-Q3\"").parse().simulation.start ==
        YearMonth{2025, 7});
  CHECK_THAT(Doc{}.set("state", "cash", "\"7.02yi\"").error(),
             Contains("state.cash: not a money amount: \"7.02yi\"; write a plain number in the "
                      "file's money unit (1)"));
  CHECK_THAT(Doc{}.set("margin", "gross", "\"53.7\"").error(),
             Contains("margin.gross: expected a rate such as 0.537 or \"53.7%\", got the string "
                      "\"53.7\""));
}

TEST_CASE("break-even targets must be labels of the period kind", "[scenario][errors]") {
  CHECK(Doc{}.add("breakeven", "target = \"2026\"").parse().breakeven.target == "2026");
  CHECK(Doc{}.add("breakeven", "target = 2027").parse().breakeven.target == "2027");
  CHECK(Doc{}
            .add("breakeven", "period = \"quarter\"")
            .add("breakeven", "target = \"2026-q3\"")
            .parse()
            .breakeven.target == "2026-Q3");
  CHECK(Doc{}
            .add("breakeven", "period = \"ttm\"")
            .add("breakeven", "target = \"2026-05\"")
            .parse()
            .breakeven.target == "2026-05");
  CHECK_THAT(
      Doc{}.add("breakeven", "period = \"quarter\"").add("breakeven", "target = \"2026\"").error(),
      Contains("breakeven.target: \"2026\" is not a quarter label; expected e.g. "
               "\"2026-Q3\""));
  CHECK_THAT(Doc{}.add("breakeven", "target = \"2026-05\"").error(),
             Contains("breakeven.target: \"2026-05\" is not a year label"));
  CHECK_THAT(Doc{}.add("breakeven", "period = \"month\"").add("breakeven", "target = 2026").error(),
             Contains("breakeven.target: expected a period label in quotes"));
}

TEST_CASE("TOML syntax errors and duplicated keys name the line", "[scenario][errors]") {
  CHECK(error_of("[company]\nname = \"X\"\nname = \"Y\"\n") ==
        "x.toml:3: company.name: 'name' is given twice; each key and table may appear only once "
        "(TOML: "
        "cannot redefine existing string 'name')");
  CHECK_THAT(error_of("[company]\nname = \"X\"\n[company]\n"),
             Contains("x.toml:3: company: 'company' is given twice"));
  CHECK_THAT(error_of("[company]\nname = \"X\n"),
             Contains("x.toml:2: company.name: not valid TOML: "));
  CHECK_THROWS_AS(load_scenario("/nonexistent/dir/none.toml"), ScenarioError);
  CHECK_THAT(error_of("[company]\nname = \"X\"\n[simulation]\nstart = 2025-07\n"),
             Contains("x.toml:4: simulation.start: not valid TOML"));
}

TEST_CASE("parse_override splits KEY=VALUE", "[scenario][override]") {
  const Override simple = parse_override("revenue.volatility=0.5");
  CHECK(simple.key == "revenue.volatility");
  CHECK(simple.toml_value == "0.5");
  const Override table = parse_override("margin.gross={dist=\"pert\",min=0.4,mode=0.55,max=0.65}");
  CHECK(table.key == "margin.gross");
  CHECK(table.toml_value == "{dist=\"pert\",min=0.4,mode=0.55,max=0.65}");
  CHECK(parse_override(" tax.rate = 0.2 ").key == "tax.rate");
  CHECK_THROWS_AS(parse_override("revenue.volatility"), UsageError);
  CHECK_THROWS_AS(parse_override("=0.5"), UsageError);
  CHECK_THROWS_AS(parse_override("revenue.volatility="), UsageError);
  CHECK_THROWS_AS(parse_override("revenue..volatility=1"), UsageError);
  CHECK_THROWS_AS(parse_override("revenue volatility=1"), UsageError);
}

TEST_CASE("overrides (--set) are applied before checking", "[scenario][override]") {
  const std::string round =
      "[[funding.rounds]]\nname = \"A\"\ndate = \"2026-01\"\namount = 1\n"
      "[[funding.rounds]]\nname = \"B\"\ndate = \"2027-01\"\namount = 2\n";
  const Doc doc = Doc{}.tail(round);
  const ScenarioSpec spec =
      doc.parse({parse_override("revenue.volatility=0.5"),
                 parse_override("margin.gross={dist=\"pert\",min=0.4,mode=0.55,max=0.65}"),
                 parse_override("funding.rounds.1.amount=30"),
                 parse_override("company.name=\"Other\""), parse_override("cash.minimum=\"2k\""),
                 parse_override("revenue.growth=0.7"), parse_override("revenue.growth=0.8")});
  CHECK(spec.revenue.volatility == 0.5);
  CHECK(spec.margin.gross.kind == DistKind::pert);
  CHECK(spec.margin.gross.mode == 0.55);
  CHECK(spec.rounds[0].amount.value == 1);
  CHECK(spec.rounds[1].amount.value == 30);
  CHECK(spec.company.name == "Other");
  CHECK(spec.cash.minimum == 2000);
  CHECK(spec.revenue.growth.value == 0.8);  // the last one wins
  CHECK(spec.location_of("revenue.volatility").file == "--set");
  CHECK(spec.location_of("revenue.volatility").line == 0);
  CHECK(spec.location_of("funding.rounds.1.amount").file == "--set");
  CHECK(spec.location_of("funding.rounds.1.name").file == "x.toml");
  CHECK(spec.location_of("margin.gross.mode").file == "--set");

  // A whole array element can be replaced too, and a distribution field reached inside one.
  const ScenarioSpec nested =
      Doc{}
          .set("revenue", "growth", "{ dist = \"uniform\", min = 0.1, max = 0.5 }")
          .parse({parse_override("revenue.growth.max=0.9")});
  CHECK(nested.revenue.growth.max == 0.9);
  CHECK(nested.location_of("revenue.growth.min").file == "x.toml");
}

TEST_CASE("override (--set) values are checked like the file", "[scenario][override]") {
  const Doc doc = Doc{}.tail("[[funding.rounds]]\nname = \"A\"\ndate = \"2026-01\"\namount = 1\n");
  CHECK(doc.error({parse_override("revenue.growht=0.5")}) ==
        "--set: revenue.growht: unknown key; did you mean 'growth'?");
  CHECK(doc.error({parse_override("margin.gross=1.4")}) ==
        "--set: margin.gross: must be between -1 and 1, got 1.4");
  CHECK_THAT(doc.error({parse_override("revnue.growth=0.5")}),
             Contains("--set: revnue: unknown key; did you mean 'revenue'?"));
  CHECK_THAT(doc.error({parse_override("funding.rounds.0.amout=3")}),
             Contains("--set: funding.rounds.0.amout: unknown key; did you mean 'amount'?"));
  CHECK(doc.error({parse_override("funding.rounds.1.amount=3")}) ==
        "--set: funding.rounds.1.amount: index 1 is past the end of funding.rounds (1 element)");
  CHECK_THAT(doc.error({parse_override("funding.rounds.x.amount=3")}),
             Contains("funding.rounds is an array; expected an index"));
  // Bare words, percents and money suffixes need no TOML quotes on a command line ...
  CHECK(doc.parse({parse_override("company.name=Other Chips")}).company.name == "Other Chips");
  CHECK(doc.parse({parse_override("margin.gross=60%")}).margin.gross.value == Approx(0.6));
  CHECK(doc.parse({parse_override("state.cash=7.5亿")}).state.cash == Approx(7.5e8));
  // ... and are then checked as the strings they are; broken tables and arrays stay errors.
  CHECK_THAT(doc.error({parse_override("margin.gross=high")}), Contains("--set: margin.gross:"));
  CHECK_THAT(
      doc.error({parse_override("revenue.growth={dist=\"pert\",min=0.1")}),
      Contains("--set: revenue.growth: cannot read `{dist=\"pert\",min=0.1` as a TOML value"));
  CHECK_THAT(doc.error({parse_override("company.name=\"Open")}),
             Contains("--set: company.name: cannot read"));
  CHECK_THAT(doc.error({parse_override("revenue.growth.mean=0.5")}),
             Contains("--set: revenue.growth.mean: revenue.growth is a single value, not a table"));
  CHECK_THAT(doc.error({parse_override("revenue.growth={dist=\"normal\",mean=0.5,sd=0.5}")}),
             Contains("--set: revenue.growth: must be greater than -1, but 0.13 % of this "
                      "normal distribution lies below -1"));
  // A section the file does not have is created, and checked like any other.
  CHECK(doc.parse({parse_override("cash.minimum=2")}).cash.minimum == 2);
  CHECK_THAT(doc.error({parse_override("funding.policy.trigger_runway_months=12")}),
             Contains("--set: funding.policy.size_months: required key missing"));
}
