// SPDX-License-Identifier: MIT
#pragma once

// Revenue model "orders": a starting backlog delivered evenly, plus Poisson contracts whose rate
// follows a log random walk (sector-loaded) and each of which is recognised evenly over
// delivery_months from the month it is won.

#include <cstdint>
#include <vector>

#include "breakeven/math/random_stream.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

class OrderBook {
 public:
  /// Resets the book for a path from its drawn parameters.
  void start(const CompiledOrders& orders, std::uint64_t seed, std::uint64_t path,
             std::uint64_t company_key, const std::vector<double>& draws);
  /// This month's expected count of contracts: step() takes it, so that a group's lanes can work
  /// theirs out together (their `exp`s then overlap).
  double monthly_rate() const;
  /// Revenue recognised in month m before events and seasonality (the backlog's share and the
  /// deliveries of orders won in months m - delivery_months + 1 .. m), then steps the rate.
  /// `rate` is monthly_rate(); `sector_shock` and `company_shock` are standard normals;
  /// `growth_shift` adds to the rate's annual log growth (growth events and milestones).
  double step(const CompiledOrders& orders, int m, double rate, double growth_shift,
              double sector_shock, double company_shock);
  /// Annual revenue the starting working capital is held against: 12 months of backlog delivery.
  double initial_annual_revenue() const { return backlog_per_month_ * 12.0; }

 private:
  RandomStream stream_{0, 0, Substream::orders};
  double backlog_per_month_ = 0;
  double log_rate_ = 0;      ///< ln of the monthly order rate
  double rate_drift_ = 0;    ///< ln(1 + rate_growth) / 12
  std::vector<double> won_;  ///< order value won in each of the last delivery_months months
};

}  // namespace breakeven
