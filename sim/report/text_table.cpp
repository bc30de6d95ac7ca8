// SPDX-License-Identifier: MIT
#include "text_table.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "breakeven/report/text_format.hpp"

namespace breakeven::text {
namespace {

int point_decimals(double points) {
  return std::abs(points) < 1 ? 2 : 1;
}

}  // namespace

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> left_aligned)
    : left_(std::move(left_aligned)) {
  left_.resize(header.size(), false);
  left_[0] = true;
  rows_.push_back(std::move(header));
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(rows_.front().size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render(const std::string& indent) const {
  std::vector<int> widths(rows_.front().size(), 0);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  std::string out;
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    std::string line = indent;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      if (c > 0) line += "  ";
      line += pad_to_width(rows_[r][c], widths[c], !left_[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
    if (r == 0) {
      int total = 0;
      for (int w : widths) total += w;
      std::string rule;
      for (int i = 0; i < total + 2 * static_cast<int>(widths.size() - 1); ++i) rule += "─";
      out += indent + rule + '\n';
    }
  }
  return out;
}

std::string signed_points(double difference) {
  if (!std::isfinite(difference)) return "–";
  const double points = difference * 100;
  std::string text = fmt::format("{:+.{}f} pp", points, point_decimals(points));
  if (text.rfind("-0.00 ", 0) == 0) text[0] = '+';
  return text;
}

std::string points_interval(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "–";
  const int decimals = point_decimals(std::max(std::abs(lo), std::abs(hi)) * 100);
  return fmt::format("[{:+.{}f}, {:+.{}f}]", lo * 100, decimals, hi * 100, decimals);
}

}  // namespace breakeven::text
