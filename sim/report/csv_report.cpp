// SPDX-License-Identifier: MIT
#include "breakeven/report/csv_report.hpp"

#include <cmath>
#include <initializer_list>
#include <utility>

#include <fmt/format.h>

#include "breakeven/scenario/calendar.hpp"

namespace breakeven {
namespace {

// Builds one table row by row; the tests check that every row has the header's column count.
class CsvTable {
 public:
  explicit CsvTable(std::initializer_list<std::string_view> header) {
    row_begin();
    for (std::string_view name : header) field(name);
  }

  CsvTable& field(std::string_view text) {
    if (!first_) text_ += ',';
    text_ += csv_field(text);
    first_ = false;
    return *this;
  }
  CsvTable& number(double value) { return field(csv_number(value)); }
  CsvTable& integer(long long value) { return field(fmt::format("{}", value)); }
  CsvTable& row_begin() {
    if (!text_.empty()) text_ += '\n';
    first_ = true;
    return *this;
  }
  std::string str() const { return text_ + '\n'; }

 private:
  std::string text_;
  bool first_ = true;
};

const char* yes_no(bool value) {
  return value ? "true" : "false";
}

// A quantile that lies beyond what was simulated keeps its column numeric: the value is left
// empty and a true/false column of its own says why.
void period_quantile(CsvTable& table, const std::string& label) {
  const bool never = label == "never";
  table.field(never ? std::string() : label).field(yes_no(never));
}

void runway_quantile(CsvTable& table, int months, int horizon) {
  const bool beyond = months >= horizon;
  if (beyond)
    table.field("");
  else
    table.integer(months);
  table.field(yes_no(beyond));
}

// Simulated months in the fiscal year `year` (the first and last may be partial).
int months_of_year(const ScenarioResult& result, const std::string& year) {
  for (const FanPoint& point : result.fans.revenue)
    if (point.year == year) return point.months;
  return 12;
}

CsvTable& money_columns(CsvTable& table, const ScenarioResult& result) {
  return table.field(result.money_unit).field(result.currency);
}

void fan_rows(CsvTable& table, const ScenarioResult& result, std::string_view metric,
              const std::vector<FanPoint>& points) {
  for (const FanPoint& point : points) {
    table.row_begin().field(result.name);
    money_columns(table, result).field(metric).field(point.year).integer(point.months);
    table.number(point.alive).number(point.p05).number(point.p25).number(point.p50);
    table.number(point.p75).number(point.p95);
  }
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string csv_number(double value) {
  if (!std::isfinite(value)) return {};
  return fmt::format("{}", value);
}

std::string scenarios_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario",
                 "file",
                 "paths",
                 "seed",
                 "money_unit",
                 "currency",
                 "start",
                 "horizon",
                 "metric",
                 "period",
                 "target",
                 "p_by_target",
                 "p_by_target_se",
                 "breakeven_p10",
                 "breakeven_p10_never",
                 "breakeven_p50",
                 "breakeven_p50_never",
                 "breakeven_p90",
                 "breakeven_p90_never",
                 "not_within_horizon",
                 "not_within_horizon_se",
                 "cash_out_first",
                 "cash_out_first_se",
                 "cash_out",
                 "cash_out_se",
                 "cash_out_after_breakeven",
                 "cash_out_after_breakeven_se",
                 "runway_p10",
                 "runway_p10_beyond_horizon",
                 "runway_p50",
                 "runway_p50_beyond_horizon",
                 "runway_p90",
                 "runway_p90_beyond_horizon",
                 "runway_horizon_months",
                 "p_runway_lt_12",
                 "p_runway_lt_24",
                 "p_runway_lt_36",
                 "p_runway_beyond_horizon",
                 "funding_need_mean",
                 "funding_need_p50",
                 "funding_need_p90",
                 "funding_need_p95",
                 "funding_need_p_none"};
  for (const ScenarioResult& r : results) {
    const BreakevenResult& b = r.breakeven;
    table.row_begin().field(r.name).field(r.file).integer(r.paths);
    table.field(fmt::format("{}", r.seed)).field(r.money_unit).field(r.currency);
    table.field(r.start).field(r.horizon).field(to_string(b.metric)).field(to_string(b.period));
    table.field(b.target.value_or(""));
    if (b.by_target)
      table.number(b.by_target->p).number(b.by_target->se);
    else
      table.field("").field("");
    for (const std::string* label : {&b.p10, &b.p50, &b.p90}) period_quantile(table, *label);
    table.number(b.not_within_horizon.p).number(b.not_within_horizon.se);
    table.number(b.cash_out_first.p).number(b.cash_out_first.se);
    table.number(r.cash_out.probability.p).number(r.cash_out.probability.se);
    table.number(r.cash_out.after_breakeven.p).number(r.cash_out.after_breakeven.se);
    for (int months : {r.runway.p10, r.runway.p50, r.runway.p90})
      runway_quantile(table, months, r.runway.horizon_months);
    table.integer(r.runway.horizon_months);
    table.number(r.runway.lt12.p).number(r.runway.lt24.p).number(r.runway.lt36.p);
    table.number(r.runway.beyond_horizon.p);
    const FundingNeedResult& f = r.funding_need;
    table.number(f.mean).number(f.p50).number(f.p90).number(f.p95).number(f.none.p);
  }
  return table.str();
}

std::string breakeven_distribution_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "period", "p", "cumulative", "se"};
  for (const ScenarioResult& r : results)
    for (const PeriodProbability& row : r.breakeven.distribution)
      table.row_begin()
          .field(r.name)
          .field(row.period)
          .number(row.p)
          .number(row.cumulative)
          .number(row.se);
  return table.str();
}

std::string cash_out_by_year_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario",         "year", "months", "p", "se", "p_before_breakeven",
                 "p_after_breakeven"};
  for (const ScenarioResult& r : results)
    for (const YearProbability& row : r.cash_out.by_year)
      table.row_begin()
          .field(r.name)
          .field(row.year)
          .integer(months_of_year(r, row.year))
          .number(row.estimate.p)
          .number(row.estimate.se)
          .number(row.before_breakeven.p)
          .number(row.estimate.p - row.before_breakeven.p);
  return table.str();
}

std::string runway_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "months", "share", "beyond_horizon"};
  for (const ScenarioResult& r : results)
    for (std::size_t m = 0; m < r.runway.share_by_month.size(); ++m) {
      const auto months = static_cast<long long>(m);
      const bool beyond = months >= r.runway.horizon_months;
      table.row_begin().field(r.name);
      if (beyond)
        table.field("");
      else
        table.integer(months);
      table.number(r.runway.share_by_month[m]).field(yes_no(beyond));
    }
  return table.str();
}

std::string runway_quantiles_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "quantile", "months", "beyond_horizon"};
  for (const ScenarioResult& r : results)
    for (auto [name, months] : {std::pair<const char*, int>{"p10", r.runway.p10},
                                {"p50", r.runway.p50},
                                {"p90", r.runway.p90}}) {
      table.row_begin().field(r.name).field(name);
      runway_quantile(table, months, r.runway.horizon_months);
    }
  return table.str();
}

std::string funding_need_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "money_unit", "currency", "lo", "hi", "p"};
  for (const ScenarioResult& r : results)
    for (const HistogramBin& bin : r.funding_need.histogram) {
      table.row_begin().field(r.name);
      money_columns(table, r).number(bin.lo).number(bin.hi).number(bin.p);
    }
  return table.str();
}

std::string funding_need_quantiles_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "money_unit", "currency", "statistic", "value"};
  for (const ScenarioResult& r : results) {
    const FundingNeedResult& f = r.funding_need;
    for (auto [name, value] : {std::pair<const char*, double>{"mean", f.mean},
                               {"p50", f.p50},
                               {"p90", f.p90},
                               {"p95", f.p95},
                               {"p_none", f.none.p}})
      money_columns(table.row_begin().field(r.name), r).field(name).number(value);
  }
  return table.str();
}

std::string fans_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "money_unit", "currency", "metric", "year", "months",
                 "alive",    "p05",        "p25",      "p50",    "p75",  "p95"};
  for (const ScenarioResult& r : results) {
    fan_rows(table, r, "revenue", r.fans.revenue);
    fan_rows(table, r, "net_income", r.fans.net_income);
    fan_rows(table, r, "cash", r.fans.cash);
  }
  return table.str();
}

std::string milestones_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario",           "milestone", "planned", "p_success", "se",
                 "mean_success_month", "p10",       "p50",     "p90"};
  for (const ScenarioResult& r : results)
    for (const MilestoneResult& m : r.milestones) {
      table.row_begin().field(r.name).field(m.name).field(m.planned).number(m.success.p);
      table.number(m.success.se).number(m.mean_month).field(m.p10).field(m.p50).field(m.p90);
    }
  return table.str();
}

std::string milestone_months_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "milestone", "month", "share"};
  for (const ScenarioResult& r : results)
    for (const MilestoneResult& m : r.milestones)
      for (std::size_t i = 0; i < m.share_by_month.size(); ++i) {
        const auto start = parse_date(r.start, DateRole::month_or_quarter);
        const std::string month =
            start ? start->plus_months(static_cast<int>(i)).label() : std::to_string(i);
        table.row_begin().field(r.name).field(m.name).field(month).number(m.share_by_month[i]);
      }
  return table.str();
}

std::string assumptions_csv(const std::vector<ScenarioResult>& results) {
  CsvTable table{"scenario", "key", "value"};
  for (const ScenarioResult& r : results)
    for (const Assumption& a : r.assumptions)
      table.row_begin().field(r.name).field(a.key).field(a.value);
  return table.str();
}

std::string joint_count_csv(const std::vector<CountRow>& rows) {
  CsvTable table{"year", "k", "p", "se"};
  for (const CountRow& row : rows)
    for (std::size_t k = 0; k < row.p.size(); ++k)
      table.row_begin()
          .field(row.year)
          .integer(static_cast<long long>(k))
          .number(row.p[k].p)
          .number(row.p[k].se);
  return table.str();
}

std::string joint_pairs_csv(const JointResult& joint) {
  CsvTable table{"a",          "b",          "a_first",       "a_first_se", "b_first",
                 "b_first_se", "same_month", "same_month_se", "neither",    "neither_se"};
  for (const PairResult& pair : joint.pairs) {
    table.row_begin().field(pair.a).field(pair.b);
    for (const Estimate& e : {pair.a_first, pair.b_first, pair.same_month, pair.neither})
      table.number(e.p).number(e.se);
  }
  return table.str();
}

}  // namespace breakeven
