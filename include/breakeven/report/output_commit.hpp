// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/report/output_dir.hpp"

namespace breakeven {

/// A `--json` or `--out` path that cannot be written, found before the run: bad usage. The
/// message starts with the argument ("--out: cannot write 'x': ...").
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Every file name a command writes into `--out`: run's and merge's (with the milestone and
/// joint tables), sweep's, sensitivity's, solve's and backtest's. A directory holding nothing
/// else was written by breakeven and may be replaced as a whole by any command's report set.
const std::vector<std::string>& report_file_names();

/// The files of one run, `--json PATH` and the `--out DIR` set, written all together or not at
/// all. Made before the simulation: it creates a staging directory beside each target (which is
/// the writability check, so a bad path fails in a moment, not after the run). `commit` writes
/// everything into the staging directories, then moves the JSON file and the directory into
/// place one right after the other, rolling the first back if the second fails. Until then the
/// targets are untouched; on failure or destruction the staging directories are removed.
///
/// While it lives, SIGINT and SIGTERM are handled by a thread of its own: it removes what was
/// started and ends the process with status 130 or 143. A commit in progress finishes (or rolls
/// back) first, so a signal never leaves half a set.
class OutputCommit {
 public:
  /// Throws OutputPathError naming the argument and the path that cannot be written, or a
  /// `--out` directory that holds files other than report files (it is replaced as a whole).
  OutputCommit(std::optional<std::filesystem::path> json, std::optional<std::filesystem::path> out);
  ~OutputCommit();
  OutputCommit(const OutputCommit&) = delete;
  OutputCommit& operator=(const OutputCommit&) = delete;

  /// Writes `json_text` to the JSON target and `out_files` into the output directory, then
  /// moves both into place. Throws std::runtime_error naming the path; the targets then hold
  /// what they held before. Every file name must be one of report_file_names() (std::logic_error).
  void commit(std::string_view json_text, const std::vector<OutputFile>& out_files);

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace breakeven
