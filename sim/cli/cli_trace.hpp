// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: `run --trace-path N`.

#include <cstdint>
#include <string>

#include "breakeven/model/model.hpp"

namespace breakeven {

/// Replays path `path` of `model` (same seed, same random stream as in a full run) and renders
/// its outcome and one table row per simulated month, in the scenario's money unit.
std::string render_trace(const Model& model, const std::string& file, std::uint64_t path);

}  // namespace breakeven
