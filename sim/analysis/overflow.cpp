// SPDX-License-Identifier: MIT
#include "breakeven/analysis/overflow.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {
namespace {

// What a run sums exactly: a path's funding need below 2^96 money units, and finite years.
bool summable(const PathOutcome& outcome) {
  if (!(std::fabs(outcome.funding_need) < 0x1.0p96)) return false;
  for (const YearRecord& year : outcome.years)
    if (!std::isfinite(year.revenue) || !std::isfinite(year.net_income) ||
        !std::isfinite(year.closing_cash))
      return false;
  return true;
}

}  // namespace

void explain_overflow(const Model& model) {
  const ScenarioSpec& spec = model.spec;
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  const auto paths = static_cast<std::uint64_t>(spec.simulation.paths);
  std::string where = "a path";
  for (std::uint64_t path = 0; path < paths; ++path) {
    simulate_path(model, spec.simulation.seed, path, workspace, outcome);
    if (!summable(outcome)) {
      where = fmt::format("path {}", path);
      break;
    }
  }
  throw std::runtime_error(fmt::format(
      "scenario '{}' ({}): {} (seed {}) reaches amounts beyond what a run can sum exactly; the "
      "key that drives them most is {}: lower it or shorten simulation.horizon",
      spec.company.name, spec.file, where, spec.simulation.seed, largest_amount_driver(spec)));
}

}  // namespace breakeven
