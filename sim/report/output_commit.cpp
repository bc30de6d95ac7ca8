// SPDX-License-Identifier: MIT
#include "breakeven/report/output_commit.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "breakeven/report/atomic_file.hpp"

namespace breakeven {

namespace fs = std::filesystem;

struct OutputCommit::State {
  std::mutex mutex;  // held by a commit and by the signal thread's clean-up: never both at once
  std::optional<fs::path> json, out;
  fs::path json_stage, out_stage;         // staging directories beside the targets
  std::vector<fs::path> created_parents;  // made for the targets; removed again on failure
  bool done = false;
  sigset_t old_mask{};
  std::thread watcher;

  void remove_staging() {
    std::error_code ignored;
    if (!json_stage.empty()) fs::remove_all(json_stage, ignored);
    if (!out_stage.empty()) fs::remove_all(out_stage, ignored);
    json_stage.clear();
    out_stage.clear();
  }
  void remove_created_parents() {
    std::error_code ignored;
    for (auto it = created_parents.rbegin(); it != created_parents.rend(); ++it)
      fs::remove(*it, ignored);  // only while still empty
    created_parents.clear();
  }
};

namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw std::runtime_error(fmt::format("cannot write '{}': {}", path.string(), what));
}

// The parent of `target`, made if missing (each directory made is remembered, deepest last).
fs::path prepare_parent(const fs::path& target, std::vector<fs::path>& created) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::vector<fs::path> missing;
  for (fs::path p = parent; !p.empty() && !fs::exists(p); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    std::error_code error;
    if (!fs::create_directory(*it, error) && error)
      fail(target, "cannot create " + it->string() + ": " + error.message());
    created.push_back(*it);
  }
  if (!fs::is_directory(parent)) fail(target, parent.string() + " is not a directory");
  return parent;
}

// A fresh hidden directory beside `target`: ".<name>.breakeven-<pid>-<n>". Creating it is the
// writability check of the target's directory.
fs::path make_stage(const fs::path& target, const fs::path& parent) {
  static int counter = 0;
  const fs::path stage = parent / fmt::format(".{}.breakeven-{}-{}", target.filename().string(),
                                              static_cast<long>(::getpid()), counter++);
  if (::mkdir(stage.c_str(), 0777) != 0) fail(target, errno_text(errno));
  return stage;
}

// A report directory may be replaced as a whole only if it holds nothing but report files.
void check_replaceable(const fs::path& out, const std::vector<std::string>& names) {
  std::error_code error;
  if (!fs::exists(out, error)) return;
  if (!fs::is_directory(out, error)) fail(out, "exists and is not a directory");
  const std::set<std::string> allowed(names.begin(), names.end());
  for (const auto& entry : fs::directory_iterator(out, error)) {
    const std::string name = entry.path().filename().string();
    if (!allowed.contains(name))
      fail(out, fmt::format("the directory holds '{}', which is not part of a report; give a new "
                            "or empty directory, or one breakeven wrote before",
                            name));
  }
  if (::access(out.c_str(), W_OK) != 0) fail(out, errno_text(errno));
}

// Moves `from` to `to`; when `to` exists the two are exchanged atomically, so the old content
// ends up at `from` (and can be put back). Returns whether they were exchanged.
bool move_into_place(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
    return false;
  if (errno != EEXIST) fail(to, "moving it into place: " + errno_text(errno));
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) != 0)
    fail(to, "moving it into place: " + errno_text(errno));
  return true;
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Tests stop a run between two staged files to check that a signal leaves nothing behind.
void pause_for_tests() {
  if (const char* ms = std::getenv("BREAKEVEN_TEST_PAUSE_BETWEEN_FILES_MS"))
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(ms)));
}

// SIGINT and SIGTERM wait for this thread (they are blocked everywhere else): it removes what
// was started and ends the process, after any commit in progress.
void watch_signals(const std::shared_ptr<OutputCommit::State>& state) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal = 0;
  if (sigwait(&set, &signal) != 0) return;
  std::lock_guard lock(state->mutex);
  if (state->done) return;  // the destructor's wake-up call
  state->remove_staging();
  state->remove_created_parents();
  std::_Exit(128 + signal);
}

}  // namespace

const std::vector<std::string>& report_file_names() {
  static const std::vector<std::string> names = {
      // run and merge (output_dir.cpp); milestones and joint tables when the run has them
      "summary.json", "scenarios.csv", "breakeven_distribution.csv", "cash_out_by_year.csv",
      "runway.csv", "runway_quantiles.csv", "funding_need.csv", "funding_need_quantiles.csv",
      "fans.csv", "assumptions.csv", "milestones.csv", "milestone_months.csv",
      "joint_breakeven_count.csv", "joint_cash_out_count.csv", "joint_pairs.csv", "report.html",
      // sweep and sensitivity (their summary.json and report.html are named as run's)
      "sweep.csv", "sensitivity.csv",
      // solve
      "solve.json", "solve_evaluations.csv", "solve.html",
      // backtest
      "backtest.json", "backtest.csv"};
  return names;
}

OutputCommit::OutputCommit(std::optional<fs::path> json, std::optional<fs::path> out)
    : state_(std::make_shared<State>()) {
  State& state = *state_;
  state.json = std::move(json);
  state.out = std::move(out);
  // Which argument is at fault, for the message: the checks below name only the path.
  const char* argument = "--json";
  try {
    if (state.json) {
      if (!state.json->has_filename() || fs::is_directory(*state.json))
        fail(*state.json, "not a file name");
      // A JSON file goes into a directory that exists; only the report directory is made.
      const fs::path parent =
          state.json->parent_path().empty() ? fs::path(".") : state.json->parent_path();
      if (!fs::is_directory(parent)) fail(*state.json, "no directory " + parent.string());
      state.json_stage = make_stage(*state.json, parent);
      if (fs::exists(*state.json) && ::access(state.json->c_str(), W_OK) != 0)
        fail(*state.json, errno_text(errno));
    }
    argument = "--out";
    if (state.out) {
      fs::path dir = state.out->lexically_normal();
      if (!dir.has_filename()) dir = dir.parent_path();  // "out/" names "out"
      state.out = dir;
      check_replaceable(dir, report_file_names());
      state.out_stage = make_stage(dir, prepare_parent(dir, state.created_parents));
    }
  } catch (const std::exception& e) {
    state.remove_staging();
    state.remove_created_parents();
    throw OutputPathError(fmt::format("{}: {}", argument, e.what()));
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // Blocked in this thread and every thread started after it (the simulation's workers).
  pthread_sigmask(SIG_BLOCK, &set, &state.old_mask);
  state.watcher = std::thread(watch_signals, state_);
}

OutputCommit::~OutputCommit() {
  State& state = *state_;
  {
    std::lock_guard lock(state.mutex);
    if (!state.done) {
      state.remove_staging();
      state.remove_created_parents();
    }
    state.done = true;
  }
  // Wake the watcher with a signal it now ignores, then let signals through again.
  pthread_kill(state.watcher.native_handle(), SIGTERM);
  state.watcher.join();
  pthread_sigmask(SIG_SETMASK, &state.old_mask, nullptr);
}

void OutputCommit::commit(std::string_view json_text, const std::vector<OutputFile>& out_files) {
  State& state = *state_;
  if (state.json) {
    write_file_atomically(state.json_stage / state.json->filename(), json_text);
    pause_for_tests();
  }
  if (state.out) {
    const auto& known = report_file_names();
    for (const OutputFile& file : out_files)
      if (std::find(known.begin(), known.end(), file.name) == known.end())
        // A new report file must be listed, or the next run would refuse its own directory.
        throw std::logic_error("report file " + file.name + " is not in report_file_names()");
    for (const OutputFile& file : out_files) {
      write_file_atomically(state.out_stage / file.name, file.content);
      pause_for_tests();
    }
  }
  std::lock_guard lock(state.mutex);
  bool json_exchanged = false;
  if (state.json)
    json_exchanged = move_into_place(state.json_stage / state.json->filename(), *state.json);
  if (state.out) {
    try {
      move_into_place(state.out_stage, *state.out);
    } catch (...) {
      // Put the JSON target back as it was: the set is committed together or not at all.
      if (state.json) {
        const fs::path staged = state.json_stage / state.json->filename();
        if (json_exchanged)
          ::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, state.json->c_str(), RENAME_EXCHANGE);
        else
          ::unlink(state.json->c_str());
      }
      throw;
    }
  }
  // The old versions now sit in the staging places; the new ones are in place.
  if (state.json)
    sync_directory(state.json->parent_path().empty() ? "." : state.json->parent_path());
  if (state.out) sync_directory(state.out->parent_path().empty() ? "." : state.out->parent_path());
  state.remove_staging();
  state.created_parents.clear();
  state.done = true;
}

}  // namespace breakeven
