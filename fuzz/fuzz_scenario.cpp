// SPDX-License-Identifier: MIT
// libFuzzer target for the scenario reader and --set. The input is a scenario file, optionally
// followed by a NUL byte and `KEY=VALUE` overrides, one a line. Whatever the bytes, reading
// must end in a spec or in typed errors (ScenarioError, UsageError) that render; a scenario
// that reads and builds is simulated for two paths, which must not fail either.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/engine/engine.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/diagnostics.hpp"
#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace {

std::vector<breakeven::Override> read_overrides(std::string_view text) {
  std::vector<breakeven::Override> overrides;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    try {
      overrides.push_back(breakeven::parse_override(line));
    } catch (const breakeven::UsageError&) {
      // A malformed --set is refused before any file is read; the rest still is.
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return overrides;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view toml = input.substr(0, split);
  const auto overrides = split == std::string_view::npos ? std::vector<breakeven::Override>{}
                                                         : read_overrides(input.substr(split + 1));
  try {
    breakeven::ScenarioSpec spec = breakeven::parse_scenario(toml, "fuzz.toml", overrides);
    spec.simulation.paths = 2;
    const breakeven::Model model = breakeven::build_model(spec);
    // Long horizons cost a histogram per fiscal year; the property test covers them.
    if (model.months <= 120) {
      breakeven::EngineOptions options;
      options.threads = 1;
      (void)breakeven::simulate(breakeven::scenario_run(model), options);
    }
  } catch (const breakeven::ScenarioError& error) {
    if (breakeven::render_diagnostics(error).empty()) std::abort();
  }
  // Any other exception escapes and libFuzzer reports it as a crash: a finding.
  return 0;
}
