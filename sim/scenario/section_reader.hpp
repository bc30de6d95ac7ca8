// SPDX-License-Identifier: MIT
#pragma once

// Reading a section of the parameter table: its allowed keys, each key's kind, range, default
// and requirement, all from the table's rows.

#include <cstdint>
#include <string_view>
#include <vector>

#include "breakeven/scenario/param_table.hpp"
#include "breakeven/scenario/scenario_spec.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

int to_int(std::int64_t value);

/// The section `key` of `root` ([costs]); an absent section reads as an empty one.
TableReader section(const TableReader& root, std::string_view key);

/// The tables of an array of tables ([[events]]), each under "<key>.<index>"; `header` is how
/// a file writes one, for messages.
std::vector<TableReader> table_array(const TableReader& parent, std::string_view key,
                                     std::string_view header);

/// A required (P) value of `table` into `into`, as one step.
void read_required_param(const TableReader& table, std::string_view key, ValueKind kind,
                         const Range& range, Param& into);

/// The value kind a row's unit is written in.
ValueKind value_kind(ParamUnit unit);

/// Reads the table's rows of `section` from `table` into `spec`, one step per key, so one pass
/// reports every mistake. [market] and [orders] must be present exactly when revenue.model names
/// them.
void read_table_section(const TableReader& table, std::string_view section, ScenarioSpec& spec);

}  // namespace breakeven::detail
