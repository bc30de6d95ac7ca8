// SPDX-License-Identifier: MIT
// Regression: the headline numbers of the four company scenarios, pinned for a fixed seed and
// path count in tests/regression/headline.json. A run depends only on (scenario, seed, paths),
// never on the thread count, so any difference is a change of the model, the scenarios or the
// reporting, and must be either fixed or accepted on purpose by regenerating the file:
//
//   cmake --build build --target update-golden      (see docs/testing.md)
//
// which runs this test with BREAKEVEN_UPDATE_GOLDEN=1. The golden values are whatever the built
// program prints in its JSON report; this file only chooses which fields to keep.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "program_runner.hpp"

namespace {

using Json = nlohmann::ordered_json;

// The README's batch with the files' own path count and seed, spelled out so that an edit of a
// file's [simulation] shows up here: the golden numbers are then the ones the README and
// docs/calibration.md quote, and the four scenarios still run in a few seconds on two cores.
constexpr std::string_view kArguments =
    "run scenarios/moore_threads.toml scenarios/metax.toml scenarios/biren.toml "
    "scenarios/enflame.toml --paths 100000 --seed 2025 --json -";

// JSON pointers into one scenario of the report: the headline table's numbers and a few
// neighbours that move with them.
constexpr std::array<std::string_view, 12> kPinned{
    "/name",
    "/file",
    "/breakeven/target",
    "/breakeven/p_by_target",
    "/breakeven/quantiles/p10",
    "/breakeven/quantiles/p50",
    "/breakeven/quantiles/p90",
    "/breakeven/cash_out_first",
    "/breakeven/not_within_horizon",
    "/cash_out/probability",
    "/funding_need/p50",
    "/funding_need/p90",
};

std::filesystem::path golden_path() {
  return std::filesystem::path(BREAKEVEN_SOURCE_DIR) / "tests" / "regression" / "headline.json";
}

Json headline_of(const Json& report) {
  Json out;
  out["command"] = "breakeven " + std::string(kArguments);
  out["update"] = "cmake --build build --target update-golden (docs/testing.md)";
  Json scenarios = Json::array();
  for (const auto& scenario : report.at("scenarios")) {
    Json pinned;
    for (const auto pointer : kPinned)
      pinned[std::string(pointer)] = scenario.at(Json::json_pointer(std::string(pointer)));
    scenarios.push_back(std::move(pinned));
  }
  out["scenarios"] = std::move(scenarios);
  return out;
}

// Exact for strings and integers; for reals a relative 1e-12, which no change of the model can
// hide behind but which forgives a last-bit difference of a libm on another platform.
bool same_value(const Json& a, const Json& b) {
  if (a.is_number_float() || b.is_number_float()) {
    if (!a.is_number() || !b.is_number()) return false;
    const double x = a.get<double>(), y = b.get<double>();
    return x == y || std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y));
  }
  return a == b;
}

}  // namespace

TEST_CASE("regression: headline numbers of the four companies", "[regression]") {
  const auto outcome = breakeven::testing::run_program(std::string(kArguments) + " --quiet");
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const Json fresh = headline_of(Json::parse(outcome.out));

  if (const char* update = std::getenv("BREAKEVEN_UPDATE_GOLDEN"); update && *update) {
    std::filesystem::create_directories(golden_path().parent_path());
    std::ofstream(golden_path(), std::ios::binary) << fresh.dump(2) << '\n';
    WARN("rewrote " << golden_path().string());
    return;
  }

  std::ifstream in(golden_path(), std::ios::binary);
  REQUIRE(in.good());
  const Json golden = Json::parse(
      std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  // A golden file made with other arguments pins something else: regenerate it.
  REQUIRE(golden.at("command") == fresh.at("command"));
  REQUIRE(golden.at("scenarios").size() == fresh.at("scenarios").size());
  for (std::size_t s = 0; s < fresh.at("scenarios").size(); ++s) {
    const Json& want = golden.at("scenarios").at(s);
    const Json& got = fresh.at("scenarios").at(s);
    for (const auto pointer : kPinned) {
      const std::string key(pointer);
      INFO(got.at("/name").get<std::string>()
           << " " << key << ": golden " << want.value(key, Json()).dump() << ", now "
           << got.at(key).dump());
      REQUIRE(want.contains(key));
      CHECK(same_value(want.at(key), got.at(key)));
    }
  }
}
