// SPDX-License-Identifier: MIT
#include "analysis_html.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "breakeven/report/svg_chart.hpp"
#include "html_report_style.hpp"

namespace breakeven::html {
namespace {

// Colours of the sweep and sensitivity charts, on top of the run report's stylesheet.
constexpr std::string_view kAnalysisStyle = R"(
svg.chart .series-0 { fill: #5b7fa6; }
svg.chart .series-1 { fill: #d08c3a; }
svg.chart .series-2 { fill: #6a9f58; }
svg.chart .series-3 { fill: #9a6fb0; }
svg.chart .whisker { stroke: #333; stroke-width: 1; }
svg.chart .origin { stroke: #333; stroke-width: 1.2; }
svg.chart .label { font-size: 10px; }
svg.chart .band-paired { fill: #5b7fa6; fill-opacity: 0.45; }
svg.chart .band-unpaired { fill: #5b7fa6; fill-opacity: 0.15; }
svg.chart .diff { fill: none; stroke: #2d4f75; stroke-width: 2; }
svg.chart .cell-text { font-size: 9px; text-anchor: middle; }
svg.chart-sweep { max-width: 560px; }
svg.chart-heat { max-width: 520px; }
svg.chart-hbar { max-width: 760px; }
.legend span { display: inline-block; margin-right: 1.2em; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
)";

constexpr const char* kSeriesColours[] = {"#5b7fa6", "#d08c3a", "#6a9f58", "#9a6fb0"};

}  // namespace

std::string page_start(std::string_view title, std::string_view meta,
                       const RunProvenance& provenance) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"breakeven {}\">\n<title>{}</title>\n<style>{}{}</style>\n"
      "</head>\n<body>\n<header><h1>{}</h1><p class=\"meta\">{}</p></header>\n",
      xml_escape(provenance.version), xml_escape(title), report_stylesheet(), kAnalysisStyle,
      xml_escape(title), xml_escape(meta));
}

std::string page_end(const RunProvenance& run, std::string_view note) {
  return fmt::format(
      "<section id=\"provenance\"><h2>Provenance</h2><p class=\"meta\">breakeven {} · run {} · "
      "command <code>{}</code> · in <code>{}</code> · output <code>{}</code></p>"
      "<p class=\"note\">{}</p></section>\n</body>\n</html>\n",
      xml_escape(run.version), xml_escape(run.date), xml_escape(run.command),
      xml_escape(run.working_directory), xml_escape(run.output_directory), xml_escape(note));
}

std::string hbar_chart(std::string_view id, std::string_view title,
                       const std::vector<HBarRow>& rows, double origin, double lo, double hi,
                       double factor, std::string_view suffix,
                       const std::vector<std::string>& series_classes,
                       const std::vector<std::string>& legend) {
  constexpr double kWidth = 700, kLabel = 250, kRight = 20, kTop = 8, kRow = 22, kAxis = 30;
  const double height = kTop + kRow * static_cast<double>(rows.size()) + kAxis;
  const NiceScale scale = nice_scale(lo, hi, 6);
  auto x = [&](double v) {
    const double t = (std::clamp(v, scale.lo, scale.hi) - scale.lo) / (scale.hi - scale.lo);
    return kLabel + t * (kWidth - kLabel - kRight);
  };
  std::string body;
  const double bottom = kTop + kRow * static_cast<double>(rows.size());
  for (double tick : scale.ticks())
    body +=
        fmt::format(R"(<g class="axis"><line class="grid" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>)"
                    R"(<text x="{0}" y="{3}" text-anchor="middle">{4}</text></g>)",
                    svg_number(x(tick)), svg_number(kTop), svg_number(bottom),
                    svg_number(bottom + 14), xml_escape(tick_label(tick, scale, factor, suffix)));
  const std::size_t series = series_classes.size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const HBarRow& row = rows[r];
    const double top = kTop + kRow * static_cast<double>(r);
    body +=
        fmt::format(R"(<text class="label" x="{}" y="{}" text-anchor="end">{}</text>)",
                    svg_number(kLabel - 6), svg_number(top + kRow / 2 + 3), xml_escape(row.label));
    const double band = (kRow - 6) / static_cast<double>(std::max<std::size_t>(series, 1));
    for (std::size_t s = 0; s < series && s < row.values.size(); ++s) {
      const double v = row.values[s];
      if (!std::isfinite(v)) continue;
      const double y = top + 3 + band * static_cast<double>(s);
      const double x0 = std::min(x(origin), x(v)), x1 = std::max(x(origin), x(v));
      const std::string note = s < row.notes.size() ? row.notes[s] : std::string();
      body += fmt::format(
          R"(<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>)",
          series_classes[s], svg_number(x0), svg_number(y), svg_number(std::max(x1 - x0, 0.5)),
          svg_number(band - 1), xml_escape(note));
      if (s < row.whiskers.size() && std::isfinite(row.whiskers[s]))
        body += fmt::format(R"(<line class="whisker" x1="{}" x2="{}" y1="{}" y2="{}"/>)",
                            svg_number(x(v - row.whiskers[s])), svg_number(x(v + row.whiskers[s])),
                            svg_number(y + band / 2), svg_number(y + band / 2));
    }
  }
  body += fmt::format(R"(<line class="origin" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>)",
                      svg_number(x(origin)), svg_number(kTop), svg_number(bottom));
  std::string legend_html = "<p class=\"legend\">";
  for (std::size_t s = 0; s < legend.size(); ++s)
    legend_html += fmt::format(R"(<span><i style="background:{}"></i>{}</span>)",
                               kSeriesColours[s % 4], xml_escape(legend[s]));
  legend_html += "</p>";
  return fmt::format(R"(<figure><figcaption>{}</figcaption><svg id="{}" class="chart chart-hbar" )"
                     R"(viewBox="0 0 {} {}" role="img"><title>{}</title>{}</svg>{}</figure>)",
                     xml_escape(title), xml_escape(id), svg_number(kWidth), svg_number(height),
                     xml_escape(title), body, legend_html);
}

}  // namespace breakeven::html
