// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "breakeven/scenario/calendar.hpp"

using breakeven::DateRole;
using breakeven::fiscal_year_of;
using breakeven::parse_date;
using breakeven::YearMonth;

TEST_CASE("YearMonth ordinals are month counts and round-trip", "[calendar]") {
  const YearMonth july{2025, 7};
  CHECK(YearMonth{2026, 1}.ordinal() - july.ordinal() == 6);
  CHECK(YearMonth::from_ordinal(july.ordinal()) == july);
  CHECK(july.plus_months(6) == YearMonth{2026, 1});
  CHECK(july.plus_months(-7) == YearMonth{2024, 12});
  CHECK(YearMonth{2025, 12}.plus_months(1) == YearMonth{2026, 1});
  CHECK(july.label() == "2025-07");
  CHECK(YearMonth{2025, 7} < YearMonth{2025, 8});
  CHECK(YearMonth{2024, 12} < YearMonth{2025, 1});
}

TEST_CASE("parse_date reads months, quarters and horizon years", "[calendar]") {
  CHECK(parse_date("2025-07", DateRole::month_or_quarter) == YearMonth{2025, 7});
  CHECK(parse_date("2026-Q1", DateRole::month_or_quarter) == YearMonth{2026, 1});
  CHECK(parse_date("2026-Q3", DateRole::month_or_quarter) == YearMonth{2026, 7});
  CHECK(parse_date("2026-Q4", DateRole::horizon) == YearMonth{2026, 10});
  CHECK(parse_date("2032", DateRole::horizon) == YearMonth{2032, 12});
  CHECK(parse_date("2032-12", DateRole::horizon) == YearMonth{2032, 12});
}

TEST_CASE("parse_date refuses anything else", "[calendar]") {
  for (const char* bad : {"2032", "2025-13", "2025-00", "2025-7", "2025/07", "2025-Q5", "2025-Q0",
                          "25-07", "2025-07-01", "", "abcd-07", " 2025-07", "2025-Q"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad, DateRole::month_or_quarter));
  }
  CHECK_FALSE(parse_date("20321", DateRole::horizon));
  CHECK_FALSE(parse_date("-032", DateRole::horizon));
}

TEST_CASE("fiscal_year_of names the fiscal year by the year it ends in", "[calendar]") {
  CHECK(fiscal_year_of({2026, 1}, 12) == 2026);
  CHECK(fiscal_year_of({2026, 12}, 12) == 2026);
  CHECK(fiscal_year_of({2026, 6}, 6) == 2026);
  CHECK(fiscal_year_of({2026, 7}, 6) == 2027);
  CHECK(fiscal_year_of({2026, 3}, 3) == 2026);
  CHECK(fiscal_year_of({2026, 4}, 3) == 2027);
  CHECK(fiscal_year_of({2026, 1}, 1) == 2026);
  CHECK(fiscal_year_of({2026, 2}, 1) == 2027);
}
