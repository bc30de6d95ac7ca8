// SPDX-License-Identifier: MIT
#include "simd_choice.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "breakeven/math/counter_normals.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {

std::string apply_simd_choice() {
  const char* forced = std::getenv("BREAKEVEN_SIMD");
  if (forced == nullptr || *forced == '\0') return {};
  const auto target = simd_target_named(forced);
  if (!target)
    throw UsageError(fmt::format(
        "BREAKEVEN_SIMD: unknown instruction set '{}'; use scalar, avx2 or avx512", forced));
  if (set_simd_target(*target)) return {};
  return fmt::format(
      "note: BREAKEVEN_SIMD={}: this processor cannot run it; using {} (the results are the "
      "same)\n",
      forced, simd_target_name(active_simd_target()));
}

}  // namespace breakeven
