// SPDX-License-Identifier: MIT
// Why a sweep to precision stopped, in one line for the terminal and the page.
#include <algorithm>

#include <fmt/format.h>

#include "breakeven/report/sweep_report.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

std::string points(double share) {
  return fmt::format("±{:.3g} points", share * 100);
}

std::string paths(std::int64_t count) {
  return format_amount(static_cast<double>(count), 0);
}

}  // namespace

std::string render_sweep_stop_line(const SweepResult& sweep) {
  if (!sweep.precision) return {};
  std::vector<const SweepFigures*> runs{&sweep.base};
  for (const auto& point : sweep.points) runs.push_back(&point.figures);
  std::size_t capped = 0;
  std::int64_t fewest = 0, most = 0;
  double widest = 0;
  for (const SweepFigures* run : runs) {
    if (!run->precision) continue;
    if (!run->precision->reached) ++capped;
    fewest = fewest == 0 ? run->paths : std::min(fewest, run->paths);
    most = std::max(most, run->paths);
    widest = std::max(widest, run->precision->half_width);
  }
  const std::string range =
      fewest == most ? paths(most) : fmt::format("{} to {}", paths(fewest), paths(most));
  const std::string goal = points(sweep.precision->half_width);
  if (capped == 0)
    return fmt::format(
        "Stopped: precision reached at the base and every point, after {} paths each: every "
        "headline's 95 % interval is within {} (goal {}).\n",
        range, points(widest), goal);
  return fmt::format(
      "Stopped: --max-paths {} reached at {} of {} runs (base and points) before the goal {}; the "
      "widest headline's 95 % interval is {}. Paths used: {}.\n",
      paths(sweep.precision->max_paths), capped, runs.size(), goal, points(widest), range);
}

}  // namespace breakeven
