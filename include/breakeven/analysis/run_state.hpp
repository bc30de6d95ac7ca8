// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {

/// The version written into state files; a reader refuses any other.
inline constexpr int kStateFormatVersion = 1;

/// A scenario as it ran: the file name given, its text as read, and every override applied to it
/// (the run's `--set`s, then the file's own), in order.
struct StateSource {
  std::string file;
  std::string text;
  std::vector<Override> overrides;
};

/// A fingerprint of what a scenario means: "fnv1a64:" and 16 hex digits of FNV-1a over its text
/// and overrides. It tells shards of one run from shards of an edited scenario; it is no defence
/// against a file forged on purpose.
std::string content_hash(const StateSource& source);

/// The partial result of one shard of a run, enough to merge it with the other shards and report
/// without the scenario files: the sources, the run's seed and path count, which shard it is, and
/// the exact tallies of the shard's paths as tally_io serialises them.
struct RunState {
  std::vector<StateSource> scenarios;
  std::uint64_t seed = 0;
  std::int64_t paths = 0;
  bool strict = false;
  int shard = 0;        ///< 0-based
  int shards = 1;       ///< how many shards the run was split into
  std::string tallies;  ///< tallies_to_json() of the shard's range
};

/// A state file: one line of JSON (version, sources with their hashes, seed, paths, shard, and
/// the length and FNV-1a checksum of what follows), then the tallies text.
std::string state_to_text(const RunState& state);

/// Reads what state_to_text wrote. Throws UsageError for another format or version, a file cut
/// short or with bytes appended, or one whose tallies or scenario texts fail their checksums.
RunState state_from_text(std::string_view text);

/// Compiles the sources of a run as load_run() does for files (same paths, seed and strictness in
/// every spec). Throws ScenarioError for a source that does not parse.
LoadedRun load_sources(const std::vector<StateSource>& sources, std::int64_t paths,
                       std::uint64_t seed, bool strict);

}  // namespace breakeven
