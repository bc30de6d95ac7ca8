// SPDX-License-Identifier: MIT
#include "cli_shard.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "breakeven/engine/run_share.hpp"
#include "breakeven/engine/tally_io.hpp"
#include "breakeven/report/atomic_file.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

// "I/K" with 1 <= I <= K: the numbering a job array or a person counts with.
void parse_shard(const std::string& text, ShardRun& shard) {
  int index = 0;
  int count = 0;
  char slash = 0;
  std::istringstream in(text);
  if (!(in >> index >> slash >> count) || slash != '/' || !in.eof() || count < 1 || index < 1 ||
      index > count)
    throw UsageError(fmt::format("--shard takes I/K with 1 <= I <= K (e.g. 2/8), not '{}'", text));
  shard.index = index - 1;
  shard.count = count;
}

std::string read_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError({file, 0}, "", "cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ShardRun shard_run(const RunCommand& command, const RunRequest& request, LoadedRun& loaded) {
  ShardRun shard;
  if (command.shard) parse_shard(*command.shard, shard);
  if (!command.save_state) return shard;
  for (const ScenarioEntry& entry : request.scenarios) {
    shard.sources.push_back({entry.file, read_text(entry.file), entry_overrides(request, entry)});
  }
  loaded = load_sources(shard.sources, loaded.paths, loaded.seed, request.strict);
  return shard;
}

RunPlan shard_plan(const ShardRun& shard, const LoadedRun& loaded) {
  return share_of(plan_of(loaded), shard.index, shard.count);
}

void save_state(const RunCommand& command, const ShardRun& shard, const LoadedRun& loaded,
                const RunTallies& tallies) {
  RunState state;
  state.scenarios = shard.sources;
  state.seed = loaded.seed;
  state.paths = loaded.paths;
  state.strict = command.strict;
  state.shard = shard.index;
  state.shards = shard.count;
  state.tallies = tallies_to_json(tallies, plan_of(loaded).models);
  write_file_atomically(*command.save_state, state_to_text(state));
  if (!command.quiet && command.shard)
    std::cout << fmt::format("shard {}/{}: paths [{}, {}) of {} saved to {}\n", shard.index + 1,
                             shard.count, tallies.begin, tallies.end, tallies.paths,
                             *command.save_state);
}

}  // namespace breakeven
