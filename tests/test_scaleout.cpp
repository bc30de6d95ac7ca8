// SPDX-License-Identifier: MIT
// Splitting a run: shares of the blocks, state files and `merge`. A run split into shards and put
// back together must report the same bytes as one process, and a state file that is not exactly
// one shard of the run must be refused with the file named.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "breakeven/analysis/run_state.hpp"
#include "breakeven/engine/run_share.hpp"
#include "breakeven/scenario/errors.hpp"
#include "program_runner.hpp"

using namespace breakeven;
using breakeven::testing::run_program;
namespace fs = std::filesystem;

namespace {

const char* const kFiles =
    " scenarios/moore_threads.toml scenarios/metax.toml scenarios/biren.toml "
    "scenarios/enflame.toml --paths 3000";
const std::string kBatch = std::string(kFiles) + " --seed 2025";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// A fresh directory for one test's state files.
fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("breakeven-scaleout-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// Saves shards 1..count of the batch into `dir`; returns their file names.
std::vector<std::string> save_shards(const fs::path& dir, int count) {
  std::vector<std::string> files;
  for (int i = 1; i <= count; ++i) {
    const std::string file = (dir / ("shard" + std::to_string(i) + ".state")).string();
    const auto outcome =
        run_program(std::string("run") + kBatch + " --quiet --shard " + std::to_string(i) + "/" +
                    std::to_string(count) + " --save-state '" + file + "'");
    INFO(outcome.err);
    REQUIRE(outcome.status == 0);
    files.push_back(file);
  }
  return files;
}

std::string quoted(const std::vector<std::string>& files) {
  std::string text;
  for (const auto& file : files) text += " '" + file + "'";
  return text;
}

RunState small_state() {
  RunState state;
  state.scenarios = {{"a.toml", "[company]\nname = \"A\"\n", {{"revenue.volatility", "0.5"}}}};
  state.seed = 9;
  state.paths = 1000;
  state.shard = 1;
  state.shards = 3;
  state.tallies = "{\"format\":\"breakeven-tallies\"}\n";
  return state;
}

}  // namespace

TEST_CASE("shares are whole blocks, in order, without gaps, and depend only on the path count",
          "[scaleout]") {
  for (const std::int64_t paths : {1, 255, 256, 3000, 100000}) {
    for (const int count : {1, 2, 3, 7, 64}) {
      RunPlan whole;
      whole.paths = paths;
      whole.end = paths;
      std::int64_t next = 0;
      for (int i = 0; i < count; ++i) {
        const RunPlan share = share_of(whole, i, count);
        INFO("paths " << paths << ", share " << i << " of " << count);
        CHECK(share.begin == next);
        CHECK(share.end >= share.begin);
        CHECK((share.begin % kBlockPaths == 0 || share.begin == paths));
        CHECK((share.end % kBlockPaths == 0 || share.end == paths));
        next = share.end;
      }
      CHECK(next == paths);
    }
  }
  RunPlan whole;
  whole.paths = 3000;
  whole.end = 3000;
  // 12 blocks in 3 shares of 4.
  CHECK(share_of(whole, 1, 3).begin == 4 * kBlockPaths);
  CHECK(share_of(whole, 1, 3).end == 8 * kBlockPaths);
  CHECK_THROWS_AS(share_of(whole, 3, 3), UsageError);
  CHECK_THROWS_AS(share_of(whole, 0, 0), UsageError);
}

TEST_CASE("a state file reads back as written and refuses damage", "[scaleout]") {
  const RunState state = small_state();
  const std::string text = state_to_text(state);
  const RunState back = state_from_text(text);
  CHECK(back.seed == 9);
  CHECK(back.paths == 1000);
  CHECK(back.shard == 1);
  CHECK(back.shards == 3);
  CHECK(back.tallies == state.tallies);
  REQUIRE(back.scenarios.size() == 1);
  CHECK(back.scenarios[0].text == state.scenarios[0].text);
  CHECK(content_hash(back.scenarios[0]) == content_hash(state.scenarios[0]));

  // Cut anywhere, it is refused.
  for (std::size_t length = 0; length < text.size(); length += 7)
    CHECK_THROWS_AS(state_from_text(text.substr(0, length)), UsageError);
  CHECK_THROWS_AS(state_from_text(text.substr(0, text.size() - 1)), UsageError);
  CHECK_THROWS_AS(state_from_text(text + "x"), UsageError);

  // A changed digit in the tallies or a changed scenario text fails its checksum.
  std::string flipped = text;
  flipped[flipped.size() - 5] ^= 1;
  CHECK_THROWS_WITH(state_from_text(flipped), Catch::Contains("checksum"));
  std::string edited = text;
  edited.replace(edited.find("name = \\\"A\\\""), 12, "name = \\\"B\\\"");
  CHECK_THROWS_WITH(state_from_text(edited), Catch::Contains("hash"));

  // An override is part of what the scenario means.
  StateSource other = state.scenarios[0];
  other.overrides[0].toml_value = "0.6";
  CHECK(content_hash(other) != content_hash(state.scenarios[0]));
}

TEST_CASE("three shards merged report the same bytes as one process", "[scaleout][program]") {
  const fs::path dir = scratch("merge");
  const auto single = run_program(std::string("run") + kBatch + " --json -");
  REQUIRE(single.status == 0);
  const std::vector<std::string> files = save_shards(dir, 3);
  // Given in any order.
  const auto merged = run_program("merge" + quoted({files[2], files[0], files[1]}) + " --json -");
  INFO(merged.err);
  REQUIRE(merged.status == 0);
  CHECK(merged.out == single.out);
  CHECK(merged.out.find("\"scenarios\"") != std::string::npos);

  // The terminal report is the same as well.
  const auto single_terminal = run_program(std::string("run") + kBatch);
  const auto merged_terminal = run_program("merge" + quoted(files));
  CHECK(merged_terminal.out == single_terminal.out);
  fs::remove_all(dir);
}

TEST_CASE("merge refuses a missing, duplicate, foreign or damaged shard, naming the file",
          "[scaleout][program]") {
  const fs::path dir = scratch("refuse");
  const std::vector<std::string> files = save_shards(dir, 3);
  const fs::path json = dir / "out.json";
  auto refused = [&](const std::string& args, const std::string& expected) {
    const auto outcome = run_program("merge" + args + " --json '" + json.string() + "'");
    INFO(args << "\n" << outcome.err);
    CHECK(outcome.status == 2);
    CHECK(outcome.err.find(expected) != std::string::npos);
    CHECK(outcome.out.empty());
    CHECK_FALSE(fs::exists(json));  // no half-written output
  };

  refused(quoted({files[0], files[2]}),
          "shard 2/3 is missing; given: shard 1/3 in " + files[0] + ", shard 3/3 in " + files[2]);
  refused(quoted({files[0], files[1], files[1], files[2]}),
          files[1] + ": shard 2/3 is given twice (also " + files[1] + ")");

  const std::string truncated = (dir / "truncated.state").string();
  const std::string text = slurp(files[1]);
  spit(truncated, text.substr(0, text.size() * 2 / 3));
  refused(quoted({files[0], truncated, files[2]}), truncated + ": the file is cut short");
  spit(truncated, text.substr(0, 100));
  refused(quoted({files[0], truncated, files[2]}), truncated + ": not a breakeven state file");

  // A shard of the same files with another seed belongs to another run.
  const std::string foreign = (dir / "foreign.state").string();
  const auto other = run_program(std::string("run") + kFiles +
                                 " --seed 7 --quiet --shard 2/3 --save-state '" + foreign + "'");
  REQUIRE(other.status == 0);
  refused(quoted({files[0], foreign, files[2]}), foreign + ": the seed is 7 here but 2025 in");

  // The same seed but an override changes a scenario.
  const auto changed = run_program(std::string("run") + kBatch + " --set margin.noise=0.05" +
                                   " --quiet --shard 2/3 --save-state '" + foreign + "'");
  REQUIRE(changed.status == 0);
  refused(quoted({files[0], foreign, files[2]}), foreign + ": was run on other scenarios");

  refused(" '" + (dir / "nothing.state").string() + "'", "nothing.state: cannot open");
  fs::remove_all(dir);
}

TEST_CASE("run --shard checks its argument and needs --save-state", "[scaleout][program]") {
  for (const char* bad : {"0/3", "4/3", "2", "a/b", "1/0", "2/3x"}) {
    const auto outcome = run_program(std::string("run scenarios/metax.toml --paths 300 --shard ") +
                                     bad + " --save-state /dev/null");
    INFO(bad << ": " << outcome.err);
    CHECK(outcome.status == 2);
  }
  const auto without = run_program("run scenarios/metax.toml --paths 300 --shard 1/2");
  CHECK(without.status == 2);
  CHECK(without.err.find("--save-state") != std::string::npos);
}
