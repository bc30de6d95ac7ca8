// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string_view>

namespace breakeven {

/// Writes `content` to `path` so that readers only ever see the old file or the complete new one:
/// the bytes go to a temporary file in the same directory (same file system, so the final rename
/// is atomic), which is flushed to disk, closed and renamed over `path`. On any failure the
/// temporary file is removed and std::runtime_error naming `path` is thrown; `path` is untouched.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace breakeven
