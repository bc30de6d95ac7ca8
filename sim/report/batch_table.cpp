// SPDX-License-Identifier: MIT
#include "breakeven/report/batch_table.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "company_groups.hpp"

namespace breakeven {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

// Applied after padding, so escape sequences never enter the width arithmetic.
std::string paint(bool color, std::string_view code, std::string_view text) {
  if (!color || text.empty()) return std::string(text);
  return fmt::format("{}{}{}", code, text, kReset);
}

// "亿 CNY", as the per-scenario summary names it; empty when the file keeps plain units.
std::string money_label(const ScenarioResult& result) {
  std::string unit = result.money_unit == "1" ? std::string() : result.money_unit;
  if (!result.currency.empty()) unit += unit.empty() ? result.currency : " " + result.currency;
  return unit;
}

std::string group_thousands(std::int64_t value) {
  const std::string digits = std::to_string(std::max<std::int64_t>(value, 0));
  // Built front to back with append: GCC 12 sees phantom overlaps in insert (-Wrestrict).
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

template <typename T, typename Key>
bool all_same(const std::vector<ScenarioResult>& results, Key key) {
  return std::all_of(results.begin(), results.end(),
                     [&](const ScenarioResult& r) { return T(key(r)) == T(key(results.front())); });
}

// The summary's own headline: by the target, or, without one, within the horizon (the share of
// paths that neither cashed out first nor went without break-even).
Estimate headline_estimate(const ScenarioResult& result) {
  const BreakevenResult& be = result.breakeven;
  if (be.target && be.by_target) return *be.by_target;
  const double p = std::clamp(1 - be.not_within_horizon.p - be.cash_out_first.p, 0.0, 1.0);
  const double n = static_cast<double>(std::max<std::int64_t>(result.paths, 1));
  return {p, std::sqrt(p * (1 - p) / n)};
}

struct Column {
  std::array<std::string, 2> header;  ///< two lines, so the table fits 80 columns
  bool right_align = false;
  std::vector<std::string> cells;
};

}  // namespace

namespace {

/// What the whole table shares, decided once from every result.
struct TableShape {
  bool same_unit = false, same_run = false, any_untargeted = false, any_variants = false;
  int need_decimals = 2;  ///< one precision for the funding column, so its points line up
};

TableShape table_shape(const std::vector<ScenarioResult>& results,
                       const std::vector<CompanyGroup>& groups) {
  TableShape shape;
  shape.same_unit = all_same<std::string>(results, money_label);
  shape.same_run =
      all_same<std::int64_t>(results, [](const ScenarioResult& r) { return r.paths; }) &&
      all_same<std::uint64_t>(results, [](const ScenarioResult& r) { return r.seed; });
  shape.any_untargeted = std::any_of(results.begin(), results.end(), [](const auto& r) {
    return !(r.breakeven.target && r.breakeven.by_target);
  });
  shape.any_variants =
      std::any_of(groups.begin(), groups.end(), [](const auto& g) { return g.has_variants(); });
  double largest_need = 0;
  for (const auto& r : results)
    if (std::isfinite(r.funding_need.p50))
      largest_need = std::max(largest_need, std::fabs(r.funding_need.p50));
  shape.need_decimals = amount_decimals(largest_need);
  return shape;
}

std::vector<Column> table_columns(const std::vector<ScenarioResult>& results,
                                  const TableShape& shape) {
  const std::string shared_unit = shape.same_unit ? money_label(results.front()) : std::string();
  std::vector<Column> columns{
      {{"", "scenario"}, false, {}},
      {{"", "target"}, false, {}},
      {{"P(break-even", "by target)"}, true, {}},
      {{"median", "break-even"}, true, {}},
      {{"P(cash-out", "first)"}, true, {}},
      {{"funding need",
        shared_unit.empty() ? std::string("p50") : fmt::format("p50 ({})", shared_unit)},
       true,
       {}},
  };
  // Bear / base / bull files of one company are one row: the base case's numbers and, in a column
  // of its own, the headline probability of the bear and bull cases.
  if (shape.any_variants)
    columns.insert(columns.begin() + 3, {{"bear–bull", "P(by target)"}, true, {}});
  if (!shape.same_run) {
    columns.push_back({{"", "paths"}, true, {}});
    columns.push_back({{"", "seed"}, true, {}});
  }
  return columns;
}

std::vector<std::string> table_row(const std::vector<ScenarioResult>& results,
                                   const CompanyGroup& group, const TableShape& shape) {
  const ScenarioResult& r = results[group.base];
  const BreakevenResult& be = r.breakeven;
  const bool targeted = be.target && be.by_target;
  const Estimate headline = headline_estimate(r);
  std::string need = format_amount(r.funding_need.p50, shape.need_decimals);
  if (!shape.same_unit && !money_label(r).empty()) need.append(" ").append(money_label(r));
  std::vector<std::string> row{
      r.name,
      targeted ? *be.target : std::string("none"),
      fmt::format("{} ± {}{}", format_percent(headline.p), format_se_points(headline.se),
                  targeted ? "" : "*"),
      be.p50,
      format_percent(be.cash_out_first.p),
      need,
  };
  if (shape.any_variants) {
    auto p_of = [&](const std::optional<std::size_t>& index) {
      if (!index) return std::string("–");
      return fmt::format("{:.1f}", headline_estimate(results[*index]).p * 100);
    };
    row.insert(row.begin() + 3, group.has_variants()
                                    ? fmt::format("{}–{} %", p_of(group.bear), p_of(group.bull))
                                    : std::string());
  }
  if (!shape.same_run) {
    row.push_back(group_thousands(r.paths));
    row.push_back(std::to_string(r.seed));
  }
  return row;
}

/// The header lines and one line per row, every column padded to its widest cell.
std::string table_lines(const std::vector<Column>& columns, std::size_t rows) {
  std::vector<int> width(columns.size(), 0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (const auto& line : columns[c].header) width[c] = std::max(width[c], display_width(line));
    for (const auto& cell : columns[c].cells) width[c] = std::max(width[c], display_width(cell));
  }
  auto line_of = [&](auto cell_of) {
    std::string line = " ";
    for (std::size_t c = 0; c < columns.size(); ++c)
      line.append(" ")
          .append(pad_to_width(cell_of(c), width[c], columns[c].right_align))
          .append(" ");
    // Trailing blanks of a left-aligned last cell would only confuse diffs and copy-paste.
    line.erase(line.find_last_not_of(' ') + 1);
    line += '\n';
    return line;
  };
  std::string out;
  for (std::size_t h = 0; h < 2; ++h)
    out += line_of([&](std::size_t c) { return columns[c].header[h]; });
  for (std::size_t row = 0; row < rows; ++row)
    out += line_of([&](std::size_t c) { return columns[c].cells[row]; });
  return out;
}

// The legend is what makes the numbers arguable: what each one is, and where the target comes
// from (a company's guidance or a reference year is said in the file, not known here).
std::vector<std::string> table_legend(const TableShape& shape) {
  std::vector<std::string> legend{
      "± one standard error, in percentage points. target: the file's [breakeven] target as",
      "written; whether it is the company's guidance is stated in the file. funding need: money",
      "still to raise, beyond the scheduled rounds, to reach break-even (p50 over all paths).",
  };
  if (shape.any_untargeted) legend.push_back("* no target: P(break-even within the horizon).");
  if (shape.any_variants)
    legend.push_back("bear–bull: the same probability in the company's x_bear and x_bull files.");
  return legend;
}

}  // namespace

std::string render_batch_table(const std::vector<ScenarioResult>& results,
                               const TerminalStyle& style) {
  if (results.empty()) return {};
  const std::vector<CompanyGroup> groups = company_groups(results);
  const TableShape shape = table_shape(results, groups);
  std::vector<Column> columns = table_columns(results, shape);
  for (const CompanyGroup& group : groups) {
    const std::vector<std::string> row = table_row(results, group, shape);
    for (std::size_t c = 0; c < columns.size(); ++c) columns[c].cells.push_back(row[c]);
  }

  std::string title =
      fmt::format("Headline · {} scenario{}", results.size(), results.size() == 1 ? "" : "s");
  if (shape.same_run)
    title += fmt::format(" · {} paths · seed {}", group_thousands(results.front().paths),
                         results.front().seed);
  std::string out = paint(style.color, kBold, title);
  out += '\n';
  out += table_lines(columns, groups.size());
  for (const auto& line : table_legend(shape))
    out.append("  ").append(paint(style.color, kDim, line)).append("\n");
  return out;
}

}  // namespace breakeven
