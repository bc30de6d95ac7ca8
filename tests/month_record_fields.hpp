// SPDX-License-Identifier: MIT
#pragma once

// Every double of a MonthRecord with its name, for the checks that compare records field by
// field (test_path_lanes.cpp) or hash all of them (path_bits.cpp): one list, so a field added to
// MonthRecord is added to both.

#include <array>
#include <utility>

#include "breakeven/engine/path_simulator.hpp"

namespace breakeven::testing {

inline constexpr std::array<std::pair<double MonthRecord::*, const char*>, 18> kMonthRecordFields =
    {{
        {&MonthRecord::revenue, "revenue"},
        {&MonthRecord::gross_margin, "gross_margin"},
        {&MonthRecord::rnd, "rnd"},
        {&MonthRecord::sga, "sga"},
        {&MonthRecord::sbc, "sbc"},
        {&MonthRecord::depreciation, "depreciation"},
        {&MonthRecord::operating_income, "operating_income"},
        {&MonthRecord::subsidies, "subsidies"},
        {&MonthRecord::interest, "interest"},
        {&MonthRecord::tax, "tax"},
        {&MonthRecord::net_income, "net_income"},
        {&MonthRecord::working_capital_change, "working_capital_change"},
        {&MonthRecord::capex, "capex"},
        {&MonthRecord::free_cash_flow, "free_cash_flow"},
        {&MonthRecord::funding, "funding"},
        {&MonthRecord::cash_end, "cash_end"},
        {&MonthRecord::standalone_cash_end, "standalone_cash_end"},
        {&MonthRecord::metric, "metric"},
    }};

}  // namespace breakeven::testing
