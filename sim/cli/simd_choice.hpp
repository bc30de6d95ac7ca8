// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace breakeven {

/// Applies the environment variable BREAKEVEN_SIMD (scalar, avx2 or avx512), which forces the
/// instruction set that draws the normals; the results are the same for every choice, only the
/// speed differs. Throws UsageError for an unknown name. A set this processor cannot run falls
/// back to the widest it has; the returned note says so (empty when there is nothing to say).
std::string apply_simd_choice();

}  // namespace breakeven
