// SPDX-License-Identifier: MIT
#include "breakeven/scenario/errors.hpp"

#include <utility>

namespace breakeven {
namespace {

// "file:line: key: message"; the line and the key are left out when unknown (line 0, key "")
// rather than printed as placeholders an analyst would have to decode.
std::string format_scenario_error(const SourceLocation& where, const std::string& key,
                                  const std::string& message) {
  std::string text = where.file;
  if (where.line > 0) text.append(":").append(std::to_string(where.line));
  text += ": ";
  if (!key.empty()) text.append(key).append(": ");
  text += message;
  return text;
}

}  // namespace

ScenarioError::ScenarioError(SourceLocation where, std::string key, const std::string& message)
    : std::runtime_error(format_scenario_error(where, key, message)),
      where_(std::move(where)),
      key_(std::move(key)),
      message_(message) {}

ScenarioErrors::ScenarioErrors(std::vector<ScenarioError> errors)
    : ScenarioError(errors.front()), errors_(std::move(errors)) {}

}  // namespace breakeven
