// SPDX-License-Identifier: MIT
#pragma once

// The ranges scenario keys are checked against. They keep every amount of a path finite over
// the longest horizon; the budget check (finite_budget.cpp) then bounds their combination.
// docs/scenarios.md lists them.

#include "breakeven/scenario/range.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven::detail {

// Growth rates are simple annual rates: ln(1 + g) must exist; +1000 % a year is the most any
// revenue or cost line may be given.
inline constexpr Range kGrowth = Range::above_to(-1, 10);
inline constexpr Range kUnit = Range::between(0, 1);
// Money amounts: up to 1e15 of the file's unit, so sums over paths stay exact.
inline constexpr Range kMoney = Range::between(0, kMaxMoney);
inline constexpr Range kPositiveMoney = Range::above_to(0, kMaxMoney);
inline constexpr Range kAnyMoney = Range::between(-kMaxMoney, kMaxMoney);
// Annual volatilities (sd of the log) and margin noise: 500 % a year is beyond any market.
inline constexpr Range kVolatility = Range::between(0, 5);
inline constexpr Range kHalfLife = Range::greater_than(0);
inline constexpr Range kShareSpeed = Range::between(-10, 10);
// Shares of revenue (R&D floor, variable SG&A): at most the whole revenue.
inline constexpr Range kRevenueShare = Range::between(0, 1);
// Working capital per unit of annual revenue: ten years of revenue either way.
inline constexpr Range kWorkingCapital = Range::between(-10, 10);
// A market share: its log must exist.
inline constexpr Range kMarketShare = Range::above_to(0, 1);
inline constexpr Range kMargin = Range::between(-1, 1);
// A level effect of -1 removes the whole level; below that the level would turn negative. Up
// to +1000 % per occurrence.
inline constexpr Range kLevelEffect = Range::between(-1, 10);
// A growth event shifts the annual log-growth rate by at most 10 (either way).
inline constexpr Range kGrowthEffect = Range::between(-10, 10);
// At most 120 arrivals a year expected: the model has at most one arrival a month anyway.
inline constexpr Range kRatePerYear = Range::between(0, 120);
inline constexpr std::int64_t kMaxMonthCount = kMaxHorizonMonths;
// A count of months (a backlog delivered, an order recognised): 1 to the longest horizon.
inline constexpr Range kMonthCount = Range::between(1, kMaxHorizonMonths);
// New orders a year: each order's size is drawn on its own, so a path's cost grows with the
// rate; a thousand contracts a year is far beyond a book of "a few large contracts".
inline constexpr Range kOrderRate = Range::between(0, 1000);

}  // namespace breakeven::detail
