// SPDX-License-Identifier: MIT
#pragma once

// Reading the [orders] section: revenue as a backlog plus Poisson contracts.

#include "breakeven/scenario/scenario_spec.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

/// Reads [orders] into `spec.orders` when revenue.model = "orders" (then it is required);
/// refuses the section under any other model.
void read_orders(const TableReader& table, ScenarioSpec& spec);

}  // namespace breakeven::detail
