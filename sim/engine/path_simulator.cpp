// SPDX-License-Identifier: MIT
#include "breakeven/engine/path_simulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "breakeven/math/normal_quantile.hpp"
#include "breakeven/math/random_stream.hpp"

namespace breakeven {
namespace {

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

double standard_normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

}  // namespace

PathWorkspace::PathWorkspace(const Model& model)
    : draws(model.slots.size()),
      standalone_low_by_period(model.periods.size()),
      recent_metric(12),
      event_occurrences(model.events.size()),
      round_landed(model.rounds.size()) {}

namespace {

bool in_copula(const Model& model, std::size_t slot) {
  return std::find(model.copula_slots.begin(), model.copula_slots.end(), static_cast<int>(slot)) !=
         model.copula_slots.end();
}

/// The path's uniform for every slot, through the copula where there is one.
void draw_uniforms(const Model& model, std::uint64_t seed, std::uint64_t path,
                   std::vector<double>& draws) {
  const std::size_t n = model.slots.size();
  draws.resize(n);
  // Each slot's uniform is a function of (seed, path, its key) alone: making one parameter
  // uncertain, or adding one, moves no other draw (common random numbers). A constant's uniform
  // is not drawn (draw_parameters writes its value) unless the copula mixes it into others'.
  const KeyedUniforms uniform_of(seed, path);
  for (std::size_t i = 0; i < n; ++i)
    if (!model.slots[i].dist.is_constant() || in_copula(model, i))
      draws[i] = uniform_of(model.slots[i].stream_key ^ model.company_key);
  if (model.copula_slots.empty()) return;
  const auto k = static_cast<Eigen::Index>(model.copula_slots.size());
  Eigen::VectorXd z(k);
  for (Eigen::Index i = 0; i < k; ++i)
    z(i) = standard_normal_quantile(draws[at(model.copula_slots[at(static_cast<int>(i))])]);
  const Eigen::VectorXd correlated = model.copula_factor * z;
  for (Eigen::Index i = 0; i < k; ++i) {
    // Keep the uniform strictly inside (0, 1) even when the normal is extreme.
    const double u = std::clamp(standard_normal_cdf(correlated(i)), 1e-300, 1.0 - 1e-16);
    draws[at(model.copula_slots[at(static_cast<int>(i))])] = u;
  }
}

}  // namespace

void draw_parameters(const Model& model, std::uint64_t seed, std::uint64_t path,
                     std::vector<double>& draws) {
  std::vector<double>* one[] = {&draws};
  draw_parameters(model, seed, &path, 1, one);
}

void draw_parameters(const Model& model, std::uint64_t seed, const std::uint64_t* paths,
                     std::size_t count, std::vector<double>* const* draws) {
  for (std::size_t l = 0; l < count; ++l) draw_uniforms(model, seed, paths[l], *draws[l]);
  // Slot by slot, every path's quantile at once (see Distribution::quantiles).
  std::array<double, kMaxPathLanes> u{}, x{};
  for (std::size_t i = 0; i < model.slots.size(); ++i) {
    const Distribution& dist = model.slots[i].dist;
    if (dist.is_constant()) {
      for (std::size_t l = 0; l < count; ++l) (*draws[l])[i] = dist.value;
      continue;
    }
    for (std::size_t l = 0; l < count; ++l) u[l] = (*draws[l])[i];
    dist.quantiles(u.data(), x.data(), count);
    for (std::size_t l = 0; l < count; ++l) (*draws[l])[i] = x[l];
  }
}

}  // namespace breakeven
