// SPDX-License-Identifier: MIT
#include "breakeven/analysis/solve_key.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "breakeven/scenario/param_table.hpp"

namespace breakeven {
namespace {

struct KeyPattern {
  const char* pattern;  ///< a regular expression over the dotted key; N stands for an index
  KeyKind kind;
  bool probability = false;
  bool growth = false;
};

// The keys inside funding and [[events]] that hold one money amount, rate, date or month count;
// the parameter table says which of its keys can be searched, and how.
const std::vector<KeyPattern>& patterns() {
  static const std::vector<KeyPattern> list = {
      {R"(funding\.rounds\.\d+\.amount)", KeyKind::money},
      {R"(funding\.rounds\.\d+\.date)", KeyKind::date},
      {R"(funding\.rounds\.\d+\.probability)", KeyKind::rate, true},
      {R"(funding\.policy\.amount)", KeyKind::money},
      {R"(funding\.policy\.(size_months|trigger_runway_months|lag_months|retry_months|max_raises))",
       KeyKind::months},
      {R"(funding\.policy\.not_before)", KeyKind::date},
      {R"(funding\.policy\.success_probability)", KeyKind::rate, true},
      {R"(events\.\d+\.(date|start|end))", KeyKind::date},
      {R"(events\.\d+\.probability)", KeyKind::rate, true},
      {R"(events\.\d+\.rate_per_year)", KeyKind::rate},
      {R"(events\.\d+\.effect)", KeyKind::rate, false, true},
  };
  return list;
}

double tick_size(KeyKind kind) {
  switch (kind) {
    case KeyKind::money:
      return 0.01;
    case KeyKind::rate:
      return 0.001;
    case KeyKind::date:
    case KeyKind::months:
      return 1;
  }
  return 1;
}

/// The index in "funding.rounds.3.amount" (the first number in the key).
std::size_t index_in(const std::string& key) {
  const auto first = key.find_first_of("0123456789");
  return static_cast<std::size_t>(std::stoul(key.substr(first)));
}

std::string last_part(const std::string& key) {
  return key.substr(key.rfind('.') + 1);
}

[[noreturn]] void not_given(const SolveKey& key, const ScenarioSpec& spec) {
  throw UsageError(fmt::format("{} does not give {}: add it with --set, or give --between LO,HI",
                               spec.file, key.key));
}

double median(const Param& param) {
  return param.quantile(0.5);
}

std::optional<double> round_value(const SolveKey& key, const ScenarioSpec& spec) {
  const std::size_t i = index_in(key.key);
  if (i >= spec.rounds.size()) return std::nullopt;
  const FundingRound& round = spec.rounds[i];
  const std::string part = last_part(key.key);
  if (part == "amount") return median(round.amount);
  if (part == "date") return round.date.ordinal();
  return round.probability;
}

std::optional<double> policy_value(const SolveKey& key, const ScenarioSpec& spec) {
  if (!spec.policy) return std::nullopt;
  const FundingPolicy& policy = *spec.policy;
  const std::string part = last_part(key.key);
  if (part == "amount") return policy.amount ? std::optional(median(*policy.amount)) : std::nullopt;
  if (part == "size_months") return policy.size_months;
  if (part == "trigger_runway_months") return policy.trigger_runway_months;
  if (part == "lag_months") return policy.lag_months;
  if (part == "retry_months") return policy.retry_months;
  if (part == "max_raises") return policy.max_raises;
  if (part == "not_before")
    return policy.not_before ? std::optional<double>(policy.not_before->ordinal()) : std::nullopt;
  return policy.success_probability;
}

std::optional<double> event_value(const SolveKey& key, const ScenarioSpec& spec) {
  const std::size_t i = index_in(key.key);
  if (i >= spec.events.size()) return std::nullopt;
  const EventSpec& event = spec.events[i];
  const std::string part = last_part(key.key);
  auto month = [](const std::optional<YearMonth>& m) {
    return m ? std::optional<double>(m->ordinal()) : std::nullopt;
  };
  if (part == "date") return month(event.date);
  if (part == "start") return month(event.start ? event.start : spec.simulation.start);
  if (part == "end") return month(event.end ? event.end : spec.simulation.horizon);
  if (part == "probability") return event.probability;
  if (part == "rate_per_year") return event.rate_per_year;
  return median(event.effect);
}

// A key of the parameter table that `solve` can search: its grid from the unit, its default
// range from the row.
std::optional<SolveKey> table_key(const std::string& key) {
  const ParamRow* row = find_param(key);
  if (!row || row->search == SearchRange::none) return std::nullopt;
  return SolveKey{key, row->unit == ParamUnit::money ? KeyKind::money : KeyKind::rate,
                  row->search == SearchRange::unit_interval,
                  row->search == SearchRange::around_signed};
}

}  // namespace

double SolveKey::value(std::int64_t tick) const {
  return static_cast<double>(tick) * tick_size(kind);
}

std::int64_t SolveKey::tick(double value) const {
  return static_cast<std::int64_t>(std::llround(value / tick_size(kind)));
}

std::string SolveKey::text(std::int64_t t) const {
  switch (kind) {
    case KeyKind::money:
      return fmt::format("{:.2f}", value(t));
    case KeyKind::rate:
      return fmt::format("{:.3f}", value(t));
    case KeyKind::date:
      return YearMonth::from_ordinal(static_cast<int>(t)).label();
    case KeyKind::months:
      return fmt::format("{}", t);
  }
  return {};
}

std::string SolveKey::toml(std::int64_t t) const {
  return kind == KeyKind::date ? "\"" + text(t) + "\"" : text(t);
}

std::int64_t SolveKey::parse(std::string_view written) const {
  if (kind == KeyKind::date) {
    const auto month = parse_date(written, DateRole::month_or_quarter);
    if (!month)
      throw UsageError(fmt::format("--between: '{}' is not a month such as 2027-06", written));
    return month->ordinal();
  }
  double number = 0;
  const auto [end, error] =
      std::from_chars(written.data(), written.data() + written.size(), number);
  if (error != std::errc{} || end != written.data() + written.size() || !std::isfinite(number))
    throw UsageError(fmt::format("--between: '{}' is not a number", written));
  return tick(number);
}

SolveKey solve_key(std::string_view key) {
  const std::string text(key);
  if (auto found = table_key(text)) return *found;
  for (const KeyPattern& pattern : patterns()) {
    if (!std::regex_match(text, std::regex(pattern.pattern))) continue;
    return SolveKey{text, pattern.kind, pattern.probability, pattern.growth};
  }
  throw UsageError(fmt::format(
      "solve cannot search {}: it searches one money, rate, date or month-count key, e.g. "
      "funding.rounds.N.amount, funding.rounds.N.date, funding.policy.amount, "
      "funding.policy.size_months, costs.rnd, costs.rnd_growth, revenue.growth, margin.gross, "
      "state.cash, events.N.date",
      text));
}

std::string to_string(KeyKind kind) {
  switch (kind) {
    case KeyKind::money:
      return "money";
    case KeyKind::rate:
      return "rate";
    case KeyKind::date:
      return "date";
    case KeyKind::months:
      return "months";
  }
  return {};
}

std::int64_t current_tick(const SolveKey& key, const ScenarioSpec& spec) {
  const std::string section = key.key.substr(0, key.key.find('.'));
  std::optional<double> value;
  if (key.key.starts_with("funding.rounds."))
    value = round_value(key, spec);
  else if (key.key.starts_with("funding.policy."))
    value = policy_value(key, spec);
  else if (section == "events")
    value = event_value(key, spec);
  else if (const ParamRow* row = find_param(key.key))
    // A key of another revenue model: the first evaluation's --set is refused, saying why.
    value = applies(*row, spec) ? scalar_value(*row, spec) : 0.0;
  if (!value) not_given(key, spec);
  return key.kind == KeyKind::date || key.kind == KeyKind::months
             ? static_cast<std::int64_t>(*value)
             : key.tick(*value);
}

TickRange default_range(const SolveKey& key, const ScenarioSpec& spec) {
  if (key.kind == KeyKind::date)
    return {spec.simulation.start.ordinal(), spec.simulation.horizon.ordinal()};
  const std::int64_t c = current_tick(key, spec);
  if (key.kind == KeyKind::money)
    return {0, c > 0 ? 4 * c : key.tick(10 * std::max(spec.state.cash, 1.0))};
  if (key.kind == KeyKind::months) {
    const std::string part = last_part(key.key);
    const std::int64_t lo = part == "size_months" || part == "max_raises" ? 1 : 0;
    return {lo, std::max<std::int64_t>(4 * c, 24)};
  }
  if (key.probability) return {0, key.tick(1)};
  const std::int64_t floor = key.growth ? key.tick(-0.99) : 0;
  return {std::max(c - key.tick(0.5), floor), c + key.tick(0.5)};
}

}  // namespace breakeven
