// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/analysis/results.hpp"

namespace breakeven {

/// The machine-readable report of SPEC §4: `{"version", "scenarios": [...], "joint": {}}`.
/// Every field the spec fixes is present under its spec name; extras are the standard error of
/// every probability (`<name>_se`, `se` inside distribution rows), `start`, `horizon`,
/// `runway_months.horizon_months`, `alive` in each fan point, the assumptions and the warnings.
/// Keys keep insertion order and doubles print as their shortest round-trip form, so identical
/// results give byte-identical text. Probabilities are shares in [0, 1]; money is in the
/// scenario's `money_unit`. A missing break-even target gives `null` target and headline, and a
/// fan quantile with no paths alive prints as `null`.
/// With `joint`, the `joint` object holds the batch's joint results (joint_to_json); else `{}`.
nlohmann::ordered_json to_json(const std::vector<ScenarioResult>& results,
                               const JointResult* joint = nullptr);

/// The `joint` object: `scenarios`, `breakeven_count` and `cash_out_count` (rows of `year`, `p`
/// and `p_se`, p[k] = P(exactly k scenarios by the end of the year)), `all_by_target`,
/// `none_by_target` (null when a scenario has no target) and `pairs` (`a`, `b`, `a_first`,
/// `b_first`, `same_month`, `neither`), every probability with its `_se`.
nlohmann::ordered_json joint_to_json(const JointResult& joint);

/// One scenario's object, as it appears in `scenarios[]`.
nlohmann::ordered_json scenario_to_json(const ScenarioResult& result);

}  // namespace breakeven
