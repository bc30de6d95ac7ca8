// SPDX-License-Identifier: MIT
#include "breakeven/engine/sector_shocks.hpp"

#include <algorithm>

#include "breakeven/math/random_stream.hpp"

namespace breakeven {
namespace {

// Ordinals are year * 12 + month index and positive for any year a scenario can name.
int year_of(int ordinal) {
  return ordinal / 12;
}

}  // namespace

void SectorShocks::fill(std::uint64_t seed, std::uint64_t path, int first_month, int last_month) {
  seed_ = seed;
  path_ = path;
  first_month_ = first_month;
  last_month_ = last_month;
  values_.resize(static_cast<std::size_t>(last_month - first_month + 1));
  std::size_t next = 0;
  for (int year = year_of(first_month); year <= year_of(last_month); ++year) {
    // One stream per calendar year: a span starting mid-year discards at most eleven normals,
    // and a stream costs about as much as two normals to create.
    RandomStream stream(seed, path, Substream::sector, static_cast<std::uint64_t>(year));
    const int first = std::max(first_month, year * 12);
    const int last = std::min(last_month, year * 12 + 11);
    for (int month = year * 12; month < first; ++month) (void)stream.normal();
    for (int month = first; month <= last; ++month) values_[next++] = stream.normal();
  }
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
