// SPDX-License-Identifier: MIT
#include "breakeven/engine/sector_shocks.hpp"

#include "breakeven/math/counter_normals.hpp"

namespace breakeven {

void SectorShocks::fill(std::uint64_t seed, std::uint64_t path, int first_month, int last_month) {
  seed_ = seed;
  path_ = path;
  first_month_ = first_month;
  last_month_ = last_month;
  viewed_ = nullptr;
  stride_ = 1;
  values_.resize(static_cast<std::size_t>(last_month - first_month + 1));
  // Calendar month ordinals are positive for any year a scenario can name: the counter of the
  // path's sector stream.
  CounterNormals(seed, path, Substream::sector)
      .fill(static_cast<std::uint64_t>(first_month), values_.data(), values_.size());
}

void SectorShocks::view(std::uint64_t seed, std::uint64_t path, int first_month, int last_month,
                        const double* values, int stride) {
  seed_ = seed;
  path_ = path;
  first_month_ = first_month;
  last_month_ = last_month;
  viewed_ = values;
  stride_ = stride;
}

bool SectorShocks::covers(std::uint64_t seed, std::uint64_t path, int first_month,
                          int last_month) const {
  return seed == seed_ && path == path_ && first_month >= first_month_ && last_month <= last_month_;
}

bool uses_sector_shocks(const Model& model) {
  const ScenarioSpec& spec = model.spec;
  if (spec.revenue.model == RevenueModel::market) return spec.market && spec.market->volatility > 0;
  if (model.orders) return model.orders->sector_vol > 0;
  return spec.revenue.volatility > 0 && spec.revenue.sector_loading > 0;
}

int first_calendar_month(const Model& model) {
  return model.spec.simulation.start.ordinal();
}

int last_calendar_month(const Model& model) {
  return model.spec.simulation.start.ordinal() + model.months - 1;
}

}  // namespace breakeven
