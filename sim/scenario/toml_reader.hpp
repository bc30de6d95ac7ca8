// SPDX-License-Identifier: MIT
#pragma once

// Typed, located reading of TOML tables for the scenario parser: every read names the dotted key
// and its line on failure, and every table is checked against the keys it may hold.

#include <toml++/toml.h>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "breakeven/scenario/calendar.hpp"
#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/range.hpp"
#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven::detail {

/// What a number stands for, which decides how it may be written: rates also as "53.7%",
/// money also as "702M" / "7.02亿" (converted into the file's unit).
enum class ValueKind { plain, rate, money };

/// The allowed interval of a value (declared with the parameter table).
using breakeven::Range;

/// Shared by every reader of one scenario.
struct ReadContext {
  std::string file;
  std::string money_unit = "1";  ///< as written in company.money_unit, for messages
  double money_scale = 1;        ///< currency units per file money unit
  std::map<std::string, SourceLocation>* locations = nullptr;
  std::vector<ScenarioNote>* notes = nullptr;  ///< what the reader decided, e.g. a tail cut
  /// When set, `TableReader::step` records errors here and reading goes on; else they throw.
  std::vector<ScenarioError>* errors = nullptr;
};

/// Runs one check of a reader. With `context.errors` set, a ScenarioError it throws is recorded
/// and reading goes on with the next check, so one pass reports every mistake in a file.
/// Returns whether the check passed.
template <typename Check>
bool step(const ReadContext& context, Check&& check) {
  if (!context.errors) {
    check();
    return true;
  }
  try {
    check();
    return true;
  } catch (const ScenarioError& error) {
    context.errors->push_back(error);
    return false;
  }
}

/// Where a node stood. Nodes from `--set`, or made while applying one, are "--set" with line 0.
SourceLocation location_of(const toml::node& node);

/// "a string \"abc\"", "an integer", "a table", ... for "expected X, got Y" messages.
std::string describe_node(const toml::node& node);

/// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string join_key(std::string_view prefix, std::string_view key);

/// A number of kind `kind` from one node (a table value or an array element), range-checked.
double read_number(const toml::node& node, const std::string& dotted, ValueKind kind,
                   const Range& range, const ReadContext& context);

/// Throws `ScenarioError` with the "did you mean" hint, or the list of choices without one.
[[noreturn]] void fail_choice(const SourceLocation& where, const std::string& dotted,
                              std::string_view what, std::string_view given,
                              const std::vector<std::string>& choices);

/// One TOML table (or an absent one) under a dotted prefix.
class TableReader {
 public:
  /// `table` may be null for a section the file leaves out; `where` is then the file, line 0.
  TableReader(const toml::table* table, std::string prefix, SourceLocation where,
              ReadContext& context);

  /// Checks that the table holds only `keys` (every other key is an error, with a suggestion;
  /// without error collection the first by line throws), and records where every key stood.
  /// `what` names the table in messages.
  void allow(const std::vector<std::string>& keys, std::string_view what = "") const;
  /// Throws "<prefix>.<key>: <why>" when the key is given.
  void forbid(std::string_view key, const std::string& why) const;

  bool present() const { return table_ != nullptr; }
  const toml::table* table() const { return table_; }
  const std::string& prefix() const { return prefix_; }
  ReadContext& context() const { return context_; }
  const toml::node* node(std::string_view key) const;
  bool has(std::string_view key) const { return node(key) != nullptr; }
  std::string dotted(std::string_view key) const { return join_key(prefix_, key); }
  /// The key's own line when given, else the table's.
  SourceLocation where(std::string_view key) const;
  const SourceLocation& table_where() const { return where_; }

  /// `detail::step` with this reader's context.
  template <typename Check>
  bool step(Check&& check) const {
    return detail::step(context_, std::forward<Check>(check));
  }

  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void fail_missing(std::string_view key, const std::string& hint = "") const;

  std::optional<std::string> string(std::string_view key) const;
  std::optional<double> number(std::string_view key, ValueKind kind, const Range& range) const;
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max = std::numeric_limits<int>::max()) const;
  std::optional<YearMonth> date(std::string_view key, DateRole role) const;
  /// One of `choices`, with a suggestion for a typo.
  std::optional<std::string> choice(std::string_view key,
                                    const std::vector<std::string>& choices) const;
  const toml::table* subtable(std::string_view key) const;
  const toml::array* array(std::string_view key) const;

  /// The value, or "required key missing" naming the key.
  template <typename T>
  T need(std::string_view key, std::optional<T> value, const std::string& hint = "") const {
    if (!value) fail_missing(key, hint);
    return std::move(*value);
  }

 private:
  const toml::table* table_;
  std::string prefix_;
  SourceLocation where_;
  ReadContext& context_;
};

}  // namespace breakeven::detail
