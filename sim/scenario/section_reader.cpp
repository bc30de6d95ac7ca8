// SPDX-License-Identifier: MIT
#include "section_reader.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "breakeven/scenario/param_table.hpp"
#include "param_reader.hpp"

namespace breakeven::detail {
namespace {

template <class... Visitor>
struct Overloaded : Visitor... {
  using Visitor::operator()...;
};
// Clang 14 (the fuzzing build) does not deduce an aggregate's template arguments by itself.
template <class... Visitor>
Overloaded(Visitor...) -> Overloaded<Visitor...>;

// Under another revenue model a "growth" key has no meaning; say where this model takes it from.
void refuse_for_model(const TableReader& table, const ParamRow& row, const ScenarioSpec& spec) {
  const std::string section = spec.revenue.model == RevenueModel::market ? "[market]" : "[orders]";
  table.forbid(row.name(),
               "only used with revenue.model = \"growth\"; this model takes its growth and "
               "volatility from " +
                   section);
}

// One key from its row's columns: a (P) value (a number or a distribution) or a plain number.
void read_row(const TableReader& table, const ParamRow& row, ScenarioSpec& spec) {
  const std::string_view key = row.name();
  const ValueKind kind = value_kind(row.unit);
  const bool required = row.presence == Presence::required;
  std::visit(Overloaded{
                 [&](Param* (*get)(ScenarioSpec&)) {
                   Param& into = *get(spec);
                   if (!required) into = Param::constant_value(row.fallback);
                   if (auto value = read_param(table, key, kind, row.bounds))
                     into = std::move(*value);
                   else if (required)
                     table.fail_missing(key);
                 },
                 [&](std::optional<Param>* (*get)(ScenarioSpec&)) {
                   *get(spec) = read_param(table, key, kind, row.bounds);
                 },
                 [&](double* (*get)(ScenarioSpec&)) {
                   const auto value = table.number(key, kind, row.bounds);
                   *get(spec) = required ? table.need(key, value) : value.value_or(row.fallback);
                 },
                 [&](std::optional<double>* (*get)(ScenarioSpec&)) {
                   *get(spec) = table.number(key, kind, row.bounds);
                 },
                 [&](int* (*get)(ScenarioSpec&)) {
                   const auto value = table.integer(key, static_cast<std::int64_t>(row.bounds.lo),
                                                    static_cast<std::int64_t>(row.bounds.hi));
                   *get(spec) = to_int(required ? table.need(key, value)
                                                : value.value_or(std::llround(row.fallback)));
                 },
                 [](std::monostate) {},
             },
             row.field);
}

// [market] and [orders] belong to their revenue model, and that model needs its section.
bool model_section_wanted(const TableReader& table, std::string_view section,
                          const ScenarioSpec& spec) {
  const RevenueModel owner = section == "market" ? RevenueModel::market : RevenueModel::orders;
  const std::string name(section);
  if (spec.revenue.model != owner) {
    if (table.present()) {
      throw ScenarioError(table.table_where(), name,
                          "the [" + name + "] section is only used with revenue.model = \"" + name +
                              "\"; remove it or set the model");
    }
    return false;
  }
  if (!table.present()) {
    throw ScenarioError(
        table.table_where(), name,
        "required section missing: revenue.model = \"" + name + "\" needs [" + name + "]");
  }
  return true;
}

}  // namespace

int to_int(std::int64_t value) {
  return static_cast<int>(value);
}

TableReader section(const TableReader& root, std::string_view key) {
  const toml::table* table = nullptr;
  if (const auto* node = root.node(key)) {
    table = node->as_table();
    if (!table) {
      root.fail(key, "expected a section [" + std::string(key) + "], got " + describe_node(*node));
    }
  }
  SourceLocation where = table ? location_of(*table) : root.table_where();
  return TableReader(table, std::string(key), std::move(where), root.context());
}

// The tables of an array of tables ([[events]]), each under "<key>.<index>".
std::vector<TableReader> table_array(const TableReader& parent, std::string_view key,
                                     std::string_view header) {
  std::vector<TableReader> tables;
  const toml::array* array = parent.array(key);
  if (!array) return tables;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string dotted = parent.dotted(key) + "." + std::to_string(i);
    const auto* table = element.as_table();
    if (!table) {
      throw ScenarioError(location_of(element), dotted,
                          "expected a table (write each one under " + std::string(header) +
                              "), got " + describe_node(element));
    }
    auto& context = parent.context();
    if (context.locations) (*context.locations)[dotted] = location_of(*table);
    tables.emplace_back(table, dotted, location_of(*table), context);
  }
  return tables;
}

void read_required_param(const TableReader& table, std::string_view key, ValueKind kind,
                         const Range& range, Param& into) {
  table.step([&] { into = table.need(key, read_param(table, key, kind, range)); });
}

ValueKind value_kind(ParamUnit unit) {
  switch (unit) {
    case ParamUnit::money:
      return ValueKind::money;
    case ParamUnit::rate:
    case ParamUnit::speed:
      return ValueKind::rate;
    case ParamUnit::plain:
      break;
  }
  return ValueKind::plain;
}

void read_table_section(const TableReader& table, std::string_view section, ScenarioSpec& spec) {
  const bool model_section = section == "market" || section == "orders";
  if (model_section && !model_section_wanted(table, section, spec)) return;
  const std::vector<const ParamRow*> rows = param_rows(section);
  std::vector<std::string> names;
  for (const ParamRow* row : rows) names.emplace_back(row->name());
  table.allow(names);
  if (section == "market") spec.market.emplace();
  if (section == "orders") spec.orders.emplace();
  for (const ParamRow* row : rows) {
    table.step([&] {
      if (row->model == ForModel::growth && spec.revenue.model != RevenueModel::growth)
        refuse_for_model(table, *row, spec);
      else if (row->reader)
        row->reader(table, spec);
      else
        read_row(table, *row, spec);
    });
  }
}

}  // namespace breakeven::detail
