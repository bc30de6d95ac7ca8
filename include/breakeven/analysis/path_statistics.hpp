// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace breakeven {

/// Ranks 1..n of `values`, ties sharing the mean of the ranks they span (midranks), as Spearman's
/// coefficient with ties needs. Deterministic: a stable sort of the indices.
std::vector<double> midranks(const std::vector<double>& values);

/// A rank correlation with its standard error. `rho` is NaN when either variable is constant on
/// every path (no ranking to correlate), `se` when there are fewer than four paths.
struct RankCorrelation {
  double rho = 0;
  double se = 0;
};

/// Spearman's coefficient from the midranks of two variables over the same paths: the Pearson
/// correlation of the ranks. Its standard error is the delta-method image of Fieller, Hartley
/// and Pearson's variance 1.06 / (n - 3) of Fisher's z = atanh(rho): (1 - rho^2) sqrt(1.06 / (n -
/// 3)).
RankCorrelation spearman(const std::vector<double>& ranks_x, const std::vector<double>& ranks_y);

/// The median of `values` (the mean of the two middle ones for an even count); NaN when empty.
double median(std::vector<double> values);

/// Mean and sample standard deviation (n - 1); sd is 0 for fewer than two values.
struct MeanSd {
  double mean = 0;
  double sd = 0;
};
MeanSd mean_sd(const std::vector<double>& values);

/// A difference between two probabilities estimated on the same paths, with the 95 % interval
/// from the per-path differences (paired) beside the one two independent runs of the same size
/// would have had (unpaired: sqrt(se_a^2 + se_b^2)).
struct PairedDifference {
  double diff = 0;
  double lo = 0, hi = 0;                    ///< paired 95 % interval
  double unpaired_lo = 0, unpaired_hi = 0;  ///< unpaired 95 % interval
};

/// `point` minus `base`, each a 0/1 indicator per path (same path index in both). Computed from
/// integer counts, so it does not depend on the order in which paths were simulated.
PairedDifference paired_difference(const std::vector<std::uint8_t>& base,
                                   const std::vector<std::uint8_t>& point);

}  // namespace breakeven
