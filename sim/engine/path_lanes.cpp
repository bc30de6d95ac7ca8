// SPDX-License-Identifier: MIT
#include "breakeven/engine/path_lanes.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace breakeven {
namespace {

std::size_t checked_lanes(int lanes) {
  // More lanes than the pointer arrays hold would write past them.
  if (lanes < 1 || lanes > kMaxPathLanes)
    throw std::logic_error("path lanes: " + std::to_string(lanes) + " lanes, at most " +
                           std::to_string(kMaxPathLanes));
  return static_cast<std::size_t>(lanes);
}

}  // namespace

PathLanes::PathLanes(const Model& model, int lanes) : outcomes(checked_lanes(lanes)) {
  workspaces.reserve(outcomes.size());
  for (std::size_t l = 0; l < outcomes.size(); ++l) {
    workspaces.emplace_back(model);
    outcomes[l].years.resize(model.fiscal_years.size());
  }
  for (std::size_t l = 0; l < outcomes.size(); ++l) {
    workspace_of[l] = &workspaces[l];
    outcome_of[l] = &outcomes[l];
  }
}

SectorLanes::SectorLanes(int lanes) : shocks(checked_lanes(lanes)) {
  for (std::size_t l = 0; l < shocks.size(); ++l) of[l] = &shocks[l];
}

void SectorLanes::fill(std::uint64_t seed, std::uint64_t first, int count, int first_month,
                       int last_month) {
  for (std::size_t l = 0; l < static_cast<std::size_t>(count); ++l)
    shocks[l].fill(seed, first + l, first_month, last_month);
}

}  // namespace breakeven
