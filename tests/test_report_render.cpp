// SPDX-License-Identifier: MIT
// Renders report.html of a real four-company run in headless Chromium and checks that a page
// came out: a PNG of the requested size with the charts' colours on it, no console errors,
// and a DOM that holds every chart. Chromium is a test dependency (.ci/install-deps --tests),
// so its absence fails the test instead of skipping it.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "breakeven/report/html_report.hpp"
#include "report_fixture.hpp"

namespace fs = std::filesystem;
using breakeven::testing::renamed_moore_threads;
using breakeven::testing::run_breakeven;
using breakeven::testing::run_shell;
using breakeven::testing::slurp_file;
using breakeven::testing::TempDir;

namespace {

constexpr std::uint32_t kWidth = 1280, kHeight = 2400;

std::string find_chromium() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  return "";
}

/// Chromium without network, first-run work or a shared profile; `timeout` bounds a hang.
std::string chromium_command(const std::string& chromium, const fs::path& profile) {
  return "timeout 90 '" + chromium +
         "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync "
         "--hide-scrollbars --user-data-dir='" +
         profile.string() + "' --enable-logging=stderr --v=0 ";
}

struct Image {
  std::uint32_t width = 0, height = 0;
  std::size_t channels = 0;
  std::vector<std::uint8_t> pixels;  // rows of width * channels bytes
};

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<std::uint8_t>(bytes.at(at + i));
  return value;
}

int paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/// Decodes the 8-bit RGB or RGBA, non-interlaced PNGs Chromium writes (enough for a check).
Image decode_png(const std::string& bytes) {
  REQUIRE(bytes.size() > 33);
  REQUIRE(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  Image image;
  std::string compressed;
  for (std::size_t at = 8; at + 8 <= bytes.size();) {
    const std::uint32_t length = big_endian(bytes, at);
    const std::string type = bytes.substr(at + 4, 4);
    if (type == "IHDR") {
      image.width = big_endian(bytes, at + 8);
      image.height = big_endian(bytes, at + 12);
      const auto depth = static_cast<std::uint8_t>(bytes.at(at + 16));
      const auto colour = static_cast<std::uint8_t>(bytes.at(at + 17));
      const auto interlace = static_cast<std::uint8_t>(bytes.at(at + 20));
      REQUIRE(depth == 8);
      REQUIRE((colour == 2 || colour == 6));
      REQUIRE(interlace == 0);
      image.channels = colour == 2 ? 3 : 4;
    } else if (type == "IDAT") {
      compressed += bytes.substr(at + 8, length);
    }
    at += 12 + length;
  }
  REQUIRE(image.channels > 0);
  const std::size_t stride = image.width * image.channels;
  std::vector<std::uint8_t> raw((stride + 1) * image.height);
  uLongf raw_size = raw.size();
  REQUIRE(uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()),
                     compressed.size()) == Z_OK);
  REQUIRE(raw_size == raw.size());
  image.pixels.assign(stride * image.height, 0);
  const std::size_t bpp = image.channels;
  for (std::size_t y = 0; y < image.height; ++y) {
    const std::uint8_t filter = raw[y * (stride + 1)];
    const std::uint8_t* in = &raw[y * (stride + 1) + 1];
    std::uint8_t* out = &image.pixels[y * stride];
    const std::uint8_t* up = y > 0 ? out - stride : nullptr;
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= bpp ? out[i - bpp] : 0;
      const int b = up != nullptr ? up[i] : 0;
      const int c = up != nullptr && i >= bpp ? up[i - bpp] : 0;
      int predicted = 0;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = a;
          break;
        case 2:
          predicted = b;
          break;
        case 3:
          predicted = (a + b) / 2;
          break;
        case 4:
          predicted = paeth(a, b, c);
          break;
        default:
          FAIL("bad PNG filter " << int{filter});
      }
      out[i] = static_cast<std::uint8_t>((in[i] + predicted) & 0xff);
    }
  }
  return image;
}

/// Pixels within `tolerance` of an RGB colour in every channel.
std::size_t pixels_near(const Image& image, int r, int g, int b, int tolerance = 4) {
  std::size_t n = 0;
  for (std::size_t at = 0; at + 2 < image.pixels.size(); at += image.channels)
    if (std::abs(image.pixels[at] - r) <= tolerance &&
        std::abs(image.pixels[at + 1] - g) <= tolerance &&
        std::abs(image.pixels[at + 2] - b) <= tolerance)
      ++n;
  return n;
}

std::string console_problems(const std::string& log) {
  std::string problems;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (line.find("CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos ||
        line.find("net::ERR_") != std::string::npos ||
        line.find("Failed to load") != std::string::npos)
      problems += line + "\n";
  return problems;
}

}  // namespace

TEST_CASE("report.html of the four companies renders in headless Chromium", "[render][cli]") {
  const std::string chromium = find_chromium();
  if (chromium.empty())
    FAIL(
        "chromium is not installed: this test renders report.html in Debian's headless "
        "chromium; install the test dependencies with `bash .ci/install-deps --tests`");

  TempDir dir;
  const fs::path renamed = renamed_moore_threads(dir.path());
  const fs::path out = dir.path() / "out";
  REQUIRE(run_breakeven("run '" + renamed.string() +
                            "' scenarios/metax.toml scenarios/biren.toml scenarios/enflame.toml "
                            "--paths 2000 --quiet --out '" +
                            out.string() + "'",
                        dir.path()) == 0);
  const fs::path html = out / "report.html";
  REQUIRE(fs::exists(html));
  const std::string url = "file://" + fs::absolute(html).string();

  SECTION("screenshot: expected size, not blank, charts drawn, no console errors") {
    const fs::path png = dir.path() / "report.png";
    const fs::path log = dir.path() / "chromium.log";
    const int status =
        run_shell(chromium_command(chromium, dir.path() / "profile") + "--screenshot='" +
                  png.string() + "' --window-size=" + std::to_string(kWidth) + "," +
                  std::to_string(kHeight) + " '" + url + "' > /dev/null 2> '" + log.string() + "'");
    INFO("chromium log:\n" << slurp_file(log));
    REQUIRE(status == 0);
    REQUIRE(fs::exists(png));
    CHECK(console_problems(slurp_file(log)).empty());

    const Image image = decode_png(slurp_file(png));
    CHECK(image.width == kWidth);
    CHECK(image.height == kHeight);
    const std::size_t total = image.pixels.size() / image.channels;
    const std::size_t white = pixels_near(image, 255, 255, 255, 2);
    // A real page: text, tables and charts cover well over a few percent of it.
    CHECK(static_cast<double>(total - white) / static_cast<double>(total) > 0.05);
    // The SVG charts were drawn: their fill colours (html_report.cpp's stylesheet) are on it.
    CHECK(pixels_near(image, 0x4c, 0x78, 0xa8) > 1000);  // break-even bars
    CHECK(pixels_near(image, 0xb3, 0x26, 0x1e) > 200);   // cash-out before break-even
    CHECK(pixels_near(image, 0xf0, 0xa3, 0x9c) > 200);   // cash-out after break-even
    CHECK(pixels_near(image, 0x3f, 0x9a, 0x55) > 200);   // runway bars
    CHECK(pixels_near(image, 0xa6, 0xd4, 0xb1) > 200);   // runway beyond the horizon
  }

  SECTION("DOM: every chart of every scenario and the Chinese name") {
    const fs::path dom = dir.path() / "dom.html";
    const fs::path log = dir.path() / "chromium-dom.log";
    const int status =
        run_shell(chromium_command(chromium, dir.path() / "profile-dom") + "--dump-dom '" + url +
                  "' > '" + dom.string() + "' 2> '" + log.string() + "'");
    INFO("chromium log:\n" << slurp_file(log));
    REQUIRE(status == 0);
    const std::string text = slurp_file(dom);
    CHECK(console_problems(slurp_file(log)).empty());
    CHECK(text.find("摩尔线程") != std::string::npos);
    for (const std::string& kind : breakeven::html_chart_kinds())
      for (int s = 0; s < 4; ++s) {
        INFO(kind << "-" << s);
        CHECK(text.find("<svg id=\"" + kind + "-" + std::to_string(s) + "\"") != std::string::npos);
      }
  }
}
