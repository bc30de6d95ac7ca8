// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: the `--json` and `--out` of every command, checked before the
// command simulates anything and written together at its end.

#include <optional>
#include <string>
#include <vector>

#include "breakeven/report/output_commit.hpp"

namespace breakeven {

/// A command's outputs. Made before the work: the JSON file's directory and the report
/// directory are checked (staged) at once, so a bad path is refused in a moment with status 2
/// (OutputPathError naming the argument), never after a long run. `write` prints JSON to stdout
/// for `--json -` and commits the JSON file and the `--out` set together, all or nothing; a
/// signal in between removes what was started (OutputCommit).
class CommandOutputs {
 public:
  CommandOutputs(std::optional<std::string> json, std::optional<std::string> out);
  CommandOutputs(const CommandOutputs&) = delete;
  CommandOutputs& operator=(const CommandOutputs&) = delete;

  bool wants_json() const { return json_.has_value(); }
  bool wants_out() const { return out_.has_value(); }
  /// `--json -`: the JSON goes to stdout, so the terminal report is left out.
  bool json_to_stdout() const { return json_ && *json_ == "-"; }

  /// Writes the JSON text where `--json` asked and the files into `--out`.
  void write(const std::string& json_text, const std::vector<OutputFile>& out_files);

 private:
  std::optional<std::string> json_, out_;
  std::optional<OutputCommit> commit_;
};

}  // namespace breakeven
