// SPDX-License-Identifier: MIT
#pragma once

#include "breakeven/scenario/scenario_spec.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

/// One table of [[events]].
EventSpec read_event(const TableReader& table);

}  // namespace breakeven::detail
