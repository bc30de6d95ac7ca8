// SPDX-License-Identifier: MIT
// [[events]]: shocks that arrive at random (Poisson) or once at a date.
#include "event_reader.hpp"

#include "key_ranges.hpp"
#include "key_readers.hpp"
#include "param_reader.hpp"
#include "section_reader.hpp"

namespace breakeven::detail {
namespace {

// Level effects multiply by (1 + effect); growth adds to the annual log-growth rate; gross_margin
// adds margin points, which cannot move a margin by more than its whole range.
Range effect_range(EventTarget target) {
  if (target == EventTarget::growth) return kGrowthEffect;
  if (target == EventTarget::gross_margin) return Range::between(-2, 2);
  return kLevelEffect;
}

void read_event_target(const TableReader& table, EventSpec& event) {
  if (!table.has("target"))
    table.fail_missing("target", "revenue, growth, gross_margin, rnd, sga or milestones");
  event.target = enum_value<EventTarget>(table, "target",
                                         {{"revenue", EventTarget::revenue},
                                          {"growth", EventTarget::growth},
                                          {"gross_margin", EventTarget::gross_margin},
                                          {"rnd", EventTarget::rnd},
                                          {"sga", EventTarget::sga},
                                          {"milestones", EventTarget::milestones}},
                                         EventTarget::revenue);
}

void read_poisson_timing(const TableReader& table, EventSpec& event) {
  table.step([&] {
    table.forbid("probability",
                 "only used with date (a scheduled event); a Poisson event's rate_per_year "
                 "already says how likely it is");
  });
  table.step(
      [&] { event.rate_per_year = table.number("rate_per_year", ValueKind::rate, kRatePerYear); });
  const bool start =
      table.step([&] { event.start = table.date("start", DateRole::month_or_quarter); });
  table.step([&] {
    event.end = table.date("end", DateRole::month_or_quarter);
    if (start && event.start && event.end && *event.end < *event.start) {
      table.fail("end", "must not be before start (" + event.start->label() + "), got " +
                            event.end->label());
    }
  });
  table.step([&] {
    if (const auto count = table.integer("max_occurrences", 1))
      event.max_occurrences = to_int(*count);
  });
}

void read_scheduled_timing(const TableReader& table, EventSpec& event) {
  for (const char* key : {"start", "end", "max_occurrences"}) {
    table.step([&] {
      table.forbid(key, "only used with rate_per_year (Poisson arrivals), not with date");
    });
  }
  table.step([&] { event.date = table.date("date", DateRole::month_or_quarter); });
  table.step(
      [&] { event.probability = table.number("probability", ValueKind::rate, kUnit).value_or(1); });
}

}  // namespace

EventSpec read_event(const TableReader& table) {
  table.allow({"name", "target", "effect", "duration_months", "rate_per_year", "date",
               "probability", "start", "end", "max_occurrences"});
  EventSpec event;
  table.step([&] { event.name = table.need("name", table.string("name")); });
  // The effect's range depends on the target, so it is checked only against a target read.
  const bool target_read = table.step([&] { read_event_target(table, event); });
  if (target_read && event.target == EventTarget::milestones) {
    // It moves dates, not amounts: its size is duration_months.
    table.step([&] {
      table.forbid("effect", "not used with target = \"milestones\"; duration_months is the delay");
    });
    event.effect = Param::constant_value(0);
    table.step([&] {
      event.duration_months =
          to_int(table.need("duration_months", table.integer("duration_months", 1, kMaxMonthCount),
                            "the delay in months"));
    });
  } else {
    if (target_read)
      read_required_param(table, "effect", ValueKind::rate, effect_range(event.target),
                          event.effect);
    table.step([&] {
      event.duration_months =
          to_int(table.integer("duration_months", 0, kMaxMonthCount).value_or(0));
    });
  }
  const bool poisson = table.has("rate_per_year");
  const bool scheduled = table.has("date");
  if (poisson && scheduled) {
    table.fail("date",
               "give either rate_per_year (Poisson arrivals) or date (one scheduled "
               "event), not both");
  }
  if (!poisson && !scheduled) {
    table.fail_missing("rate_per_year", "or date, for one scheduled event");
  }
  if (poisson) {
    read_poisson_timing(table, event);
  } else {
    read_scheduled_timing(table, event);
  }
  return event;
}

}  // namespace breakeven::detail
