// SPDX-License-Identifier: MIT
#include "toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "breakeven/scenario/scenario_parser.hpp"
#include "breakeven/scenario/values.hpp"

namespace breakeven::detail {
namespace {

// Long strings are cut so a stray paragraph does not swamp the message.
std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string quoted = "\"";
  if (text.size() > kMax) return quoted.append(text.substr(0, kMax)).append("...\"");
  return quoted.append(text).append("\"");
}

std::string join_choices(const std::vector<std::string>& choices) {
  std::string text;
  for (const auto& choice : choices) {
    if (!text.empty()) text += ", ";
    text += choice;
  }
  return text;
}

std::string money_hint(const ReadContext& context) {
  return "write a plain number in the file's money unit (" + context.money_unit +
         ") or a string with a suffix k, M, B, 万, 亿 or 万亿 such as \"702M\" or \"7.02亿\" "
         "(a string without a suffix, such as \"4.5e8\", is in single currency units)";
}

}  // namespace

}  // namespace breakeven::detail

namespace breakeven {

bool Range::contains(double x) const {
  const bool above = lo_open ? x > lo : x >= lo;
  const bool below = hi_open ? x < hi : x <= hi;
  return above && below;
}

std::string Range::describe() const {
  const bool has_lo = std::isfinite(lo);
  const bool has_hi = std::isfinite(hi);
  const std::string low = format_number(lo);
  const std::string high = format_number(hi);
  if (has_lo && has_hi) {
    if (!lo_open && !hi_open) return "between " + low + " and " + high;
    return std::string(lo_open ? "greater than " : "at least ") + low + " and " +
           (hi_open ? "less than " : "at most ") + high;
  }
  if (has_lo) return (lo_open ? "greater than " : "at least ") + low;
  if (has_hi) return (hi_open ? "less than " : "at most ") + high;
  return "a finite number";
}

std::string Range::describe_for(double x) const {
  // A bound far from the values people write (1e15 of money, +1000 % growth) guards finite
  // arithmetic; it is
  // named only when it is the one crossed, so "at least 0" stays the message for -1.
  constexpr double kFar = 5;
  Range side = *this;
  if (x <= lo && std::abs(hi) >= kFar) side.hi = Range{}.hi;
  if (x >= hi && std::abs(lo) >= kFar) side.lo = Range{}.lo;
  return side.describe();
}

}  // namespace breakeven

namespace breakeven::detail {

SourceLocation location_of(const toml::node& node) {
  const auto& source = node.source();
  // toml++ drops the source of copied nodes and we create tables while applying overrides:
  // every node without a file path came from the command line.
  if (!source.path || *source.path == "--set") return SourceLocation{"--set", 0};
  return SourceLocation{*source.path, static_cast<int>(source.begin.line)};
}

std::string describe_node(const toml::node& node) {
  if (const auto* text = node.as_string()) return "the string " + quote(text->get());
  if (const auto* integer = node.as_integer())
    return "the integer " + std::to_string(integer->get());
  if (const auto* floating = node.as_floating_point()) {
    return "the number " + format_number(floating->get());
  }
  if (const auto* boolean = node.as_boolean()) {
    return std::string("the boolean ") + (boolean->get() ? "true" : "false");
  }
  if (node.is_table()) return "a table";
  if (node.is_array()) return "an array";
  if (node.is_date()) return "a TOML date";
  if (node.is_time()) return "a TOML time";
  if (node.is_date_time()) return "a TOML date-time";
  return "a value of unknown type";
}

std::string join_key(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  return std::string(prefix) + "." + std::string(key);
}

double read_number(const toml::node& node, const std::string& dotted, ValueKind kind,
                   const Range& range, const ReadContext& context) {
  const SourceLocation where = location_of(node);
  double value = 0;
  if (const auto* integer = node.as_integer()) {
    value = static_cast<double>(integer->get());
  } else if (const auto* floating = node.as_floating_point()) {
    value = floating->get();
    if (!std::isfinite(value)) {
      throw ScenarioError(where, dotted, "must be a finite number, got " + format_number(value));
    }
  } else if (const auto* text = node.as_string()) {
    const std::string& given = text->get();
    switch (kind) {
      case ValueKind::plain:
        throw ScenarioError(where, dotted, "expected a number, got " + describe_node(node));
      case ValueKind::rate: {
        const auto percent = parse_percent(given);
        if (!percent) {
          throw ScenarioError(
              where, dotted,
              "expected a rate such as 0.537 or \"53.7%\", got the string " + quote(given));
        }
        value = *percent;
        break;
      }
      case ValueKind::money: {
        const auto money = parse_money(given, context.money_scale);
        if (!money) {
          throw ScenarioError(where, dotted,
                              "not a money amount: " + quote(given) + "; " + money_hint(context));
        }
        value = *money;
        break;
      }
    }
  } else {
    const char* expected = kind == ValueKind::money  ? "a money amount"
                           : kind == ValueKind::rate ? "a rate"
                                                     : "a number";
    throw ScenarioError(where, dotted,
                        std::string("expected ") + expected + ", got " + describe_node(node));
  }
  if (!range.contains(value)) {
    throw ScenarioError(where, dotted,
                        "must be " + range.describe_for(value) + ", got " + format_number(value));
  }
  return value;
}

void fail_choice(const SourceLocation& where, const std::string& dotted, std::string_view what,
                 std::string_view given, const std::vector<std::string>& choices) {
  std::string message = "unknown " + std::string(what) + " " + quote(given);
  if (const auto suggestion = nearest_key(given, choices); !suggestion.empty()) {
    message += "; did you mean '" + suggestion + "'?";
  } else {
    message += "; expected one of: " + join_choices(choices);
  }
  throw ScenarioError(where, dotted, message);
}

TableReader::TableReader(const toml::table* table, std::string prefix, SourceLocation where,
                         ReadContext& context)
    : table_(table), prefix_(std::move(prefix)), where_(std::move(where)), context_(context) {}

void TableReader::allow(const std::vector<std::string>& keys, std::string_view what) const {
  if (!table_) return;
  std::vector<std::pair<std::string, const toml::node*>> unknown;
  for (const auto& [key, value] : *table_) {
    const std::string name(key.str());
    if (std::find(keys.begin(), keys.end(), name) != keys.end()) {
      if (context_.locations) (*context_.locations)[dotted(name)] = location_of(value);
      continue;
    }
    unknown.emplace_back(name, &value);
  }
  // In file order, not the table's sorted order.
  std::stable_sort(unknown.begin(), unknown.end(), [](const auto& a, const auto& b) {
    return location_of(*a.second).line < location_of(*b.second).line;
  });
  for (const auto& [name, value] : unknown) {
    std::string message = "unknown key";
    if (!what.empty()) message.append(" ").append(what);
    if (const auto suggestion = nearest_key(name, keys); !suggestion.empty()) {
      message.append("; did you mean '").append(suggestion).append("'?");
    } else {
      message += "; expected one of: " + join_choices(keys);
    }
    const ScenarioError error(location_of(*value), dotted(name), message);
    if (!context_.errors) throw error;
    context_.errors->push_back(error);
  }
}

void TableReader::forbid(std::string_view key, const std::string& why) const {
  if (has(key)) fail(key, why);
}

const toml::node* TableReader::node(std::string_view key) const {
  return table_ ? table_->get(key) : nullptr;
}

SourceLocation TableReader::where(std::string_view key) const {
  if (const auto* found = node(key)) return location_of(*found);
  return where_;
}

void TableReader::fail(std::string_view key, const std::string& message) const {
  throw ScenarioError(where(key), dotted(key), message);
}

void TableReader::fail_missing(std::string_view key, const std::string& hint) const {
  std::string message = "required key missing";
  if (!hint.empty()) message += " (" + hint + ")";
  throw ScenarioError(where_, dotted(key), message);
}

std::optional<std::string> TableReader::string(std::string_view key) const {
  const auto* found = node(key);
  if (!found) return std::nullopt;
  if (const auto* text = found->as_string()) return text->get();
  fail(key, "expected a string in quotes, got " + describe_node(*found));
}

std::optional<double> TableReader::number(std::string_view key, ValueKind kind,
                                          const Range& range) const {
  const auto* found = node(key);
  if (!found) return std::nullopt;
  return read_number(*found, dotted(key), kind, range, context_);
}

// Counts at or beyond this are limits rather than part of a key's meaning (see
// Range::describe_for).
constexpr std::int64_t kFarCount = 600;

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) const {
  const auto* found = node(key);
  if (!found) return std::nullopt;
  std::int64_t value = 0;
  if (const auto* integer = found->as_integer()) {
    value = integer->get();
  } else if (const auto* floating = found->as_floating_point();
             floating && std::isfinite(floating->get()) &&
             floating->get() == std::trunc(floating->get()) && std::abs(floating->get()) < 9e15) {
    // 24.0 means 24; refusing it would be pedantry.
    value = static_cast<std::int64_t>(floating->get());
  } else {
    fail(key, "must be a whole number, got " + describe_node(*found));
  }
  if (value < min || value > max) {
    // A bound that only guards the storage type is named only when it is the one exceeded.
    const bool storage_bound = max >= kFarCount;
    const std::string range = !storage_bound
                                  ? "between " + std::to_string(min) + " and " + std::to_string(max)
                              : value < min ? "at least " + std::to_string(min)
                                            : "at most " + std::to_string(max);
    fail(key, "must be a whole number " + range + ", got " + std::to_string(value));
  }
  return value;
}

std::optional<YearMonth> TableReader::date(std::string_view key, DateRole role) const {
  const auto* found = node(key);
  if (!found) return std::nullopt;
  const std::string expected = role == DateRole::horizon
                                   ? "a month \"2032-12\", a quarter \"2032-Q4\" or a year \"2032\""
                                   : "a month such as \"2025-07\" or a quarter such as \"2026-Q3\"";
  // horizon = 2031 (an integer) is what an analyst types for a year; accept it as "2031".
  if (const auto* year = found->as_integer(); year && role == DateRole::horizon) {
    const auto parsed = parse_date(std::to_string(year->get()), role);
    if (!parsed) fail(key, "not a year: " + std::to_string(year->get()) + "; expected " + expected);
    return parsed;
  }
  const auto* text = found->as_string();
  if (!text) fail(key, "expected " + expected + " in quotes, got " + describe_node(*found));
  const auto parsed = parse_date(text->get(), role);
  if (!parsed) fail(key, "not a date: " + quote(text->get()) + "; expected " + expected);
  return parsed;
}

std::optional<std::string> TableReader::choice(std::string_view key,
                                               const std::vector<std::string>& choices) const {
  auto value = string(key);
  if (value && std::find(choices.begin(), choices.end(), *value) == choices.end()) {
    fail_choice(where(key), dotted(key), "value", *value, choices);
  }
  return value;
}

const toml::table* TableReader::subtable(std::string_view key) const {
  const auto* found = node(key);
  if (!found) return nullptr;
  if (const auto* table = found->as_table()) return table;
  fail(key, "expected a table, got " + describe_node(*found));
}

const toml::array* TableReader::array(std::string_view key) const {
  const auto* found = node(key);
  if (!found) return nullptr;
  if (const auto* list = found->as_array()) return list;
  fail(key, "expected an array, got " + describe_node(*found));
}

}  // namespace breakeven::detail
