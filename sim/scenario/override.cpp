// SPDX-License-Identifier: MIT
#include "override.hpp"

#include "breakeven/scenario/values.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace breakeven {
namespace {

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::vector<std::string> split_key(std::string_view key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    parts.emplace_back(key.substr(start, dot == std::string_view::npos ? key.npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

std::optional<std::size_t> parse_index(std::string_view text) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return index;
}

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw ScenarioError(SourceLocation{"--set", 0}, key, message);
}

// On a command line the quotes of a TOML string are a chore (and eaten by the shell), so a
// value that is not TOML but plainly not a table, array or quoted string either is read as the
// string it spells: 60% (a percent string), 7.02亿 (money with a suffix), Foo (a name). The
// scenario's own checks then judge it like the same string in the file.
bool reads_as_bare_string(std::string_view value) {
  if (value.empty() || value.find_first_of("\"'\\\n") != std::string_view::npos) return false;
  const char first = value.front();
  return first != '{' && first != '[' && first != '#';
}

std::string quoted(std::string_view value) {
  return "\"" + std::string(value) + "\"";
}

// The value as its own one-line document, so any TOML value works: numbers, strings, arrays,
// inline tables.
toml::table parse_value(const Override& override_) {
  toml::table holder;
  try {
    holder = toml::parse("v = " + override_.toml_value, std::string("--set"));
  } catch (const toml::parse_error& error) {
    const std::string message = "cannot read `" + override_.toml_value + "` as a TOML value (" +
                                std::string(error.description()) + ")";
    if (!reads_as_bare_string(override_.toml_value)) fail(override_.key, message);
    try {
      holder = toml::parse("v = " + quoted(override_.toml_value), std::string("--set"));
    } catch (const toml::parse_error&) {
      fail(override_.key, message);
    }
  }
  if (holder.size() != 1) {
    fail(override_.key, "`" + override_.toml_value + "` is more than one TOML value");
  }
  return holder;
}

std::string prefix_of(const std::vector<std::string>& parts, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += (i ? "." : "") + parts[i];
  return text;
}

}  // namespace

Override parse_override(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    throw UsageError("--set " + std::string(text) +
                     ": expected KEY=VALUE, e.g. --set revenue.volatility=0.5");
  }
  const std::string_view key = trim(text.substr(0, equals));
  const std::string_view value = trim(text.substr(equals + 1));
  if (key.empty() || value.empty()) {
    throw UsageError("--set " + std::string(text) + ": both KEY and VALUE must be given in " +
                     "KEY=VALUE, e.g. --set revenue.volatility=0.5");
  }
  for (const auto& part : split_key(key)) {
    bool ok = !part.empty();
    for (char c : part) ok = ok && is_key_char(c);
    if (!ok) {
      throw UsageError("--set " + std::string(text) +
                       ": KEY must be dotted names such as funding.rounds.0.amount");
    }
  }
  return Override{std::string(key), std::string(value)};
}

namespace detail {

void apply_overrides(toml::table& document, const std::vector<Override>& overrides) {
  for (const auto& override_ : overrides) {
    toml::table holder = parse_value(override_);
    toml::node& value = *holder.get("v");
    const std::vector<std::string> parts = split_key(override_.key);
    toml::node* current = &document;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string& part = parts[i];
      const bool last = i + 1 == parts.size();
      if (auto* table = current->as_table()) {
        if (last) {
          // Moving keeps the node's "--set" source, so errors about it name the command line.
          value.visit([&](auto&& concrete) { table->insert_or_assign(part, std::move(concrete)); });
          break;
        }
        if (!table->contains(part)) table->insert(part, toml::table{});
        current = table->get(part);
      } else if (auto* array = current->as_array()) {
        const auto index = parse_index(part);
        if (!index) {
          fail(override_.key, prefix_of(parts, i) + " is an array; expected an index such as " +
                                  prefix_of(parts, i) + ".0, got '" + part + "'");
        }
        if (*index >= array->size()) {
          fail(override_.key, "index " + part + " is past the end of " + prefix_of(parts, i) +
                                  " (" + std::to_string(array->size()) + " element" +
                                  (array->size() == 1 ? "" : "s") + ")");
        }
        if (last) {
          value.visit([&](auto&& concrete) {
            array->replace(array->cbegin() + static_cast<std::ptrdiff_t>(*index),
                           std::move(concrete));
          });
          break;
        }
        current = array->get(*index);
      } else {
        fail(override_.key, prefix_of(parts, i) + " is a single value, not a table; cannot set " +
                                part + " inside it");
      }
    }
  }
}

}  // namespace detail
}  // namespace breakeven
