// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_kernel.cpp: the scalar helpers every stage shares.

#include <cstddef>
#include <limits>

namespace breakeven {
// Internal linkage: path_kernel.cpp is the only includer.
namespace {

constexpr int kNever = std::numeric_limits<int>::max();

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

}  // namespace
}  // namespace breakeven
