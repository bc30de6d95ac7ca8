// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <limits>

#include "breakeven/scenario/values.hpp"

using namespace breakeven;

TEST_CASE("money_unit_scale knows the six units", "[values]") {
  CHECK(money_unit_scale("1") == 1.0);
  CHECK(money_unit_scale("k") == 1e3);
  CHECK(money_unit_scale("M") == 1e6);
  CHECK(money_unit_scale("B") == 1e9);
  CHECK(money_unit_scale("万") == 1e4);
  CHECK(money_unit_scale("亿") == 1e8);
  CHECK_FALSE(money_unit_scale("m"));
  CHECK_FALSE(money_unit_scale("万亿"));
  CHECK_FALSE(money_unit_scale(""));
  CHECK(money_unit_names().size() == 6);
}

TEST_CASE("parse_money converts suffixes into the file's unit", "[values]") {
  const double yi = 1e8;
  CHECK(parse_money("7.02亿", yi) == 7.02);
  CHECK(parse_money("702M", yi) == 7.02);
  CHECK(parse_money("1.34万亿", yi) == 13400);
  CHECK(parse_money("900万", yi) == Approx(0.09));
  CHECK(parse_money("4.5e8", yi) == 4.5);
  CHECK(parse_money("8B", yi) == 80);
  CHECK(parse_money("3.5k", 1) == 3500);
  CHECK(parse_money("3.5K", 1e3) == 3.5);
  CHECK(parse_money("-3.6亿", yi) == -3.6);
  CHECK(parse_money("+2M", 1e6) == 2);
  CHECK(parse_money(" 41.97 亿 ", yi) == 41.97);
  CHECK(parse_money("1425亿", 1e9) == Approx(142.5));
  CHECK(parse_money("12", 1) == 12);
}

TEST_CASE("parse_money refuses malformed amounts", "[values]") {
  for (const char* bad : {"", "亿", "7.02 yi", "7.02m", "1,000", "abc", "nan", "inf", "-inf亿",
                          "1e999", "7.02亿亿", "0x10", "7.0.2", "%5"}) {
    INFO(bad);
    CHECK_FALSE(parse_money(bad, 1e8));
  }
}

TEST_CASE("parse_percent reads percent strings only", "[values]") {
  CHECK(parse_percent("53.7%") == Approx(0.537));
  CHECK(parse_percent("-30 %") == Approx(-0.3));
  CHECK(parse_percent("100%") == 1.0);
  CHECK_FALSE(parse_percent("53.7"));
  CHECK_FALSE(parse_percent("%"));
  CHECK_FALSE(parse_percent("abc%"));
  CHECK_FALSE(parse_percent("nan%"));
}

TEST_CASE("format_number is short and exact", "[values]") {
  CHECK(format_number(1.4) == "1.4");
  CHECK(format_number(-1) == "-1");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
}
