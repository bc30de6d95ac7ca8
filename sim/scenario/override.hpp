// SPDX-License-Identifier: MIT
#pragma once

#include <toml++/toml.h>
#include <vector>

#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven::detail {

/// Writes each `--set` value into the parsed file at its dotted key, in order (a later one wins),
/// creating tables on the way. Array-of-tables elements are addressed by index
/// ("funding.rounds.0.amount"). The inserted nodes carry no file, so later errors about them
/// name "--set". Throws `ScenarioError` (file "--set") for a value that is not TOML, an index
/// past the end, or a key that runs through a non-table value.
void apply_overrides(toml::table& document, const std::vector<Override>& overrides);

}  // namespace breakeven::detail
