// SPDX-License-Identifier: MIT
#include "cli_trace.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/report/terminal_report.hpp"

namespace breakeven {
namespace {

struct Column {
  std::string_view title;
  double MonthRecord::*field;
};

// Income statement order, then cash: the order an analyst reads a month in.
constexpr std::array kColumns{
    Column{"revenue", &MonthRecord::revenue},
    Column{"gm", &MonthRecord::gross_margin},
    Column{"rnd", &MonthRecord::rnd},
    Column{"sga", &MonthRecord::sga},
    Column{"sbc", &MonthRecord::sbc},
    Column{"d&a", &MonthRecord::depreciation},
    Column{"op.income", &MonthRecord::operating_income},
    Column{"subsidies", &MonthRecord::subsidies},
    Column{"interest", &MonthRecord::interest},
    Column{"tax", &MonthRecord::tax},
    Column{"net.income", &MonthRecord::net_income},
    Column{"d.wc", &MonthRecord::working_capital_change},
    Column{"capex", &MonthRecord::capex},
    Column{"fcf", &MonthRecord::free_cash_flow},
    Column{"funding", &MonthRecord::funding},
    Column{"cash", &MonthRecord::cash_end},
    Column{"standalone", &MonthRecord::standalone_cash_end},
    Column{"metric", &MonthRecord::metric},
};

}  // namespace

std::string render_trace(const Model& model, const std::string& file, std::uint64_t path) {
  const std::uint64_t seed = model.spec.simulation.seed;
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  std::vector<MonthRecord> trace;
  simulate_path(model, seed, path, workspace, outcome, &trace);

  std::string out =
      fmt::format("{} — {}: path {} of seed {} (money in {})\n", model.spec.company.name, file,
                  path, seed, model.spec.company.money_unit);
  const std::string breakeven =
      outcome.breakeven_period >= 0
          ? model.periods[static_cast<std::size_t>(outcome.breakeven_period)].label
          : "never";
  const std::string cashout =
      outcome.cashout_month >= 0
          ? model.spec.simulation.start.plus_months(outcome.cashout_month).label()
          : "never";
  out += fmt::format(
      "  break-even {} · cash-out {} · standalone runway {} months · funding "
      "need {}\n\n",
      breakeven, cashout, outcome.runway_months, format_amount(outcome.funding_need));

  // Cells first, then widths: amounts vary from 0.01 to millions depending on the money unit.
  std::vector<std::vector<std::string>> rows;
  rows.reserve(trace.size());
  for (const MonthRecord& record : trace) {
    std::vector<std::string> row;
    row.push_back(model.spec.simulation.start.plus_months(record.month).label());
    for (const Column& column : kColumns) {
      const double value = record.*column.field;
      // The margin is a ratio: three decimals say more than an amount's precision.
      row.push_back(column.field == &MonthRecord::gross_margin ? fmt::format("{:.3f}", value)
                                                               : format_amount(value, 3));
    }
    rows.push_back(std::move(row));
  }
  std::vector<int> width(kColumns.size() + 1, display_width("month"));
  for (std::size_t c = 0; c < kColumns.size(); ++c) width[c + 1] = display_width(kColumns[c].title);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));

  std::string header = pad_to_width("month", width[0]);
  for (std::size_t c = 0; c < kColumns.size(); ++c)
    header += "  " + pad_to_width(kColumns[c].title, width[c + 1], true);
  out += header + "\n";
  for (const auto& row : rows) {
    std::string line = pad_to_width(row[0], width[0]);
    for (std::size_t c = 1; c < row.size(); ++c)
      line += "  " + pad_to_width(row[c], width[c], true);
    out += line + "\n";
  }
  return out;
}

}  // namespace breakeven
