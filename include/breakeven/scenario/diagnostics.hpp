// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>

#include "breakeven/scenario/errors.hpp"

namespace breakeven {

/// How scenario errors are shown: colour only when the caller knows a terminal reads them.
struct DiagnosticStyle {
  bool colour = false;
  std::size_t limit = 20;  ///< errors shown; the rest are counted in "and N more errors"
};

/// Every error of `error` (all of them for a ScenarioErrors) as a compiler shows them:
/// "error: file:line: key: message", then the source line quoted with the key marked beneath.
/// Ends with a newline.
std::string render_diagnostics(const ScenarioError& error, const DiagnosticStyle& style = {});

}  // namespace breakeven
