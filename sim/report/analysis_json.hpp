// SPDX-License-Identifier: MIT
#pragma once

// Internal to the sweep and sensitivity JSON: the scenario header and the document around it,
// which the two reports share with each other.

#include <string>

#include <nlohmann/json.hpp>

namespace breakeven::json {

/// The header every analysis reports its scenario with: name, file, paths, seed, money unit,
/// currency and break-even target (null without one), in that order. `Result` is a sweep's or a
/// sensitivity analysis's result; the analysis's own body is added after it by the caller.
template <class Result>
nlohmann::ordered_json scenario_header(const Result& result) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["name"] = result.name;
  out["file"] = result.file;
  out["paths"] = result.paths;
  out["seed"] = result.seed;
  out["money_unit"] = result.money_unit;
  out["currency"] = result.currency;
  out["target"] = result.target ? nlohmann::ordered_json(*result.target) : nullptr;
  return out;
}

/// The whole document: `{ "version", "scenarios": [...] }`, indented by two, ending in a newline.
std::string analysis_document(nlohmann::ordered_json scenarios);

}  // namespace breakeven::json
