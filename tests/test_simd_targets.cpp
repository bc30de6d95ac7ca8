// SPDX-License-Identifier: MIT
// A run's result must not depend on the instruction set that drew its random numbers, nor on
// the thread count: the exact serialised tallies of bench/full_featured.toml are compared byte for
// byte across every target this processor has.
#include <catch2/catch.hpp>

#include <string>

#include "breakeven/engine/engine.hpp"
#include "breakeven/engine/tally_io.hpp"
#include "breakeven/math/counter_normals.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

TEST_CASE("tallies are byte-identical for every SIMD target and thread count", "[engine][simd]") {
  const SimdTarget saved = active_simd_target();
  const Model model = build_model(load_scenario(BREAKEVEN_SOURCE_DIR "/bench/full_featured.toml"));
  const RunPlan plan = whole_run({&model}, 2025, 3000);
  REQUIRE(set_simd_target(SimdTarget::scalar));
  const std::string reference = tallies_to_json(simulate_serial(plan), {&model});
  int compared = 0;
  for (const SimdTarget target : {SimdTarget::scalar, SimdTarget::avx2, SimdTarget::avx512}) {
    if (!set_simd_target(target)) continue;
    ++compared;
    for (const int threads : {1, 2}) {
      CAPTURE(simd_target_name(target), threads);
      REQUIRE(tallies_to_json(simulate(plan, {threads, {}}), {&model}) == reference);
    }
  }
  set_simd_target(saved);
  REQUIRE(compared >= 1);
}
