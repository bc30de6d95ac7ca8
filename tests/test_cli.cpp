// SPDX-License-Identifier: MIT
// Smoke tests of the built program: exit statuses, messages and outputs as a user sees them.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

/// Uncertain, volatile and funded, so that thread counts and seeds have something to change.
const char* const kTinyScenario = R"(
[company]
name = "Tiny Chips"
currency = "CNY"
money_unit = "亿"
[simulation]
start = "2025-07"
horizon = "2027-12"
paths = 5000
seed = 11
[state]
cash = 8
revenue = 6
[revenue]
growth = { dist = "pert", min = 0.3, mode = 0.8, max = 1.5 }
volatility = 0.4
[margin]
gross = { dist = "uniform", min = 0.45, max = 0.6 }
[costs]
rnd = 4
sga = 1.5
[cash]
minimum = 0.5
[[funding.rounds]]
name = "IPO"
date = "2026-03"
amount = { dist = "uniform", min = 5, max = 10 }
probability = 0.7
[breakeven]
target = "2026"
)";

struct Outcome {
  int status = -1;
  std::string out, err;
};

class Sandbox {
 public:
  Sandbox() : dir_(fs::temp_directory_path() / ("breakeven-cli-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  ~Sandbox() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path path(const std::string& name) const { return dir_ / name; }

  /// Runs the program with `args` (a shell fragment), capturing both streams in files.
  Outcome run(const std::string& args) const {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    const std::string command = "NO_COLOR=1 '" + std::string(BREAKEVEN_BINARY) + "' " + args +
                                " > '" + out.string() + "' 2> '" + err.string() + "'";
    const int raw = std::system(command.c_str());
    Outcome outcome;
    outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    outcome.out = slurp(out);
    outcome.err = slurp(err);
    return outcome;
  }

  static std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  fs::path dir_;
};

std::string quoted(const fs::path& path) {
  return fmt::format("'{}'", path.string());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("cli: --help and --version", "[cli]") {
  const Sandbox box;
  const Outcome help = box.run("--help");
  CHECK(help.status == 0);
  CHECK(contains(help.out, "run"));
  CHECK(contains(help.out, "validate"));

  const Outcome run_help = box.run("run --help");
  CHECK(run_help.status == 0);
  CHECK(contains(run_help.out, "--paths"));
  CHECK(contains(run_help.out, "--json"));

  const Outcome version = box.run("--version");
  CHECK(version.status == 0);
  CHECK(contains(version.out, std::string("breakeven ") + BREAKEVEN_VERSION));
}

TEST_CASE("cli: bad usage exits 2", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  CHECK(box.run("").status == 2);
  CHECK(box.run("frobnicate").status == 2);
  CHECK(box.run("run").status == 2);
  CHECK(box.run("run " + file + " --no-such-option").status == 2);

  const Outcome zero_paths = box.run("run " + file + " --paths 0");
  CHECK(zero_paths.status == 2);
  CHECK(contains(zero_paths.err, "--paths"));

  CHECK(box.run("run " + file + " --seed -1").status == 2);
  CHECK(box.run("run " + file + " --threads -1").status == 2);

  const Outcome no_equals = box.run("run " + file + " --set revenue.volatility");
  CHECK(no_equals.status == 2);
  CHECK(contains(no_equals.err, "error:"));

  const Outcome unknown_key = box.run("run " + file + " --set revenue.volatilty=0.5");
  CHECK(unknown_key.status == 2);
  CHECK(contains(unknown_key.err, "volatilty"));

  const Outcome trace_too_far = box.run("run " + file + " --paths 10 --trace-path 10");
  CHECK(trace_too_far.status == 2);
}

TEST_CASE("cli: validate", "[cli]") {
  const Sandbox box;
  const auto good = box.write("good.toml", kTinyScenario);
  // The unknown key sits on line 4 of this file.
  const auto bad = box.write("bad.toml",
                             "[company]\nname = \"Bad\"\ncurrency = \"CNY\"\ncolour = "
                             "\"red\"\n[simulation]\nstart = \"2025-07\"\n");

  const Outcome ok = box.run("validate " + quoted(good));
  CHECK(ok.status == 0);
  CHECK(contains(ok.out, "ok: " + good.string()));

  const Outcome failed = box.run("validate " + quoted(bad) + " " + quoted(good));
  CHECK(failed.status == 2);
  CHECK(contains(failed.err, bad.string() + ":4"));
  CHECK(contains(failed.err, "colour"));
  // Every file is checked, even after a bad one.
  CHECK(contains(failed.out, "ok: " + good.string()));

  const Outcome missing = box.run("validate " + quoted(box.path("missing.toml")));
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "missing.toml"));
}

TEST_CASE("cli: run prints the summary with its histogram", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  const Outcome run = box.run("run " + file + " --paths 400");
  REQUIRE(run.status == 0);
  CHECK(contains(run.out, "Tiny Chips"));
  CHECK(contains(run.out, "P(break-even by 2026) = "));
  CHECK(contains(run.out, "█"));
  CHECK(contains(run.out, "not within horizon"));
  CHECK(contains(run.out, "亿 CNY"));
  CHECK_FALSE(contains(run.out, "\x1b["));  // NO_COLOR and not a terminal

  const Outcome quiet = box.run("run " + file + " --paths 400 --quiet");
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());

  const Outcome missing = box.run("run " + quoted(box.path("missing.toml")));
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "missing.toml"));

  const Outcome trace = box.run("run " + file + " --paths 10 --trace-path 3");
  CHECK(trace.status == 0);
  CHECK(contains(trace.out, "2025-07"));
  CHECK(contains(trace.out, "2027-12"));
}

TEST_CASE("cli: --json - prints the SPEC JSON and nothing else", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  const Outcome run = box.run("run " + file + " --paths 1000 --json -");
  REQUIRE(run.status == 0);
  nlohmann::json json;
  REQUIRE_NOTHROW(json = nlohmann::json::parse(run.out));
  REQUIRE(json["scenarios"].size() == 1);
  const auto& s = json["scenarios"][0];
  for (const char* key : {"name", "file", "paths", "seed", "money_unit", "currency", "breakeven",
                          "cash_out", "runway_months", "funding_need", "fan"})
    CHECK(s.contains(key));
  CHECK(s["name"] == "Tiny Chips");
  CHECK(s["paths"] == 1000);
  CHECK(s["seed"] == 11);
  CHECK(s["money_unit"] == "亿");
  const auto& be = s["breakeven"];
  for (const char* key : {"metric", "period", "target", "p_by_target", "p_by_target_se",
                          "distribution", "not_within_horizon", "cash_out_first", "quantiles"})
    CHECK(be.contains(key));
  CHECK(be["target"] == "2026");
  CHECK(be["distribution"].size() >= 2);
  CHECK(s["runway_months"].contains("p_lt_24"));
  CHECK(s["funding_need"].contains("p_none"));
  for (const char* fan : {"revenue", "net_income", "cash"}) CHECK(s["fan"][fan].contains("2026"));
  // The probabilities of the outcomes of a path add up to one.
  double total = be["not_within_horizon"].get<double>() + be["cash_out_first"].get<double>();
  for (const auto& row : be["distribution"]) total += row["p"].get<double>();
  CHECK(total == Approx(1.0).margin(1e-9));
}

TEST_CASE("cli: results do not depend on the thread count, but on the seed", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  const Outcome one = box.run("run " + file + " --threads 1 --json -");
  const Outcome two = box.run("run " + file + " --threads 2 --json -");
  const Outcome four = box.run("run " + file + " --threads 4 --json -");
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  REQUIRE(four.status == 0);
  CHECK(one.out == two.out);
  CHECK(one.out == four.out);

  const Outcome again = box.run("run " + file + " --threads 2 --json -");
  CHECK(again.out == one.out);

  const Outcome other_seed = box.run("run " + file + " --threads 2 --seed 12 --json -");
  REQUIRE(other_seed.status == 0);
  CHECK(other_seed.out != one.out);
  CHECK(nlohmann::json::parse(other_seed.out)["scenarios"][0]["seed"] == 12);
}

TEST_CASE("cli: --json PATH is written only when every scenario succeeded", "[cli]") {
  const Sandbox box;
  const auto good = quoted(box.write("tiny.toml", kTinyScenario));
  const auto bad = quoted(box.write("bad.toml", "[company]\nname = 3\n"));
  const fs::path out = box.path("out.json");

  const Outcome failed = box.run("run " + good + " " + bad + " --paths 200 --json " + quoted(out));
  CHECK(failed.status == 2);
  CHECK_FALSE(fs::exists(out));

  const Outcome ok =
      box.run("run " + good + " " + good + " --paths 200 --quiet --json " + quoted(out));
  REQUIRE(ok.status == 0);
  REQUIRE(fs::exists(out));
  const auto json = nlohmann::json::parse(Sandbox::slurp(out));
  CHECK(json["scenarios"].size() == 2);

  // An unwritable destination is neither usage nor scenario: status 1, no stray files.
  const Outcome unwritable = box.run("run " + good + " --paths 200 --quiet --json " +
                                     quoted(box.path("no-such-dir") / "out.json"));
  CHECK(unwritable.status == 1);
  CHECK(contains(unwritable.err, "no-such-dir"));
}
