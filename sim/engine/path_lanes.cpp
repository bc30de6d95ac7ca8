// SPDX-License-Identifier: MIT
#include "breakeven/engine/path_lanes.hpp"

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "breakeven/math/counter_normals.hpp"

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
  const int lanes = static_cast<int>(shocks.size());
  std::array<CounterNormals, kMaxPathLanes> streams;
  for (int l = 0; l < lanes; ++l)
    streams[static_cast<std::size_t>(l)] =
        CounterNormals(seed, first + static_cast<std::uint64_t>(l), Substream::sector);
  const auto months = static_cast<std::size_t>(last_month - first_month + 1);
  block_.resize(months * shocks.size());
  // Calendar month ordinals are positive for any year a scenario can name: the counter of the
  // path's sector stream, as in SectorShocks::fill.
  CounterNormals::fill_interleaved(streams.data(), lanes, static_cast<std::uint64_t>(first_month),
                                   months, block_.data());
  for (int l = 0; l < count; ++l)
    shocks[static_cast<std::size_t>(l)].view(seed, first + static_cast<std::uint64_t>(l),
                                             first_month, last_month, block_.data() + l, lanes);
}

}  // namespace breakeven
