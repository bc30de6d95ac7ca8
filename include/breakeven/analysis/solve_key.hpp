// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven {

/// What kind of value a solvable key holds, which fixes its grid: money to 0.01 of the money
/// unit, rates (growths, shares, probabilities) to 0.001, dates to one month, month counts to 1.
enum class KeyKind { money, rate, date, months };

/// A key `solve` can search, e.g. "funding.rounds.1.amount". Values live on an integer grid of
/// ticks (the key's tolerance), so a search ends exactly and every value has one TOML text.
struct SolveKey {
  std::string key;
  KeyKind kind = KeyKind::money;
  bool probability = false;  ///< a share in [0, 1]
  bool growth = false;       ///< may be negative down to -0.99

  /// The value of tick `t` in the key's unit (for a date: the month ordinal).
  double value(std::int64_t tick) const;
  /// The nearest tick to a value in the key's unit.
  std::int64_t tick(double value) const;
  /// The value of tick `t` as TOML for `--set` ("30.25", "0.125", "\"2027-06\"", "18").
  std::string toml(std::int64_t tick) const;
  /// The value of tick `t` as a reader writes it ("30.25", "0.125", "2027-06", "18").
  std::string text(std::int64_t tick) const;
  /// The tick of a value written by a user for --between ("30", "0.05", "2027-06").
  /// Throws UsageError naming the text when it is not a value of this kind.
  std::int64_t parse(std::string_view text) const;
};

/// The key if `solve` can search it. Throws UsageError listing the solvable keys otherwise.
SolveKey solve_key(std::string_view key);

/// "money", "rate", "date", "months".
std::string to_string(KeyKind kind);

/// The key's current value in the scenario (a distribution's median), in ticks. Throws
/// UsageError when the scenario does not give the key (an absent policy or round), naming it.
std::int64_t current_tick(const SolveKey& key, const ScenarioSpec& spec);

/// The search range `solve` uses without --between, from the key's current value c:
/// money [0, 4c] (or [0, 10 x state.cash] when c is 0); probabilities [0, 1]; other rates
/// [c - 0.5, c + 0.5], not below -0.99 for growths and effects, else not below 0; dates the
/// simulated months [start, horizon]; month counts [0, max(4c, 24)] (1 at least for
/// size_months and max_raises).
struct TickRange {
  std::int64_t lo = 0, hi = 0;
};
TickRange default_range(const SolveKey& key, const ScenarioSpec& spec);

}  // namespace breakeven
