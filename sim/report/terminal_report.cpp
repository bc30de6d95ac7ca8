// SPDX-License-Identifier: MIT
#include "breakeven/report/terminal_report.hpp"

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
  // The headline's "cash-out first" is only the first part; say how the total splits.
  out += fmt::format("  {} before break-even (cash-out first) + {} after breaking even\n",
                     format_percent(cash_out.before_breakeven.p),
                     format_percent(cash_out.after_breakeven.p));
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
  out += "Runway without new raises (scheduled rounds included)\n";
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

void render_milestones(std::string& out, const ScenarioResult& result) {
  if (result.milestones.empty()) return;
  out += "Milestones (success month among successes)\n";
  for (const MilestoneResult& m : result.milestones) {
    out += fmt::format("  {} (planned {}): P(success) {}", m.name, m.planned,
                       format_percent(m.success.p));
    if (!m.p50.empty()) out += fmt::format(" · p10 {} · p50 {} · p90 {}", m.p10, m.p50, m.p90);
    out += "\n";
  }
  out += "\n";
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
  if (!result.as_of.empty()) facts.push_back("data as of " + result.as_of);
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
  render_milestones(out, result);
  render_fans(out, result);
  return out;
}

}  // namespace breakeven
