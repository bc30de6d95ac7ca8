// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace breakeven {

class RandomStream;

enum class DistKind { constant, normal, lognormal, uniform, triangular, pert, beta, discrete };

/// A (P) parameter: a constant or one of the spec's distributions, with every field already in
/// the scenario's money unit. Sampling is by inverse CDF of one uniform, so a Gaussian copula
/// (correlations) only has to supply that uniform, and `truncate` narrows it to
/// [F(lo), F(hi)].
struct Distribution {
  DistKind kind = DistKind::constant;
  double value = 0;             ///< constant
  double mean = 0, sd = 0;      ///< normal
  double mu = 0, sigma = 0;     ///< lognormal: log of the median, sd of the log
  double min = 0, mode = 0, max = 0;  ///< uniform / triangular / pert; beta's scale (0..1 default)
  double alpha = 0, beta = 0;   ///< beta (pert stores its derived alpha, beta here too)
  std::vector<double> values;   ///< discrete support, as given
  std::vector<double> weights;  ///< discrete weights, normalised to sum 1
  std::optional<double> truncate_lo, truncate_hi;

  static Distribution constant_value(double v);
  bool is_constant() const { return kind == DistKind::constant; }

  /// Inverse CDF at u in (0, 1), honouring truncation.
  double quantile(double u) const;
  /// CDF at x (untruncated), used to map truncation bounds to probabilities.
  double cdf(double x) const;
  /// One draw: inverse CDF of one uniform from `stream`.
  double sample(RandomStream& stream) const;
  /// Theoretical mean and sd of the (truncated) distribution, for reports and tests.
  double expected_value() const;
  /// Short human description, e.g. "pert(0.4, 0.55, 0.65)".
  std::string describe() const;
};

}  // namespace breakeven
