// SPDX-License-Identifier: MIT
#include "breakeven/report/joint_table.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
// One glyph per count k, lightest for none; counts beyond four reuse the darkest.
constexpr std::array<std::string_view, 5> kGlyphs{"·", "░", "▒", "▓", "█"};
constexpr int kBarColumns = 30;

std::string_view glyph(std::size_t k) {
  return kGlyphs[std::min(k, kGlyphs.size() - 1)];
}

std::string bold(bool color, const std::string& text) {
  return color ? fmt::format("{}{}{}", kBold, text, kReset) : text;
}

/// The shares of one year as a bar of kBarColumns columns, segment k drawn with glyph(k). Column
/// boundaries are rounded cumulative shares, so the segments always fill the bar exactly.
std::string stacked_bar(const CountRow& row) {
  std::string bar;
  double cumulative = 0;
  int drawn = 0;
  for (std::size_t k = 0; k < row.p.size(); ++k) {
    cumulative += row.p[k].p;
    const int end = std::min(kBarColumns, static_cast<int>(std::lround(cumulative * kBarColumns)));
    for (; drawn < end; ++drawn) bar += glyph(k);
  }
  for (; drawn < kBarColumns; ++drawn) bar += glyph(row.p.size() - 1);
  return bar;
}

std::string count_section(const JointResult& joint) {
  const std::size_t n = joint.scenarios.size();
  std::string out = "  How many have broken even by the end of each year (share of paths):\n";
  out += "  " + pad_to_width("year", 6) + pad_to_width("", kBarColumns + 2);
  for (std::size_t k = 0; k <= n; ++k)
    out += pad_to_width(fmt::format("{} {}", glyph(k), k), 9, true);
  out += "\n";
  for (const CountRow& row : joint.breakeven_count) {
    out += "  " + pad_to_width(row.year, 6) + stacked_bar(row) + "  ";
    for (const Estimate& e : row.p) out += pad_to_width(format_percent(e.p), 9, true);
    out += "\n";
  }
  return out;
}

std::string pair_section(const JointResult& joint) {
  int width = 1;
  for (const PairResult& pair : joint.pairs)
    width = std::max({width, display_width(pair.a), display_width(pair.b)});
  std::string out = "  Who breaks even first (end months of the break-even periods compared):\n";
  out += "  " + pad_to_width("A", width + 2) + pad_to_width("B", width + 2) +
         pad_to_width("A first", 9, true) + pad_to_width("B first", 9, true) +
         pad_to_width("same month", 12, true) + pad_to_width("neither", 9, true) + "\n";
  for (const PairResult& pair : joint.pairs)
    out += "  " + pad_to_width(pair.a, width + 2) + pad_to_width(pair.b, width + 2) +
           pad_to_width(format_percent(pair.a_first.p), 9, true) +
           pad_to_width(format_percent(pair.b_first.p), 9, true) +
           pad_to_width(format_percent(pair.same_month.p), 12, true) +
           pad_to_width(format_percent(pair.neither.p), 9, true) + "\n";
  return out;
}

}  // namespace

std::string render_joint_table(const JointResult& joint, const TerminalStyle& style) {
  std::string out =
      bold(style.color, fmt::format("Joint results · {} companies", joint.scenarios.size()));
  out += " · sector shocks shared by calendar month\n";
  out += count_section(joint);
  if (joint.all_by_target && joint.none_by_target)
    out += fmt::format(
        "  Every company by its own target: {} ± {} · none: {} ± {}\n",
        format_percent(joint.all_by_target->p), format_se_points(joint.all_by_target->se),
        format_percent(joint.none_by_target->p), format_se_points(joint.none_by_target->se));
  out += pair_section(joint);
  return out;
}

}  // namespace breakeven
