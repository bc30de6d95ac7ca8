// SPDX-License-Identifier: MIT
#include "breakeven/report/text_format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace breakeven {
namespace {

struct CodeRange {
  char32_t first, last;
};

// East Asian Width W and F (Unicode 15, coalesced): what terminals draw two columns wide.
constexpr std::array kWide{
    CodeRange{0x1100, 0x115F},   CodeRange{0x231A, 0x231B},   CodeRange{0x2329, 0x232A},
    CodeRange{0x23E9, 0x23EC},   CodeRange{0x2E80, 0x303E},   CodeRange{0x3041, 0x33FF},
    CodeRange{0x3400, 0x4DBF},   CodeRange{0x4E00, 0x9FFF},   CodeRange{0xA000, 0xA4CF},
    CodeRange{0xA960, 0xA97F},   CodeRange{0xAC00, 0xD7A3},   CodeRange{0xF900, 0xFAFF},
    CodeRange{0xFE10, 0xFE19},   CodeRange{0xFE30, 0xFE6F},   CodeRange{0xFF00, 0xFF60},
    CodeRange{0xFFE0, 0xFFE6},   CodeRange{0x1F300, 0x1F64F}, CodeRange{0x1F900, 0x1F9FF},
    CodeRange{0x20000, 0x2FFFD}, CodeRange{0x30000, 0x3FFFD},
};

// Combining marks, zero-width spaces/joiners and variation selectors take no column.
constexpr std::array kZero{
    CodeRange{0x0300, 0x036F}, CodeRange{0x0483, 0x0489},   CodeRange{0x0591, 0x05BD},
    CodeRange{0x200B, 0x200F}, CodeRange{0x20D0, 0x20FF},   CodeRange{0xFE00, 0xFE0F},
    CodeRange{0xFE20, 0xFE2F}, CodeRange{0xE0100, 0xE01EF},
};

template <std::size_t N>
bool in_ranges(char32_t c, const std::array<CodeRange, N>& ranges) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [c](const CodeRange& r) { return c >= r.first && c <= r.last; });
}

int code_point_width(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if (in_ranges(c, kZero)) return 0;
  if (in_ranges(c, kWide)) return 2;
  return 1;
}

// Eighths of a column, from one eighth (▏) to seven (▉).
constexpr std::array<std::string_view, 7> kPartialBlocks{"▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr std::string_view kFullBlock = "█";

}  // namespace

int display_width(std::string_view utf8) {
  int width = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    std::size_t length = 1;
    char32_t c = byte;
    if (byte >= 0xF0 && byte < 0xF8) {
      length = 4;
      c = byte & 0x07u;
    } else if (byte >= 0xE0) {
      length = 3;
      c = byte & 0x0Fu;
    } else if (byte >= 0xC0) {
      length = 2;
      c = byte & 0x1Fu;
    }
    bool valid = byte < 0x80 || (byte >= 0xC0 && byte < 0xF8 && i + length <= utf8.size());
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      if ((next & 0xC0u) != 0x80u) valid = false;
      c = (c << 6) | (next & 0x3Fu);
    }
    if (!valid) {
      // A stray byte: most terminals print one replacement character for it.
      width += 1;
      i += 1;
      continue;
    }
    width += code_point_width(c);
    i += length;
  }
  return width;
}

std::string pad_to_width(std::string_view text, int width, bool right_align) {
  const int missing = width - display_width(text);
  if (missing <= 0) return std::string(text);
  const std::string padding(static_cast<std::size_t>(missing), ' ');
  return right_align ? padding + std::string(text) : std::string(text) + padding;
}

std::string eighth_block_bar(int eighths) {
  std::string bar;
  if (eighths <= 0) return bar;
  for (int i = 0; i < eighths / 8; ++i) bar += kFullBlock;
  if (eighths % 8 != 0) bar += kPartialBlocks[static_cast<std::size_t>(eighths % 8 - 1)];
  return bar;
}

int amount_decimals(double largest_magnitude) {
  if (!std::isfinite(largest_magnitude) || largest_magnitude >= 100) return 0;
  return largest_magnitude >= 10 ? 1 : 2;
}

std::string format_amount(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  decimals = std::clamp(decimals, 0, 6);
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string text;
  // "-0.00" says nothing a plain "0.00" does not.
  if (value < 0 && digits.find_first_not_of("0.") != std::string::npos) text += '-';
  // Thousands separators on the integer part once it is long enough to need them. Built by
  // appending: GCC 12 warns falsely (-Wrestrict) on std::string::insert here.
  for (std::size_t i = 0; i < point; ++i) {
    if (point > 4 && i > 0 && (point - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  text.append(digits, point);
  return text;
}

std::string format_amount(double value) {
  return format_amount(value, amount_decimals(std::fabs(value)));
}

// Enough decimals to show one significant digit of the error (a 1e6-path run has errors of a
// few hundredths of a point).
std::string format_se_points(double se) {
  const double points = se * 100;
  if (!std::isfinite(points)) return "?";
  if (points >= 0.05) return fmt::format("{:.1f}", points);
  if (points >= 0.005) return fmt::format("{:.2f}", points);
  return fmt::format("{:.3f}", points);
}

std::string format_percent(double share) {
  if (!std::isfinite(share)) return "– %";
  std::string text = fmt::format("{:.1f} %", share * 100);
  if (text.rfind("-0.0 ", 0) == 0) text.erase(0, 1);
  return text;
}
}  // namespace breakeven
