// SPDX-License-Identifier: MIT
// The actuals file of a backtest: reported figures, one per CSV row.
#include "breakeven/scenario/actuals.hpp"

#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/values.hpp"

namespace breakeven {
namespace {

constexpr std::array<std::string_view, 4> kColumns = {"metric", "period", "value", "source"};

// RFC 4180 fields of one line: commas separate, double quotes enclose a field that holds commas,
// and "" inside quotes is one quote. nullopt for an unterminated quote.
std::optional<std::vector<std::string>> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) return std::nullopt;
  for (auto& field : fields) field = std::string(trim(field));
  return fields;
}

std::optional<ActualMetric> parse_metric(std::string_view text) {
  for (ActualMetric metric : {ActualMetric::revenue, ActualMetric::net_income,
                              ActualMetric::operating_cash_flow, ActualMetric::cash})
    if (text == actual_metric_name(metric)) return metric;
  return std::nullopt;
}

std::optional<int> parse_int(std::string_view text) {
  const auto value = parse_decimal(text);
  if (!value || *value != static_cast<int>(*value) || text.find_first_of(".eE") != text.npos)
    return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<ActualPeriod> parse_period(std::string_view text) {
  ActualPeriod period;
  const auto year = text.size() >= 4 ? parse_int(text.substr(0, 4)) : std::nullopt;
  if (!year || *year < 1000) return std::nullopt;
  period.year = *year;
  if (text.size() == 4) {
    period.label = std::string(text);
    return period;
  }
  if (text.size() < 7 || text[4] != '-') return std::nullopt;
  const std::string_view rest = text.substr(5);
  const char letter = rest[0] == 'h' ? 'H' : rest[0] == 'q' ? 'Q' : rest[0];
  const auto index = parse_int(letter == 'H' || letter == 'Q' ? rest.substr(1) : rest);
  if (!index) return std::nullopt;
  if (letter == 'H' && rest.size() == 2 && *index >= 1 && *index <= 2) {
    period.kind = ActualPeriodKind::half;
  } else if (letter == 'Q' && rest.size() == 2 && *index >= 1 && *index <= 4) {
    period.kind = ActualPeriodKind::quarter;
  } else if (letter != 'H' && letter != 'Q' && rest.size() == 2 && *index >= 1 && *index <= 12) {
    period.kind = ActualPeriodKind::month;
  } else {
    return std::nullopt;
  }
  period.index = *index;
  period.label = period.kind == ActualPeriodKind::month
                     ? YearMonth{period.year, *index}.label()
                     : fmt::format("{}-{}{}", period.year, letter, *index);
  return period;
}

// Which column holds which field, read from the header row.
std::array<std::size_t, 4> read_header(const std::vector<std::string>& header,
                                       const std::string& file, int line) {
  std::array<std::size_t, 4> at{};
  std::array<bool, 4> seen{};
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::size_t column = 0;
    while (column < kColumns.size() && header[i] != kColumns[column]) ++column;
    if (column == kColumns.size() || seen[column])
      throw ScenarioError(
          {file, line}, header[i],
          fmt::format("{} column \"{}\": the header must name the columns metric, "
                      "period, value and source, each once",
                      column == kColumns.size() ? "unknown" : "repeated", header[i]));
    seen[column] = true;
    at[column] = i;
  }
  for (std::size_t column = 0; column < kColumns.size(); ++column)
    if (!seen[column])
      throw ScenarioError({file, line}, std::string(kColumns[column]),
                          "the header has no \"" + std::string(kColumns[column]) + "\" column");
  return at;
}

Actual read_row(const std::vector<std::string>& fields, const std::array<std::size_t, 4>& at,
                const std::string& file, int line, double unit_scale) {
  auto fail = [&](std::size_t column, const std::string& message) -> void {
    throw ScenarioError({file, line}, std::string(kColumns[column]), message);
  };
  if (fields.size() != kColumns.size())
    throw ScenarioError(
        {file, line}, "",
        fmt::format("expected 4 fields (metric, period, value, source), found {}", fields.size()));
  Actual actual;
  actual.line = line;
  const auto metric = parse_metric(fields[at[0]]);
  if (!metric)
    fail(0, fmt::format("unknown metric \"{}\": expected revenue, net_income, "
                        "operating_cash_flow or cash",
                        fields[at[0]]));
  actual.metric = *metric;
  const auto period = parse_period(fields[at[1]]);
  if (!period)
    fail(1, fmt::format("unknown period \"{}\": expected a fiscal year \"2025\", a half "
                        "\"2026-H1\", a quarter \"2026-Q2\" or a month \"2026-05\"",
                        fields[at[1]]));
  actual.period = *period;
  // A bare number is in the scenario's unit, as a plain number in a scenario file is; a suffix
  // names its own unit.
  const std::string& value = fields[at[2]];
  if (value.empty()) {
    actual.source = fields[at[3]];
    return actual;  // not reported yet: a forecast row
  }
  std::optional<double> amount = parse_decimal(value);
  if (!amount) amount = parse_money(value, unit_scale);
  if (!amount)
    fail(2, fmt::format("\"{}\" is not a money value (a number, optionally with a suffix k, M, "
                        "B, 万, 亿 or 万亿)",
                        value));
  actual.value = amount;
  actual.source = fields[at[3]];
  if (actual.source.empty()) fail(3, "every figure needs a source");
  return actual;
}

}  // namespace

std::string_view actual_metric_name(ActualMetric metric) {
  switch (metric) {
    case ActualMetric::revenue:
      return "revenue";
    case ActualMetric::net_income:
      return "net_income";
    case ActualMetric::operating_cash_flow:
      return "operating_cash_flow";
    case ActualMetric::cash:
      return "cash";
  }
  return "revenue";
}

MonthSpan period_months(const ActualPeriod& period, int fiscal_year_end) {
  switch (period.kind) {
    case ActualPeriodKind::year: {
      const YearMonth last{period.year, fiscal_year_end};
      return {last.plus_months(-11), last};
    }
    case ActualPeriodKind::half: {
      const YearMonth first{period.year, (period.index - 1) * 6 + 1};
      return {first, first.plus_months(5)};
    }
    case ActualPeriodKind::quarter: {
      const YearMonth first{period.year, (period.index - 1) * 3 + 1};
      return {first, first.plus_months(2)};
    }
    case ActualPeriodKind::month:
      break;
  }
  const YearMonth month{period.year, period.index};
  return {month, month};
}

std::vector<Actual> parse_actuals(std::string_view text, const std::string& file,
                                  double unit_scale) {
  std::vector<Actual> actuals;
  std::optional<std::array<std::size_t, 4>> columns;
  std::map<std::pair<ActualMetric, std::string>, int> first_line;
  std::istringstream stream{std::string(text)};
  std::string raw;
  for (int line = 1; std::getline(stream, raw); ++line) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    const std::string_view content = trim(raw);
    if (content.empty() || content.front() == '#') continue;
    const auto fields = split_csv_line(content);
    if (!fields) throw ScenarioError({file, line}, "", "a quoted field is not closed");
    if (!columns) {
      columns = read_header(*fields, file, line);
      continue;
    }
    Actual actual = read_row(*fields, *columns, file, line, unit_scale);
    const auto [it, fresh] =
        first_line.try_emplace({actual.metric, actual.period.label}, actual.line);
    if (!fresh)
      throw ScenarioError(
          {file, line}, "period",
          fmt::format("{} for {} is already given on line {}", actual_metric_name(actual.metric),
                      actual.period.label, it->second));
    actuals.push_back(std::move(actual));
  }
  if (!columns) throw ScenarioError({file, 1}, "", "empty: expected a header and figures");
  return actuals;
}

std::vector<Actual> load_actuals(const std::string& file, double unit_scale) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError({file, 0}, "", "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_actuals(text.str(), file, unit_scale);
}

}  // namespace breakeven
