// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "breakeven/report/output_dir.hpp"

namespace breakeven {

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
  /// Throws std::runtime_error naming the path that cannot be written, or a `--out` directory
  /// that holds files other than a report set (it is replaced as a whole).
  OutputCommit(std::optional<std::filesystem::path> json, std::optional<std::filesystem::path> out);
  ~OutputCommit();
  OutputCommit(const OutputCommit&) = delete;
  OutputCommit& operator=(const OutputCommit&) = delete;

  /// Writes `json_text` to the JSON target and `out_files` into the output directory, then
  /// moves both into place. Throws std::runtime_error naming the path; the targets then hold
  /// what they held before.
  void commit(std::string_view json_text, const std::vector<OutputFile>& out_files);

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace breakeven
