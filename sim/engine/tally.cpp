// SPDX-License-Identifier: MIT
#include "breakeven/engine/tally.hpp"

namespace breakeven {
namespace {
std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

void add_counts(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}
void add_histograms(std::vector<LogHistogram>& into, const std::vector<LogHistogram>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i].merge(from[i]);
}
}  // namespace

Tally::Tally(const Model& model)
    : breakeven_by_period(model.periods.size()),
      cashout_by_year(model.fiscal_years.size()),
      cashout_first_by_year(model.fiscal_years.size()),
      runway_months(at(model.months) + 1),
      revenue(model.fiscal_years.size()),
      net_income(model.fiscal_years.size()),
      cash(model.fiscal_years.size()),
      alive(model.fiscal_years.size()),
      milestone_success_by_month(model.milestones.size(),
                                 std::vector<std::uint64_t>(at(model.months))) {}

void Tally::add(const Model& model, const PathOutcome& outcome) {
  ++paths;
  if (outcome.breakeven_period >= 0)
    ++breakeven_by_period[at(outcome.breakeven_period)];
  else if (outcome.cashout_month >= 0)
    ++cash_out_first;
  else
    ++not_within_horizon;
  if (outcome.cashout_month >= 0) {
    const std::size_t year = at(model.fiscal_year_of_month[at(outcome.cashout_month)]);
    ++cashout_by_year[year];
    if (outcome.breakeven_period < 0) ++cashout_first_by_year[year];
  }
  ++runway_months[at(outcome.runway_months)];
  funding_need.add(outcome.funding_need);
  funding_need_sum.add(outcome.funding_need);
  if (outcome.funding_need <= 0) ++funding_need_zero;
  for (std::size_t y = 0; y < outcome.years.size(); ++y) {
    const YearRecord& year = outcome.years[y];
    if (!year.alive) continue;
    ++alive[y];
    revenue[y].add(year.revenue);
    net_income[y].add(year.net_income);
    cash[y].add(year.closing_cash);
  }
  for (std::size_t i = 0; i < outcome.milestone_success_month.size(); ++i)
    if (const int month = outcome.milestone_success_month[i]; month >= 0)
      ++milestone_success_by_month[i][at(month)];
}

void Tally::merge(const Tally& other) {
  paths += other.paths;
  add_counts(breakeven_by_period, other.breakeven_by_period);
  cash_out_first += other.cash_out_first;
  not_within_horizon += other.not_within_horizon;
  add_counts(cashout_by_year, other.cashout_by_year);
  add_counts(cashout_first_by_year, other.cashout_first_by_year);
  add_counts(runway_months, other.runway_months);
  funding_need.merge(other.funding_need);
  funding_need_sum.merge(other.funding_need_sum);
  funding_need_zero += other.funding_need_zero;
  add_histograms(revenue, other.revenue);
  add_histograms(net_income, other.net_income);
  add_histograms(cash, other.cash);
  add_counts(alive, other.alive);
  for (std::size_t i = 0; i < milestone_success_by_month.size(); ++i)
    add_counts(milestone_success_by_month[i], other.milestone_success_by_month[i]);
}

}  // namespace breakeven
