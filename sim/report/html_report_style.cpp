// SPDX-License-Identifier: MIT
#include "html_report_style.hpp"

namespace breakeven::html {
namespace {

// The whole stylesheet. Charts scale with their viewBox; the grid collapses to one column on a
// phone; print drops colours behind text and keeps each figure on one page. The font stack
// names CJK fonts so company names like 摩尔线程 and units like 亿 never fall back to boxes.
constexpr const char* kStyle = R"(
:root { --ink: #1f2328; --muted: #59636e; --rule: #d5dbe1; --paper: #ffffff; --tint: #f4f6f8;
  --be: #4c78a8; --be-target: #1d4f80; --cum: #e8772e; --target: #c62828; --cash-out: #b3261e; --cash-out-after: #f0a39c;
  --runway: #3f9a55; --runway-beyond: #a6d4b1; --need: #8e5ea2; --revenue: #4c78a8; --net-income: #2a8c82; --cash: #7a5fb0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1400px; padding: 16px 20px 40px; color: var(--ink);
  background: var(--paper); line-height: 1.4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 2px; }
h2 { font-size: 1.2rem; margin: 28px 0 4px; border-bottom: 1px solid var(--rule); padding-bottom: 3px; }
h3 { font-size: 1rem; margin: 0 0 4px; }
p { margin: 4px 0; }
.meta, .how, .note { color: var(--muted); font-size: 0.88rem; }
.how { max-width: 75em; margin-bottom: 10px; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: var(--tint); font-weight: 600; }
th.num { text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
.headline td.company { font-weight: 600; }
.headline td.target { white-space: nowrap; }
.se { color: var(--muted); font-size: 0.8em; }
.meter { display: inline-block; width: 70px; height: 9px; background: var(--tint);
  border: 1px solid var(--rule); margin-left: 6px; vertical-align: middle; }
.meter span { display: block; height: 100%; background: var(--be); }
ul.outlook { padding-left: 1.2em; margin: 10px 0; }
ul.outlook li { margin: 3px 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 14px 18px; }
figure { margin: 0; min-width: 0; display: flex; flex-direction: column;
  break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 0.9rem; flex: 1 0 auto; margin-bottom: 2px; }
figcaption .company { font-weight: 600; }
figcaption .stat, .aside { color: var(--muted); font-size: 0.85rem; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.chart text { font-size: 10.5px; fill: var(--ink); }
svg.chart .axis text { fill: var(--muted); }
svg.chart .axis .axis-title { fill: var(--ink); font-size: 10.5px; }
svg.chart .sublabel { font-size: 8.5px; }
svg.chart .grid { stroke: #e6e9ed; stroke-width: 1; }
svg.chart .grid.zero, svg.chart .baseline { stroke: #8a949e; stroke-width: 1; }
svg.chart .tick { stroke: #8a949e; }
svg.chart .bar-be { fill: var(--be); }
svg.chart .bar-be.target { fill: var(--be-target); }
svg.chart .cum { fill: none; stroke: var(--cum); stroke-width: 2; }
svg.chart .cum.dot { fill: var(--cum); stroke: none; }
svg.chart .target-marker line { stroke: var(--target); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .target-marker text { fill: var(--target); font-weight: 600; }
svg.chart .stat-marker line { stroke: #333; stroke-width: 1; stroke-dasharray: 2 2; }
svg.chart .stat-marker text { fill: #333; }
svg.chart .bar-cash-out { fill: var(--cash-out); }
svg.chart .bar-cash-out.after { fill: var(--cash-out-after); }
svg.chart .bar-runway { fill: var(--runway); }
svg.chart .bar-runway.beyond { fill: var(--runway-beyond); }
svg.chart .beyond-label { fill: var(--muted); font-size: 9.5px; }
svg.chart .outside { fill: rgba(120, 130, 140, 0.12); }
svg.chart .outside-label { fill: var(--muted); font-size: 9px; font-style: italic; }
svg.chart .variant { fill: none; stroke-width: 1.6; stroke-dasharray: 5 3; }
svg.chart .variant.dot { stroke: none; stroke-dasharray: none; }
svg.chart .variant.bear { stroke: #b3261e; } svg.chart .variant.bear.dot { fill: #b3261e; }
svg.chart .variant.bull { stroke: #2e7d32; } svg.chart .variant.bull.dot { fill: #2e7d32; }
.range { color: var(--muted); font-size: 0.8em; display: block; }
.variant-key { font-size: 0.8rem; color: var(--muted); margin: 2px 0 0; }
.variant-key .bear { color: #b3261e; } .variant-key .bull { color: #2e7d32; }
svg.chart .alive { fill: none; stroke: #59636e; stroke-width: 1.3; stroke-dasharray: 3 2; }
svg.chart .alive.dot { fill: #59636e; stroke: none; }
svg.chart .bar-need { fill: var(--need); }
svg.chart .aside-text { fill: var(--muted); font-size: 9.5px; }
svg.chart .empty { fill: var(--muted); font-style: italic; }
svg.chart .hover { fill: transparent; }
svg.chart .hover:hover { fill: rgba(0, 0, 0, 0.06); }
.fan-revenue { --fan: var(--revenue); }
.fan-net-income { --fan: var(--net-income); }
.fan-cash { --fan: var(--cash); }
svg.chart .band-outer { fill: var(--fan); fill-opacity: 0.2; }
svg.chart .band-inner { fill: var(--fan); fill-opacity: 0.42; }
svg.chart .median { fill: none; stroke: var(--fan); stroke-width: 2; }
svg.chart .median.dot { fill: var(--fan); stroke: none; }
.key { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 10px; vertical-align: baseline; }
.key.line { height: 3px; vertical-align: middle; }
.key.dashed { height: 0; border-top: 2px dashed var(--target); vertical-align: middle; }
table.assumptions { font-size: 0.82rem; width: 100%; }
table.assumptions td { padding: 2px 8px; overflow-wrap: normal; word-break: normal; }
table.assumptions td.param { color: var(--muted); white-space: nowrap; }
.warning { color: #9a3412; font-size: 0.85rem; }
code { font-size: 0.85em; word-break: break-all; }
@media (max-width: 640px) {
  body { padding: 10px 10px 30px; }
  .grid { grid-template-columns: 1fr; }
  h1 { font-size: 1.3rem; }
  th, td { padding: 3px 6px; }
  /* The headline table stacks: one block per company, each number under its own label, so
     nothing (P(cash-out first) least of all) hides off the right edge. */
  table.headline, table.headline tbody, table.headline tr, table.headline td { display: block; }
  table.headline thead { display: none; }
  table.headline tr { border-bottom: 2px solid var(--rule); padding: 4px 0; }
  table.headline td { border: none; text-align: left; white-space: normal; padding: 1px 4px; }
  table.headline td[data-label]::before { content: attr(data-label) ": "; color: var(--muted);
    font-size: 0.85em; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .grid { grid-template-columns: repeat(2, 1fr); }
  h2 { break-after: avoid; page-break-after: avoid; }
  .scroll { overflow: visible; }
  th { background: none; }
  svg.chart .hover { display: none; }
}
)";

}  // namespace

std::string_view report_stylesheet() {
  return kStyle;
}

}  // namespace breakeven::html
