// SPDX-License-Identifier: MIT
#include "group_run.hpp"

#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "breakeven/engine/run_share.hpp"
#include "breakeven/engine/tally_io.hpp"

namespace breakeven {
namespace {

// What a rank sends rank 0: "STATUS MESSAGE_BYTES\n", the message, then the payload.
std::string outcome_text(int status, const std::string& message, const std::string& payload) {
  return fmt::format("{} {}\n", status, message.size()) + message + payload;
}

struct Outcome {
  int status = 0;
  std::string message;
  std::string payload;
};

Outcome outcome_of(const std::string& text) {
  Outcome outcome;
  const std::size_t newline = text.find('\n');
  std::size_t length = 0;
  if (newline == std::string::npos ||
      std::sscanf(text.c_str(), "%d %zu", &outcome.status, &length) != 2 ||
      newline + 1 + length > text.size())
    return {1, "error: a rank sent a damaged message\n", ""};
  outcome.message = text.substr(newline + 1, length);
  outcome.payload = text.substr(newline + 1 + length);
  return outcome;
}

}  // namespace

std::vector<std::string> GroupRun::exchange(int status, const std::string& message,
                                            const std::string& payload) {
  gathered_ = true;
  const std::string mine = outcome_text(status, message, payload);
  if (!is_root()) bytes_sent_ += mine.size();
  const std::vector<std::string> all = group_.gather(mine);
  std::vector<std::string> payloads;
  for (std::size_t rank = 0; rank < all.size(); ++rank) {
    Outcome outcome = outcome_of(all[rank]);
    if (rank > 0 && outcome.status != 0 && remote_status_ == 0) {
      remote_status_ = outcome.status;
      remote_message_ = std::move(outcome.message);
    }
    payloads.push_back(std::move(outcome.payload));
  }
  return payloads;
}

EngineOptions GroupRun::share_options(const RunPlan& plan, const RunPlan& mine,
                                      EngineOptions options) const {
  if (!is_root() || mine.end == mine.begin) {
    options.progress = nullptr;
  } else if (options.progress) {
    // Rank 0 sees only its own share; the others run at the same pace, near enough for a bar.
    const double scale =
        static_cast<double>(plan.end - plan.begin) / static_cast<double>(mine.end - mine.begin);
    options.progress = [report = options.progress, scale](std::int64_t done) {
      report(static_cast<std::int64_t>(static_cast<double>(done) * scale));
    };
  }
  return options;
}

std::optional<RunTallies> GroupRun::simulate(const RunPlan& plan, EngineOptions options) {
  const int ranks = group_.size();
  if (ranks == 1) return breakeven::simulate(plan, options);
  const RunPlan mine = share_of(plan, group_.rank(), ranks);
  options = share_options(plan, mine, std::move(options));
  const RunTallies local = breakeven::simulate(mine, options);
  const std::vector<std::string> shares = exchange(0, "", tallies_to_json(local, plan.models));
  if (!is_root()) return std::nullopt;
  if (remote_status_ != 0) throw RankFailure(remote_status_, remote_message_);
  // Ranks hold adjacent ranges in rank order, so merging in that order rebuilds the plan's range.
  RunTallies total = tallies_from_json(shares.front(), plan.models);
  for (std::size_t rank = 1; rank < shares.size(); ++rank)
    merge_tallies(total, tallies_from_json(shares[rank], plan.models));
  return total;
}

int GroupRun::finish(int status, const std::string& message) {
  if (group_.size() == 1) {
    std::cerr << message;
    return status;
  }
  // A step already broadcast the status that stopped the command (rank 0 never stops this way).
  if (stopped_) return stop_status_;
  if (!gathered_) exchange(status, message, "");
  std::string shown = message;
  if (is_root() && status == 0 && remote_status_ != 0) {
    status = remote_status_;
    shown = remote_message_;
  }
  if (is_root()) std::cerr << shown << std::flush;
  return group_.broadcast(status);
}

}  // namespace breakeven
