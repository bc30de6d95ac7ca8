// SPDX-License-Identifier: MIT
#pragma once

// Reading one (P) parameter: a constant, or a distribution as an inline table, checked so that
// every value it can draw lies in the parameter's allowed range.

#include <toml++/toml.h>
#include <string>

#include "breakeven/math/distribution.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

/// The distribution names a scenario may use, as written in `dist = "..."`.
const std::vector<std::string>& distribution_names();

/// A (P) value at `dotted` from `node`: a number or string (a constant of kind `kind`), or an
/// inline table `{ dist = ..., ... }`. Throws `ScenarioError` when a field is wrong or when the
/// distribution (after `truncate`) can reach outside `range`.
Distribution read_param(const toml::node& node, const std::string& dotted, ValueKind kind,
                        const Range& range, ReadContext& context);

/// The same for `key` of `table`; nullopt when the key is absent.
std::optional<Distribution> read_param(const TableReader& table, std::string_view key,
                                       ValueKind kind, const Range& range);

}  // namespace breakeven::detail
