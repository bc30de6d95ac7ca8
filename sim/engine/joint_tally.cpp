// SPDX-License-Identifier: MIT
#include "breakeven/engine/joint_tally.hpp"

#include <algorithm>

#include "breakeven/engine/sector_shocks.hpp"

namespace breakeven {
namespace {

void add_counts(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

/// Adds one path to the per-year counts: k = how many of `months` fall by each year's end.
void count_by_year(std::vector<std::vector<std::uint64_t>>& counts, int first_year,
                   const std::vector<JointMark>& marks, int JointMark::*month) {
  for (std::size_t y = 0; y < counts.size(); ++y) {
    const int year_end = (first_year + static_cast<int>(y)) * 12 + 11;
    std::size_t k = 0;
    for (const JointMark& mark : marks) k += mark.*month <= year_end ? 1 : 0;
    ++counts[y][k];
  }
}

}  // namespace

JointMark joint_mark(const Model& model, const PathOutcome& outcome) {
  const int start = first_calendar_month(model);
  JointMark mark{kNeverMonth, kNeverMonth, false};
  if (outcome.breakeven_period >= 0) {
    const Period& period = model.periods[static_cast<std::size_t>(outcome.breakeven_period)];
    mark.breakeven_month = start + period.last_month;
    mark.by_target = model.target_period && outcome.breakeven_period <= *model.target_period;
  }
  if (outcome.cashout_month >= 0) mark.cashout_month = start + outcome.cashout_month;
  return mark;
}

JointTally::JointTally(const std::vector<const Model*>& models)
    : scenarios(static_cast<int>(models.size())) {
  first_year = kNeverMonth;
  last_year = -kNeverMonth;
  for (const Model* model : models) {
    first_year = std::min(first_year, first_calendar_month(*model) / 12);
    last_year = std::max(last_year, last_calendar_month(*model) / 12);
  }
  const std::vector<std::uint64_t> row(models.size() + 1, 0);
  breakeven_count.assign(static_cast<std::size_t>(last_year - first_year + 1), row);
  cash_out_count = breakeven_count;
  pairs.resize(models.size() * (models.size() - 1) / 2);
}

void JointTally::add(const std::vector<JointMark>& marks) {
  ++paths;
  count_by_year(breakeven_count, first_year, marks, &JointMark::breakeven_month);
  count_by_year(cash_out_count, first_year, marks, &JointMark::cashout_month);
  const auto by_target = static_cast<std::size_t>(
      std::count_if(marks.begin(), marks.end(), [](const JointMark& m) { return m.by_target; }));
  all_by_target += by_target == marks.size() ? 1U : 0U;
  none_by_target += by_target == 0 ? 1U : 0U;
  std::size_t pair = 0;
  for (std::size_t a = 0; a < marks.size(); ++a) {
    for (std::size_t b = a + 1; b < marks.size(); ++b, ++pair) {
      const int ma = marks[a].breakeven_month, mb = marks[b].breakeven_month;
      PairCounts& counts = pairs[pair];
      if (ma == kNeverMonth && mb == kNeverMonth)
        ++counts.neither;
      else if (ma < mb)
        ++counts.a_first;
      else if (mb < ma)
        ++counts.b_first;
      else
        ++counts.same_month;
    }
  }
}

void JointTally::merge(const JointTally& other) {
  paths += other.paths;
  for (std::size_t y = 0; y < breakeven_count.size(); ++y) {
    add_counts(breakeven_count[y], other.breakeven_count[y]);
    add_counts(cash_out_count[y], other.cash_out_count[y]);
  }
  all_by_target += other.all_by_target;
  none_by_target += other.none_by_target;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    pairs[p].a_first += other.pairs[p].a_first;
    pairs[p].b_first += other.pairs[p].b_first;
    pairs[p].same_month += other.pairs[p].same_month;
    pairs[p].neither += other.pairs[p].neither;
  }
}

}  // namespace breakeven
