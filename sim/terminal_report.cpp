// SPDX-License-Identifier: MIT
#include "breakeven/terminal_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace breakeven {
namespace {

struct CodeRange {
  char32_t first, last;
};

// East Asian Width W and F (Unicode 15, coalesced): what terminals draw two columns wide.
constexpr std::array kWide{
    CodeRange{0x1100, 0x115F},   CodeRange{0x231A, 0x231B},   CodeRange{0x2329, 0x232A},
    CodeRange{0x23E9, 0x23EC},   CodeRange{0x2E80, 0x303E},   CodeRange{0x3041, 0x33FF},
    CodeRange{0x3400, 0x4DBF},   CodeRange{0x4E00, 0x9FFF},   CodeRange{0xA000, 0xA4CF},
    CodeRange{0xA960, 0xA97F},   CodeRange{0xAC00, 0xD7A3},   CodeRange{0xF900, 0xFAFF},
    CodeRange{0xFE10, 0xFE19},   CodeRange{0xFE30, 0xFE6F},   CodeRange{0xFF00, 0xFF60},
    CodeRange{0xFFE0, 0xFFE6},   CodeRange{0x1F300, 0x1F64F}, CodeRange{0x1F900, 0x1F9FF},
    CodeRange{0x20000, 0x2FFFD}, CodeRange{0x30000, 0x3FFFD},
};

// Combining marks, zero-width spaces/joiners and variation selectors take no column.
constexpr std::array kZero{
    CodeRange{0x0300, 0x036F}, CodeRange{0x0483, 0x0489},   CodeRange{0x0591, 0x05BD},
    CodeRange{0x200B, 0x200F}, CodeRange{0x20D0, 0x20FF},   CodeRange{0xFE00, 0xFE0F},
    CodeRange{0xFE20, 0xFE2F}, CodeRange{0xE0100, 0xE01EF},
};

template <std::size_t N>
bool in_ranges(char32_t c, const std::array<CodeRange, N>& ranges) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [c](const CodeRange& r) { return c >= r.first && c <= r.last; });
}

int code_point_width(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if (in_ranges(c, kZero)) return 0;
  if (in_ranges(c, kWide)) return 2;
  return 1;
}

// Eighths of a column, from one eighth (▏) to seven (▉).
constexpr std::array<std::string_view, 7> kPartialBlocks{"▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr std::string_view kFullBlock = "█";

namespace ansi {
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kReset = "\x1b[0m";
}  // namespace ansi

// Colour is applied after padding, so escape sequences never disturb the width arithmetic.
class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    if (!color_ || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", code, text, ansi::kReset);
  }

 private:
  bool color_;
};

std::string group_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i % 3) == lead % 3) out += ',';
    out += digits[i];
  }
  return out;
}

std::string money_label(const ScenarioResult& result) {
  std::string unit = result.money_unit == "1" ? std::string() : result.money_unit;
  if (!result.currency.empty()) unit += unit.empty() ? result.currency : " " + result.currency;
  return unit;
}

std::string with_unit(const std::string& title, const std::string& unit) {
  return unit.empty() ? title : fmt::format("{} ({})", title, unit);
}

double largest_magnitude(std::initializer_list<double> values) {
  double largest = 0;
  for (const double v : values)
    if (std::isfinite(v)) largest = std::max(largest, std::fabs(v));
  return largest;
}

struct HistogramRow {
  std::string label;
  double p;
  std::string cumulative;  ///< empty for the rows outside the period sequence
  std::string_view color;
};

void render_histogram(std::string& out, const std::vector<HistogramRow>& rows,
                      const TerminalStyle& style, const Painter& paint) {
  int label_width = display_width("period");
  double largest = 0;
  for (const auto& row : rows) {
    label_width = std::max(label_width, display_width(row.label));
    largest = std::max(largest, row.p);
  }
  const int bar_width = std::max(style.bar_width, 1);
  out += fmt::format("  {}  {}  {:>7}  {:>7}\n", pad_to_width("period", label_width),
                     std::string(static_cast<std::size_t>(bar_width), ' '), "p", "cum.");
  for (const auto& row : rows) {
    int eighths = 0;
    if (largest > 0 && row.p > 0) {
      eighths = static_cast<int>(std::lround(row.p / largest * bar_width * 8));
      // A period with any break-even at all stays visible, however small.
      eighths = std::max(eighths, 1);
    }
    const std::string bar = eighth_block_bar(eighths);
    const std::string padding(static_cast<std::size_t>(bar_width - display_width(bar)), ' ');
    out += fmt::format("  {}  {}{}  {:>7}  {:>7}\n", pad_to_width(row.label, label_width),
                       paint(row.color, bar), padding, format_percent(row.p), row.cumulative);
  }
}

void render_breakeven(std::string& out, const ScenarioResult& result, const TerminalStyle& style,
                      const Painter& paint) {
  const BreakevenResult& be = result.breakeven;
  out += fmt::format("Break-even: {} > 0 per {}\n", readable_name(be.metric),
                     readable_name(be.period));
  std::string headline;
  if (be.target && be.by_target) {
    headline = fmt::format("P(break-even by {}) = {} ± {}", *be.target,
                           format_percent(be.by_target->p), format_se_points(be.by_target->se));
  } else {
    // Without a target the natural claim is "at all within the horizon".
    const double p = std::clamp(1 - be.not_within_horizon.p - be.cash_out_first.p, 0.0, 1.0);
    const double n = static_cast<double>(std::max<std::int64_t>(result.paths, 1));
    headline = fmt::format("P(break-even within the horizon) = {} ± {}", format_percent(p),
                           format_se_points(std::sqrt(p * (1 - p) / n)));
  }
  out += fmt::format("  {}\n\n", paint(ansi::kBold, headline));

  std::vector<HistogramRow> rows;
  rows.reserve(be.distribution.size() + 2);
  for (const auto& period : be.distribution)
    rows.push_back({period.period, period.p, format_percent(period.cumulative), ansi::kGreen});
  rows.push_back({"cash-out first", be.cash_out_first.p, "", ansi::kRed});
  rows.push_back({"not within horizon", be.not_within_horizon.p, "", ansi::kYellow});
  render_histogram(out, rows, style, paint);
  out += fmt::format("  quantiles: p10 {} · p50 {} · p90 {}\n\n", be.p10, be.p50, be.p90);
}

// Joins items into lines of at most `limit` display columns, each indented by two spaces.
void render_wrapped(std::string& out, const std::vector<std::string>& items, int limit) {
  std::string line;
  for (const auto& item : items) {
    if (!line.empty() && display_width(line) + 3 + display_width(item) > limit) {
      out += "  " + line + "\n";
      line.clear();
    }
    line += line.empty() ? item : " · " + item;
  }
  if (!line.empty()) out += "  " + line + "\n";
}

void render_cash_out(std::string& out, const ScenarioResult& result, const Painter& paint) {
  const CashOutResult& cash_out = result.cash_out;
  out += "Cash-out (funding policy included)\n";
  out += fmt::format("  P(cash-out by {}) = {} ± {}\n",
                     result.horizon.empty() ? "the horizon" : result.horizon,
                     paint(ansi::kRed, format_percent(cash_out.probability.p)),
                     format_se_points(cash_out.probability.se));
  std::vector<std::string> items;
  for (const auto& year : cash_out.by_year)
    items.push_back(fmt::format("{} {}", year.year, format_percent(year.estimate.p)));
  if (!items.empty()) render_wrapped(out, items, 78);
  out += "\n";
}

void render_runway(std::string& out, const ScenarioResult& result) {
  const RunwayResult& runway = result.runway;
  auto months = [&](int m) {
    // The track never fell below the minimum within the simulated months.
    return m >= runway.horizon_months ? fmt::format("beyond horizon ({}+ months)", m)
                                      : fmt::format("{} months", m);
  };
  out += "Standalone runway (no contingent raises)\n";
  out += fmt::format("  p10 {} · p50 {} · p90 {}\n", months(runway.p10), months(runway.p50),
                     months(runway.p90));
  out += fmt::format("  P(< 12 months) {} · P(< 24) {} · P(< 36) {} · beyond horizon {}\n\n",
                     format_percent(runway.lt12.p), format_percent(runway.lt24.p),
                     format_percent(runway.lt36.p), format_percent(runway.beyond_horizon.p));
}

void render_funding_need(std::string& out, const ScenarioResult& result) {
  const FundingNeedResult& need = result.funding_need;
  out += with_unit("Funding need until break-even", money_label(result)) + "\n";
  const int decimals =
      amount_decimals(largest_magnitude({need.mean, need.p50, need.p90, need.p95}));
  out += fmt::format("  mean {} · p50 {} · p90 {} · p95 {} · none needed {}\n\n",
                     format_amount(need.mean, decimals), format_amount(need.p50, decimals),
                     format_amount(need.p90, decimals), format_amount(need.p95, decimals),
                     format_percent(need.none.p));
}

void render_fans(std::string& out, const ScenarioResult& result) {
  const Fans& fans = result.fans;
  const std::size_t years =
      std::max({fans.revenue.size(), fans.net_income.size(), fans.cash.size()});
  if (years == 0) return;
  out += with_unit("By fiscal year, paths not cashed out: p05 / p50 / p95", money_label(result)) +
         "\n";

  // cells[row][column]: year, three quantiles per fan, alive share.
  const std::array<const std::vector<FanPoint>*, 3> series{&fans.revenue, &fans.net_income,
                                                           &fans.cash};
  // One precision per fan, so a column's decimal points line up. It follows the medians: a
  // far tail (p95 revenue of a boom path) should not cost the typical values their digits.
  std::array<int, 3> decimals{};
  for (std::size_t f = 0; f < 3; ++f) {
    double largest = 0;
    for (const auto& point : *series[f])
      largest = std::max(largest, largest_magnitude({point.p50}));
    decimals[f] = amount_decimals(largest);
  }
  std::vector<std::vector<std::string>> cells;
  for (std::size_t y = 0; y < years; ++y) {
    std::vector<std::string> row;
    std::string year;
    double alive = std::nan("");
    for (std::size_t f = 0; f < 3; ++f) {
      const auto* fan = series[f];
      if (y < fan->size()) {
        const FanPoint& point = (*fan)[y];
        // A year cut by the start or the horizon says so: its sums cover fewer months.
        year = point.months < 12 ? fmt::format("{} ({} mo)", point.year, point.months) : point.year;
        alive = point.alive;
        row.push_back(format_amount(point.p05, decimals[f]));
        row.push_back(format_amount(point.p50, decimals[f]));
        row.push_back(format_amount(point.p95, decimals[f]));
      } else {
        row.insert(row.end(), 3, "");
      }
    }
    row.insert(row.begin(), year);
    row.push_back(std::isfinite(alive) ? format_percent(alive) : "");
    cells.push_back(std::move(row));
  }
  const std::size_t columns = cells.front().size();
  std::vector<int> width(columns, 0);
  for (const auto& row : cells)
    for (std::size_t c = 0; c < columns; ++c) width[c] = std::max(width[c], display_width(row[c]));
  width[0] = std::max(width[0], display_width("year"));
  width[columns - 1] = std::max(width[columns - 1], display_width("alive"));

  // Each fan's header spans its three columns; widen the last one if the title is longer.
  const std::array<std::string_view, 3> titles{"revenue", "net income", "year-end cash"};
  for (std::size_t f = 0; f < 3; ++f) {
    const std::size_t first = 1 + 3 * f;
    const int span = width[first] + width[first + 1] + width[first + 2] + 2;
    if (span < display_width(titles[f])) width[first + 2] += display_width(titles[f]) - span;
  }
  std::string header = "  " + pad_to_width("year", width[0]);
  for (std::size_t f = 0; f < 3; ++f) {
    const std::size_t first = 1 + 3 * f;
    header +=
        "   " + pad_to_width(titles[f], width[first] + width[first + 1] + width[first + 2] + 2);
  }
  header += "   " + pad_to_width("alive", width[columns - 1], true);
  out += header + "\n";
  for (const auto& row : cells) {
    std::string line = "  " + pad_to_width(row[0], width[0]);
    for (std::size_t c = 1; c < columns; ++c) {
      const bool group_start = (c - 1) % 3 == 0;
      line += group_start ? "   " : " ";
      line += pad_to_width(row[c], width[c], true);
    }
    out += line + "\n";
  }
}

}  // namespace

int display_width(std::string_view utf8) {
  int width = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    std::size_t length = 1;
    char32_t c = byte;
    if (byte >= 0xF0 && byte < 0xF8) {
      length = 4;
      c = byte & 0x07u;
    } else if (byte >= 0xE0) {
      length = 3;
      c = byte & 0x0Fu;
    } else if (byte >= 0xC0) {
      length = 2;
      c = byte & 0x1Fu;
    }
    bool valid = byte < 0x80 || (byte >= 0xC0 && byte < 0xF8 && i + length <= utf8.size());
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      if ((next & 0xC0u) != 0x80u) valid = false;
      c = (c << 6) | (next & 0x3Fu);
    }
    if (!valid) {
      // A stray byte: most terminals print one replacement character for it.
      width += 1;
      i += 1;
      continue;
    }
    width += code_point_width(c);
    i += length;
  }
  return width;
}

std::string pad_to_width(std::string_view text, int width, bool right_align) {
  const int missing = width - display_width(text);
  if (missing <= 0) return std::string(text);
  const std::string padding(static_cast<std::size_t>(missing), ' ');
  return right_align ? padding + std::string(text) : std::string(text) + padding;
}

std::string eighth_block_bar(int eighths) {
  std::string bar;
  if (eighths <= 0) return bar;
  for (int i = 0; i < eighths / 8; ++i) bar += kFullBlock;
  if (eighths % 8 != 0) bar += kPartialBlocks[static_cast<std::size_t>(eighths % 8 - 1)];
  return bar;
}

int amount_decimals(double largest_magnitude) {
  if (!std::isfinite(largest_magnitude) || largest_magnitude >= 100) return 0;
  return largest_magnitude >= 10 ? 1 : 2;
}

std::string format_amount(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  decimals = std::clamp(decimals, 0, 6);
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string text;
  // "-0.00" says nothing a plain "0.00" does not.
  if (value < 0 && digits.find_first_not_of("0.") != std::string::npos) text += '-';
  // Thousands separators on the integer part once it is long enough to need them. Built by
  // appending: GCC 12 warns falsely (-Wrestrict) on std::string::insert here.
  for (std::size_t i = 0; i < point; ++i) {
    if (point > 4 && i > 0 && (point - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  text.append(digits, point);
  return text;
}

std::string format_amount(double value) {
  return format_amount(value, amount_decimals(std::fabs(value)));
}

// Enough decimals to show one significant digit of the error (a 1e6-path run has errors of a
// few hundredths of a point).
std::string format_se_points(double se) {
  const double points = se * 100;
  if (!std::isfinite(points)) return "?";
  if (points >= 0.05) return fmt::format("{:.1f}", points);
  if (points >= 0.005) return fmt::format("{:.2f}", points);
  return fmt::format("{:.3f}", points);
}

std::string format_percent(double share) {
  if (!std::isfinite(share)) return "– %";
  std::string text = fmt::format("{:.1f} %", share * 100);
  if (text.rfind("-0.0 ", 0) == 0) text.erase(0, 1);
  return text;
}

std::string render_terminal(const ScenarioResult& result, const TerminalStyle& style) {
  const Painter paint(style.color);
  std::string out;
  const std::string title =
      result.file.empty() ? result.name : fmt::format("{} — {}", result.name, result.file);
  out += paint(ansi::kBold, title) + "\n";
  std::vector<std::string> facts;
  facts.push_back(fmt::format("{} paths", group_thousands(static_cast<std::uint64_t>(
                                              std::max<std::int64_t>(result.paths, 0)))));
  facts.push_back(fmt::format("seed {}", result.seed));
  if (!result.start.empty()) facts.push_back(fmt::format("{} … {}", result.start, result.horizon));
  const std::string unit = money_label(result);
  facts.push_back(unit.empty() ? "money in currency units" : "money in " + unit);
  std::string fact_line;
  for (const auto& fact : facts) fact_line += fact_line.empty() ? fact : " · " + fact;
  out += "  " + paint(ansi::kDim, fact_line) + "\n";
  out += "\n";

  render_breakeven(out, result, style, paint);
  render_cash_out(out, result, paint);
  render_runway(out, result);
  render_funding_need(out, result);
  render_fans(out, result);
  return out;
}

}  // namespace breakeven
