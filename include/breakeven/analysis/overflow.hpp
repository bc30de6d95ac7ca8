// SPDX-License-Identifier: MIT
#pragma once

#include "breakeven/model/model.hpp"

namespace breakeven {

/// Called when a run of `model` failed because an amount left what it can sum exactly (the
/// scenario ranges make this practically unreachable). Replays the paths one by one to find the
/// first such path and throws std::runtime_error naming the scenario, the path and the key that
/// drives its amounts most, never an internal type.
[[noreturn]] void explain_overflow(const Model& model);

}  // namespace breakeven
