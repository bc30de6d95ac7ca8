// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "breakeven/analysis/results.hpp"

namespace breakeven {

// Tidy CSV tables of a run (RFC 4180: comma-separated, CRLF-free "\n" lines, a header row,
// fields quoted when they hold a comma, quote or line break). One row per scenario and period,
// bin or quantile; the `scenario` column is the company name, as in the JSON. Numbers are the
// shortest text that reads back as the same double, so a CSV value equals its JSON twin
// exactly; probabilities are shares in [0, 1]; money is in the scenario's `money_unit`, which
// every table holding money has as a column. Numeric columns hold only numbers: a quantile
// beyond the horizon ("never") is an empty field with a true/false column of its own, so a
// data-frame library reads every numeric column as numbers. An empty field is a value that does
// not exist (a fan quantile no path reached, a quantile beyond the horizon).

/// `text` as one CSV field: unchanged, or in double quotes with inner quotes doubled.
std::string csv_field(std::string_view text);

/// A double as its shortest round-trip text ("0.4695", "1e-05"); empty for NaN or infinity.
std::string csv_number(double value);

/// One row per scenario with the headline numbers: scenario, file, paths, seed, money_unit,
/// currency, start, horizon, metric, period, target, p_by_target, p_by_target_se, breakeven
/// p10/p50/p90 (each with a `_never` flag), not_within_horizon(_se), cash_out_first(_se),
/// cash_out(_se), cash_out_after_breakeven(_se), runway p10/p50/p90 (each with a
/// `_beyond_horizon` flag) and p_lt_12/24/36, beyond_horizon, funding need
/// mean/p50/p90/p95 and p_none.
std::string scenarios_csv(const std::vector<ScenarioResult>& results);

/// scenario,period,p,cumulative,se: the first break-even period's distribution.
std::string breakeven_distribution_csv(const std::vector<ScenarioResult>& results);

/// scenario,year,months,p,se,p_before_breakeven,p_after_breakeven: probability of running out
/// of cash (with funding) in each fiscal year, split by whether the path had broken even;
/// months < 12 marks a partial first or last year.
std::string cash_out_by_year_csv(const std::vector<ScenarioResult>& results);

/// scenario,months,share,beyond_horizon: the runway histogram (without new raises); the last
/// row, beyond_horizon = true and months empty, holds the paths that never ran out.
std::string runway_csv(const std::vector<ScenarioResult>& results);

/// scenario,quantile,months,beyond_horizon: runway p10/p50/p90 (months empty when beyond).
std::string runway_quantiles_csv(const std::vector<ScenarioResult>& results);

/// scenario,money_unit,currency,lo,hi,p: the histogram of positive funding needs, p as a share
/// of all paths.
std::string funding_need_csv(const std::vector<ScenarioResult>& results);

/// scenario,money_unit,currency,statistic,value: funding need mean, p50, p90, p95 (money) and
/// p_none (a share).
std::string funding_need_quantiles_csv(const std::vector<ScenarioResult>& results);

/// scenario,money_unit,currency,metric,year,months,alive,p05,p25,p50,p75,p95: the fans, metric one
/// of revenue, net_income, cash; months < 12 marks a partial first or last year.
std::string fans_csv(const std::vector<ScenarioResult>& results);

/// scenario,key,value: the key assumptions as written in the report.
/// Per milestone: P(success), its standard error, and the success month's mean (months from
/// the start) and quantiles among the paths where it succeeded.
std::string milestones_csv(const std::vector<ScenarioResult>& results);

/// Per milestone and simulated month: the share of all paths that succeeded in that month.
std::string milestone_months_csv(const std::vector<ScenarioResult>& results);

std::string assumptions_csv(const std::vector<ScenarioResult>& results);

/// year,k,p,se: for a batch's joint results, P(exactly k scenarios have broken even, or cashed
/// out, by the end of each calendar year); the rows of one year sum to 1.
std::string joint_count_csv(const std::vector<CountRow>& rows);

/// a,b,a_first,a_first_se,b_first,b_first_se,same_month,same_month_se,neither,neither_se: who
/// of each pair breaks even first; the four probabilities of a row sum to 1.
std::string joint_pairs_csv(const JointResult& joint);

}  // namespace breakeven
