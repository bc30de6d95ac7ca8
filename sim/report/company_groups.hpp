// SPDX-License-Identifier: MIT
#pragma once

// Internal to the reports: bear / base / bull files of one company are one company in the
// headline tables and on the page, not three.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"

namespace breakeven {

/// One company of the page: its base case and, when the batch has them, its bear and bull cases.
struct CompanyGroup {
  std::size_t base = 0;  ///< index into the results
  std::optional<std::size_t> bear, bull;
  bool has_variants() const { return bear || bull; }
};

/// Groups `results` by file: `x_bear.toml` and `x_bull.toml` join `x.toml` of the same
/// directory when the batch has it; every other scenario is a company of its own. Groups keep the
/// order of their base cases.
std::vector<CompanyGroup> company_groups(const std::vector<ScenarioResult>& results);

/// A variant drawn over its base case's chart as a dashed line.
struct Variant {
  const ScenarioResult* result;
  const char* role;  ///< "bear" or "bull", also its CSS class
};

/// The variants of `group`, bear first.
std::vector<Variant> variants_of(const CompanyGroup& group,
                                 const std::vector<ScenarioResult>& results);

}  // namespace breakeven
