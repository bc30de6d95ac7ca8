// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "breakeven/report/batch_table.hpp"
#include "program_runner.hpp"

using breakeven::display_width;
using breakeven::ScenarioResult;

namespace {

ScenarioResult result(const std::string& name, const std::string& target, double p,
                      const std::string& p50, double cash_out_first, double need_p50) {
  ScenarioResult r;
  r.name = name;
  r.money_unit = "亿";
  r.currency = "CNY";
  r.paths = 100000;
  r.seed = 2025;
  r.breakeven.target = target;
  r.breakeven.by_target = breakeven::Estimate{p, 0.0015};
  r.breakeven.p50 = p50;
  r.breakeven.cash_out_first = {cash_out_first, 0.0007};
  r.breakeven.not_within_horizon = {0.2, 0.001};
  r.funding_need.p50 = need_p50;
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("batch table: one aligned row per scenario, in order", "[batch]") {
  const std::vector<ScenarioResult> results{
      result("摩尔线程", "2027", 0.328, "2029", 0.028, 0),
      result("MetaX", "2026", 0.457, "2027", 0.047, 0),
      result("Enflame (bear)", "2028", 0.002, "never", 0.681, 123.4),
  };
  const std::string text = breakeven::render_batch_table(results, {});
  const auto lines = lines_of(text);
  REQUIRE(lines.size() >= 6);
  CHECK(contains(lines[0], "3 scenarios · 100,000 paths · seed 2025"));
  CHECK(contains(lines[2], "scenario"));
  CHECK(contains(lines[2], "p50 (亿 CNY)"));  // one shared unit goes in the header
  CHECK(contains(lines[3], "摩尔线程"));
  CHECK(contains(lines[3], "32.8 % ± 0.1"));
  CHECK(contains(lines[4], "MetaX"));
  CHECK(contains(lines[5], "never"));
  CHECK(contains(lines[5], "68.1 %"));
  CHECK(contains(lines[5], "123"));
  CHECK_FALSE(contains(text, "\x1b["));
  // Right-aligned columns end in the same display column on the header and every row, CJK
  // names included.
  const int width = display_width(lines[2]);
  for (std::size_t i = 1; i <= 5; ++i) CHECK(display_width(lines[i]) == width);
  // The target column starts in the same display column on every row.
  auto column_of = [](const std::string& line, const std::string& part) {
    return display_width(line.substr(0, line.find(part)));
  };
  CHECK(column_of(lines[3], "2027") == column_of(lines[4], "2026"));
  CHECK(column_of(lines[3], "2027") == column_of(lines[5], "2028"));
}

TEST_CASE("batch table: no target, mixed units and runs are said so", "[batch]") {
  ScenarioResult untargeted = result("Tiny", "x", 0, "2027", 0.1, 2.5);
  untargeted.breakeven.target.reset();
  untargeted.breakeven.by_target.reset();
  untargeted.money_unit = "万";
  untargeted.paths = 5000;
  const std::vector<ScenarioResult> results{result("MetaX", "2026", 0.457, "2027", 0.047, 12.34),
                                            untargeted};
  const std::string text = breakeven::render_batch_table(results, {});
  const auto lines = lines_of(text);
  // Within the horizon: 1 − 0.2 not within − 0.1 cash-out first.
  CHECK(contains(lines[4], "none"));
  CHECK(contains(lines[4], "70.0 % ± 0.6*"));
  CHECK(contains(text, "* no target"));
  CHECK(contains(lines[3], "12.3 亿 CNY"));
  CHECK(contains(lines[4], "2.5 万 CNY"));
  CHECK(contains(lines[2], "paths"));
  CHECK(contains(lines[4], "5,000"));
  CHECK_FALSE(contains(lines[0], "paths"));
}

TEST_CASE("batch table: colour only when asked, nothing for no results", "[batch]") {
  const std::vector<ScenarioResult> results{result("MetaX", "2026", 0.457, "2027", 0.047, 0)};
  breakeven::TerminalStyle style;
  style.color = true;
  CHECK(contains(breakeven::render_batch_table(results, style), "\x1b[1m"));
  CHECK(breakeven::render_batch_table({}, {}).empty());
}

TEST_CASE("batch table: the README's batch ends with it", "[batch][cli]") {
  // The README's first command, with fewer paths.
  const auto outcome = breakeven::testing::run_program(
      "run scenarios/moore_threads.toml scenarios/metax.toml scenarios/biren.toml "
      "scenarios/enflame.toml --paths 2000");
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const auto lines = lines_of(outcome.out);
  const auto title = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.rfind("Headline · 4 scenarios", 0) == 0;
  });
  REQUIRE(title != lines.end());
  // Title, two header lines, four rows and the three-line legend; then the joint results of the
  // four companies.
  REQUIRE(lines.end() - title >= 11);
  CHECK(contains(title[3], "Moore Threads"));
  CHECK(contains(title[4], "MetaX"));
  CHECK(contains(title[5], "Biren"));
  CHECK(contains(title[6], "Enflame"));
  CHECK(contains(title[9], "p50 over all paths"));
  CHECK(contains(title[11], "Joint results · 4 companies"));

  // A single file keeps its summary alone.
  const auto single = breakeven::testing::run_program("run scenarios/metax.toml --paths 500");
  CHECK_FALSE(contains(single.out, "Headline"));
}

TEST_CASE("batch table: bear / base / bull files are one row with a range", "[batch]") {
  auto with_file = [](ScenarioResult r, const std::string& file) {
    r.file = file;
    return r;
  };
  const std::vector<ScenarioResult> results{
      with_file(result("MetaX (bear)", "2026", 0.241, "2028", 0.09, 3),
                "scenarios/metax_bear.toml"),
      with_file(result("MetaX", "2026", 0.462, "2027", 0.048, 0), "scenarios/metax.toml"),
      with_file(result("MetaX (bull)", "2026", 0.698, "2026", 0.01, 0),
                "scenarios/metax_bull.toml"),
      with_file(result("Biren", "2028", 0.078, "never", 0.197, 44.6), "scenarios/biren.toml"),
  };
  const auto lines = lines_of(breakeven::render_batch_table(results, {}));
  REQUIRE(lines.size() >= 5);
  CHECK(contains(lines[1], "bear–bull"));
  CHECK(contains(lines[3], "MetaX"));
  CHECK(contains(lines[3], "46.2 % ± 0.1"));
  CHECK(contains(lines[3], "24.1–69.8 %"));
  CHECK(contains(lines[4], "Biren"));
  // Two companies, not four rows: the variants have no row of their own.
  for (const auto& line : lines) CHECK_FALSE(contains(line, "MetaX (bear)"));
  CHECK(display_width(lines[3]) == display_width(lines[2]));
}
