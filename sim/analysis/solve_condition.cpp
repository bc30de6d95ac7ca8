// SPDX-License-Identifier: MIT
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "breakeven/analysis/solve.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

[[noreturn]] void bad_condition(std::string_view text, const std::string& why) {
  throw UsageError(
      fmt::format("--for '{}': {}; write e.g. --for 'p_no_cash_out_first >= 0.95'", text, why));
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::string to_string(SolveOutput output) {
  switch (output) {
    case SolveOutput::p_by_target:
      return "p_by_target";
    case SolveOutput::p_no_cash_out_first:
      return "p_no_cash_out_first";
    case SolveOutput::p_within_horizon:
      return "p_within_horizon";
  }
  return {};
}

std::string SolveCondition::text() const {
  return fmt::format("{} {} {}", to_string(output), at_least ? ">=" : "<=", target);
}

SolveCondition parse_condition(std::string_view text) {
  const std::size_t op = text.find_first_of("<>");
  if (op == std::string_view::npos || op + 1 >= text.size() || text[op + 1] != '=')
    bad_condition(text, "expected OUTPUT >= X or OUTPUT <= X");
  SolveCondition condition;
  condition.at_least = text[op] == '>';
  const std::string_view name = trimmed(text.substr(0, op));
  const std::string_view number = trimmed(text.substr(op + 2));
  bool known = false;
  for (SolveOutput output : {SolveOutput::p_by_target, SolveOutput::p_no_cash_out_first,
                             SolveOutput::p_within_horizon}) {
    if (name != to_string(output)) continue;
    condition.output = output;
    known = true;
  }
  if (!known)
    bad_condition(text, fmt::format("'{}' is not an output (p_by_target, p_no_cash_out_first, "
                                    "p_within_horizon)",
                                    name));
  const auto [end, error] =
      std::from_chars(number.data(), number.data() + number.size(), condition.target);
  if (error != std::errc{} || end != number.data() + number.size() || number.empty())
    bad_condition(text, fmt::format("'{}' is not a number", number));
  if (!(condition.target >= 0 && condition.target <= 1))
    bad_condition(text, "X is a probability: a share between 0 and 1, e.g. 0.95 for 95 %");
  return condition;
}

}  // namespace breakeven
