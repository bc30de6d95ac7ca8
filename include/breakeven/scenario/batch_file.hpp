// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {

/// One scenario file of a run, with the overrides that apply to it alone.
struct ScenarioEntry {
  std::string file;
  std::vector<Override> overrides;
};

/// A batch file: `[batch]` with `name`, `paths`, `seed`, and `[[scenario]]` entries with `file`
/// (relative to the batch file) and an optional `set = { "key.path" = value, ... }`.
struct BatchFile {
  std::string file;  ///< the batch file itself
  std::string name;  ///< `batch.name`, else the file's stem
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  std::vector<ScenarioEntry> scenarios;  ///< files resolved against the batch file's folder
};

/// Whether `path` reads as a batch file: TOML with a top-level `batch` or `scenario` key.
/// False for anything else, including a file that is not valid TOML (the scenario parser then
/// explains the syntax error).
bool is_batch_file(const std::string& path);

/// Reads a batch file. Throws ScenarioError naming the file, line and key for unknown keys,
/// wrong types, a non-positive `paths`, a negative `seed` or a missing `file`.
BatchFile load_batch_file(const std::string& path);

}  // namespace breakeven
