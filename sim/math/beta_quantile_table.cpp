// SPDX-License-Identifier: MIT
#include "breakeven/math/beta_quantile_table.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <boost/math/special_functions/beta.hpp>

#include "fast_policy.hpp"

namespace breakeven {
namespace {

constexpr double kTableTolerance = 1e-13;  // absolute, on [0, 1]

/// The Chebyshev series c[0 .. terms - 1] on [0, 1] (in y = 2t - 1), by Clenshaw's recurrence.
double chebyshev(const double* c, std::size_t terms, double t) {
  const double y = 2 * t - 1;
  double b1 = 0, b2 = 0;
  for (std::size_t k = terms; k-- > 1;) {
    const double b0 = 2 * y * b1 - b2 + c[k];
    b2 = b1;
    b1 = b0;
  }
  return y * b1 - b2 + c[0];
}

/// Two Chebyshev series of `terms` coefficients each (the shorter one padded with zeros at the
/// top), evaluated side by side at n places: place j takes series `second` where in_second[j],
/// else `first`. Each recurrence is serial, so one alone waits on every step's latency; all the
/// places step together, whichever series they follow. The same operations as chebyshev() per
/// place: a zero coefficient above a series' own top leaves b1 = b2 = +0, exactly as chebyshev()
/// starts.
void chebyshev_side_by_side(const double* first, const double* second, std::size_t terms,
                            const bool* in_second, const double* t, std::size_t n, double* out) {
  // In blocks of a fixed width, so that the compiler turns each step into packed operations; a
  // block's unused places run on y = 0 and are dropped.
  constexpr std::size_t kBlock = 8;
  for (std::size_t from = 0; from < n; from += kBlock) {
    const std::size_t count = std::min(kBlock, n - from);
    std::array<double, kBlock> y{}, b1{}, b2{};
    std::array<std::uint64_t, kBlock> pick_second{};  // all ones: the place follows `second`
    for (std::size_t j = 0; j < count; ++j) {
      y[j] = 2 * t[from + j] - 1;
      pick_second[j] = in_second[from + j] ? ~std::uint64_t{0} : 0;
    }
    for (std::size_t k = terms; k-- > 1;) {
      const auto c_first = std::bit_cast<std::uint64_t>(first[k]);
      const auto c_second = std::bit_cast<std::uint64_t>(second[k]);
      for (std::size_t j = 0; j < kBlock; ++j) {
        // A select by bit mask rather than a branch or a conditional load, so that the step
        // stays one packed operation per pair of places.
        const double c =
            std::bit_cast<double>((c_second & pick_second[j]) | (c_first & ~pick_second[j]));
        const double b0 = 2 * y[j] * b1[j] - b2[j] + c;
        b2[j] = b1[j];
        b1[j] = b0;
      }
    }
    for (std::size_t j = 0; j < count; ++j) {
      const double c0 = in_second[from + j] ? second[0] : first[0];
      out[from + j] = y[j] * b1[j] - b2[j] + c0;
    }
  }
}

/// Chebyshev coefficients of g on [0, 1] from n nodes, without the trailing ones below 1e-16
/// (they would only cost time).
template <class G>
std::vector<double> chebyshev_fit(G&& g, int n) {
  constexpr double kPi = 3.14159265358979323846;
  std::vector<double> values(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k)
    values[static_cast<std::size_t>(k)] = g(0.5 * (1 + std::cos(kPi * (k + 0.5) / n)));
  std::vector<double> c(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j) {
    double sum = 0;
    for (int k = 0; k < n; ++k)
      sum += values[static_cast<std::size_t>(k)] * std::cos(kPi * j * (k + 0.5) / n);
    c[static_cast<std::size_t>(j)] = (j == 0 ? 1.0 : 2.0) * sum / n;
  }
  while (c.size() > 1 && std::abs(c.back()) < 1e-16) c.pop_back();
  return c;
}

}  // namespace

double QuantileTable::operator()(double u) const {
  if (u <= 0.5)
    return std::clamp(chebyshev(lower.data(), lower_terms, std::pow(2 * u, inv_alpha)), 0.0, 1.0);
  return std::clamp(1 - chebyshev(upper.data(), upper_terms, std::pow(2 * (1 - u), inv_beta)), 0.0,
                    1.0);
}

void QuantileTable::many(const double* u, double* q, std::size_t n) const {
  std::array<double, kMaxSideBySide> t{}, series{};
  std::array<bool, kMaxSideBySide> in_upper{};
  for (std::size_t i = 0; i < n; ++i) {
    in_upper[i] = !(u[i] <= 0.5);
    t[i] = in_upper[i] ? std::pow(2 * (1 - u[i]), inv_beta) : std::pow(2 * u[i], inv_alpha);
  }
  chebyshev_side_by_side(lower.data(), upper.data(), lower.size(), in_upper.data(), t.data(), n,
                         series.data());
  for (std::size_t i = 0; i < n; ++i)
    q[i] = std::clamp(in_upper[i] ? 1 - series[i] : series[i], 0.0, 1.0);
}

std::shared_ptr<const QuantileTable> make_beta_table(double alpha, double beta) {
  const FastPolicy pol;
  // ibeta_inv(beta, alpha, q) is 1 - x for the x with upper tail q: symmetric and exact near 1.
  const auto lower_g = [&](double t) {
    return boost::math::ibeta_inv(alpha, beta, 0.5 * std::pow(t, alpha), pol);
  };
  const auto upper_g = [&](double s) {
    return boost::math::ibeta_inv(beta, alpha, 0.5 * std::pow(s, beta), pol);
  };
  for (int n : {40, 80}) {
    std::vector<double> lower = chebyshev_fit(lower_g, n), upper = chebyshev_fit(upper_g, n);
    // Check halfway between the nodes' t (and at the ends), where the interpolation error peaks.
    bool ok = true;
    for (int k = -1; k <= n && ok; ++k) {
      const double t = std::clamp((k + 0.37) / n, 0.0, 1.0);
      ok = std::abs(chebyshev(lower.data(), lower.size(), t) - lower_g(t)) <= kTableTolerance &&
           std::abs(chebyshev(upper.data(), upper.size(), t) - upper_g(t)) <= kTableTolerance;
    }
    if (!ok) continue;
    auto table = std::make_shared<QuantileTable>();
    table->inv_alpha = 1 / alpha;
    table->inv_beta = 1 / beta;
    table->lower_terms = lower.size();
    table->upper_terms = upper.size();
    // One length for both, so that many() steps every place together (see
    // chebyshev_side_by_side: the zeros on top change no value).
    const std::size_t terms = std::max(lower.size(), upper.size());
    lower.resize(terms, 0.0);
    upper.resize(terms, 0.0);
    table->lower = std::move(lower);
    table->upper = std::move(upper);
    return table;
  }
  return nullptr;
}

}  // namespace breakeven
