// SPDX-License-Identifier: MIT
#include "milestone_reader.hpp"

#include <map>

#include "param_reader.hpp"

namespace breakeven::detail {
namespace {

MilestoneEffect read_effect(const TableReader& table) {
  table.allow({"target", "effect", "ramp_months"});
  MilestoneEffect result;
  const auto target =
      table.need("target", table.choice("target", {"revenue", "growth", "gross_margin"}),
                 "revenue, growth or gross_margin");
  result.target = target == "revenue"  ? EventTarget::revenue
                  : target == "growth" ? EventTarget::growth
                                       : EventTarget::gross_margin;
  // As for events: a level effect cannot remove more than the whole level; margin points cannot
  // move a margin by more than its whole range.
  Range range = Range::at_least(-1);
  if (result.target == EventTarget::growth) range = Range::any();
  if (result.target == EventTarget::gross_margin) range = Range::between(-2, 2);
  result.effect = table.need("effect", read_param(table, "effect", ValueKind::rate, range));
  result.ramp_months = static_cast<int>(table.integer("ramp_months", 0).value_or(0));
  return result;
}

}  // namespace

MilestoneSpec read_milestone(const TableReader& table) {
  table.allow({"name", "date", "success_probability", "on_success", "respin_cost",
               "respin_delay_months", "max_respins", "requires"});
  MilestoneSpec milestone;
  milestone.name = table.need("name", table.string("name"));
  if (milestone.name.empty()) table.fail("name", "must not be empty");
  milestone.date = table.need("date", table.date("date", DateRole::month_or_quarter));
  milestone.success_probability =
      table.need("success_probability",
                 read_param(table, "success_probability", ValueKind::rate, Range::between(0, 1)));
  const toml::table* effect = table.subtable("on_success");
  if (!effect)
    table.fail_missing("on_success",
                       "e.g. { target = \"growth\", effect = 0.25, ramp_months = 12 }");
  milestone.on_success = read_effect(
      TableReader(effect, table.dotted("on_success"), location_of(*effect), table.context()));
  milestone.respin_cost = read_param(table, "respin_cost", ValueKind::money, Range::at_least(0))
                              .value_or(Param::constant_value(0));
  // Months are counted whole: a drawn delay is rounded to the nearest month when used.
  milestone.respin_delay_months =
      read_param(table, "respin_delay_months", ValueKind::plain, Range::between(0, 1200))
          .value_or(Param::constant_value(0));
  milestone.max_respins = static_cast<int>(table.integer("max_respins", 0).value_or(0));
  milestone.requires_name = table.string("requires");
  return milestone;
}

void check_milestone_links(const ScenarioSpec& spec) {
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < spec.milestones.size(); ++i) {
    const std::string key = "milestones." + std::to_string(i) + ".name";
    if (!by_name.emplace(spec.milestones[i].name, i).second)
      throw ScenarioError(spec.location_of(key), key,
                          "milestone \"" + spec.milestones[i].name + "\" is given twice");
  }
  for (std::size_t i = 0; i < spec.milestones.size(); ++i) {
    const auto& wanted = spec.milestones[i].requires_name;
    if (!wanted) continue;
    const std::string key = "milestones." + std::to_string(i) + ".requires";
    const auto found = by_name.find(*wanted);
    if (found == by_name.end())
      throw ScenarioError(spec.location_of(key), key, "no milestone is named \"" + *wanted + "\"");
    if (found->second == i)
      throw ScenarioError(spec.location_of(key), key,
                          "milestone \"" + *wanted + "\" cannot require itself");
  }
  // Each milestone requires at most one other, so following the links from any milestone either
  // ends or comes back: a walk longer than the number of milestones has met a cycle.
  for (std::size_t i = 0; i < spec.milestones.size(); ++i) {
    std::size_t at = i;
    for (std::size_t steps = 0; spec.milestones[at].requires_name; ++steps) {
      const std::size_t next = by_name.at(*spec.milestones[at].requires_name);
      if (next == i) {
        const std::string key = "milestones." + std::to_string(at) + ".requires";
        throw ScenarioError(spec.location_of(key), key,
                            "milestones \"" + spec.milestones[at].name + "\" and \"" +
                                spec.milestones[next].name +
                                "\" require each other (directly or through others): a cycle "
                                "of requires can never start");
      }
      if (steps > spec.milestones.size()) break;  // a cycle not through i: found from its members
      at = next;
    }
  }
}

}  // namespace breakeven::detail
