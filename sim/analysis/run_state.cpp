// SPDX-License-Identifier: MIT
#include "breakeven/analysis/run_state.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "breakeven/model/model.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kStateFormat = "breakeven-state";

// FNV-1a, 64 bits: small, fast and stable across machines; enough to notice an accident.
class Fnv1a {
 public:
  void add(std::string_view bytes) {
    for (const char c : bytes) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ULL;
    }
  }
  void add_separator() { add(std::string_view("\0", 1)); }
  std::string hex() const { return fmt::format("fnv1a64:{:016x}", hash_); }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string checksum(std::string_view bytes) {
  Fnv1a hash;
  hash.add(bytes);
  return hash.hex();
}

Json source_json(const StateSource& source) {
  Json overrides = Json::array();
  for (const Override& o : source.overrides)
    overrides.push_back(Json::array({o.key, o.toml_value}));
  return Json{{"file", source.file},
              {"hash", content_hash(source)},
              {"overrides", std::move(overrides)},
              {"text", source.text}};
}

StateSource source_of(const Json& in) {
  StateSource source;
  source.file = in.at("file").get<std::string>();
  source.text = in.at("text").get<std::string>();
  for (const Json& o : in.at("overrides"))
    source.overrides.push_back({o.at(0).get<std::string>(), o.at(1).get<std::string>()});
  if (content_hash(source) != in.at("hash").get<std::string>())
    throw UsageError(
        fmt::format("the state of {} is damaged: its text does not match its hash", source.file));
  return source;
}

RunState header_of(const Json& header) {
  RunState state;
  state.seed = header.at("seed").get<std::uint64_t>();
  state.paths = header.at("paths").get<std::int64_t>();
  state.strict = header.at("strict").get<bool>();
  state.shards = header.at("shards").get<int>();
  state.shard = header.at("shard").get<int>() - 1;
  if (state.shards < 1 || state.shard < 0 || state.shard >= state.shards || state.paths < 1)
    throw UsageError(fmt::format("shard {}/{} of {} paths is not a shard of a run", state.shard + 1,
                                 state.shards, state.paths));
  for (const Json& source : header.at("scenarios")) state.scenarios.push_back(source_of(source));
  if (state.scenarios.empty()) throw UsageError("the state holds no scenario");
  return state;
}

}  // namespace

std::string content_hash(const StateSource& source) {
  Fnv1a hash;
  hash.add(source.text);
  for (const Override& o : source.overrides) {
    hash.add_separator();
    hash.add(o.key);
    hash.add_separator();
    hash.add(o.toml_value);
  }
  return hash.hex();
}

std::string state_to_text(const RunState& state) {
  Json header;
  header["format"] = kStateFormat;
  header["version"] = kStateFormatVersion;
  header["shard"] = state.shard + 1;
  header["shards"] = state.shards;
  header["seed"] = state.seed;
  header["paths"] = state.paths;
  header["strict"] = state.strict;
  Json sources = Json::array();
  for (const StateSource& source : state.scenarios) sources.push_back(source_json(source));
  header["scenarios"] = std::move(sources);
  header["tallies_bytes"] = state.tallies.size();
  header["tallies_checksum"] = checksum(state.tallies);
  // The header is one line (JSON escapes every newline in the texts), so a reader finds the
  // tallies after the first newline without parsing them twice.
  return header.dump() + "\n" + state.tallies;
}

RunState state_from_text(std::string_view text) {
  const std::size_t newline = text.find('\n');
  const Json header = newline == std::string_view::npos
                          ? Json()
                          : Json::parse(text.substr(0, newline), nullptr, false);
  if (!header.is_object() || header.value("format", "") != kStateFormat)
    throw UsageError("not a breakeven state file, or its first line is damaged or cut short");
  if (header.value("version", 0) != kStateFormatVersion)
    throw UsageError(fmt::format("state format version {}, this build reads {}",
                                 header.value("version", 0), kStateFormatVersion));
  try {
    RunState state = header_of(header);
    const auto expected = header.at("tallies_bytes").get<std::size_t>();
    const std::string_view tallies = text.substr(newline + 1);
    if (tallies.size() < expected)
      throw UsageError(fmt::format("the file is cut short: {} of its {} bytes of tallies are there",
                                   tallies.size(), expected));
    if (tallies.size() > expected)
      throw UsageError(
          fmt::format("the file has {} bytes after its end", tallies.size() - expected));
    if (checksum(tallies) != header.at("tallies_checksum").get<std::string>())
      throw UsageError("the tallies are damaged: their checksum does not match");
    state.tallies = std::string(tallies);
    return state;
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(std::string("the state file's header is malformed: ") + e.what());
  }
}

LoadedRun load_sources(const std::vector<StateSource>& sources, std::int64_t paths,
                       std::uint64_t seed, bool strict) {
  LoadedRun run;
  run.paths = paths;
  run.seed = seed;
  run.models.reserve(sources.size());
  for (const StateSource& source : sources) {
    ScenarioSpec spec = parse_scenario(source.text, source.file, source.overrides);
    spec.simulation.paths = paths;
    spec.simulation.seed = seed;
    run.models.push_back(build_model(spec, ModelOptions{strict}));
  }
  return run;
}

}  // namespace breakeven
