// SPDX-License-Identifier: MIT
#include "parse_errors.hpp"

#include <algorithm>
#include <limits>

#include "source_text.hpp"

namespace breakeven::detail {
namespace {

// toml++ says "cannot redefine existing integer 'a'"; say plainly that the key is given twice.
std::string explain_parse_error(std::string_view description) {
  std::string text(description);
  if (text.find("could not be interpreted") != std::string::npos) {
    return "number out of range: not a finite double-precision number (at most about 1.8e308)";
  }
  if (text.find("not representable in 64 bits") != std::string::npos) {
    return "whole number out of range: does not fit in 64 bits (-9223372036854775808 to "
           "9223372036854775807)";
  }
  if (text.find("redefine existing table as dotted") != std::string::npos) {
    return "the table this dotted key adds to is already defined (an inline table { ... } "
           "is complete as written; put the field inside its braces)";
  }
  if (const std::size_t start = text.find("cannot redefine existing"); start != std::string::npos) {
    text = text.substr(start);
    const std::size_t open = text.find('\'');
    const std::size_t close = text.rfind('\'');
    if (open != std::string::npos && close > open) {
      return "'" + text.substr(open + 1, close - open - 1) +
             "' is given twice; each key and table may appear only once (TOML: " + text + ")";
    }
  }
  return "not valid TOML: " + text;
}

// "required key missing" for a.b when a.bb is an unknown key that suggests b: the typo is the
// mistake, and one message about it is enough.
bool explained_by_typo(const ScenarioError& missing, const std::vector<ScenarioError>& errors) {
  if (missing.message().rfind("required key missing", 0) != 0) return false;
  const std::string& key = missing.key();
  const std::size_t dot = key.rfind('.');
  const std::string prefix = dot == std::string::npos ? "" : key.substr(0, dot + 1);
  const std::string name = key.substr(prefix.size());
  for (const ScenarioError& other : errors) {
    if (other.key().rfind(prefix, 0) == 0 &&
        other.key().find('.', prefix.size()) == std::string::npos &&
        other.message().find("did you mean '" + name + "'") != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

ScenarioError syntax_error(const toml::parse_error& error, std::string_view text,
                           const std::string& file_name) {
  const int line = static_cast<int>(error.source().begin.line);
  const std::string key = key_on_line(text, line);
  ScenarioError result(SourceLocation{file_name, line}, key,
                       explain_parse_error(error.description()));
  result.set_source_line(std::string(line_text(text, line)));
  return result;
}

// Sorted by line, errors without one (a missing section) last; each quoting its line.
ScenarioErrors sorted_errors(std::vector<ScenarioError> errors, std::string_view text) {
  std::vector<ScenarioError> kept;
  for (const ScenarioError& error : errors)
    if (!explained_by_typo(error, errors)) kept.push_back(error);
  errors = std::move(kept);
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
    const int la = a.where().line > 0 ? a.where().line : std::numeric_limits<int>::max();
    const int lb = b.where().line > 0 ? b.where().line : std::numeric_limits<int>::max();
    return la < lb;
  });
  for (ScenarioError& error : errors) {
    if (error.where().line > 0 && error.where().file != "--set")
      error.set_source_line(std::string(line_text(text, error.where().line)));
  }
  return ScenarioErrors(std::move(errors));
}

}  // namespace breakeven::detail
