// SPDX-License-Identifier: MIT
#include "breakeven/engine/order_book.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include <boost/random/poisson_distribution.hpp>

namespace breakeven {
namespace {

// Above this many expected contracts a month, a month's wins are drawn as one sum.
constexpr double kOrdersDrawnOneByOne = 1000;
// Contracts sized at once: a group's month holds a few per lane.
constexpr std::size_t kSizesAtOnce = 32;

}  // namespace

void OrderBook::start(const CompiledOrders& orders, std::uint64_t seed, std::uint64_t path,
                      std::uint64_t company_key, const std::vector<double>& draws) {
  stream_ = RandomStream(seed, path, Substream::orders, company_key);
  backlog_per_month_ = draws[static_cast<std::size_t>(orders.backlog_slot)] / orders.backlog_months;
  const double rate = draws[static_cast<std::size_t>(orders.rate_slot)] / 12.0;
  log_rate_ = rate > 0 ? std::log(rate) : -INFINITY;
  rate_drift_ = std::log1p(draws[static_cast<std::size_t>(orders.growth_slot)]) / 12.0;
  won_.assign(static_cast<std::size_t>(orders.delivery_months), 0.0);
}

double OrderBook::monthly_rate() const {
  return std::exp(log_rate_);
}

double OrderBook::wins_as_sum(const CompiledOrders& orders, double rate) {
  // So many contracts that drawing each would stall the run (a growth milestone can multiply the
  // rate a thousandfold): the month's wins are a compound-Poisson sum, normal to within about
  // 1/sqrt(rate), so draw that sum from its mean and variance.
  const double spread = std::sqrt(rate * orders.size_second_moment);
  return std::max(0.0, rate * orders.size_mean + spread * stream_.normal());
}

int OrderBook::contracts(double rate) {
  return boost::random::poisson_distribution<int, double>(rate)(stream_);
}

double OrderBook::book(const CompiledOrders& orders, int m, double won, double growth_shift,
                       double sector_shock, double company_shock) {
  // A ring of the last delivery_months months' wins: this month's replaces the one that finished.
  won_[static_cast<std::size_t>(m % orders.delivery_months)] = won;
  double delivering = 0;
  for (double amount : won_) delivering += amount;
  const double backlog = m < orders.backlog_months ? backlog_per_month_ : 0.0;
  log_rate_ += rate_drift_ + growth_shift / 12.0 + orders.sector_vol * sector_shock +
               orders.company_vol * company_shock;
  return backlog + delivering / orders.delivery_months;
}

void step_order_books(const CompiledOrders& orders, int m, std::size_t n, OrderBook* const* books,
                      const double* rate, const double* growth_shift, const double* sector_shock,
                      const double* company_shock, double* booked) {
  // The lanes' contracts go into one buffer, lane after lane and each lane's in the order its
  // stream draws them; a full buffer is sized at once by Distribution::quantiles (the values
  // orders.size.sample() would give), and each size is added to its own lane's wins, in order.
  // booked[l] holds lane l's wins until its book takes them.
  std::array<double, kSizesAtOnce> u, size;
  std::array<std::size_t, kSizesAtOnce> lane_of;
  std::size_t filled = 0;
  const auto size_contracts = [&] {
    orders.size.quantiles(u.data(), size.data(), filled);
    for (std::size_t k = 0; k < filled; ++k) booked[lane_of[k]] += size[k];
    filled = 0;
  };
  for (std::size_t l = 0; l < n; ++l) {
    booked[l] = 0;
    if (rate[l] > kOrdersDrawnOneByOne) {
      booked[l] = books[l]->wins_as_sum(orders, rate[l]);
    } else if (rate[l] > 0) {
      for (int count = books[l]->contracts(rate[l]); count > 0; --count) {
        if (filled == u.size()) size_contracts();
        u[filled] = books[l]->size_uniform();
        lane_of[filled++] = l;
      }
    }
  }
  size_contracts();
  for (std::size_t l = 0; l < n; ++l)
    booked[l] =
        books[l]->book(orders, m, booked[l], growth_shift[l], sector_shock[l], company_shock[l]);
}

}  // namespace breakeven
