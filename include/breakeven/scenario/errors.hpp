// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

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

 private:
  SourceLocation where_;
  std::string key_;
  std::string message_;
};

/// Bad command-line usage (unknown option, bad --set syntax). Exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace breakeven
