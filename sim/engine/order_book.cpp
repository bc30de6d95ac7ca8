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
// Contracts whose sizes are drawn together (a month's count is Poisson, mostly a few).
constexpr int kSizesAtOnce = 16;

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

double OrderBook::step(const CompiledOrders& orders, int m, double rate, double growth_shift,
                       double sector_shock, double company_shock) {
  double won = 0;
  if (rate > kOrdersDrawnOneByOne) {
    // So many contracts that drawing each would stall the run (a growth milestone can multiply
    // the rate a thousandfold): the month's wins are a compound-Poisson sum, normal to within
    // about 1/sqrt(rate), so draw that sum from its mean and variance.
    const double spread = std::sqrt(rate * orders.size_second_moment);
    won = std::max(0.0, rate * orders.size_mean + spread * stream_.normal());
  } else if (rate > 0) {
    const int count = boost::random::poisson_distribution<int, double>(rate)(stream_);
    // What orders.size.sample() would give each contract in turn: its uniforms in the same order,
    // their quantiles by Distribution::quantiles (the same values, computed side by side) and
    // the sum in the same order.
    std::array<double, kSizesAtOnce> u, size;
    for (int from = 0; from < count; from += kSizesAtOnce) {
      const auto n = static_cast<std::size_t>(std::min(kSizesAtOnce, count - from));
      for (std::size_t k = 0; k < n; ++k) u[k] = stream_.uniform();
      orders.size.quantiles(u.data(), size.data(), n);
      for (std::size_t k = 0; k < n; ++k) won += size[k];
    }
  }
  // A ring of the last delivery_months months' wins: this month's replaces the one that finished.
  won_[static_cast<std::size_t>(m % orders.delivery_months)] = won;
  double delivering = 0;
  for (double amount : won_) delivering += amount;
  const double backlog = m < orders.backlog_months ? backlog_per_month_ : 0.0;
  log_rate_ += rate_drift_ + growth_shift / 12.0 + orders.sector_vol * sector_shock +
               orders.company_vol * company_shock;
  return backlog + delivering / orders.delivery_months;
}

}  // namespace breakeven
