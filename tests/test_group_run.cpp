// SPDX-License-Identifier: MIT
// The protocol that makes the ranks of a job behave as one process, run here with threads standing
// in for MPI ranks, so it is tested in every build: the gathered tallies equal one process's, and
// a failure on any rank, before or after the gather, gives every rank the same status.
#include <barrier>
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "../sim/cli/group_run.hpp"
#include "breakeven/analysis/plan_runner.hpp"
#include "breakeven/engine/tally_io.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using namespace breakeven::testing;

namespace {

/// What the ranks share: one slot per rank and a barrier to take turns.
struct Meeting {
  explicit Meeting(int ranks) : slots(static_cast<std::size_t>(ranks)), barrier(ranks) {}
  std::vector<std::string> slots;
  int value = 0;
  std::string bytes;
  std::barrier<> barrier;
};

/// A rank of a group of threads: the collectives of ProcessGroup through shared memory.
class ThreadRank final : public ProcessGroup {
 public:
  ThreadRank(Meeting& meeting, int rank) : meeting_(meeting), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return static_cast<int>(meeting_.slots.size()); }
  std::vector<std::string> gather(const std::string& bytes) override {
    meeting_.slots[static_cast<std::size_t>(rank_)] = bytes;
    meeting_.barrier.arrive_and_wait();
    std::vector<std::string> all;
    if (rank_ == 0) all = meeting_.slots;
    meeting_.barrier.arrive_and_wait();  // nobody writes a slot before rank 0 has read them
    return all;
  }
  int broadcast(int value) override {
    if (rank_ == 0) meeting_.value = value;
    meeting_.barrier.arrive_and_wait();
    const int seen = meeting_.value;
    meeting_.barrier.arrive_and_wait();
    return seen;
  }
  std::string broadcast_bytes(const std::string& bytes) override {
    if (rank_ == 0) meeting_.bytes = bytes;
    meeting_.barrier.arrive_and_wait();
    std::string seen = meeting_.bytes;
    meeting_.barrier.arrive_and_wait();
    return seen;
  }

 private:
  Meeting& meeting_;
  int rank_;
};

/// Runs `body` as each of `ranks` ranks at once; returns each rank's exit status.
std::vector<int> run_ranks(int ranks, const std::function<int(GroupRun&, int)>& body) {
  Meeting meeting(ranks);
  std::vector<int> statuses(static_cast<std::size_t>(ranks), -1);
  std::vector<std::thread> threads;
  for (int rank = 0; rank < ranks; ++rank)
    threads.emplace_back([&, rank] {
      ThreadRank group(meeting, rank);
      GroupRun run(group);
      statuses[static_cast<std::size_t>(rank)] = body(run, rank);
    });
  for (auto& thread : threads) thread.join();
  return statuses;
}

}  // namespace

TEST_CASE("ranks' tallies gathered to rank 0 are one process's, bit for bit", "[scaleout]") {
  const Model model = base_model();
  const RunPlan plan = whole_run({&model}, 11, 3000);
  const std::string single = tallies_to_json(simulate(plan), plan.models);
  for (const int ranks : {1, 2, 3, 5}) {
    std::string gathered;
    const std::vector<int> statuses = run_ranks(ranks, [&](GroupRun& run, int rank) {
      EngineOptions options;
      options.threads = 1;
      const std::optional<RunTallies> tallies = run.simulate(plan, options);
      CHECK(tallies.has_value() == (rank == 0));
      if (tallies) gathered = tallies_to_json(*tallies, plan.models);
      return run.finish(0, "");
    });
    INFO(ranks << " ranks");
    CHECK(gathered == single);
    CHECK(statuses == std::vector<int>(static_cast<std::size_t>(ranks), 0));
  }
}

TEST_CASE("a failure on any rank gives every rank its status", "[scaleout]") {
  const Model model = base_model();
  const RunPlan plan = whole_run({&model}, 11, 1000);
  // Rank `failing` fails before the gather (a bad file); the others simulate.
  for (const int failing : {0, 1, 2}) {
    const std::vector<int> statuses = run_ranks(3, [&](GroupRun& run, int rank) {
      if (rank == failing) return run.finish(2, "error: rank failed\n");
      try {
        run.simulate(plan, {});
        return run.finish(0, "");
      } catch (const RankFailure& e) {
        CHECK(rank == 0);
        CHECK(std::string(e.what()) == "error: rank failed\n");
        return run.finish(e.status(), e.what());
      }
    });
    INFO("failing rank " << failing);
    CHECK(statuses == std::vector<int>{2, 2, 2});
  }
  // Rank 0 fails after the gather (its output cannot be written).
  const std::vector<int> statuses = run_ranks(3, [&](GroupRun& run, int rank) {
    run.simulate(plan, {});
    return run.finish(rank == 0 ? 1 : 0, rank == 0 ? "error: cannot write\n" : "");
  });
  CHECK(statuses == std::vector<int>{1, 1, 1});
}

namespace {

/// A plan whose observer writes one flag and one value per path, as sweep and sensitivity do.
struct ObservedPlan {
  RunPlan plan;
  std::vector<std::uint8_t> flags;
  std::vector<double> values;
  ObservedPlan(const Model& model, std::int64_t begin, std::int64_t end)
      : plan(whole_run({&model}, 11, 3000)),
        flags(static_cast<std::size_t>(end)),
        values(static_cast<std::size_t>(end)) {
    plan.begin = begin;
    plan.end = end;
    plan.on_path = [this](std::size_t, std::int64_t path, const PathOutcome& outcome,
                          const PathWorkspace& workspace) {
      flags[static_cast<std::size_t>(path)] = outcome.breakeven_period >= 0 ? 1 : 2;
      values[static_cast<std::size_t>(path)] = workspace.draws.empty() ? -1.0 : workspace.draws[0];
    };
  }
  std::vector<PathColumn> columns() { return {path_column(flags), path_column(values)}; }
};

}  // namespace

TEST_CASE("a step gives every rank the whole plan's tallies and per-path values", "[scaleout]") {
  const Model model = base_model();
  // Two evaluations in a row, the second of a range that does not start at 0 (a round).
  ObservedPlan single_first(model, 0, 1000), single_second(model, 1000, 3000);
  const std::string first = tallies_to_json(simulate(single_first.plan), {&model});
  const std::string second = tallies_to_json(simulate(single_second.plan), {&model});
  for (const int ranks : {1, 2, 3, 5}) {
    std::vector<std::string> results(static_cast<std::size_t>(ranks) * 2);
    std::vector<int> same_values(static_cast<std::size_t>(ranks), 0);
    const std::vector<int> statuses = run_ranks(ranks, [&](GroupRun& run, int rank) {
      EngineOptions options;
      options.threads = 1;
      ObservedPlan one(model, 0, 1000), two(model, 1000, 3000);
      const auto r = static_cast<std::size_t>(rank);
      results[2 * r] = tallies_to_json(run.evaluate(one.plan, options, one.columns()), {&model});
      results[2 * r + 1] =
          tallies_to_json(run.evaluate(two.plan, options, two.columns()), {&model});
      same_values[r] = one.flags == single_first.flags && one.values == single_first.values &&
                       two.flags == single_second.flags && two.values == single_second.values;
      return run.finish(0, "");
    });
    INFO(ranks << " ranks");
    for (int rank = 0; rank < ranks; ++rank) {
      CHECK(results[2 * static_cast<std::size_t>(rank)] == first);
      CHECK(results[2 * static_cast<std::size_t>(rank) + 1] == second);
    }
    CHECK(same_values == std::vector<int>(static_cast<std::size_t>(ranks), 1));
    CHECK(statuses == std::vector<int>(static_cast<std::size_t>(ranks), 0));
  }
}

TEST_CASE("a rank failing in or between steps stops every rank with its status", "[scaleout]") {
  const Model model = base_model();
  // Rank `failing` gives up before step `at` (0: before the first); the others run three steps.
  for (const int failing : {0, 1, 2}) {
    for (const int at : {0, 1, 2}) {
      std::string shown;
      const std::vector<int> statuses = run_ranks(3, [&](GroupRun& run, int rank) {
        try {
          for (int step = 0; step < 3; ++step) {
            if (rank == failing && step == at) return run.finish(2, "error: rank failed\n");
            ObservedPlan observed(model, 0, 600);
            run.evaluate(observed.plan, {}, observed.columns());
          }
          return run.finish(0, "");
        } catch (const RankFailure& e) {
          if (rank == 0) shown = e.what();
          return run.finish(e.status(), e.what());
        }
      });
      INFO("failing rank " << failing << " before step " << at);
      CHECK(statuses == std::vector<int>{2, 2, 2});
      if (failing != 0) CHECK(shown == "error: rank failed\n");
    }
  }
}
