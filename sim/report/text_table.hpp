// SPDX-License-Identifier: MIT
#pragma once

// Internal to the terminal reports of sweeps and sensitivity: an aligned text table and the
// signed percentage-point text both use.

#include <string>
#include <vector>

namespace breakeven::text {

/// Columns padded to their widest cell (display width, so 亿 counts 2), two spaces apart; the
/// first column left-aligned, the others right-aligned unless marked.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> left_aligned = {});
  void add_row(std::vector<std::string> cells);
  /// Rows added so far, the header not counted.
  std::size_t size() const { return rows_.size() - 1; }
  /// Every line with `indent` in front, the header underlined, each line ending in '\n'.
  std::string render(const std::string& indent = "  ") const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> left_;
};

/// A signed difference of two probabilities in percentage points: "+1.2 pp", "-0.35 pp"
/// (two decimals below one point); "–" when not finite.
std::string signed_points(double difference);

/// A 95 % interval in points: "[-3.1, -2.8]".
std::string points_interval(double lo, double hi);

}  // namespace breakeven::text
