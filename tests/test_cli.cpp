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

TEST_CASE("cli: BREAKEVEN_SIMD names an instruction set or is refused", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  const std::string args = "run " + file + " --paths 300 --json -";
  const Outcome widest = box.run(args);
  REQUIRE(widest.status == 0);

  ::setenv("BREAKEVEN_SIMD", "avx1024", 1);
  const Outcome unknown = box.run(args);
  ::setenv("BREAKEVEN_SIMD", "scalar", 1);
  const Outcome scalar = box.run(args);
  ::unsetenv("BREAKEVEN_SIMD");

  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "BREAKEVEN_SIMD"));
  CHECK(contains(unknown.err, "avx1024"));
  CHECK(unknown.out.empty());
  REQUIRE(scalar.status == 0);
  CHECK(scalar.out == widest.out);
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

  // An unwritable destination is bad usage, found before the run: status 2, naming the argument
  // and the path, no stray files.
  const Outcome unwritable = box.run("run " + good + " --paths 200 --quiet --json " +
                                     quoted(box.path("no-such-dir") / "out.json"));
  CHECK(unwritable.status == 2);
  CHECK(contains(unwritable.err, "error: --json: "));
  CHECK(contains(unwritable.err, "no-such-dir"));
}

TEST_CASE("cli: usage messages name the mistake", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));

  const Outcome nothing = box.run("");
  CHECK(nothing.status == 2);
  CHECK(contains(nothing.err, "error: a subcommand is required: run, validate"));

  const Outcome foo = box.run("foo");
  CHECK(foo.status == 2);
  CHECK(contains(foo.err, "error: unknown subcommand 'foo'"));

  const Outcome bogus = box.run("--bogus");
  CHECK(bogus.status == 2);
  CHECK(contains(bogus.err, "error: unknown option '--bogus'"));

  const Outcome run_bogus = box.run("run " + file + " --bogus");
  CHECK(run_bogus.status == 2);
  CHECK(contains(run_bogus.err, "error: unknown option '--bogus' for run"));

  const Outcome no_file = box.run("run --paths 10");
  CHECK(no_file.status == 2);
  CHECK(contains(no_file.err, "at least one scenario FILE is required"));

  const Outcome negative_seed = box.run("run " + file + " --seed -1");
  CHECK(negative_seed.status == 2);
  CHECK(contains(negative_seed.err, "error: --seed must be 0 or more, not -1\n"));
  CHECK(negative_seed.err.size() < 120);  // not CLI11's 300-digit range

  const Outcome bad_paths = box.run("run " + file + " --paths abc");
  CHECK(bad_paths.status == 2);
  CHECK(contains(bad_paths.err, "--paths must be a whole number, 1 or more"));
  CHECK(contains(bad_paths.err, "'abc'"));
  CHECK(box.run("run " + file + " --paths 1.5").status == 2);
}

TEST_CASE("cli: --paths reads 1e5, 100_000 and 100k", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  for (const char* paths : {"2e3", "2_000", "2k", "2000"}) {
    INFO(paths);
    const Outcome run = box.run("run " + file + " --paths " + paths + " --json -");
    REQUIRE(run.status == 0);
    CHECK(nlohmann::json::parse(run.out)["scenarios"][0]["paths"] == 2000);
  }
  const Outcome seed = box.run("run " + file + " --paths 100 --seed 1_000 --json -");
  REQUIRE(seed.status == 0);
  CHECK(nlohmann::json::parse(seed.out)["scenarios"][0]["seed"] == 1000);
}

TEST_CASE("cli: --set takes bare percents and words, and names the file it failed on", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  const Outcome bare = box.run("run " + file +
                               " --paths 100 --set margin.gross=60% --set 'company.name=Foo Chips' "
                               "--set state.cash=900万 --json -");
  INFO(bare.err);
  REQUIRE(bare.status == 0);
  const auto scenario = nlohmann::json::parse(bare.out)["scenarios"][0];
  CHECK(scenario["name"] == "Foo Chips");
  bool saw_margin = false;
  for (const auto& a : scenario["assumptions"])
    if (a["key"] == "margin.gross") saw_margin = a["value"] == "0.6" || a["value"] == "60 %";
  CHECK(saw_margin);

  // The same --set suits the first file of the batch (it has a funding round) and not the second.
  std::string unfunded = kTinyScenario;
  unfunded.erase(unfunded.find("[[funding.rounds]]"),
                 unfunded.find("[breakeven]") - unfunded.find("[[funding.rounds]]"));
  const auto second = quoted(box.write("unfunded.toml", unfunded));
  const Outcome batch =
      box.run("run " + file + " " + second + " --paths 100 --set funding.rounds.0.amount=3");
  CHECK(batch.status == 2);
  CHECK(contains(batch.err, "unfunded.toml (--set): funding.rounds"));
  CHECK_FALSE(contains(batch.err, "tiny.toml"));
}

TEST_CASE("cli: validate takes run's options and ignores them", "[cli]") {
  const Sandbox box;
  const auto good = box.write("good.toml", kTinyScenario);
  const fs::path dir = box.path("never-written");
  const Outcome ok =
      box.run("validate " + quoted(good) +
              " --paths 1e5 --seed 3 --threads 2 --json - --quiet --headline --out " + quoted(dir));
  CHECK(ok.status == 0);
  CHECK(ok.out == "ok: " + good.string() + "\n");
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("cli: --out says where the report is; --headline and --quiet", "[cli]") {
  const Sandbox box;
  const auto file = quoted(box.write("tiny.toml", kTinyScenario));
  const fs::path dir = box.path("out");
  const Outcome out = box.run("run " + file + " " + file + " --paths 200 --out " + quoted(dir));
  REQUIRE(out.status == 0);
  CHECK(out.err == fmt::format("wrote 11 files to {} — open {}\n", dir.string(),
                               (dir / "report.html").string()));
  CHECK(fs::exists(dir / "report.html"));

  const Outcome headline = box.run("run " + file + " " + file + " --paths 200 --headline");
  REQUIRE(headline.status == 0);
  CHECK(headline.out.rfind("Headline · 2 scenarios", 0) == 0);
  CHECK_FALSE(contains(headline.out, "Break-even:"));
  CHECK_FALSE(contains(headline.out, "█"));

  const Outcome quiet =
      box.run("run " + file + " --paths 200 --quiet --headline --out " + quoted(dir));
  REQUIRE(quiet.status == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
}

// A batch's files run together, path by path (one plan), so one line counts them all.
TEST_CASE("cli: progress on a terminal counts the scenarios of a batch", "[cli]") {
  const Sandbox box;
  const fs::path file = box.write("tiny.toml", kTinyScenario);
  const fs::path log = box.path("terminal.txt");
  // `script` gives the program a terminal; each run is long enough (> 0.5 s) to show progress.
  const std::string command = fmt::format(
      "script -qec \"NO_COLOR=1 '{}' run '{}' '{}' --paths 4000000 --threads 1 "
      "--headline\" /dev/null > '{}' 2>&1",
      BREAKEVEN_BINARY, file.string(), file.string(), log.string());
  if (std::system("command -v script > /dev/null") != 0) {
    WARN("no `script` (util-linux) to make a terminal; progress not checked");
    return;
  }
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string text = Sandbox::slurp(log);
  CHECK(contains(text, "2 scenarios"));
  CHECK(contains(text, "ETA"));
}
