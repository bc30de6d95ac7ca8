// SPDX-License-Identifier: MIT
#include "breakeven/analysis/path_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace breakeven {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ95 = 1.959963984540054;  // two-sided 95 % normal quantile

}  // namespace

std::vector<double> midranks(const std::vector<double>& values) {
  const std::size_t n = values.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&values](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(n);
  for (std::size_t first = 0; first < n;) {
    std::size_t last = first + 1;
    while (last < n && values[order[last]] == values[order[first]]) ++last;
    // Ranks first+1 .. last share their mean.
    const double rank = 0.5 * static_cast<double>(first + 1 + last);
    for (std::size_t i = first; i < last; ++i) ranks[order[i]] = rank;
    first = last;
  }
  return ranks;
}

RankCorrelation spearman(const std::vector<double>& ranks_x, const std::vector<double>& ranks_y) {
  const std::size_t n = std::min(ranks_x.size(), ranks_y.size());
  // Midranks of n values always average (n + 1) / 2, ties or not.
  const double centre = 0.5 * static_cast<double>(n + 1);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = ranks_x[i] - centre, dy = ranks_y[i] - centre;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  RankCorrelation result;
  if (sxx <= 0 || syy <= 0) return {kNaN, kNaN};
  result.rho = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
  result.se =
      n > 3 ? (1 - result.rho * result.rho) * std::sqrt(1.06 / static_cast<double>(n - 3)) : kNaN;
  return result;
}

double median(std::vector<double> values) {
  if (values.empty()) return kNaN;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return 0.5 * (lower + upper);
}

MeanSd mean_sd(const std::vector<double>& values) {
  MeanSd result;
  if (values.empty()) return {kNaN, kNaN};
  for (double v : values) result.mean += v;
  result.mean /= static_cast<double>(values.size());
  if (values.size() < 2) return result;
  double squares = 0;
  for (double v : values) squares += (v - result.mean) * (v - result.mean);
  result.sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  return result;
}

PairedDifference paired_difference(const std::vector<std::uint8_t>& base,
                                   const std::vector<std::uint8_t>& point) {
  const std::size_t n = std::min(base.size(), point.size());
  PairedDifference result;
  if (n == 0) return {kNaN, kNaN, kNaN, kNaN, kNaN};
  // The per-path difference is -1, 0 or +1: counts of each give its mean and variance exactly.
  std::uint64_t base_hits = 0, point_hits = 0, gained = 0, lost = 0;
  for (std::size_t i = 0; i < n; ++i) {
    base_hits += base[i];
    point_hits += point[i];
    gained += point[i] > base[i] ? 1u : 0u;
    lost += point[i] < base[i] ? 1u : 0u;
  }
  const double count = static_cast<double>(n);
  const double pa = static_cast<double>(base_hits) / count;
  const double pb = static_cast<double>(point_hits) / count;
  result.diff = pb - pa;
  const double mean_square = static_cast<double>(gained + lost) / count;
  const double variance = std::max(0.0, mean_square - result.diff * result.diff);
  const double paired_se = std::sqrt(variance / count);
  result.lo = result.diff - kZ95 * paired_se;
  result.hi = result.diff + kZ95 * paired_se;
  const double unpaired_se = std::sqrt((pa * (1 - pa) + pb * (1 - pb)) / count);
  result.unpaired_lo = result.diff - kZ95 * unpaired_se;
  result.unpaired_hi = result.diff + kZ95 * unpaired_se;
  return result;
}

}  // namespace breakeven
