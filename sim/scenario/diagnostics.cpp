// SPDX-License-Identifier: MIT
#include "breakeven/scenario/diagnostics.hpp"

#include <fmt/format.h>

#include <string_view>
#include <vector>

namespace breakeven {
namespace {

constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";

// Decodes the code point that starts at `text[i]` and advances `i` past it.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i++]);
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  char32_t point = extra == 0 ? lead : lead & (0x3F >> extra);
  while (extra-- > 0 && i < text.size()) point = (point << 6) | (text[i++] & 0x3F);
  return point;
}

// Columns a terminal gives a code point: two for CJK ideographs and full-width forms.
int columns_of(char32_t point) {
  const bool wide = (point >= 0x1100 && point <= 0x115F) || (point >= 0x2E80 && point <= 0xA4CF) ||
                    (point >= 0xAC00 && point <= 0xD7A3) || (point >= 0xF900 && point <= 0xFAFF) ||
                    (point >= 0xFF00 && point <= 0xFF60) || (point >= 0xFFE0 && point <= 0xFFE6);
  return wide ? 2 : 1;
}

// Blanks that line up under `prefix` on a terminal: tabs stay tabs, wide characters count two.
std::string padding_under(std::string_view prefix) {
  std::string padding;
  for (std::size_t i = 0; i < prefix.size();) {
    if (prefix[i] == '\t') {
      padding += '\t';
      ++i;
      continue;
    }
    padding.append(static_cast<std::size_t>(columns_of(next_code_point(prefix, i))), ' ');
  }
  return padding;
}

int width_of(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) width += columns_of(next_code_point(text, i));
  return width;
}

// The span of `line` to mark: the key's last named part where it is assigned, else the text.
std::pair<std::size_t, std::size_t> marked_span(std::string_view line, const std::string& key) {
  std::string_view name = key;
  // "funding.rounds.0" names an element; its last named part is "rounds".
  while (!name.empty()) {
    const std::size_t dot = name.rfind('.');
    const std::string_view last = dot == std::string_view::npos ? name : name.substr(dot + 1);
    if (!last.empty() && last.find_first_not_of("0123456789") != std::string_view::npos) {
      name = last;
      break;
    }
    name = dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
  }
  if (!name.empty()) {
    for (std::size_t at = line.find(name); at != std::string_view::npos;
         at = line.find(name, at + 1)) {
      const bool starts =
          at == 0 || std::string_view(" \t{,.[\"'").find(line[at - 1]) != std::string_view::npos;
      const std::size_t end = at + name.size();
      const bool ends = end == line.size() ||
                        std::string_view(" \t=.]\"'").find(line[end]) != std::string_view::npos;
      if (starts && ends) return {at, name.size()};
    }
  }
  const std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {0, 0};
  std::size_t last = line.find_last_not_of(" \t");
  return {first, last - first + 1};
}

void render_one(const ScenarioError& error, const DiagnosticStyle& style, std::string& out) {
  const std::string_view red = style.colour ? kRed : "";
  const std::string_view bold = style.colour ? kBold : "";
  const std::string_view reset = style.colour ? kReset : "";
  out += fmt::format("{}error:{} {}{}{}\n", red, reset, bold, error.what(), reset);
  const std::string& line = error.source_line();
  if (line.empty()) return;
  const std::string number = std::to_string(error.where().line);
  const std::string gutter(number.size(), ' ');
  out += fmt::format(" {} | {}\n", number, line);
  const auto [at, length] = marked_span(line, error.key());
  if (length == 0) return;
  const std::string_view marked = std::string_view(line).substr(at, length);
  const int width = std::max(1, width_of(marked));
  out +=
      fmt::format(" {} | {}{}^{}{}\n", gutter, padding_under(std::string_view(line).substr(0, at)),
                  red, std::string(static_cast<std::size_t>(width - 1), '~'), reset);
}

}  // namespace

std::string render_diagnostics(const ScenarioError& error, const DiagnosticStyle& style) {
  std::vector<const ScenarioError*> all;
  if (const auto* many = dynamic_cast<const ScenarioErrors*>(&error)) {
    for (const ScenarioError& one : many->errors()) all.push_back(&one);
  } else {
    all.push_back(&error);
  }
  std::string out;
  const std::size_t shown = std::min(all.size(), std::max<std::size_t>(style.limit, 1));
  for (std::size_t i = 0; i < shown; ++i) render_one(*all[i], style, out);
  if (all.size() > shown) {
    const std::size_t more = all.size() - shown;
    out += fmt::format("and {} more error{}\n", more, more == 1 ? "" : "s");
  }
  return out;
}

}  // namespace breakeven
