// SPDX-License-Identifier: MIT
// One evaluation of an analysis (a sweep point, a solve evaluation, a sensitivity run) shared
// among the ranks of a group: the step protocol of group_run.hpp.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "breakeven/engine/run_share.hpp"
#include "breakeven/engine/tally_io.hpp"
#include "group_run.hpp"

namespace breakeven {
namespace {

// A share as sent: "TALLY_BYTES\n", the tallies' JSON, then each column's values for the
// share's paths, column after column.
std::string share_text(const std::string& tallies, const RunPlan& range,
                       const std::vector<PathColumn>& columns) {
  std::string text = fmt::format("{}\n", tallies.size()) + tallies;
  const auto paths = static_cast<std::size_t>(range.end - range.begin);
  for (const PathColumn& column : columns) {
    const std::byte* first =
        column.data() + static_cast<std::size_t>(range.begin) * column.element_size;
    text.append(reinterpret_cast<const char*>(first), paths * column.element_size);
  }
  return text;
}

struct Share {
  std::string tallies;
  std::string_view values;  ///< the columns' values, column after column
};

Share read_share(const std::string& text, const RunPlan& range,
                 const std::vector<PathColumn>& columns) {
  std::size_t length = 0;
  const std::size_t newline = text.find('\n');
  std::size_t values = 0;
  for (const PathColumn& column : columns)
    values += static_cast<std::size_t>(range.end - range.begin) * column.element_size;
  if (newline == std::string::npos || std::sscanf(text.c_str(), "%zu", &length) != 1 ||
      newline + 1 + length + values != text.size())
    throw std::runtime_error("a rank sent a damaged share of an evaluation");
  return {text.substr(newline + 1, length), std::string_view(text).substr(newline + 1 + length)};
}

// Writes a share's values into the columns at the share's paths.
void write_values(std::string_view values, const RunPlan& range,
                  const std::vector<PathColumn>& columns) {
  const auto paths = static_cast<std::size_t>(range.end - range.begin);
  std::size_t at = 0;
  for (const PathColumn& column : columns) {
    const std::size_t bytes = paths * column.element_size;
    std::memcpy(column.data() + static_cast<std::size_t>(range.begin) * column.element_size,
                values.data() + at, bytes);
    at += bytes;
  }
}

}  // namespace

void GroupRun::fail_if_asked() const {
  const char* rank = std::getenv("BREAKEVEN_FAIL_RANK");
  if (rank == nullptr || std::atoi(rank) != group_.rank()) return;
  const char* step = std::getenv("BREAKEVEN_FAIL_STEP");
  if (steps_ != (step != nullptr ? std::atoi(step) : 1)) return;
  throw std::runtime_error(
      fmt::format("rank {} failed in evaluation {} (BREAKEVEN_FAIL_RANK)", group_.rank(), steps_));
}

std::string GroupRun::merge_shares(const RunPlan& plan, const std::vector<std::string>& shares,
                                   const std::vector<PathColumn>& columns) const {
  RunTallies total;
  for (std::size_t rank = 0; rank < shares.size(); ++rank) {
    const RunPlan range = share_of(plan, static_cast<int>(rank), group_.size());
    const Share share = read_share(shares[rank], range, columns);
    // Ranks hold adjacent ranges in rank order, so merging in that order rebuilds the plan's
    // range; rank 0's own columns collect every path's values.
    if (rank == 0)
      total = tallies_from_json(share.tallies, plan.models);
    else
      merge_tallies(total, tallies_from_json(share.tallies, plan.models));
    if (rank > 0) write_values(share.values, range, columns);
  }
  return share_text(tallies_to_json(total, plan.models), plan, columns);
}

RunTallies GroupRun::evaluate(const RunPlan& plan, const EngineOptions& options,
                              const std::vector<PathColumn>& columns) {
  ++steps_;
  fail_if_asked();
  const int ranks = group_.size();
  if (ranks == 1) return breakeven::simulate(plan, options);
  const RunPlan mine = share_of(plan, group_.rank(), ranks);
  const RunTallies local = breakeven::simulate(mine, share_options(plan, mine, options));
  const std::vector<std::string> shares =
      exchange(0, "", share_text(tallies_to_json(local, plan.models), mine, columns));
  std::string merged;
  if (is_root()) {
    // Either throw leaves the stop to finish(), which broadcasts this command's failed status.
    if (remote_status_ != 0) throw RankFailure(remote_status_, remote_message_);
    merged = merge_shares(plan, shares, columns);
  }
  const int stop = group_.broadcast(0);  // rank 0 got here: go on
  if (stop != 0) {
    stopped_ = true;
    stop_status_ = stop;
    throw RankFailure(stop, "");  // rank 0 prints the message
  }
  gathered_ = false;
  merged = group_.broadcast_bytes(merged);
  // Every rank, rank 0 too, reads the same bytes, so all hold the same tallies and values.
  const Share whole = read_share(merged, plan, columns);
  write_values(whole.values, plan, columns);
  return tallies_from_json(whole.tallies, plan.models);
}

}  // namespace breakeven
