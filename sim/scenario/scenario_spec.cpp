// SPDX-License-Identifier: MIT
#include "breakeven/scenario/scenario_spec.hpp"

#include <algorithm>

namespace breakeven {

SourceLocation ScenarioSpec::location_of(const std::string& key) const {
  if (const auto found = locations.find(key); found != locations.end()) return found->second;
  return SourceLocation{file, 0};
}

// The spellings are the TOML ones, so messages and reports quote what the analyst typed.
std::string to_string(Metric metric) {
  switch (metric) {
    case Metric::net_income:
      return "net_income";
    case Metric::net_income_ex_sbc:
      return "net_income_ex_sbc";
    case Metric::operating_income:
      return "operating_income";
    case Metric::operating_cash_flow:
      return "operating_cash_flow";
    case Metric::free_cash_flow:
      return "free_cash_flow";
  }
  return "unknown";
}

std::string to_string(PeriodKind period) {
  switch (period) {
    case PeriodKind::year:
      return "year";
    case PeriodKind::quarter:
      return "quarter";
    case PeriodKind::month:
      return "month";
    case PeriodKind::ttm:
      return "ttm";
  }
  return "unknown";
}

std::string readable_name(Metric metric) {
  std::string name = to_string(metric);
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string readable_name(PeriodKind period) {
  switch (period) {
    case PeriodKind::year:
      return "fiscal year";
    case PeriodKind::ttm:
      return "trailing 12 months";
    case PeriodKind::quarter:
    case PeriodKind::month:
      return to_string(period);
  }
  return "period";
}

std::string to_string(EventTarget target) {
  switch (target) {
    case EventTarget::revenue:
      return "revenue";
    case EventTarget::growth:
      return "growth";
    case EventTarget::gross_margin:
      return "gross_margin";
    case EventTarget::rnd:
      return "rnd";
    case EventTarget::sga:
      return "sga";
    case EventTarget::milestones:
      return "milestones";
  }
  return "unknown";
}

}  // namespace breakeven
