// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace breakeven {

/// Where a value came from: a scenario file and line, or a `--set` override.
struct SourceLocation {
  std::string file;  ///< path as the user gave it, or "--set"
  int line = 0;      ///< 1-based; 0 when unknown
};

/// A scenario that cannot run: names the file, the line and the dotted key.
/// The command line maps it to exit status 2.
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(SourceLocation where, std::string key, const std::string& message);

  const SourceLocation& where() const { return where_; }
  const std::string& key() const { return key_; }
  /// The message alone, without "file:line: key:".
  const std::string& message() const { return message_; }
  /// The text of the offending line when the reader had it ("" otherwise), for quoting.
  const std::string& source_line() const { return source_line_; }
  void set_source_line(std::string line) { source_line_ = std::move(line); }

 private:
  SourceLocation where_;
  std::string key_;
  std::string message_;
  std::string source_line_;
};

/// Every error found in one pass over a file, sorted by line (errors without a line last).
/// It is itself the first of them, so code that reports one error keeps working.
class ScenarioErrors : public ScenarioError {
 public:
  /// `errors` must not be empty.
  explicit ScenarioErrors(std::vector<ScenarioError> errors);
  const std::vector<ScenarioError>& errors() const { return errors_; }

 private:
  std::vector<ScenarioError> errors_;
};

/// Bad command-line usage (unknown option, bad --set syntax). Exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace breakeven
