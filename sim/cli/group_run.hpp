// SPDX-License-Identifier: MIT
#pragma once

// One command run by every process of a group, so that it behaves like one process: each rank
// simulates its share of the paths, rank 0 alone prints and writes, and a failure on any rank
// ends the command on all of them with one message and the same non-zero status.
//
// Every collective has the same two-part shape, so no rank can wait for another that has given
// up: every rank sends rank 0 its outcome (its status, message and serialised share), then rank 0
// broadcasts a status. `run` does it once: simulate() gathers, finish() broadcasts the final
// status. Sweep, solve, sensitivity and `run --precision` do it once per evaluation (evaluate(),
// a step): after the gather rank 0 broadcasts 0 to go on, followed by the merged tallies and
// per-path values, or the failed status to stop, which every rank then returns from finish()
// without another collective.
// A rank that fails between steps meets the others' next gather in finish(), so it too is heard.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "breakeven/analysis/plan_runner.hpp"
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

class GroupRun final : public PlanRunner {
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

  /// A step: simulates this rank's share of the plan, gathers every share (tallies and the
  /// columns of its paths) to rank 0, which merges them in rank order and sends the result back
  /// to every rank: every rank returns the tallies of the whole plan, and its columns hold every
  /// path's values, all bit for bit those of one process. Throws RankFailure on every rank when
  /// any rank failed in or before this step (its message on rank 0 only).
  RunTallies evaluate(const RunPlan& plan, const EngineOptions& options,
                      const std::vector<PathColumn>& columns) override;

  /// Ends the command on this rank with its own status and the message it would print (empty
  /// for none). Rank 0 prints one message (its own, else the first failed rank's) to stderr;
  /// every rank returns the same exit status.
  int finish(int status, const std::string& message);

  /// Bytes this rank sent to rank 0 over all its gathers (0 for one process).
  std::size_t bytes_sent() const { return bytes_sent_; }

 private:
  /// A gather: of the command (simulate(), finish()) or of a step. Returns every rank's payload
  /// on rank 0 after recording the first failure of another rank.
  std::vector<std::string> exchange(int status, const std::string& message,
                                    const std::string& payload);

  /// The options of this rank's share: progress on rank 0 only, scaled to the whole plan.
  EngineOptions share_options(const RunPlan& plan, const RunPlan& mine,
                              EngineOptions options) const;
  /// Rank 0: the shares merged in rank order, as sent back to every rank.
  std::string merge_shares(const RunPlan& plan, const std::vector<std::string>& shares,
                           const std::vector<PathColumn>& columns) const;
  /// A test hook: BREAKEVEN_FAIL_RANK=R (and BREAKEVEN_FAIL_STEP=S, default 1) makes rank R
  /// fail in step S, to show that every rank stops.
  void fail_if_asked() const;

  ProcessGroup& group_;
  /// This rank has sent its outcome, and the status broadcast comes next.
  bool gathered_ = false;
  /// A step ended the command with this status: finish() has no collective left to do.
  bool stopped_ = false;
  int stop_status_ = 0;
  int steps_ = 0;
  std::size_t bytes_sent_ = 0;
  int remote_status_ = 0;
  std::string remote_message_;
};

}  // namespace breakeven
