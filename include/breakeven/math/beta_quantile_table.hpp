// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace breakeven {

/// The inverse CDF of a beta(alpha, beta) on [0, 1], as two Chebyshev series. Near u = 0 the
/// quantile behaves like u^(1/alpha), which no polynomial follows; in t = (2u)^(1/alpha) it is
/// analytic (a power series in t), so the lower half u <= 1/2 is a series in t and the upper half
/// one in s = (2(1 - u))^(1/beta) for 1 - x. Built once per distribution from Boost's ibeta_inv
/// and checked against it between the nodes (make_beta_table).
struct QuantileTable {
  double inv_alpha = 1, inv_beta = 1;
  /// The two series' coefficients, the shorter padded with zeros at the top to the longer's
  /// length; lower_terms and upper_terms are their own lengths, where one value alone starts.
  std::vector<double> lower, upper;
  std::size_t lower_terms = 0, upper_terms = 0;

  double operator()(double u) const;
  /// operator() of u[0 .. n - 1] (n <= kMaxSideBySide) into q, the same values.
  void many(const double* u, double* q, std::size_t n) const;

  static constexpr std::size_t kMaxSideBySide = 16;
};

/// The table of beta(alpha, beta)'s inverse CDF, to within 1e-13 of Boost's ibeta_inv; null if a
/// shape is too extreme for the series to reach that, and then quantile() calls Boost directly.
std::shared_ptr<const QuantileTable> make_beta_table(double alpha, double beta);

}  // namespace breakeven
