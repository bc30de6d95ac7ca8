// SPDX-License-Identifier: MIT
// The --out set of a real small run: CSV tables are well-formed and say exactly what the JSON
// says; summary.json is the --json text; a failed run writes nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/report/csv_report.hpp"
#include "report_fixture.hpp"

namespace fs = std::filesystem;
using breakeven::testing::kAwkwardName;
using breakeven::testing::make_small_report;
using breakeven::testing::run_breakeven;
using breakeven::testing::slurp_file;
using breakeven::testing::TempDir;
using Json = nlohmann::json;

namespace {

using Row = std::map<std::string, std::string>;

/// RFC 4180 reading: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  REQUIRE_FALSE(quoted);
  if (any || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

/// Rows as column-name maps; every row must have the header's column count.
std::vector<Row> read_table(const fs::path& path, const std::vector<std::string>& header) {
  INFO(path.string());
  REQUIRE(fs::exists(path));
  const auto rows = parse_csv(slurp_file(path));
  REQUIRE_FALSE(rows.empty());
  REQUIRE(rows.front() == header);
  std::vector<Row> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    INFO("row " << r);
    REQUIRE(rows[r].size() == header.size());
    Row row;
    for (std::size_t c = 0; c < header.size(); ++c) row[header[c]] = rows[r][c];
    out.push_back(row);
  }
  return out;
}

double number(const std::string& text) {
  if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::size_t used = 0;
  const double value = std::stod(text, &used);
  REQUIRE(used == text.size());
  return value;
}

/// The CSV value equals the JSON number exactly (both are shortest round-trip texts of the same
/// double); an empty field matches null.
void same(const std::string& csv, const Json& json) {
  INFO("csv '" << csv << "' vs json " << json.dump());
  if (json.is_null()) {
    CHECK(csv.empty());
  } else {
    CHECK(number(csv) == json.get<double>());
  }
}

std::vector<Row> rows_of(const std::vector<Row>& rows, const std::string& scenario) {
  std::vector<Row> out;
  for (const Row& row : rows)
    if (row.at("scenario") == scenario) out.push_back(row);
  return out;
}

struct SmallRun {
  TempDir dir;
  Json json;
  SmallRun() {
    make_small_report(dir.path());
    json = Json::parse(slurp_file(dir.path() / "out" / "summary.json"));
  }
  fs::path out(const std::string& name) const { return dir.path() / "out" / name; }
};

}  // namespace

TEST_CASE("csv_field quotes only what needs quoting", "[csv]") {
  using breakeven::csv_field;
  CHECK(csv_field("MetaX") == "MetaX");
  CHECK(csv_field("摩尔线程") == "摩尔线程");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("") == "");
}

TEST_CASE("csv_number is the shortest round-trip text, empty for NaN", "[csv]") {
  using breakeven::csv_number;
  CHECK(csv_number(0.0) == "0");
  CHECK(csv_number(0.4695) == "0.4695");
  CHECK(number(csv_number(0.1 + 0.2)) == 0.1 + 0.2);
  CHECK(csv_number(std::numeric_limits<double>::quiet_NaN()).empty());
  CHECK(csv_number(std::numeric_limits<double>::infinity()).empty());
}

TEST_CASE("run --out writes summary.json identical to --json and every table", "[csv][cli]") {
  SmallRun run;
  CHECK(slurp_file(run.out("summary.json")) == slurp_file(run.dir.path() / "cli.json"));
  for (const char* name :
       {"scenarios.csv", "breakeven_distribution.csv", "cash_out_by_year.csv", "runway.csv",
        "runway_quantiles.csv", "funding_need.csv", "funding_need_quantiles.csv", "fans.csv",
        "assumptions.csv", "report.html"}) {
    INFO(name);
    CHECK(fs::file_size(run.out(name)) > 0);
  }
  // Atomic writes leave no temporary file behind.
  for (const auto& entry : fs::directory_iterator(run.dir.path() / "out"))
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("CSV tables agree with the JSON report", "[csv][cli]") {
  SmallRun run;
  const Json& scenarios = run.json.at("scenarios");
  REQUIRE(scenarios.size() == 2);
  CHECK(scenarios[1].at("name") == kAwkwardName);

  const auto distribution = read_table(run.out("breakeven_distribution.csv"),
                                       {"scenario", "period", "p", "cumulative", "se"});
  const auto cash_out = read_table(
      run.out("cash_out_by_year.csv"),
      {"scenario", "year", "months", "p", "se", "p_before_breakeven", "p_after_breakeven"});
  const auto runway =
      read_table(run.out("runway.csv"), {"scenario", "months", "share", "beyond_horizon"});
  const auto runway_q = read_table(run.out("runway_quantiles.csv"),
                                   {"scenario", "quantile", "months", "beyond_horizon"});
  const auto need = read_table(run.out("funding_need.csv"),
                               {"scenario", "money_unit", "currency", "lo", "hi", "p"});
  const auto need_q = read_table(run.out("funding_need_quantiles.csv"),
                                 {"scenario", "money_unit", "currency", "statistic", "value"});
  const auto fans =
      read_table(run.out("fans.csv"), {"scenario", "money_unit", "currency", "metric", "year",
                                       "months", "alive", "p05", "p25", "p50", "p75", "p95"});
  const auto assumptions = read_table(run.out("assumptions.csv"), {"scenario", "key", "value"});
  const auto summary_rows = parse_csv(slurp_file(run.out("scenarios.csv")));
  REQUIRE(summary_rows.size() == 3);

  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const Json& j = scenarios[s];
    const std::string name = j.at("name");
    INFO("scenario " << name);

    const auto d = rows_of(distribution, name);
    const Json& jd = j.at("breakeven").at("distribution");
    REQUIRE(d.size() == jd.size());
    for (std::size_t i = 0; i < d.size(); ++i) {
      CHECK(d[i].at("period") == jd[i].at("period"));
      same(d[i].at("p"), jd[i].at("p"));
      same(d[i].at("cumulative"), jd[i].at("cumulative"));
      same(d[i].at("se"), jd[i].at("se"));
    }

    const auto c = rows_of(cash_out, name);
    const Json& jc = j.at("cash_out");
    REQUIRE(c.size() == jc.at("by_year").size());
    for (const Row& row : c) {
      same(row.at("p"), jc.at("by_year").at(row.at("year")));
      same(row.at("se"), jc.at("by_year_se").at(row.at("year")));
      same(row.at("p_before_breakeven"), jc.at("by_year_before_breakeven").at(row.at("year")));
      CHECK(number(row.at("p_before_breakeven")) + number(row.at("p_after_breakeven")) ==
            Approx(number(row.at("p"))).margin(1e-12));
      CHECK(number(row.at("months")) == j.at("fan").at("revenue").at(row.at("year")).at("months"));
    }

    const auto w = rows_of(runway, name);
    const Json& jw = j.at("runway_months");
    REQUIRE(w.size() == jw.at("share_by_month").size());
    const int horizon = jw.at("horizon_months").get<int>();
    for (std::size_t m = 0; m < w.size(); ++m) {
      const bool beyond = static_cast<int>(m) == horizon;
      // Beyond the horizon is a flag, not a made-up month count.
      if (beyond)
        CHECK(w[m].at("months").empty());
      else
        CHECK(number(w[m].at("months")) == static_cast<double>(m));
      same(w[m].at("share"), jw.at("share_by_month")[m]);
      CHECK(w[m].at("beyond_horizon") == (beyond ? "true" : "false"));
    }
    same(w.back().at("share"), jw.at("beyond_horizon"));
    const auto wq = rows_of(runway_q, name);
    REQUIRE(wq.size() == 3);
    for (const Row& row : wq) {
      const int months = jw.at(row.at("quantile")).get<int>();
      CHECK(row.at("beyond_horizon") == (months >= horizon ? "true" : "false"));
      if (months < horizon)
        same(row.at("months"), months);
      else
        CHECK(row.at("months").empty());
    }

    const auto n = rows_of(need, name);
    const Json& jn = j.at("funding_need");
    REQUIRE(n.size() == jn.at("histogram").size());
    for (std::size_t b = 0; b < n.size(); ++b) {
      same(n[b].at("lo"), jn.at("histogram")[b].at("lo"));
      same(n[b].at("hi"), jn.at("histogram")[b].at("hi"));
      same(n[b].at("p"), jn.at("histogram")[b].at("p"));
    }
    const auto nq = rows_of(need_q, name);
    REQUIRE(nq.size() == 5);
    for (const Row& row : nq) same(row.at("value"), jn.at(row.at("statistic")));

    std::size_t fan_points = 0;
    for (const Row& row : rows_of(fans, name)) {
      const Json& point = j.at("fan").at(row.at("metric")).at(row.at("year"));
      for (const char* q : {"p05", "p25", "p50", "p75", "p95", "alive"})
        same(row.at(q), point.at(q));
      const double months = number(row.at("months"));
      CHECK(months >= 1);
      CHECK(months <= 12);
      ++fan_points;
    }
    CHECK(fan_points == j.at("fan").at("revenue").size() + j.at("fan").at("net_income").size() +
                            j.at("fan").at("cash").size());

    const auto a = rows_of(assumptions, name);
    REQUIRE(a.size() == j.at("assumptions").size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].at("key") == j.at("assumptions")[i].at("key"));
      CHECK(a[i].at("value") == j.at("assumptions")[i].at("value"));
    }

    std::map<std::string, std::string> headline;
    for (std::size_t col = 0; col < summary_rows[0].size(); ++col)
      headline[summary_rows[0][col]] = summary_rows[s + 1].at(col);
    CHECK(headline.at("scenario") == name);
    CHECK(headline.at("target") == j.at("breakeven").at("target"));
    same(headline.at("p_by_target"), j.at("breakeven").at("p_by_target"));
    same(headline.at("p_by_target_se"), j.at("breakeven").at("p_by_target_se"));
    for (const char* q : {"p10", "p50", "p90"}) {
      const std::string label = j.at("breakeven").at("quantiles").at(q);
      const std::string column = std::string("breakeven_") + q;
      CHECK(headline.at(column) == (label == "never" ? "" : label));
      CHECK(headline.at(column + "_never") == (label == "never" ? "true" : "false"));
    }
    same(headline.at("cash_out_after_breakeven"), j.at("cash_out").at("after_breakeven"));
    same(headline.at("cash_out_first"), j.at("breakeven").at("cash_out_first"));
    same(headline.at("funding_need_p50"), jn.at("p50"));
    same(headline.at("paths"), j.at("paths"));
  }
  // The awkward name survived quoting: its raw form is in the file, quoted and doubled.
  CHECK(slurp_file(run.out("fans.csv")).find("\"摩尔线程 \"\"MT\"\", Inc & Co\"") !=
        std::string::npos);
}

// What a data-frame library infers: a column is numeric when every non-empty field is a number.
// Every column meant as a number must read as one (no "never" among the years, no 90 standing
// for "beyond the horizon"), every flag is true/false, and every table with money names its unit.
TEST_CASE("CSV numeric columns hold only numbers", "[csv][cli]") {
  SmallRun run;
  const std::map<std::string, std::vector<std::string>> numeric{
      {"scenarios.csv",
       {"paths",
        "seed",
        "target",
        "p_by_target",
        "p_by_target_se",
        "breakeven_p10",
        "breakeven_p50",
        "breakeven_p90",
        "not_within_horizon",
        "cash_out_first",
        "cash_out",
        "cash_out_after_breakeven",
        "runway_p10",
        "runway_p50",
        "runway_p90",
        "runway_horizon_months",
        "p_runway_lt_12",
        "p_runway_beyond_horizon",
        "funding_need_mean",
        "funding_need_p50",
        "funding_need_p_none"}},
      {"breakeven_distribution.csv", {"period", "p", "cumulative", "se"}},
      {"cash_out_by_year.csv",
       {"year", "months", "p", "se", "p_before_breakeven", "p_after_breakeven"}},
      {"runway.csv", {"months", "share"}},
      {"runway_quantiles.csv", {"months"}},
      {"funding_need.csv", {"lo", "hi", "p"}},
      {"funding_need_quantiles.csv", {"value"}},
      {"fans.csv", {"year", "months", "alive", "p05", "p25", "p50", "p75", "p95"}},
  };
  const std::vector<std::string> money_tables{"scenarios.csv", "funding_need.csv",
                                              "funding_need_quantiles.csv", "fans.csv"};
  bool saw_empty_quantile = false;
  for (const auto& [file, columns] : numeric) {
    INFO(file);
    const auto rows = parse_csv(slurp_file(run.out(file)));
    REQUIRE(rows.size() > 1);
    const auto& header = rows.front();
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& column = header[c];
      INFO("column " << column);
      const bool is_numeric = std::find(columns.begin(), columns.end(), column) != columns.end();
      const bool is_flag = column == "beyond_horizon" || column.ends_with("_never") ||
                           (column.ends_with("_beyond_horizon") && column.starts_with("runway_"));
      for (std::size_t r = 1; r < rows.size(); ++r) {
        const std::string& field = rows[r].at(c);
        if (is_numeric && field.empty()) saw_empty_quantile = true;
        if (is_numeric && !field.empty()) {
          std::size_t used = 0;
          CHECK_NOTHROW(std::stod(field, &used));
          CHECK(used == field.size());
        }
        if (is_flag) CHECK((field == "true" || field == "false"));
      }
    }
    if (std::find(money_tables.begin(), money_tables.end(), file) != money_tables.end()) {
      CHECK(std::find(header.begin(), header.end(), "money_unit") != header.end());
      CHECK(std::find(header.begin(), header.end(), "currency") != header.end());
    }
  }
  // The run has quantiles beyond the horizon (Moore Threads' runway), so the empty case was seen.
  CHECK(saw_empty_quantile);
}

TEST_CASE("a run that fails writes no report file", "[csv][cli]") {
  TempDir dir;
  SECTION("bad scenario in the batch") {
    const fs::path out = dir.path() / "out";
    CHECK(run_breakeven("run scenarios/metax.toml scenarios/no_such.toml --paths 100 --quiet "
                        "--out '" +
                            out.string() + "'",
                        dir.path()) == 2);
    CHECK_FALSE(fs::exists(out));
  }
  SECTION("output directory cannot be created") {
    const fs::path blocker = dir.path() / "file";
    std::ofstream(blocker) << "not a directory";
    CHECK(run_breakeven("run scenarios/metax.toml --paths 100 --quiet --out '" +
                            (blocker / "out").string() + "'",
                        dir.path()) == 2);
    CHECK(slurp_file(dir.path() / "stderr.txt").find("error: ") == 0);
    CHECK(slurp_file(blocker) == "not a directory");
  }
}
