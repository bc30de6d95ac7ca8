// SPDX-License-Identifier: MIT
// breakeven_path_bits FILE...: one line per scenario file, a hash of every bit the one-lane twin
// (simulate_path, what --trace-path replays) produces for its first kPaths paths with seed kSeed:
// the drawn parameters, the outcome, the per-path records sensitivity reads and every field of
// every month. Two builds print the same lines only if they give the same doubles to the last
// bit; the JSON report rounds and bins, so a change of the last bit mostly does not show there.
// tests/bits_match.sh compares two builds with it (the GCC build in .ci/checks, a kernel change
// against its parent in docs/testing.md). The path kernel's lanes give exactly the twin's bits
// (test_path_lanes.cpp), so the twin stands for every SIMD width.
#include <bit>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"
#include "month_record_fields.hpp"

namespace {

using namespace breakeven;

constexpr std::uint64_t kSeed = 3;
constexpr std::uint64_t kPaths = 200;

/// FNV-1a over 64-bit words, byte by byte: any changed bit changes the hash (but for collisions).
class BitHash {
 public:
  void add(std::uint64_t word) {
    for (int byte = 0; byte < 8; ++byte) {
      hash_ ^= (word >> (8 * byte)) & 0xffU;
      hash_ *= 0x100000001b3ULL;
    }
  }
  void add(double x) { add(std::bit_cast<std::uint64_t>(x)); }
  void add(int x) { add(static_cast<std::uint64_t>(static_cast<std::int64_t>(x))); }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

void add_path(BitHash& hash, const PathOutcome& outcome, const PathWorkspace& workspace,
              const std::vector<MonthRecord>& trace) {
  hash.add(outcome.breakeven_period);
  hash.add(outcome.cashout_month);
  hash.add(outcome.runway_months);
  hash.add(outcome.funding_need);
  for (const YearRecord& year : outcome.years) {
    hash.add(year.revenue);
    hash.add(year.net_income);
    hash.add(year.closing_cash);
    hash.add(year.alive ? 1 : 0);
  }
  for (const int month : outcome.milestone_success_month) hash.add(month);
  for (const double draw : workspace.draws) hash.add(draw);
  for (const int count : workspace.event_occurrences) hash.add(count);
  for (const std::uint8_t landed : workspace.round_landed) hash.add(int{landed});
  hash.add(workspace.raises_succeeded);
  for (const MonthRecord& record : trace) {
    hash.add(record.month);
    for (const auto& [field, name] : testing::kMonthRecordFields) hash.add(record.*field);
  }
}

std::uint64_t hash_of_file(const std::string& file) {
  const Model model = build_model(load_scenario(file));
  PathWorkspace workspace(model);
  BitHash hash;
  for (std::uint64_t path = 0; path < kPaths; ++path) {
    PathOutcome outcome;
    outcome.years.resize(model.fiscal_years.size());
    std::vector<MonthRecord> trace;
    simulate_path(model, kSeed, path, workspace, outcome, &trace);
    add_path(hash, outcome, workspace, trace);
  }
  return hash.value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: breakeven_path_bits FILE...\n");
    return 2;
  }
  for (int i = 1; i < argc; ++i) {
    try {
      std::printf("%016llx %s\n", static_cast<unsigned long long>(hash_of_file(argv[i])), argv[i]);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "%s: %s\n", argv[i], error.what());
      return 2;
    }
  }
  return 0;
}
