// SPDX-License-Identifier: MIT
#include "breakeven/report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>

#include <fmt/format.h>

#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/terminal_report.hpp"
#include "company_groups.hpp"
#include "html_charts.hpp"
#include "html_joint.hpp"
#include "html_milestones.hpp"
#include "html_report_style.hpp"
#include "html_text.hpp"

namespace breakeven {
namespace {

using Results = std::vector<ScenarioResult>;
using html::breakeven_chart;
using html::cash_out_chart;
using html::fan_chart;
using html::FanKind;
using html::funding_need_chart;
using html::kFanKinds;
using html::money;
using html::money_label;
using html::pp;
using html::runway_chart;
using html::shared_axes;
using html::SharedAxes;
using Groups = std::vector<CompanyGroup>;

std::string esc(std::string_view text) {
  return xml_escape(text);
}

// The spec's "never" quantile, said the way a reader asks it: not within the simulated years.
std::string period_phrase(const std::string& label, const ScenarioResult& r) {
  return label == "never" ? "after " + r.horizon : label;
}

std::string months_phrase(int months, int horizon) {
  if (months >= horizon) return "beyond the horizon";
  return fmt::format("{} months", months);
}

// ---- Page parts ----------------------------------------------------------------------------

// Under a chart with bear and bull cases drawn over it: which dashed line is which.
std::string variant_key(const std::vector<Variant>& variants) {
  if (variants.empty()) return {};
  std::string out = R"(<p class="variant-key">dashed:)";
  for (const Variant& v : variants)
    out += fmt::format(R"( <span class="{}" title="{}">{}</span>)", v.role, esc(v.result->name),
                       v.role);
  return out + "</p>";
}

// "bear 30.1 % · bull 60.2 %": the range of one headline number over a company's variants.
std::string variant_range(const std::vector<Variant>& variants,
                          const std::function<std::string(const ScenarioResult&)>& value) {
  if (variants.empty()) return {};
  std::string out = R"(<span class="range">)";
  for (std::size_t k = 0; k < variants.size(); ++k)
    out +=
        fmt::format("{}{} {}", k ? " · " : "", variants[k].role, esc(value(*variants[k].result)));
  return out + "</span>";
}

std::string headline_table(const Results& results, const Groups& groups) {
  std::string out = R"(<div class="scroll"><table class="headline"><thead><tr>)"
                    R"(<th>Company</th><th>Target</th>)"
                    R"(<th class="num">P(break-even by target)</th>)"
                    R"(<th class="num">Median break-even</th>)"
                    R"(<th class="num">P(cash-out first)</th>)"
                    R"(<th class="num">Median funding need</th>)"
                    R"(<th class="num">Median runway without new raises</th>)"
                    "</tr></thead><tbody>";
  for (const CompanyGroup& group : groups) {
    const ScenarioResult& r = results[group.base];
    const std::vector<Variant> variants = variants_of(group, results);
    const BreakevenResult& b = r.breakeven;
    std::string p_cell = "–";
    const std::string p_range = variant_range(variants, [](const ScenarioResult& v) {
      return v.breakeven.by_target ? format_percent(v.breakeven.by_target->p) : std::string("–");
    });
    if (b.by_target)
      p_cell = fmt::format(
          R"({} <span class="se">{}</span><span class="meter"><span style="width:{}%"></span></span>)",
          esc(format_percent(b.by_target->p)), esc(pp(b.by_target->se)),
          svg_number(b.by_target->p * 100));
    p_cell += p_range;
    // data-label repeats the column name, for the stacked layout on a phone.
    out += fmt::format(
        R"html(<tr><td class="company">{}</td><td class="target" data-label="Target"><b>{}</b> <span class="se">{} &gt; 0</span></td><td class="num" data-label="P(break-even by target)">{}</td>)html"
        R"html(<td class="num" data-label="Median break-even">{}</td><td class="num" data-label="P(cash-out first)">{} <span class="se">{}</span></td>)html"
        R"html(<td class="num" data-label="Median funding need">{} <span class="se">({} need none)</span></td><td class="num" data-label="Median runway without new raises">{}</td></tr>)html",
        esc(r.name) + (r.as_of.empty()
                           ? std::string()
                           : R"(<br><span class="se">data as of )" + esc(r.as_of) + "</span>"),
        esc(b.target.value_or(r.horizon)), esc(readable_name(b.metric)), p_cell,
        esc(period_phrase(b.p50, r)) + variant_range(variants,
                                                     [](const ScenarioResult& v) {
                                                       return period_phrase(v.breakeven.p50, v);
                                                     }),
        esc(format_percent(b.cash_out_first.p)),
        esc(pp(b.cash_out_first.se)) +
            variant_range(variants,
                          [](const ScenarioResult& v) {
                            return format_percent(v.breakeven.cash_out_first.p);
                          }),
        esc(money(r.funding_need.p50, r)), esc(format_percent(r.funding_need.none.p)),
        esc(months_phrase(r.runway.p50, r.runway.horizon_months)));
  }
  out += "</tbody></table></div>";
  return out;
}

// One sentence per company, built only from its results, for a reader in a hurry.
std::string outlook_sentence(const ScenarioResult& r) {
  const BreakevenResult& b = r.breakeven;
  std::string text = fmt::format("<b>{}</b>: ", esc(r.name));
  if (b.by_target)
    text +=
        fmt::format("{} chance of {} above zero by its {} target; ", format_percent(b.by_target->p),
                    esc(readable_name(b.metric)), esc(*b.target));
  if (b.p50 == "never")
    text += fmt::format("fewer than half the paths break even by {}; ", esc(r.horizon));
  else
    text += fmt::format("half the paths break even by {}; ", esc(b.p50));
  text += fmt::format("{} run out of cash before breaking even and {} after it{}; ",
                      format_percent(r.cash_out.before_breakeven.p),
                      format_percent(r.cash_out.after_breakeven.p),
                      r.funding_policy ? " (with the funding policy)" : "");
  text += fmt::format(
      "without new raises (scheduled rounds included), cash lasts {} in half "
      "the paths.",
      esc(months_phrase(r.runway.p50, r.runway.horizon_months)));
  return text;
}

std::string figure(const ScenarioResult& r, std::string_view stat, const std::string& svg) {
  return fmt::format(
      R"(<figure><figcaption><span class="company">{}</span><br><span class="stat">{}</span></figcaption>{}</figure>)",
      esc(r.name), stat, svg);
}

std::string section(std::string_view id, std::string_view title, std::string_view how,
                    const std::string& figures) {
  return fmt::format(
      R"(<section id="{}" class="{}"><h2>{}</h2><p class="how">{}</p><div class="grid">{}</div></section>)",
      id, id, title, how, figures);
}

std::string breakeven_section(const Results& results, const Groups& groups,
                              const SharedAxes& axes) {
  std::string figures;
  for (const CompanyGroup& group : groups) {
    const std::size_t i = group.base;
    const ScenarioResult& r = results[i];
    const std::vector<Variant> variants = variants_of(group, results);
    const BreakevenResult& b = r.breakeven;
    std::string stat =
        b.by_target ? fmt::format("by {}: <b>{}</b> {} · ", esc(*b.target),
                                  esc(format_percent(b.by_target->p)), esc(pp(b.by_target->se)))
                    : std::string();
    stat += fmt::format("median {} · not within horizon {} · cash-out first {}",
                        esc(period_phrase(b.p50, r)), esc(format_percent(b.not_within_horizon.p)),
                        esc(format_percent(b.cash_out_first.p)));
    figures += figure(r, stat, breakeven_chart(r, i, axes, variants) + variant_key(variants));
  }
  return section(
      "breakeven", "When does it break even?",
      R"html(Bars: share of paths whose first break-even falls in each period<span class="key" style="background:var(--be)"></span>(the target period darker<span class="key" style="background:var(--be-target)"></span>). Line: cumulative share, right axis<span class="key line" style="background:var(--cum)"></span>. Dashed: end of the company's target period<span class="key dashed"></span>. Paths that never break even within the horizon, or run out of cash first, have no bar.)html",
      figures);
}

std::string cash_out_section(const Results& results, const Groups& groups, const SharedAxes& axes) {
  std::string figures;
  for (const CompanyGroup& group : groups) {
    const std::size_t i = group.base;
    const ScenarioResult& r = results[i];
    const std::vector<Variant> variants = variants_of(group, results);
    const CashOutResult& c = r.cash_out;
    figures +=
        figure(r,
               fmt::format("total <b>{}</b> {} · before break-even <b>{}</b> · after break-even {}",
                           esc(format_percent(c.probability.p)), esc(pp(c.probability.se)),
                           esc(format_percent(c.before_breakeven.p)),
                           esc(format_percent(c.after_breakeven.p))),
               cash_out_chart(r, i, axes, variants) + variant_key(variants));
  }
  return section(
      "cash-out", "How likely is it to run out of cash?",
      R"html(Share of paths whose cash falls below the minimum in each fiscal year, with the scheduled funding rounds and any funding policy. Dark<span class="key" style="background:var(--cash-out)"></span>: before the company first breaks even — the headline's <i>cash-out first</i>. Light<span class="key" style="background:var(--cash-out-after)"></span>: after it broke even and slid back into losses; the total counts both. Partial years are marked with their months.)html",
      figures);
}

std::string runway_section(const Results& results, const Groups& groups, const SharedAxes& axes) {
  std::string figures;
  for (const CompanyGroup& group : groups) {
    const std::size_t i = group.base;
    const ScenarioResult& r = results[i];
    const std::vector<Variant> variants = variants_of(group, results);
    const RunwayResult& w = r.runway;
    figures += figure(
        r,
        fmt::format("median <b>{}</b> · lasts beyond {}: <b>{}</b> · &lt; 12 mo {} · &lt; 24 mo {} "
                    "· &lt; 36 mo {}",
                    esc(months_phrase(w.p50, w.horizon_months)), esc(r.horizon),
                    esc(format_percent(w.beyond_horizon.p)), esc(format_percent(w.lt12.p)),
                    esc(format_percent(w.lt24.p)), esc(format_percent(w.lt36.p))),
        runway_chart(r, i, axes, variants) + variant_key(variants));
  }
  return section("runway", "How long does the cash last without new raises?",
                 "Runway without new raises: months from the start until cash falls below the "
                 "minimum when the scheduled funding rounds come in (each with its probability) "
                 "but no other money is raised. The last bar holds the paths whose cash lasts "
                 "beyond the horizon.",
                 figures);
}

std::string funding_section(const Results& results, const Groups& groups, const SharedAxes& axes) {
  std::string figures;
  for (const CompanyGroup& group : groups) {
    const std::size_t i = group.base;
    const ScenarioResult& r = results[i];
    const std::vector<Variant> variants = variants_of(group, results);
    const FundingNeedResult& f = r.funding_need;
    figures += figure(r,
                      fmt::format("none needed <b>{}</b> · mean {} · median {} · p90 {} · p95 {}",
                                  esc(format_percent(f.none.p)), esc(money(f.mean, r)),
                                  esc(money(f.p50, r)), esc(money(f.p90, r)), esc(money(f.p95, r))),
                      funding_need_chart(r, i, axes, variants) + variant_key(variants));
  }
  return section("funding-need", "How much money does it still take?",
                 "New money a path needs beyond its cash to reach break-even (its deepest cash "
                 "shortfall before then). Bars are shares of all paths; the paths that need none "
                 "are in the text. The last bar also holds the tail above the 99th percentile.",
                 figures);
}

std::string fan_section(const Results& results, const Groups& groups, const SharedAxes& axes,
                        const FanKind& kind) {
  std::string figures;
  for (const CompanyGroup& group : groups) {
    const std::size_t i = group.base;
    const ScenarioResult& r = results[i];
    const std::vector<Variant> variants = variants_of(group, results);
    const std::vector<FanPoint>& points = r.fans.*kind.points;
    std::string stat;
    for (auto it = points.rbegin(); it != points.rend(); ++it)
      if (std::isfinite(it->p50)) {
        stat = fmt::format("{} median <b>{}</b> (5–95 %: {} to {})", esc(it->year),
                           esc(money(it->p50, r)), esc(format_amount(it->p05)),
                           esc(format_amount(it->p95)));
        break;
      }
    figures += figure(r, stat, fan_chart(r, i, axes, kind, variants) + variant_key(variants));
  }
  return section(
      kind.kind, kind.title,
      R"html(Median<span class="key line" style="background:var(--fan)"></span>, middle half of the paths (25–75 %)<span class="key" style="background:var(--fan);opacity:.42"></span> and 90 % of them (5–95 %)<span class="key" style="background:var(--fan);opacity:.2"></span>, by fiscal year, over the paths that have not run out of cash. Hover a year for its numbers.)html",
      figures);
}

// A number and its unit never part at a line end: "-15 %", "9.5 亿" keep a no-break space.
std::string keep_units(std::string text, const ScenarioResult& r) {
  for (const std::string& unit : {std::string("%"), esc(r.money_unit)}) {
    const std::string from = " " + unit, to = "&#160;" + unit;
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

// One table, a row per key and a column per scenario, so the same assumption of different
// companies sits on one line.
std::string assumptions_section(const Results& results) {
  std::vector<std::string> keys;
  for (const ScenarioResult& r : results)
    for (const Assumption& a : r.assumptions)
      if (std::find(keys.begin(), keys.end(), a.key) == keys.end()) keys.push_back(a.key);
  // Parameters first, then funding rounds, then events, each group in order of appearance.
  auto rank = [](const std::string& key) {
    return key.rfind("event: ", 0) == 0 ? 2 : key.rfind("funding: ", 0) == 0 ? 1 : 0;
  };
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  std::string out =
      R"(<section id="assumptions"><h2>Key assumptions</h2><p class="how">As the model read )"
      R"(them from each scenario file (after any <code>--set</code>). Money in each file's unit, )"
      R"(rates and shares in %. Distributions: pert(min, mode, max), lognormal(median, sigma), )"
      R"(uniform(min, max), ...; an event's rate is how often it strikes.</p>)"
      R"(<div class="scroll"><table class="assumptions"><thead><tr><th>Key</th>)";
  for (const ScenarioResult& r : results) out += fmt::format("<th>{}</th>", esc(r.name));
  out += "</tr></thead><tbody>";
  for (const std::string& key : keys) {
    out += fmt::format(R"(<tr><td class="param">{}</td>)", esc(key));
    for (const ScenarioResult& r : results) {
      const auto it = std::find_if(r.assumptions.begin(), r.assumptions.end(),
                                   [&](const Assumption& a) { return a.key == key; });
      out += fmt::format("<td>{}</td>",
                         it == r.assumptions.end() ? "–" : keep_units(esc(it->value), r));
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  for (const ScenarioResult& r : results)
    for (const std::string& warning : r.warnings)
      out += fmt::format(R"(<p class="warning">warning: {}: {}</p>)", esc(r.name), esc(warning));
  return out + "</section>";
}

std::string provenance_section(const Results& results, const RunProvenance& run) {
  std::string out =
      R"(<section id="provenance"><h2>Provenance</h2><div class="scroll"><table>)"
      R"(<thead><tr><th>Scenario</th><th>File</th><th class="num">Paths</th>)"
      R"(<th class="num">Seed</th><th>Simulated</th><th>Money</th><th>Break-even rule</th>)"
      "</tr></thead><tbody>";
  for (const ScenarioResult& r : results)
    out += fmt::format(
        R"(<tr><td>{}</td><td><code>{}</code></td><td class="num">{}</td><td class="num">{}</td>)"
        R"(<td>{} to {}{}</td><td>{}</td><td>{} &gt; 0 per {}</td></tr>)",
        esc(r.name), esc(r.file), esc(format_amount(static_cast<double>(r.paths), 0)), r.seed,
        esc(r.start), esc(r.horizon),
        r.as_of.empty() ? std::string() : " (data as of " + esc(r.as_of) + ")", esc(money_label(r)),
        esc(readable_name(r.breakeven.metric)), esc(readable_name(r.breakeven.period)));
  out += "</tbody></table></div>";
  out += fmt::format(
      R"(<p class="meta">breakeven {} · run {} · command <code>{}</code> · in <code>{}</code> · )"
      R"(output <code>{}</code></p>)",
      esc(run.version), esc(run.date), esc(run.command), esc(run.working_directory),
      esc(run.output_directory));
  out += R"(<p class="note">Probabilities are shares of simulated paths; ± is one standard )"
         R"(error (√(p(1−p)/N)) in percentage points. Results depend only on the scenario files, )"
         R"(seed and path count. The same numbers are in <code>summary.json</code> and the CSV )"
         R"(files next to this page.</p></section>)";
  return out;
}

std::string page_title(const Results& results) {
  std::string names;
  for (const ScenarioResult& r : results) names += (names.empty() ? "" : ", ") + r.name;
  return "Break-even outlook: " + names;
}

}  // namespace

std::vector<std::string> html_chart_kinds() {
  return {"breakeven",   "cash-out",       "runway",  "funding-need",
          "fan-revenue", "fan-net-income", "fan-cash"};
}

std::string render_html_report(const Results& results, const RunProvenance& provenance,
                               const JointResult* joint) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"breakeven " +
      esc(provenance.version) + "\">\n<title>" + esc(page_title(results)) + "</title>\n<style>" +
      std::string(html::report_stylesheet()) + std::string(html::joint_stylesheet()) +
      "</style>\n</head>\n<body>\n";
  std::int64_t paths = 0;
  for (const ScenarioResult& r : results) paths = std::max(paths, r.paths);
  const Groups groups = company_groups(results);
  out += fmt::format(
      "<header><h1>{}</h1><p class=\"meta\">{} scenario{} · {} paths each · breakeven {} · run "
      "{}</p></header>\n",
      esc(page_title(results)), results.size(), results.size() == 1 ? "" : "s",
      esc(format_amount(static_cast<double>(paths), 0)), esc(provenance.version),
      esc(provenance.date));
  out += "<section id=\"headline\"><h2>Headline</h2>" + headline_table(results, groups) +
         "<ul class=\"outlook\">";
  for (const CompanyGroup& group : groups)
    out += "<li>" + outlook_sentence(results[group.base]) + "</li>";
  out += "</ul></section>\n";
  if (!results.empty()) {
    const SharedAxes axes = shared_axes(results);
    if (std::any_of(groups.begin(), groups.end(), [](const auto& g) { return g.has_variants(); }))
      out += R"(<p class="note">Bear and bull cases (files named <code>x_bear.toml</code>, )"
             R"(<code>x_bull.toml</code> next to <code>x.toml</code>) are shown with their base )"
             R"(case: as ranges in the headline and as dashed lines over its charts.</p>)";
    out += breakeven_section(results, groups, axes) + "\n";
    out += cash_out_section(results, groups, axes) + "\n";
    out += runway_section(results, groups, axes) + "\n";
    out += funding_section(results, groups, axes) + "\n";
    for (const FanKind& kind : kFanKinds) out += fan_section(results, groups, axes, kind) + "\n";
    if (const std::string milestones = html::milestones_section(results); !milestones.empty())
      out += milestones + "\n";
  }
  // After the scenarios' own charts, which a reader compares first.
  if (joint) out += html::joint_section(*joint) + "\n";
  out += assumptions_section(results) + "\n";
  out += provenance_section(results, provenance) + "\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace breakeven
