// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: counts as people type them, read with messages that say what
// was wrong in words (not CLI11's range dump).

#include <cstdint>
#include <string_view>

namespace breakeven {

/// A whole number of at least `minimum` for option `option`: "100000", "100_000", "1e5",
/// "100k", "2.5M". Throws UsageError ("--paths must be a whole number, 1 or more, not 'abc'").
std::int64_t read_count(std::string_view option, std::string_view text, std::int64_t minimum);

/// A seed: a whole number from 0 to 2^64 - 1, digits only (a seed is an identity, not a size).
/// Throws UsageError ("--seed must be 0 or more, not -1").
std::uint64_t read_seed(std::string_view text);

}  // namespace breakeven
