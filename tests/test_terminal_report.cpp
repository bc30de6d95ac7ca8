// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "breakeven/report/terminal_report.hpp"

using breakeven::display_width;
using breakeven::ScenarioResult;

namespace {

ScenarioResult sample_result() {
  ScenarioResult r;
  r.name = "摩尔线程";  // CJK: two columns per character
  r.file = "scenarios/moore.toml";
  r.money_unit = "亿";
  r.currency = "CNY";
  r.paths = 100000;
  r.seed = 42;
  r.start = "2025-07";
  r.horizon = "2028-12";
  r.breakeven.metric = breakeven::Metric::net_income;
  r.breakeven.period = breakeven::PeriodKind::year;
  r.breakeven.target = "2026";
  r.breakeven.by_target = breakeven::Estimate{0.412, 0.0016};
  r.breakeven.distribution = {{"2025", 0.0, 0.0, 0.0},
                              {"2026", 0.412, 0.412, 0.0016},
                              {"2027", 0.2, 0.612, 0.0013},
                              {"2028", 0.003, 0.615, 0.0002}};
  r.breakeven.not_within_horizon = {0.285, 0.0014};
  r.breakeven.cash_out_first = {0.1, 0.001};
  r.breakeven.p10 = "2026";
  r.breakeven.p50 = "2027";
  r.breakeven.p90 = "never";
  r.cash_out.probability = {0.1, 0.001};
  r.cash_out.before_breakeven = {0.07, 0.0008};
  r.cash_out.after_breakeven = {0.03, 0.0005};
  r.cash_out.by_year = {{"2026", {0.04, 0.0006}, {0.04, 0.0006}},
                        {"2027", {0.06, 0.0008}, {0.03, 0.0005}}};
  r.runway.horizon_months = 42;
  r.runway.p10 = 14;
  r.runway.p50 = 30;
  r.runway.p90 = 42;
  r.funding_need = {12.1, 8.0, 30.2, 41.0, {0.3, 0.0014}, {}};
  r.fans.revenue = {{"2026", 10, 15, 20, 25, 30, 0.96}, {"2027", 12, 18, 25, 31, 1234567, 0.9}};
  r.fans.net_income = {{"2026", -15, -10, -5, 0, 2, 0.96}, {"2027", -12, -8, -1, 3, 7, 0.9}};
  r.fans.cash = {{"2026", 5, 10, 15, 20, 25, 0.96}, {"2027", 1, 4, 9, 16, 25, 0.9}};
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The histogram rows: from the "period" header through "not within horizon".
std::vector<std::string> histogram_rows(const std::string& text) {
  std::vector<std::string> rows;
  bool inside = false;
  for (const auto& line : lines_of(text)) {
    if (line.rfind("  period", 0) == 0) inside = true;
    if (inside) rows.push_back(line);
    if (line.find("not within horizon") != std::string::npos) break;
  }
  return rows;
}

}  // namespace

TEST_CASE("display_width counts CJK as two columns", "[terminal]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("亿") == 2);
  CHECK(display_width("亿 CNY") == 6);
  CHECK(display_width("摩尔线程") == 8);
  CHECK(display_width("█▏") == 2);
  CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
  CHECK(display_width("") == 0);
  CHECK(breakeven::pad_to_width("亿", 4) == "亿  ");
  CHECK(breakeven::pad_to_width("7", 3, true) == "  7");
}

TEST_CASE("eighth_block_bar uses full and partial blocks", "[terminal]") {
  CHECK(breakeven::eighth_block_bar(0).empty());
  CHECK(breakeven::eighth_block_bar(1) == "▏");
  CHECK(breakeven::eighth_block_bar(4) == "▌");
  CHECK(breakeven::eighth_block_bar(8) == "█");
  CHECK(breakeven::eighth_block_bar(19) == "██▍");
  CHECK(display_width(breakeven::eighth_block_bar(19)) == 3);
}

TEST_CASE("format_amount and format_percent", "[terminal]") {
  CHECK(breakeven::format_amount(3.4) == "3.40");
  CHECK(breakeven::format_amount(16.5) == "16.5");
  CHECK(breakeven::format_amount(702.2) == "702");
  CHECK(breakeven::format_amount(-1234567.0) == "-1,234,567");
  CHECK(breakeven::format_amount(-0.001) == "0.00");
  CHECK(breakeven::format_amount(std::nan("")) == "–");
  CHECK(breakeven::format_percent(0.412) == "41.2 %");
  CHECK(breakeven::format_percent(1.0) == "100.0 %");
}

TEST_CASE("render_terminal shows the headline and the histogram", "[terminal]") {
  const std::string text = breakeven::render_terminal(sample_result(), {false});
  CHECK(text.find("P(break-even by 2026) = 41.2 % ± 0.2") != std::string::npos);
  CHECK(text.find("摩尔线程") != std::string::npos);
  CHECK(text.find("100,000 paths") != std::string::npos);
  CHECK(text.find("seed 42") != std::string::npos);
  CHECK(text.find("亿 CNY") != std::string::npos);
  CHECK(text.find("cash-out first") != std::string::npos);
  CHECK(text.find("not within horizon") != std::string::npos);
  CHECK(text.find("p10 2026 · p50 2027 · p90 never") != std::string::npos);
  CHECK(text.find("█") != std::string::npos);
  CHECK(text.find("1,234,567") != std::string::npos);
  // The total cash-out splits into the headline's "cash-out first" and the rest.
  CHECK(text.find("7.0 % before break-even (cash-out first) + 3.0 % after breaking even") !=
        std::string::npos);
  CHECK(text.find("Runway without new raises (scheduled rounds included)") != std::string::npos);
  CHECK(text.back() == '\n');
}

TEST_CASE("histogram bars are scaled to the largest and rows align", "[terminal]") {
  const breakeven::TerminalStyle style{false, 20};
  const auto rows = histogram_rows(breakeven::render_terminal(sample_result(), style));
  REQUIRE(rows.size() == 1 + 4 + 2);  // header, four periods, two outcome rows
  const int width = display_width(rows[1]);
  for (const auto& row : rows) {
    INFO(row);
    CHECK(display_width(row) == width);
  }
  // 2026 holds the largest share: a full bar of 20 columns.
  CHECK(rows[2].find(std::string(breakeven::eighth_block_bar(160))) != std::string::npos);
  // 2025 has none: no block at all. 2028 is tiny but visible.
  CHECK(rows[1].find("▏") == std::string::npos);
  CHECK(rows[1].find("█") == std::string::npos);
  CHECK(rows[4].find("▏") != std::string::npos);
}

TEST_CASE("colour only when asked", "[terminal]") {
  const std::string plain = breakeven::render_terminal(sample_result(), {false});
  const std::string colored = breakeven::render_terminal(sample_result(), {true});
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(colored.find("\x1b[") != std::string::npos);
}

TEST_CASE("render_terminal without a target reports break-even within the horizon", "[terminal]") {
  ScenarioResult r = sample_result();
  r.breakeven.target.reset();
  r.breakeven.by_target.reset();
  const std::string text = breakeven::render_terminal(r, {false});
  CHECK(text.find("P(break-even within the horizon) = 61.5 %") != std::string::npos);
}

TEST_CASE("a partial fiscal year in the fan table says how many months it covers", "[terminal]") {
  ScenarioResult r = sample_result();
  for (auto* fan : {&r.fans.revenue, &r.fans.net_income, &r.fans.cash}) fan->front().months = 6;
  const std::string text = breakeven::render_terminal(r, {false});
  CHECK(text.find("2026 (6 mo)") != std::string::npos);
  CHECK(text.find("2027 (") == std::string::npos);  // full years carry no note
}
