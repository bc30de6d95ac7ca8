// SPDX-License-Identifier: MIT
#pragma once

// Reading a scenario's raw text line by line: for quoting the line of an error, and for naming
// the key of a line the TOML parser itself refused (it reports a line, not a key).

#include <string>
#include <string_view>

namespace breakeven::detail {

/// Line `line` (1-based) of `text`, without its line break; "" when there is no such line.
std::string_view line_text(std::string_view text, int line);

/// The dotted key assigned on line `line`, with the table it stands in: "state.cash" for
/// `cash = 1e400` under `[state]`, "events.1.effect" in the second `[[events]]`. "" when the
/// line assigns no key.
std::string key_on_line(std::string_view text, int line);

}  // namespace breakeven::detail
