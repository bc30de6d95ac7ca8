// SPDX-License-Identifier: MIT
#include <algorithm>

#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {
namespace {

// Levenshtein distance over bytes, in half edits: a change of letter case costs 1, any other
// edit 2, so "m" finds "M" before an unrelated one-letter key. Keys are ASCII; for the few
// non-ASCII values (万, 亿) a multi-byte miss only makes a suggestion less likely, never wrong.
std::size_t half_edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = 2 * j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = 2 * i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t change = a[i - 1] == b[j - 1]                 ? 0
                                 : lower(a[i - 1]) == lower(b[j - 1]) ? 1
                                                                      : 2;
      row[j] = std::min({above + 2, row[j - 1] + 2, diagonal + change});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string nearest_key(std::string_view word, const std::vector<std::string>& candidates) {
  // Close enough to be a typo: up to two edits, or a third of the word for long keys, so
  // "share_based_comp_grwoth" still finds its key while unrelated words get no suggestion.
  const std::size_t limit = 2 * std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = half_edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace breakeven
