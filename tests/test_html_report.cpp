// SPDX-License-Identifier: MIT
// report.html of a real small run: well-formed, self-contained, holds one chart per kind per
// scenario on shared axes, escapes what it is given, and says where it came from.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "breakeven/report/html_report.hpp"
#include "breakeven/report/svg_chart.hpp"
#include "report_fixture.hpp"

using breakeven::html_chart_kinds;
using breakeven::testing::kAwkwardName;
using breakeven::testing::make_small_report;
using breakeven::testing::slurp_file;
using breakeven::testing::TempDir;
using Json = nlohmann::json;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// Checks that every element is closed in order (void elements and `/>` excepted), raw text of
/// <style> is skipped, attribute values are quoted, and every `&` starts an entity. Returns the
/// first problem, or "" when the document is well-formed in that sense.
std::string tag_balance_problem(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "br",   "hr",  "img",    "input", "link",
                                              "area", "base", "col", "source", "wbr"};
  static const std::regex kEntity("^&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
  std::vector<std::string> open;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      std::smatch m;
      const std::string ahead = html.substr(i, 12);
      if (!std::regex_search(ahead, m, kEntity)) return "bare & at " + std::to_string(i);
      ++i;
      continue;
    }
    if (c != '<') {
      if (c == '>') return "stray > at " + std::to_string(i);
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const auto end = html.find("-->", i);
      if (end == std::string::npos) return "unclosed comment";
      i = end + 3;
      continue;
    }
    if (html.compare(i, 2, "<!") == 0) {  // doctype
      i = html.find('>', i) + 1;
      continue;
    }
    // Scan the tag to its '>', honouring quoted attribute values.
    std::size_t j = i + 1;
    char quote = 0;
    for (; j < html.size(); ++j) {
      if (quote) {
        if (html[j] == quote) quote = 0;
      } else if (html[j] == '"' || html[j] == '\'') {
        if (html[j - 1] != '=') return "quote outside attribute value at " + std::to_string(j);
        quote = html[j];
      } else if (html[j] == '>') {
        break;
      } else if (html[j] == '<') {
        return "< inside tag at " + std::to_string(j);
      }
    }
    if (j >= html.size()) return "unterminated tag at " + std::to_string(i);
    const std::string tag = html.substr(i + 1, j - i - 1);
    const bool closing = !tag.empty() && tag[0] == '/';
    const bool self_closing = !tag.empty() && tag.back() == '/';
    std::size_t name_start = closing ? 1 : 0;
    std::size_t name_end = tag.find_first_of(" \t\n/", name_start);
    if (name_end == name_start) name_end = tag.find_first_of(" \t\n", name_start + 1);
    std::string name = tag.substr(
        name_start, name_end == std::string::npos ? std::string::npos : name_end - name_start);
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name.empty()) return "empty tag name at " + std::to_string(i);
    if (closing) {
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes <" + (open.empty() ? "nothing" : open.back()) + "> at " +
               std::to_string(i);
      open.pop_back();
    } else if (!self_closing && kVoid.count(name) == 0) {
      open.push_back(name);
      if (name == "style") {  // raw text up to </style>
        const auto end = html.find("</style>", j);
        if (end == std::string::npos) return "unclosed <style>";
        j = end - 1;
      }
    }
    i = j + 1;
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return "";
}

/// The value of attribute `name` in the opening tag that starts at `at`.
std::string attribute(const std::string& html, std::size_t at, const std::string& name) {
  const auto end = html.find('>', at);
  const auto key = html.find(" " + name + "=\"", at);
  if (key == std::string::npos || key > end) return "";
  const auto value = key + name.size() + 3;
  return html.substr(value, html.find('"', value) - value);
}

struct SmallReport {
  TempDir dir;
  std::string html;
  Json json;
  SmallReport() {
    make_small_report(dir.path());
    html = slurp_file(dir.path() / "out" / "report.html");
    json = Json::parse(slurp_file(dir.path() / "out" / "summary.json"));
  }
};

}  // namespace

TEST_CASE("the tag checker finds what it should", "[html]") {
  CHECK(tag_balance_problem("<p>a<b>b</b></p>").empty());
  CHECK(tag_balance_problem("<p><br><svg><rect/></svg></p>").empty());
  CHECK_FALSE(tag_balance_problem("<p><b>b</p></b>").empty());
  CHECK_FALSE(tag_balance_problem("<p>").empty());
  CHECK_FALSE(tag_balance_problem("<p>a & b</p>").empty());
  CHECK_FALSE(tag_balance_problem("<p class=x\">a</p>").empty());
}

TEST_CASE("report.html is well-formed and self-contained", "[html][cli]") {
  SmallReport report;
  const std::string& html = report.html;
  INFO(tag_balance_problem(html));
  CHECK(tag_balance_problem(html).empty());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("name=\"viewport\"") != std::string::npos);
  // Nothing is fetched: no script at all, no link, no remote or relative resource.
  for (const char* forbidden :
       {"<script", "http://", "https://", "<link", " src=", "@import", "url(", "<iframe", "<img"}) {
    INFO(forbidden);
    CHECK(html.find(forbidden) == std::string::npos);
  }
  // Phone and print: charts scale with their viewBox, the grid collapses, print has its rules,
  // and CJK text has fonts to fall back on.
  CHECK(html.find("@media (max-width") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("Noto Sans CJK SC") != std::string::npos);
  CHECK(html.find("WenQuanYi") != std::string::npos);
}

TEST_CASE("report.html holds every chart of every scenario on shared axes", "[html][cli]") {
  SmallReport report;
  const std::string& html = report.html;
  const std::size_t scenarios = report.json.at("scenarios").size();
  REQUIRE(scenarios == 2);
  const auto kinds = html_chart_kinds();
  // The two scenarios are different companies: one joint chart besides theirs.
  CHECK(count(html, "<svg ") == kinds.size() * scenarios + 1);
  CHECK(count(html, "<svg id=\"joint-breakeven-count\"") == 1);
  CHECK(html.find("<table class=\"joint-pairs\">") != std::string::npos);
  for (const std::string& kind : kinds) {
    INFO(kind);
    std::set<std::string> y_max, y_min;
    for (std::size_t s = 0; s < scenarios; ++s) {
      const std::string open = "<svg id=\"" + kind + "-" + std::to_string(s) + "\"";
      REQUIRE(count(html, open) == 1);
      const auto at = html.find(open);
      CHECK(attribute(html, at, "class") == "chart chart-" + kind);
      CHECK_FALSE(attribute(html, at, "viewBox").empty());
      CHECK(attribute(html, at, "width").empty());  // scales with its container
      y_max.insert(attribute(html, at, "data-y-max"));
      y_min.insert(attribute(html, at, "data-y-min"));
    }
    // Both scenarios are in 亿 CNY, so every chart kind shares one y range.
    CHECK(y_max.size() == 1);
    CHECK(y_min.size() == 1);
    CHECK(std::stod(*y_max.begin()) > std::stod(*y_min.begin()));
  }
  // Each scenario's target period is marked; units label the money axes; partial years say so.
  CHECK(count(html, "class=\"target-marker\"") == scenarios);
  CHECK(html.find(">target 2026<") != std::string::npos);
  CHECK(html.find(">target 2027<") != std::string::npos);
  CHECK(count(html, ">亿 CNY<") >= 3 * scenarios);
  // The shipped files start in April 2026: their first fiscal year has nine simulated months.
  CHECK(html.find("(9 mo)") != std::string::npos);
  CHECK(html.find("cumulative %") != std::string::npos);
}

TEST_CASE("report.html shows headline, assumptions and provenance from the results",
          "[html][cli]") {
  SmallReport report;
  const std::string& html = report.html;
  const std::string escaped_name = breakeven::xml_escape(kAwkwardName);
  CHECK(escaped_name.find("摩尔线程") != std::string::npos);
  CHECK(html.find(escaped_name) != std::string::npos);
  CHECK(html.find(kAwkwardName) == std::string::npos);  // never unescaped

  const auto headline = html.find("<table class=\"headline\">");
  REQUIRE(headline != std::string::npos);
  const std::string table = html.substr(headline, html.find("</table>", headline) - headline);
  CHECK(count(table, "<tr>") == 3);  // header and two scenarios
  for (const Json& s : report.json.at("scenarios")) {
    const double p = s.at("breakeven").at("p_by_target");
    CHECK(table.find(fmt::format("{:.1f} %", p * 100)) != std::string::npos);
    const std::string p50 = s.at("breakeven").at("quantiles").at("p50");
    CHECK(table.find(">" + (p50 == "never" ? "after " + s.at("horizon").get<std::string>() : p50) +
                     "<") != std::string::npos);
    for (const Json& a : s.at("assumptions")) {
      CHECK(html.find("<td class=\"param\">" +
                      breakeven::xml_escape(a.at("key").get<std::string>()) + "</td>") !=
            std::string::npos);
      // Shown with a no-break space between each number and its unit.
      const std::string value =
          std::regex_replace(breakeven::xml_escape(a.at("value").get<std::string>()),
                             std::regex(" (%|亿)"), "&#160;$1");
      CHECK(html.find(value) != std::string::npos);
    }
    CHECK(html.find(breakeven::xml_escape(s.at("file").get<std::string>())) != std::string::npos);
  }
  const auto provenance = html.find("<section id=\"provenance\"");
  REQUIRE(provenance != std::string::npos);
  const std::string tail = html.substr(provenance);
  CHECK(tail.find("breakeven " BREAKEVEN_VERSION) != std::string::npos);
  CHECK(tail.find("--paths 2000") != std::string::npos);
  CHECK(tail.find(">2025<") != std::string::npos);  // the scenarios' seed
  CHECK(std::regex_search(tail, std::regex("run 20[0-9]{2}-[01][0-9]-[0-3][0-9]T")));
}

TEST_CASE("report.html says how cash-out splits and names the runway one way", "[html][cli]") {
  SmallReport report;
  const std::string& html = report.html;
  for (const Json& s : report.json.at("scenarios")) {
    const double before = s.at("cash_out").at("before_breakeven");
    const double after = s.at("cash_out").at("after_breakeven");
    CHECK(html.find(fmt::format("{:.1f} % run out of cash before breaking even and {:.1f} % after",
                                before * 100, after * 100)) != std::string::npos);
  }
  CHECK(count(html, "class=\"bar-cash-out after\"") > 0);
  // One name for the runway, which says that scheduled rounds count.
  CHECK(html.find("without new raises (scheduled rounds included)") != std::string::npos);
  for (const char* old_name : {"no new money", "no contingent", "Standalone", "standalone"}) {
    INFO(old_name);
    CHECK(html.find(old_name) == std::string::npos);
  }
}

TEST_CASE("report.html assumptions: one aligned table, units on every number", "[html][cli]") {
  SmallReport report;
  const std::string& html = report.html;
  const auto at = html.find("<table class=\"assumptions\">");
  REQUIRE(at != std::string::npos);
  const std::string table = html.substr(at, html.find("</table>", at) - at);
  // One row per key, whichever scenarios have it; a cell per scenario in every row.
  std::set<std::string> keys;
  for (const Json& s : report.json.at("scenarios"))
    for (const Json& a : s.at("assumptions")) keys.insert(a.at("key").get<std::string>());
  CHECK(count(table, "<td class=\"param\">") == keys.size());
  CHECK(count(table, "<td") == keys.size() * 3);
  for (const Json& s : report.json.at("scenarios")) {
    const std::string unit = s.at("money_unit");
    for (const Json& a : s.at("assumptions")) {
      const std::string key = a.at("key"), value = a.at("value");
      INFO(key << " = " << value);
      // The round's amount is shown once, in its funding row.
      CHECK(key.rfind("funding.rounds.", 0) != 0);
      if (key == "costs.rnd" || key == "state.cash") CHECK(value.find(unit) != std::string::npos);
      if (key == "margin.gross" || key == "revenue.growth")
        CHECK(value.find(" %") != std::string::npos);
    }
  }
  // Wrapping only between words: nothing breaks a key in the middle.
  CHECK(html.find("overflow-wrap: anywhere") == std::string::npos);
  CHECK(html.find("table.assumptions td.param { color: var(--muted); white-space: nowrap; }") !=
        std::string::npos);
}

TEST_CASE("report.html headline stacks on a phone", "[html][cli]") {
  SmallReport report;
  const std::string& html = report.html;
  const auto headline = html.find("<table class=\"headline\">");
  REQUIRE(headline != std::string::npos);
  const std::string table = html.substr(headline, html.find("</table>", headline) - headline);
  // Every number cell repeats its column name, which the narrow layout shows before it.
  CHECK(count(table, "<td class=\"num\" data-label=") == 5 * 2);
  CHECK(html.find("table.headline td[data-label]::before") != std::string::npos);
}

TEST_CASE("render_html_report escapes every text it is given", "[html]") {
  breakeven::ScenarioResult r;
  r.name = "<script>alert('x')</script> & \"co\"";
  r.file = "a<b>.toml";
  r.money_unit = "亿";
  r.currency = "CNY";
  r.paths = 10;
  r.breakeven.target = "2026\"><b>";
  r.breakeven.by_target = breakeven::Estimate{0.5, 0.1};
  r.breakeven.distribution = {{"2026\"><b>", 0.5, 0.5, 0.1}};
  r.breakeven.p50 = r.breakeven.p10 = r.breakeven.p90 = "2026";
  r.fans.revenue = {{"2026", 1, 2, 3, 4, 5, 1.0, 6},
                    {"2027", std::numeric_limits<double>::quiet_NaN(), 0, 0, 0, 0, 0.0, 12}};
  r.assumptions = {{"key<&>", "value \"quoted\""}};
  r.warnings = {"<warn>"};
  breakeven::RunProvenance run{"1.0", "2025-01-01T00:00:00Z", "breakeven run '<x>'", "/tmp/<d>",
                               "out"};
  const std::string html = breakeven::render_html_report({r}, run);
  INFO(tag_balance_problem(html));
  CHECK(tag_balance_problem(html).empty());
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("<warn>") == std::string::npos);
  // A year no path reached draws nothing rather than a NaN coordinate.
  CHECK_FALSE(std::regex_search(html, std::regex("[0-9 ,\"=>-]nan\\b", std::regex::icase)));
}

TEST_CASE("report.html shows bear / base / bull files as one company", "[html][cli]") {
  TempDir dir;
  const std::filesystem::path out = dir.path() / "out";
  REQUIRE(breakeven::testing::run_breakeven(
              "run scenarios/metax_bear.toml scenarios/metax.toml scenarios/metax_bull.toml "
              "scenarios/biren.toml --paths 500 --quiet --out '" +
                  out.string() + "'",
              dir.path()) == 0);
  const std::string html = slurp_file(out / "report.html");
  const auto headline = html.find("<table class=\"headline\">");
  REQUIRE(headline != std::string::npos);
  const std::string table = html.substr(headline, html.find("</table>", headline) - headline);
  // One row per company (MetaX, Biren) plus the header, MetaX with its bear-bull range.
  CHECK(count(table, "<tr>") == 3);
  CHECK(table.find(">MetaX<") != std::string::npos);
  CHECK(table.find("MetaX (bear)") == std::string::npos);
  CHECK(count(table, "<span class=\"range\">bear ") == 3);
  // One figure per company and chart kind, the variants drawn over MetaX's (index 1) charts.
  CHECK(count(html, "<svg ") == html_chart_kinds().size() * 2);
  for (const std::string& kind : html_chart_kinds()) {
    INFO(kind);
    const auto at = html.find("<svg id=\"" + kind + "-1\"");
    REQUIRE(at != std::string::npos);
    const std::string svg = html.substr(at, html.find("</svg>", at) - at);
    CHECK(svg.find("class=\"variant bear\"") != std::string::npos);
    CHECK(svg.find("class=\"variant bull\"") != std::string::npos);
  }
  CHECK(html.find("<svg id=\"breakeven-3\"") != std::string::npos);  // Biren
  CHECK(html.find("<svg id=\"breakeven-0\"") == std::string::npos);  // no chart of its own
}

TEST_CASE("report.html shades what lies past a scenario's own horizon", "[html][cli]") {
  TempDir dir;
  std::string text =
      slurp_file(std::filesystem::path(BREAKEVEN_SOURCE_DIR) / "scenarios" / "biren.toml");
  const std::string from = "horizon = \"2032-12\"";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "horizon = \"2031-12\"");
  const std::filesystem::path shorter = dir.path() / "biren_2031.toml";
  std::ofstream(shorter, std::ios::binary) << text;
  const std::filesystem::path out = dir.path() / "out";
  REQUIRE(breakeven::testing::run_breakeven("run scenarios/metax.toml '" + shorter.string() +
                                                "' --paths 300 --quiet --out '" + out.string() +
                                                "'",
                                            dir.path()) == 0);
  const std::string html = slurp_file(out / "report.html");
  auto svg_of = [&](const std::string& id) {
    const auto at = html.find("<svg id=\"" + id + "\"");
    REQUIRE(at != std::string::npos);
    return html.substr(at, html.find("</svg>", at) - at);
  };
  // The 2031 scenario's 2032 is shaded, not drawn as 0 %; MetaX (to 2032) has nothing shaded.
  for (const char* kind : {"breakeven", "cash-out", "runway", "fan-revenue", "fan-cash"}) {
    INFO(kind);
    CHECK(svg_of(std::string(kind) + "-1").find("class=\"outside\"") != std::string::npos);
    CHECK(svg_of(std::string(kind) + "-0").find("class=\"outside\"") == std::string::npos);
  }
  // The runway chart has its "beyond the horizon" bar; the fans the share still alive.
  CHECK(svg_of("runway-0").find("class=\"bar-runway beyond\"") != std::string::npos);
  CHECK(svg_of("fan-cash-0").find("class=\"alive\"") != std::string::npos);
  // Both in 亿 CNY: the funding-need histograms share one bin width, named on the axis.
  auto bin_title = [&](const std::string& id) {
    const std::string svg = svg_of(id);
    const auto at = svg.find("% of paths per ");
    return at == std::string::npos ? std::string() : svg.substr(at, svg.find('<', at) - at);
  };
  CHECK_FALSE(bin_title("funding-need-0").empty());
  CHECK(bin_title("funding-need-0") == bin_title("funding-need-1"));
}
