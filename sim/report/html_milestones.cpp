// SPDX-License-Identifier: MIT
#include "html_milestones.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/text_format.hpp"
#include "html_text.hpp"

namespace breakeven::html {

std::string milestones_section(const std::vector<ScenarioResult>& results) {
  const bool any = std::any_of(results.begin(), results.end(),
                               [](const ScenarioResult& r) { return !r.milestones.empty(); });
  if (!any) return "";
  std::string out =
      R"(<section id="milestones"><h2>Do the chips come out, and when?</h2><p class="how">)"
      R"(P(success): share of paths where the milestone succeeded within the horizon, re-spins )"
      R"(included. Success month: p10 / p50 / p90 among the paths where it succeeded.</p>)"
      R"(<div class="cards">)";
  for (const ScenarioResult& r : results) {
    if (r.milestones.empty()) continue;
    out += fmt::format(R"(<div class="card"><h3>{}</h3><table>)", xml_escape(r.name));
    out += "<tr><th>milestone</th><th>planned</th><th>P(success)</th><th>success month</th></tr>";
    for (const MilestoneResult& m : r.milestones) {
      const std::string when =
          m.p50.empty() ? "never" : fmt::format("{} / {} / {}", m.p10, m.p50, m.p90);
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>",
                         xml_escape(m.name), xml_escape(m.planned), format_percent(m.success.p),
                         pp(m.success.se), xml_escape(when));
    }
    out += "</table></div>";
  }
  return out + "</div></section>";
}

}  // namespace breakeven::html
