// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "breakeven/report/atomic_file.hpp"

namespace fs = std::filesystem;

namespace {

fs::path fresh_directory(const std::string& tag) {
  const fs::path dir =
      fs::temp_directory_path() / ("breakeven-atomic-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("write_file_atomically writes and replaces, leaving no temporary", "[atomic]") {
  const fs::path dir = fresh_directory("ok");
  const fs::path file = dir / "out.json";
  breakeven::write_file_atomically(file, "first");
  CHECK(read_all(file) == "first");
  breakeven::write_file_atomically(file, std::string(100000, 'x'));
  CHECK(read_all(file) == std::string(100000, 'x'));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomically fails cleanly and names the path", "[atomic]") {
  const fs::path dir = fresh_directory("fail");
  SECTION("missing directory") {
    const fs::path file = dir / "no-such-dir" / "out.json";
    CHECK_THROWS_WITH(breakeven::write_file_atomically(file, "x"), Catch::Contains(file.string()));
  }
  SECTION("target is a directory: the rename fails and the temporary is removed") {
    const fs::path target = dir / "taken";
    fs::create_directories(target / "inside");
    CHECK_THROWS_AS(breakeven::write_file_atomically(target, "x"), std::runtime_error);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    CHECK(fs::is_directory(target));
  }
  fs::remove_all(dir);
}
