// SPDX-License-Identifier: MIT
#include "breakeven/report/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace breakeven {
namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

// Several threads (or a later batch stage writing many files) may write into one directory at
// once, so the temporary name carries the process id and a per-process counter; O_EXCL makes a
// clash with a foreign file an error rather than an overwrite.
std::filesystem::path temporary_name(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  const auto name = fmt::format(".{}.tmp-{}-{}", path.filename().string(),
                                static_cast<long>(::getpid()), counter.fetch_add(1));
  return path.parent_path() / name;
}

class TemporaryFile {
 public:
  explicit TemporaryFile(std::filesystem::path path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) std::remove(path_.c_str());
  }

  int open() {
    // 0666 before the umask: the result gets the same permissions as any new file would.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    return fd_ < 0 ? errno : 0;
  }
  int write_all(std::string_view content) {
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
      const ssize_t written = ::write(fd_, data, left);
      if (written < 0) {
        if (errno == EINTR) continue;
        return errno;
      }
      data += written;
      left -= static_cast<std::size_t>(written);
    }
    return 0;
  }
  int sync_and_close() {
    // fsync before rename: otherwise a crash right after the rename can leave an empty file.
    if (::fsync(fd_) != 0) return errno;
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) != 0 ? errno : 0;
  }
  int rename_to(const std::filesystem::path& target) {
    if (std::rename(path_.c_str(), target.c_str()) != 0) return errno;
    committed_ = true;
    return 0;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  if (path.empty() || !path.has_filename())
    throw std::runtime_error(fmt::format("cannot write '{}': not a file name", path.string()));
  TemporaryFile temporary(temporary_name(path));
  auto fail = [&](const char* what, int error) {
    throw std::runtime_error(
        fmt::format("cannot write '{}': {}: {}", path.string(), what, errno_text(error)));
  };
  if (const int error = temporary.open()) fail("creating a temporary file", error);
  if (const int error = temporary.write_all(content)) fail("writing", error);
  if (const int error = temporary.sync_and_close()) fail("flushing", error);
  if (const int error = temporary.rename_to(path)) fail("renaming the temporary file", error);
}

}  // namespace breakeven
