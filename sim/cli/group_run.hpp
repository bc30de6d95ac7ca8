// SPDX-License-Identifier: MIT
#pragma once

// One command run by every process of a group, so that it behaves like one process: each rank
// simulates its share of the paths, rank 0 alone prints and writes, and a failure on any rank
// ends the command on all of them with one message and the same non-zero status.
//
// The protocol has exactly two collective steps per command, so no rank can wait for another
// that has given up: every rank sends rank 0 its outcome once (its status, message and
// serialised tallies; simulate() does it on success, finish() on failure or for commands that
// do not simulate), and rank 0 broadcasts the final status in finish().

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "breakeven/engine/engine.hpp"
#include "process_group.hpp"

namespace breakeven {

/// Thrown on rank 0 when another rank failed; carries that rank's status and message as it
/// would have printed them.
class RankFailure : public std::runtime_error {
 public:
  RankFailure(int status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

class GroupRun {
 public:
  explicit GroupRun(ProcessGroup& group) : group_(group) {}

  bool is_root() const { return group_.rank() == 0; }
  /// More than one process: under mpirun, stdout is a relay pseudo-terminal, not the user's.
  bool is_split() const { return group_.size() > 1; }

  /// Simulates this rank's share of the plan (share_of(plan, rank, size)) and, in a group,
  /// gathers every share's serialised tallies to rank 0, which merges them in rank order: the
  /// tallies of the whole plan, bit for bit those of one process. Returns them on rank 0 and
  /// nothing on other ranks. Progress is reported on rank 0 only, scaled to the whole plan.
  /// Throws RankFailure on rank 0 when another rank failed.
  std::optional<RunTallies> simulate(const RunPlan& plan, EngineOptions options);

  /// Ends the command on this rank with its own status and the message it would print (empty
  /// for none). Rank 0 prints one message (its own, else the first failed rank's) to stderr;
  /// every rank returns the same exit status.
  int finish(int status, const std::string& message);

  /// Bytes this rank sent to rank 0 (0 for one process): what the reduction costs.
  std::size_t bytes_sent() const { return bytes_sent_; }

 private:
  /// The one gather of the command. Returns every rank's payload on rank 0 after recording the
  /// first failure of another rank.
  std::vector<std::string> exchange(int status, const std::string& message,
                                    const std::string& payload);

  ProcessGroup& group_;
  bool exchanged_ = false;
  std::size_t bytes_sent_ = 0;
  int remote_status_ = 0;
  std::string remote_message_;
};

}  // namespace breakeven
