// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "breakeven/engine/engine.hpp"

namespace breakeven {

/// The version written into serialised tallies; a reader refuses any other.
inline constexpr int kTallyFormatVersion = 1;

/// Serialises the tallies of a plan's range exactly: JSON holding integers only (counts, the
/// non-zero histogram bins as [index, count] pairs, the 128-bit exact sum as a decimal string),
/// so a shard written by one process and read by another merges to the same bits as a single
/// run. `models` are the plan's, in order; their names and shapes are written for checking.
std::string tallies_to_json(const RunTallies& tallies, const std::vector<const Model*>& models);

/// Reads what tallies_to_json wrote, for the same models. Throws UsageError when the text is not
/// such a file, has another version, or was written for other models (names or shapes differ).
RunTallies tallies_from_json(std::string_view text, const std::vector<const Model*>& models);

}  // namespace breakeven
