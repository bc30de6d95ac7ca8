// SPDX-License-Identifier: MIT
#pragma once

// Internal to the HTML report: the few ways of writing a number that the page text and the
// charts must say identically.

#include <string>

#include "breakeven/analysis/results.hpp"

namespace breakeven::html {

/// The scenario's money unit and currency as an axis or column label: "亿 CNY", or whichever
/// of the two is set. Money axes are shared only among scenarios with the same label.
std::string money_label(const ScenarioResult& r);

/// An amount with the scenario's money unit: "16.5 亿"; exactly zero is "0".
std::string money(double value, const ScenarioResult& r);

/// One standard error in percentage points: "± 1.2 pp", or "± 0.05 pp" when it is small.
std::string pp(double se);

}  // namespace breakeven::html
