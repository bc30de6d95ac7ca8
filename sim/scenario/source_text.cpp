// SPDX-License-Identifier: MIT
#include "source_text.hpp"

#include <map>
#include <vector>

#include "breakeven/scenario/values.hpp"

namespace breakeven::detail {
namespace {

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// A key as written ("a.b", "\"a\".b", with spaces around dots) in plain dotted form; "" when the
// text does not start with a key.
std::string read_key(std::string_view text) {
  std::string key;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      const std::size_t close = text.find(c, i + 1);
      if (close == std::string_view::npos) return "";
      key.append(text.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (is_bare_key_char(c)) {
      key += c;
      ++i;
    } else if (c == ' ' || c == '\t') {
      ++i;  // spaces around the dots of a dotted key
    } else {
      break;
    }
  }
  return key;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string_view line_text(std::string_view text, int line) {
  if (line < 1) return {};
  const auto lines = split_lines(text);
  if (static_cast<std::size_t>(line) > lines.size()) return {};
  return lines[static_cast<std::size_t>(line - 1)];
}

std::string key_on_line(std::string_view text, int line) {
  const auto lines = split_lines(text);
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return "";
  // The table the line stands in: the last header above it; [[x]] headers are counted so the
  // key carries the element's index, as every other message does.
  std::string table;
  std::map<std::string, int> array_counts;
  for (std::size_t i = 0; i + 1 < static_cast<std::size_t>(line); ++i) {
    const std::string_view header = trim(lines[i]);
    if (header.starts_with("[[")) {
      const std::string name = read_key(trim(header.substr(2)));
      table = name + "." + std::to_string(array_counts[name]++);
    } else if (header.starts_with("[")) {
      table = read_key(trim(header.substr(1)));
    }
  }
  const std::string_view here = trim(lines[static_cast<std::size_t>(line - 1)]);
  if (here.starts_with("[")) return read_key(trim(here.substr(here.starts_with("[[") ? 2 : 1)));
  const std::string key = read_key(here);
  if (key.empty()) return "";
  if (here.find('=') == std::string_view::npos) return "";
  return table.empty() ? key : table + "." + key;
}

}  // namespace breakeven::detail
