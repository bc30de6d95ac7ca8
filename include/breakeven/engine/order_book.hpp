// SPDX-License-Identifier: MIT
#pragma once

// Revenue model "orders": a starting backlog delivered evenly, plus Poisson contracts whose rate
// follows a log random walk (sector-loaded) and each of which is recognised evenly over
// delivery_months from the month it is won.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "breakeven/math/random_stream.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

class OrderBook;

/// Month m of n order books side by side, one per lane of a group: booked[l] is the revenue
/// books[l] recognises in month m before events and seasonality (the backlog's share and the
/// deliveries of orders won in months m - delivery_months + 1 .. m), after which its rate steps.
/// rate[l] is books[l]->monthly_rate(); sector_shock[l] and company_shock[l] are standard normals;
/// growth_shift[l] adds to the rate's annual log growth (growth events and milestones). Each book
/// draws from its own stream only, so lane l's results do not depend on the others; the lanes'
/// contracts are sized together, which fills the blocks of their side-by-side Φ⁻¹.
void step_order_books(const CompiledOrders& orders, int m, std::size_t n, OrderBook* const* books,
                      const double* rate, const double* growth_shift, const double* sector_shock,
                      const double* company_shock, double* booked);

class OrderBook {
 public:
  /// Resets the book for a path from its drawn parameters.
  void start(const CompiledOrders& orders, std::uint64_t seed, std::uint64_t path,
             std::uint64_t company_key, const std::vector<double>& draws);
  /// This month's expected count of contracts: step_order_books takes it, so that a group's
  /// lanes can work theirs out together (their `exp`s then overlap).
  double monthly_rate() const;
  /// Annual revenue the starting working capital is held against: 12 months of backlog delivery.
  double initial_annual_revenue() const { return backlog_per_month_ * 12.0; }

 private:
  friend void step_order_books(const CompiledOrders&, int, std::size_t, OrderBook* const*,
                               const double*, const double*, const double*, const double*, double*);
  /// The month's wins as one draw of their sum, for a rate too high to draw each contract.
  double wins_as_sum(const CompiledOrders& orders, double rate);
  /// The month's count of contracts won, then one uniform per contract for its size.
  int contracts(double rate);
  double size_uniform() { return stream_.uniform(); }
  /// Books the month's wins; returns its revenue and steps the rate (see step_order_books).
  double book(const CompiledOrders& orders, int m, double won, double growth_shift,
              double sector_shock, double company_shock);

  RandomStream stream_{0, 0, Substream::orders};
  double backlog_per_month_ = 0;
  double log_rate_ = 0;      ///< ln of the monthly order rate
  double rate_drift_ = 0;    ///< ln(1 + rate_growth) / 12
  std::vector<double> won_;  ///< order value won in each of the last delivery_months months
};

}  // namespace breakeven
