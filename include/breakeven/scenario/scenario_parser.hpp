// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven {

/// The longest simulation: 50 years of months. Fans keep one histogram per fiscal year, so
/// memory grows with the horizon; half a century answers any break-even question.
inline constexpr int kMaxHorizonMonths = 600;
/// The most paths a run may ask for: sums over paths stay exact below it.
inline constexpr std::int64_t kMaxPaths = 1'000'000'000;
/// The largest money amount a file may give, in its own money unit.
inline constexpr double kMaxMoney = 1e15;

/// One `--set KEY=VALUE`: a dotted key and a TOML value, e.g. "revenue.volatility=0.5",
/// "margin.gross={dist=\"pert\",min=0.4,mode=0.55,max=0.65}", "funding.rounds.0.amount=30".
struct Override {
  std::string key;
  std::string toml_value;
};

/// Splits "KEY=VALUE" at the first '='. Throws UsageError when there is none or a side is empty.
Override parse_override(std::string_view text);

/// Reads a scenario file. Overrides are applied to the TOML document before it is checked, so a
/// `--set` value is checked exactly like one in the file (and an error names "--set" as the
/// file). Throws ScenarioError naming file, line and key on any problem: TOML syntax, unknown key
/// (with a "did you mean" suggestion), wrong type, out-of-range value, missing required key.
ScenarioSpec load_scenario(const std::string& path, const std::vector<Override>& overrides = {});

/// The same from text already in memory; `file_name` is used in messages.
ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& file_name,
                            const std::vector<Override>& overrides = {});

/// The key that drives the largest amount a path of `spec` can reach over its horizon, e.g.
/// "revenue.growth": what a run-time overflow message names.
std::string largest_amount_driver(const ScenarioSpec& spec);

/// The nearest of `candidates` to `word` by edit distance, or "" when none is close enough.
std::string nearest_key(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace breakeven
