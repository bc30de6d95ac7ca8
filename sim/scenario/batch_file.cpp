// SPDX-License-Identifier: MIT
#include "breakeven/scenario/batch_file.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <toml++/toml.h>

#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

int line_of(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

[[noreturn]] void fail(const std::string& file, const toml::node& node, const std::string& key,
                       const std::string& message) {
  throw ScenarioError({file, line_of(node)}, key, message);
}

/// Refuses keys other than `allowed`, suggesting the nearest.
void check_keys(const std::string& file, const toml::table& table, const std::string& prefix,
                const std::vector<std::string>& allowed) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    const std::string suggestion = nearest_key(name, allowed);
    fail(file, node, prefix + name,
         suggestion.empty() ? "unknown key" : "unknown key; did you mean `" + suggestion + "`?");
  }
}

std::int64_t positive_integer(const std::string& file, const toml::node& node,
                              const std::string& key, std::int64_t lowest) {
  const auto value = node.value<std::int64_t>();
  if (!node.is_integer() || !value || *value < lowest)
    fail(file, node, key, lowest == 1 ? "must be a positive integer" : "must be an integer >= 0");
  return *value;
}

/// A value of `set` as TOML text, so it is checked exactly like `--set KEY=VALUE`.
std::string toml_text(const toml::node& node) {
  std::ostringstream text;
  node.visit([&text](const auto& value) { text << toml::toml_formatter(value); });
  return text.str();
}

/// `set = { "revenue.volatility" = 0.5, ... }`: a dotted key written unquoted makes nested tables,
/// which are flattened back into dotted keys (a distribution, which has `dist`, is a value).
void read_sets(const toml::table& table, const std::string& prefix,
               std::vector<Override>& overrides) {
  for (const auto& [key, node] : table) {
    const std::string name = prefix + std::string(key.str());
    const toml::table* nested = node.as_table();
    if (nested != nullptr && !nested->contains("dist"))
      read_sets(*nested, name + ".", overrides);
    else
      overrides.push_back({name, toml_text(node)});
  }
}

ScenarioEntry read_entry(const std::string& file, const toml::table& entry,
                         const std::filesystem::path& folder) {
  check_keys(file, entry, "scenario.", {"file", "set"});
  const toml::node* path = entry.get("file");
  if (path == nullptr)
    throw ScenarioError({file, line_of(entry)}, "scenario.file", "required key missing");
  if (!path->is_string()) fail(file, *path, "scenario.file", "must be a string (a file name)");
  ScenarioEntry scenario;
  const std::filesystem::path written(*path->value<std::string>());
  scenario.file = (written.is_absolute() ? written : folder / written).lexically_normal().string();
  if (const toml::node* set = entry.get("set")) {
    if (!set->is_table()) fail(file, *set, "scenario.set", "must be a table of key = value");
    read_sets(*set->as_table(), "", scenario.overrides);
  }
  return scenario;
}

void read_batch_table(BatchFile& batch, const toml::table& table) {
  check_keys(batch.file, table, "batch.", {"name", "paths", "seed"});
  if (const toml::node* name = table.get("name")) {
    if (!name->is_string()) fail(batch.file, *name, "batch.name", "must be a string");
    batch.name = *name->value<std::string>();
  }
  if (const toml::node* paths = table.get("paths"))
    batch.paths = positive_integer(batch.file, *paths, "batch.paths", 1);
  if (const toml::node* seed = table.get("seed"))
    batch.seed = static_cast<std::uint64_t>(positive_integer(batch.file, *seed, "batch.seed", 0));
}

}  // namespace

bool is_batch_file(const std::string& path) {
  try {
    const toml::table document = toml::parse_file(path);
    return document.contains("batch") || document.contains("scenario");
  } catch (const toml::parse_error&) {
    return false;
  }
}

BatchFile load_batch_file(const std::string& path) {
  toml::table document;
  try {
    document = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    throw ScenarioError({path, static_cast<int>(error.source().begin.line)}, "",
                        std::string(error.description()));
  }
  BatchFile batch;
  batch.file = path;
  batch.name = std::filesystem::path(path).stem().string();
  check_keys(path, document, "", {"batch", "scenario"});
  if (const toml::node* table = document.get("batch")) {
    if (!table->is_table()) fail(path, *table, "batch", "must be a table: [batch]");
    read_batch_table(batch, *table->as_table());
  }
  const toml::node* entries = document.get("scenario");
  if (entries == nullptr || !entries->is_array_of_tables() || entries->as_array()->empty())
    throw ScenarioError({path, entries ? line_of(*entries) : 0}, "scenario",
                        "a batch needs at least one [[scenario]] with a `file`");
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  for (const toml::node& entry : *entries->as_array())
    batch.scenarios.push_back(read_entry(path, *entry.as_table(), folder));
  return batch;
}

}  // namespace breakeven
