// SPDX-License-Identifier: MIT
#pragma once

#include "breakeven/scenario/scenario_spec.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

/// [funding]: [[funding.rounds]] and [funding.policy].
void read_funding(const TableReader& table, ScenarioSpec& spec);

}  // namespace breakeven::detail
