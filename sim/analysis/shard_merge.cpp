// SPDX-License-Identifier: MIT
#include "breakeven/analysis/shard_merge.hpp"

#include <fmt/format.h>

#include "breakeven/engine/run_share.hpp"
#include "breakeven/engine/tally_io.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

// Which scenarios ran, as one comparable text: file names and content hashes, in order.
std::string scenarios_key(const RunState& state) {
  std::string key;
  for (const StateSource& source : state.scenarios)
    key += source.file + " " + content_hash(source) + "\n";
  return key;
}

// Every state must be a shard of the same run as the first one.
void check_same_run(const NamedState& first, const NamedState& other) {
  const RunState& a = first.state;
  const RunState& b = other.state;
  auto differs = [&](const std::string& what, const std::string& here, const std::string& there) {
    throw UsageError(
        fmt::format("{}: {} is {} here but {} in {}; these are shards of different runs",
                    other.file, what, here, there, first.file));
  };
  if (scenarios_key(a) != scenarios_key(b)) {
    std::string here, there;
    for (const StateSource& s : b.scenarios) here += (here.empty() ? "" : ", ") + s.file;
    for (const StateSource& s : a.scenarios) there += (there.empty() ? "" : ", ") + s.file;
    throw UsageError(fmt::format(
        "{}: was run on other scenarios than {} (scenario files or their content differ: {} vs {})",
        other.file, first.file, here, there));
  }
  if (a.seed != b.seed) differs("the seed", std::to_string(b.seed), std::to_string(a.seed));
  if (a.paths != b.paths)
    differs("the path count", std::to_string(b.paths), std::to_string(a.paths));
  if (a.shards != b.shards)
    differs("the shard count", std::to_string(b.shards), std::to_string(a.shards));
  if (a.strict != b.strict) differs("--strict", b.strict ? "on" : "off", a.strict ? "on" : "off");
}

// The shards in order, each exactly once.
std::vector<const NamedState*> shards_in_order(const std::vector<NamedState>& states) {
  const int count = states.front().state.shards;
  std::vector<const NamedState*> order(static_cast<std::size_t>(count), nullptr);
  for (const NamedState& named : states) {
    const NamedState*& slot = order[static_cast<std::size_t>(named.state.shard)];
    if (slot != nullptr)
      throw UsageError(fmt::format("{}: shard {}/{} is given twice (also {})", named.file,
                                   named.state.shard + 1, count, slot->file));
    slot = &named;
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] != nullptr) continue;
    std::string given;
    for (const NamedState* named : order)
      if (named != nullptr)
        given += fmt::format("{}shard {}/{} in {}", given.empty() ? "" : ", ",
                             named->state.shard + 1, count, named->file);
    throw UsageError(fmt::format("shard {}/{} is missing; given: {}", i + 1, count, given));
  }
  return order;
}

// A shard's tallies, checked to be those of its own share of the run.
RunTallies shard_tallies(const NamedState& named, const RunPlan& whole) {
  const RunPlan share = share_of(whole, named.state.shard, named.state.shards);
  RunTallies tallies;
  try {
    tallies = tallies_from_json(named.state.tallies, whole.models);
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("{}: {}", named.file, e.what()));
  }
  if (tallies.seed != whole.seed || tallies.paths != whole.paths || tallies.begin != share.begin ||
      tallies.end != share.end)
    throw UsageError(fmt::format("{}: its tallies cover paths [{}, {}), shard {}/{} is [{}, {})",
                                 named.file, tallies.begin, tallies.end, named.state.shard + 1,
                                 named.state.shards, share.begin, share.end));
  return tallies;
}

}  // namespace

MergedRun merge_states(const std::vector<NamedState>& states) {
  if (states.empty()) throw UsageError("no state file given");
  const NamedState& first = states.front();
  for (const NamedState& other : states) check_same_run(first, other);
  const std::vector<const NamedState*> order = shards_in_order(states);

  MergedRun merged;
  merged.loaded =
      load_sources(first.state.scenarios, first.state.paths, first.state.seed, first.state.strict);
  const RunPlan whole = plan_of(merged.loaded);
  merged.tallies = shard_tallies(*order.front(), whole);
  for (std::size_t i = 1; i < order.size(); ++i)
    merge_tallies(merged.tallies, shard_tallies(*order[i], whole));
  return merged;
}

}  // namespace breakeven
