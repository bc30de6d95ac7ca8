// SPDX-License-Identifier: MIT
#pragma once

// How a scenario's mistakes are reported: TOML syntax errors in plain words, and every error of
// a file sorted by line, each quoting its line.

#include <toml++/toml.h>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/scenario/errors.hpp"

namespace breakeven::detail {

/// A TOML syntax error as a ScenarioError naming the key on its line.
ScenarioError syntax_error(const toml::parse_error& error, std::string_view text,
                           const std::string& file_name);

/// The errors sorted by line (those without one last), each quoting its line of `text`; an error
/// that a reported typo already explains is left out.
ScenarioErrors sorted_errors(std::vector<ScenarioError> errors, std::string_view text);

}  // namespace breakeven::detail
