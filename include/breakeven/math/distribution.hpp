// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breakeven {

class RandomStream;
struct QuantileTable;

enum class DistKind { constant, normal, lognormal, uniform, triangular, pert, beta, discrete };

/// A (P) parameter: a constant or one of the spec's distributions, with every field already in
/// the scenario's money unit. Sampling is by inverse CDF of one uniform, so a Gaussian copula
/// (correlations) only has to supply that uniform, and `truncate` narrows it to
/// [F(lo), F(hi)].
struct Distribution {
  DistKind kind = DistKind::constant;
  double value = 0;                   ///< constant
  double mean = 0, sd = 0;            ///< normal
  double mu = 0, sigma = 0;           ///< lognormal: log of the median, sd of the log
  double min = 0, mode = 0, max = 0;  ///< uniform / triangular / pert; beta's scale (0..1 default)
  double alpha = 0, beta = 0;         ///< beta (pert stores its derived alpha, beta here too)
  std::vector<double> values;         ///< discrete support, sorted ascending by make_discrete
  std::vector<double> weights;        ///< discrete weights, normalised to sum 1
  std::optional<double> truncate_lo, truncate_hi;
  /// Precomputed inverse CDF that the beta and PERT factories attach (Boost's ibeta_inv costs
  /// microseconds per call; the table answers in ~0.1 us to ~1e-13 of the range). Null means
  /// quantile() works from the fields; it goes stale if alpha or beta are edited afterwards.
  std::shared_ptr<const QuantileTable> quantile_table;

  static Distribution constant_value(double v);
  static Distribution make_normal(double mean, double sd);
  /// From a 90 % interval: mean = (p05 + p95) / 2, sd = (p95 - p05) / (2 * 1.6449).
  static Distribution make_normal_interval(double p05, double p95);
  static Distribution make_lognormal(double median, double sigma);
  /// From a 90 % interval: mu = (ln p05 + ln p95) / 2, sigma = (ln p95 - ln p05) / (2 * 1.6449).
  static Distribution make_lognormal_interval(double p05, double p95);
  static Distribution make_uniform(double min, double max);
  static Distribution make_triangular(double min, double mode, double max);
  /// Beta-PERT with lambda = 4: alpha = 1 + 4 (mode - min) / (max - min), beta likewise.
  static Distribution make_pert(double min, double mode, double max);
  static Distribution make_beta(double alpha, double beta, double min = 0, double max = 1);
  /// Weights need not sum to 1; they are normalised.
  static Distribution make_discrete(std::vector<double> values, std::vector<double> weights);
  /// A copy restricted to [lo, hi], sampled by inverse CDF within the bounds.
  Distribution truncated(double lo, double hi) const;
  bool is_constant() const { return kind == DistKind::constant; }

  /// Inverse CDF at u in (0, 1), honouring truncation.
  double quantile(double u) const;
  /// quantile() of u[0 .. n - 1] into x, with exactly its results: the Chebyshev tables of beta
  /// and PERT evaluate the n series side by side, which hides the latency of each one's serial
  /// recurrence (a block of paths draws a parameter together), and untruncated normals and
  /// lognormals their Φ⁻¹ (a month's contracts draw their sizes together).
  void quantiles(const double* u, double* x, std::size_t n) const;
  /// CDF at x (untruncated), used to map truncation bounds to probabilities.
  double cdf(double x) const;
  /// One draw: inverse CDF of one uniform from `stream`.
  double sample(RandomStream& stream) const;
  /// Theoretical mean and sd of the (truncated) distribution, for reports and tests.
  double expected_value() const;
  /// Short human description, e.g. "pert(0.4, 0.55, 0.65)".
  std::string describe() const;
  /// The same with every quantity in the parameter's own unit written by `in_unit` ("35 %",
  /// "9.5 亿"); shape parameters (sigma, alpha, beta, weights) stay plain numbers.
  std::string describe(const std::function<std::string(double)>& in_unit) const;
};

}  // namespace breakeven
