// SPDX-License-Identifier: MIT
// Reading a scenario file: the settings sections ([company], [simulation], [breakeven]) and
// [[correlation]] here; the parameter sections (orders among them) from the parameter table
// (section_reader.cpp); funding, events and milestones in their own readers. Reading is strict:
// every key must be known, every value of the right type and range, and one pass reports every
// mistake.
#include "breakeven/scenario/scenario_parser.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "breakeven/scenario/values.hpp"
#include "event_reader.hpp"
#include "finite_budget.hpp"
#include "funding_reader.hpp"
#include "key_ranges.hpp"
#include "key_readers.hpp"
#include "milestone_reader.hpp"
#include "override.hpp"
#include "parse_errors.hpp"
#include "section_reader.hpp"
#include "toml_reader.hpp"

namespace breakeven {
namespace {

using detail::enum_value;
using detail::kMaxMonthCount;
using detail::Range;
using detail::ReadContext;
using detail::section;
using detail::table_array;
using detail::TableReader;
using detail::to_int;
using detail::ValueKind;

void read_money_unit(const TableReader& table, CompanySpec& company) {
  const auto* unit = table.node("money_unit");
  if (!unit) return;
  // `money_unit = 1` is a TOML integer; the others are strings.
  std::string given;
  if (const auto* integer = unit->as_integer()) {
    given = std::to_string(integer->get());
  } else if (const auto* text = unit->as_string()) {
    given = text->get();
  } else {
    table.fail("money_unit", "expected 1, \"k\", \"M\", \"B\", \"万\" or \"亿\", got " +
                                 detail::describe_node(*unit));
  }
  // "亿元" and "万元" are how Chinese filings head their tables: the 元 adds nothing.
  std::string unit_name = given;
  if (unit_name.ends_with("元")) unit_name.resize(unit_name.size() - std::string("元").size());
  if (unit_name.empty()) unit_name = "1";
  const auto scale = money_unit_scale(unit_name);
  if (!scale) {
    detail::fail_choice(table.where("money_unit"), table.dotted("money_unit"), "money unit", given,
                        money_unit_names());
  }
  company.money_unit = unit_name;
  company.money_unit_scale = *scale;
}

void read_company(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"name", "currency", "money_unit", "fiscal_year_end", "as_of"});
  CompanySpec& company = spec.company;
  table.step([&] {
    company.name = table.need("name", table.string("name"));
    if (company.name.empty()) table.fail("name", "must not be empty");
  });
  table.step([&] { company.currency = table.string("currency").value_or(""); });
  table.step([&] { read_money_unit(table, company); });
  table.context().money_unit = company.money_unit;
  table.context().money_scale = company.money_unit_scale;
  table.step([&] {
    company.fiscal_year_end = to_int(table.integer("fiscal_year_end", 1, 12).value_or(12));
  });
  table.step([&] {
    if (const auto as_of = table.string("as_of")) {
      if (!is_calendar_date(*as_of))
        table.fail("as_of", "expected a date \"YYYY-MM-DD\" (the day the data stop at), got \"" +
                                *as_of + "\"");
      company.as_of = *as_of;
    }
  });
}

void read_simulation(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"start", "horizon", "paths", "seed"});
  SimulationSpec& simulation = spec.simulation;
  const bool start = table.step([&] {
    simulation.start = table.need("start", table.date("start", DateRole::month_or_quarter));
  });
  table.step([&] {
    simulation.horizon = table.need("horizon", table.date("horizon", DateRole::horizon));
    if (!start) return;
    if (!(simulation.horizon > simulation.start)) {
      table.fail("horizon", "must be after simulation.start (" + simulation.start.label() +
                                "), got " + simulation.horizon.label());
    }
    // Fans keep a histogram per fiscal year, so memory grows with the horizon; and amounts that
    // grow for centuries leave finite arithmetic. Half a century covers any break-even question.
    const int last = simulation.start.plus_months(kMaxHorizonMonths - 1).ordinal();
    if (simulation.horizon.ordinal() > last) {
      table.fail("horizon", "must be at most " + std::to_string(kMaxHorizonMonths / 12) +
                                " years after simulation.start (" +
                                simulation.start.plus_months(kMaxHorizonMonths - 1).label() +
                                "), got " + simulation.horizon.label());
    }
  });
  table.step([&] { simulation.paths = table.integer("paths", 1, kMaxPaths).value_or(100000); });
  table.step([&] {
    simulation.seed = static_cast<std::uint64_t>(
        table.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
  });
}

CorrelationSpec read_correlation(const TableReader& table) {
  table.allow({"between", "rho"});
  CorrelationSpec correlation;
  const toml::array* between = table.array("between");
  if (!between)
    table.fail_missing("between",
                       "two parameter keys, e.g. [\"revenue.growth\", \"margin.gross\"]");
  correlation.where = table.where("between");
  table.step([&] {
    correlation.rho =
        table.need("rho", table.number("rho", ValueKind::rate, Range::between(-1, 1)));
  });
  if (between->size() != 2) {
    table.fail("between", "expected two parameter keys, got " + std::to_string(between->size()));
  }
  std::array<std::string, 2> keys;
  for (std::size_t i = 0; i < 2; ++i) {
    const auto* text = between->get(i)->as_string();
    if (!text) {
      table.fail("between", "expected parameter keys in quotes such as \"revenue.growth\", got " +
                                detail::describe_node(*between->get(i)));
    }
    keys[i] = text->get();
  }
  if (keys[0] == keys[1])
    table.fail("between", "needs two different keys, got " + keys[0] + " twice");
  correlation.a = keys[0];
  correlation.b = keys[1];
  return correlation;
}

// Does `target` name a period of `kind`? ("2026", "2026-Q3", "2026-05"; ttm uses month labels.)
std::optional<std::string> period_label(std::string_view target, PeriodKind kind) {
  switch (kind) {
    case PeriodKind::year:
      if (target.size() == 4) {
        if (const auto date = parse_date(target, DateRole::horizon))
          return std::to_string(date->year);
      }
      return std::nullopt;
    case PeriodKind::quarter:
      if (target.size() == 7 && (target[5] == 'Q' || target[5] == 'q')) {
        if (const auto date = parse_date(target, DateRole::month_or_quarter)) {
          return std::to_string(date->year) + "-Q" + std::to_string((date->month - 1) / 3 + 1);
        }
      }
      return std::nullopt;
    case PeriodKind::month:
    case PeriodKind::ttm:
      if (target.size() == 7 && target[5] != 'Q' && target[5] != 'q') {
        if (const auto date = parse_date(target, DateRole::month_or_quarter)) return date->label();
      }
      return std::nullopt;
  }
  return std::nullopt;
}

void read_target(const TableReader& table, BreakevenSpec& breakeven);

void read_breakeven(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"metric", "period", "sustained", "target"});
  BreakevenSpec& breakeven = spec.breakeven;
  table.step([&] {
    breakeven.metric = enum_value<Metric>(table, "metric",
                                          {{"net_income", Metric::net_income},
                                           {"net_income_ex_sbc", Metric::net_income_ex_sbc},
                                           {"operating_income", Metric::operating_income},
                                           {"operating_cash_flow", Metric::operating_cash_flow},
                                           {"free_cash_flow", Metric::free_cash_flow}},
                                          Metric::net_income);
  });
  const bool period = table.step([&] {
    breakeven.period = enum_value<PeriodKind>(table, "period",
                                              {{"year", PeriodKind::year},
                                               {"quarter", PeriodKind::quarter},
                                               {"month", PeriodKind::month},
                                               {"ttm", PeriodKind::ttm}},
                                              PeriodKind::year);
  });
  table.step([&] {
    breakeven.sustained = to_int(table.integer("sustained", 1, kMaxMonthCount).value_or(1));
  });
  // A target is a label of the period kind, so it is checked only against a period read.
  if (period) table.step([&] { read_target(table, breakeven); });
}

void read_target(const TableReader& table, BreakevenSpec& breakeven) {
  if (const auto* target = table.node("target")) {
    std::string given;
    // target = 2026 (an integer) is what an analyst types for a fiscal year; accept it.
    if (const auto* year = target->as_integer(); year && breakeven.period == PeriodKind::year) {
      given = std::to_string(year->get());
    } else if (const auto* text = target->as_string()) {
      given = text->get();
    } else {
      table.fail("target", "expected a period label in quotes such as \"2026\", got " +
                               detail::describe_node(*target));
    }
    const auto label = period_label(given, breakeven.period);
    if (!label) {
      static const char* const kExamples[] = {"\"2026\"", "\"2026-Q3\"", "\"2026-05\"",
                                              "\"2026-05\" (the last month of the 12)"};
      table.fail("target", "\"" + given + "\" is not a " + to_string(breakeven.period) +
                               " label; expected e.g. " +
                               kExamples[static_cast<int>(breakeven.period)]);
    }
    breakeven.target = *label;
  }
}

ScenarioSpec read_document(const toml::table& document, const std::string& file_name,
                           std::vector<ScenarioError>& errors) {
  ScenarioSpec spec;
  spec.file = file_name;
  ReadContext context{file_name, "1", 1, &spec.locations, &spec.notes, &errors};
  const TableReader root(&document, "", SourceLocation{file_name, 0}, context);
  root.allow({"company", "simulation", "state", "revenue", "market", "margin", "costs", "other",
              "tax", "cash", "funding", "events", "milestones", "orders", "correlation",
              "breakeven"});
  // money_unit first: every money value is converted into it. The revenue model and the
  // break-even period decide which keys other sections may hold.
  // nullptr: a section of the parameter table.
  using SectionReader = void (*)(const TableReader&, ScenarioSpec&);
  const std::pair<const char*, SectionReader> sections[] = {{"company", read_company},
                                                            {"simulation", read_simulation},
                                                            {"breakeven", read_breakeven},
                                                            {"revenue", nullptr},
                                                            {"state", nullptr},
                                                            {"market", nullptr},
                                                            {"orders", nullptr},
                                                            {"margin", nullptr},
                                                            {"costs", nullptr},
                                                            {"other", nullptr},
                                                            {"tax", nullptr},
                                                            {"cash", nullptr},
                                                            {"funding", detail::read_funding}};
  for (const auto& [name, read] : sections) {
    root.step([&, name = name, read = read] {
      if (read)
        read(section(root, name), spec);
      else
        detail::read_table_section(section(root, name), name, spec);
    });
  }
  root.step([&] {
    for (const auto& event : table_array(root, "events", "[[events]]")) {
      event.step([&] { spec.events.push_back(detail::read_event(event)); });
    }
  });
  root.step([&] {
    for (const auto& milestone : table_array(root, "milestones", "[[milestones]]"))
      milestone.step([&] { spec.milestones.push_back(detail::read_milestone(milestone)); });
  });
  root.step([&] { detail::check_milestone_links(spec); });
  root.step([&] {
    for (const auto& correlation : table_array(root, "correlation", "[[correlation]]")) {
      correlation.step([&] { spec.correlations.push_back(read_correlation(correlation)); });
    }
  });
  return spec;
}

}  // namespace

ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& file_name,
                            const std::vector<Override>& overrides) {
  toml::table document;
  try {
    document = toml::parse(toml_text, std::string_view(file_name));
  } catch (const toml::parse_error& error) {
    throw ScenarioErrors({detail::syntax_error(error, toml_text, file_name)});
  }
  detail::apply_overrides(document, overrides);
  std::vector<ScenarioError> errors;
  ScenarioSpec spec = read_document(document, file_name, errors);
  // Only a file whose keys are each in range can be judged as a whole.
  if (errors.empty()) detail::check_finite_budget(spec, errors);
  if (!errors.empty()) throw detail::sorted_errors(std::move(errors), toml_text);
  return spec;
}

ScenarioSpec load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioError(SourceLocation{path, 0}, "",
                        std::string("cannot open the file: ") + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path, overrides);
}

}  // namespace breakeven
