// SPDX-License-Identifier: MIT
#include "html_text.hpp"

#include <fmt/format.h>

#include "breakeven/report/terminal_report.hpp"

namespace breakeven::html {

std::string money_label(const ScenarioResult& r) {
  if (r.currency.empty()) return r.money_unit;
  if (r.money_unit.empty()) return r.currency;
  return r.money_unit + " " + r.currency;
}

std::string money(double value, const ScenarioResult& r) {
  return (value == 0 ? std::string("0") : format_amount(value)) + " " + r.money_unit;
}

// Enough decimals to be non-zero when the error is.
std::string pp(double se) {
  const double points = se * 100;
  return fmt::format("± {:.{}f} pp", points, points < 0.095 ? 2 : 1);
}

}  // namespace breakeven::html
