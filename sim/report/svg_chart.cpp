// SPDX-License-Identifier: MIT
#include "breakeven/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace breakeven {
namespace {

// Approximate advance of one character of the 10-unit axis font, to thin labels that would
// collide. Generous, since a wrong guess only drops a label.
constexpr double kCharWidth = 6.0;

double clamp_to(double value, double lo, double hi) {
  return std::min(std::max(value, lo), hi);
}

void append_tooltip(std::string& out, std::string_view tooltip) {
  if (!tooltip.empty()) out += fmt::format("<title>{}</title>", xml_escape(tooltip));
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string svg_number(double value) {
  if (!std::isfinite(value)) return "0";
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::vector<double> NiceScale::ticks() const {
  std::vector<double> out;
  if (!(step > 0)) return out;
  const auto count = static_cast<int>(std::lround((hi - lo) / step));
  for (int i = 0; i <= count; ++i) {
    // Multiples of the step, rounded, so 0.1 * 3 prints as 0.3 and 0 is exactly 0.
    const double value = std::round((lo + i * step) / step) * step;
    out.push_back(value == 0 ? 0.0 : value);
  }
  return out;
}

int NiceScale::decimals() const {
  if (!(step > 0)) return 0;
  return std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
}

NiceScale nice_scale(double lo, double hi, int max_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
    hi += pad;
    if (lo != 0) lo -= pad;
  }
  const double raw = (hi - lo) / std::max(max_ticks, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double normalized = raw / magnitude;
  const double factor = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
  const double step = factor * magnitude;
  // The tolerance keeps a value that is a multiple of the step up to rounding (0.3 / 0.1) from
  // adding a whole empty step.
  NiceScale scale;
  scale.step = step;
  scale.lo = std::floor(lo / step + 1e-9) * step;
  scale.hi = std::ceil(hi / step - 1e-9) * step;
  if (scale.hi <= scale.lo) scale.hi = scale.lo + step;
  return scale;
}

std::string tick_label(double value, const NiceScale& scale, double factor,
                       std::string_view suffix) {
  NiceScale scaled = scale;
  scaled.step = scale.step * factor;
  const double shown = value * factor;
  std::string text = fmt::format("{:.{}f}", shown, scaled.decimals());
  if (text.find_first_not_of("-0.") == std::string::npos) text = "0";
  return text + std::string(suffix);
}

SvgPlot::SvgPlot(PlotLayout layout, NiceScale y) : layout_(layout), y_(y) {}

void SvgPlot::set_categories(std::size_t count) {
  categories_ = std::max<std::size_t>(count, 1);
}

void SvgPlot::set_x_range(double lo, double hi) {
  x_lo_ = lo;
  x_hi_ = hi > lo ? hi : lo + 1;
}

void SvgPlot::set_right_scale(NiceScale y2) {
  y2_ = y2;
  has_y2_ = true;
}

double SvgPlot::x(double value) const {
  return plot_left() + (value - x_lo_) / (x_hi_ - x_lo_) * (plot_right() - plot_left());
}

double SvgPlot::slot_width() const {
  return (plot_right() - plot_left()) / static_cast<double>(std::max<std::size_t>(categories_, 1));
}

double SvgPlot::slot_left(std::size_t slot) const {
  return plot_left() + static_cast<double>(slot) * slot_width();
}

double SvgPlot::slot_centre(std::size_t slot) const {
  return slot_left(slot) + slot_width() / 2;
}

double SvgPlot::y(double value) const {
  const double share = (value - y_.lo) / (y_.hi - y_.lo);
  return clamp_to(plot_bottom() - share * (plot_bottom() - plot_top()), plot_top(), plot_bottom());
}

double SvgPlot::y2(double value) const {
  const double share = (value - y2_.lo) / (y2_.hi - y2_.lo);
  return clamp_to(plot_bottom() - share * (plot_bottom() - plot_top()), plot_top(), plot_bottom());
}

void SvgPlot::left_axis(std::string_view label, double factor, std::string_view suffix) {
  body_ += "<g class=\"axis y-axis\">";
  for (double tick : y_.ticks()) {
    const std::string at = svg_number(y(tick));
    body_ += fmt::format(R"svg(<line class="grid{}" x1="{}" x2="{}" y1="{}" y2="{}"/>)svg",
                         tick == 0 ? " zero" : "", svg_number(plot_left()),
                         svg_number(plot_right()), at, at);
    body_ += fmt::format(R"svg(<text x="{}" y="{}" text-anchor="end" dy="0.32em">{}</text>)svg",
                         svg_number(plot_left() - 4), at,
                         xml_escape(tick_label(tick, y_, factor, suffix)));
  }
  const double middle = (plot_top() + plot_bottom()) / 2;
  body_ += fmt::format(
      R"svg(<text class="axis-title" transform="translate(11 {}) rotate(-90)" text-anchor="middle">{}</text>)svg",
      svg_number(middle), xml_escape(label));
  body_ += "</g>";
}

void SvgPlot::right_axis(std::string_view label, double factor, std::string_view suffix) {
  if (!has_y2_) return;
  body_ += "<g class=\"axis y2-axis\">";
  for (double tick : y2_.ticks())
    body_ += fmt::format(R"svg(<text x="{}" y="{}" text-anchor="start" dy="0.32em">{}</text>)svg",
                         svg_number(plot_right() + 3), svg_number(y2(tick)),
                         xml_escape(tick_label(tick, y2_, factor, suffix)));
  const double middle = (plot_top() + plot_bottom()) / 2;
  body_ += fmt::format(
      R"svg(<text class="axis-title" transform="translate({} {}) rotate(90)" text-anchor="middle">{}</text>)svg",
      svg_number(layout_.width - 12), svg_number(middle), xml_escape(label));
  body_ += "</g>";
}

void SvgPlot::category_axis(const std::vector<std::string>& labels,
                            const std::vector<std::string>& sublabels, std::string_view title) {
  // Sublabels use a smaller font; their ASCII text is about 0.8 of a label's width per byte.
  double needed = kCharWidth;
  for (const auto& label : labels)
    needed = std::max(needed, static_cast<double>(label.size()) * kCharWidth);
  for (const auto& label : sublabels)
    needed = std::max(needed, static_cast<double>(label.size()) * kCharWidth * 0.8);
  needed += 3;
  // Regular steps while every slot has a label; otherwise (labels only at year starts, say) each
  // label is drawn when it clears the last one drawn.
  const bool all_labelled =
      std::none_of(labels.begin(), labels.end(), [](const std::string& l) { return l.empty(); });
  const auto every = all_labelled
                         ? static_cast<std::size_t>(std::max(1.0, std::ceil(needed / slot_width())))
                         : std::size_t{1};
  double last_drawn = -1e9;
  body_ += "<g class=\"axis x-axis\">";
  body_ += fmt::format(R"svg(<line class="baseline" x1="{}" x2="{}" y1="{}" y2="{}"/>)svg",
                       svg_number(plot_left()), svg_number(plot_right()), svg_number(plot_bottom()),
                       svg_number(plot_bottom()));
  for (std::size_t i = 0; i < labels.size(); i += every) {
    if (labels[i].empty() || (!all_labelled && slot_centre(i) - last_drawn < needed)) continue;
    last_drawn = slot_centre(i);
    const std::string at = svg_number(slot_centre(i));
    body_ += fmt::format(R"svg(<text x="{}" y="{}" text-anchor="middle">{}</text>)svg", at,
                         svg_number(plot_bottom() + 12), xml_escape(labels[i]));
    if (i < sublabels.size() && !sublabels[i].empty())
      body_ += fmt::format(
          R"svg(<text class="sublabel" x="{}" y="{}" text-anchor="middle">{}</text>)svg", at,
          svg_number(plot_bottom() + 22), xml_escape(sublabels[i]));
  }
  body_ +=
      fmt::format(R"svg(<text class="axis-title" x="{}" y="{}" text-anchor="middle">{}</text>)svg",
                  svg_number((plot_left() + plot_right()) / 2), svg_number(layout_.height - 3),
                  xml_escape(title));
  body_ += "</g>";
}

void SvgPlot::linear_axis(const NiceScale& scale, std::string_view title, double factor,
                          std::string_view suffix) {
  body_ += "<g class=\"axis x-axis\">";
  body_ += fmt::format(R"svg(<line class="baseline" x1="{}" x2="{}" y1="{}" y2="{}"/>)svg",
                       svg_number(plot_left()), svg_number(plot_right()), svg_number(plot_bottom()),
                       svg_number(plot_bottom()));
  for (double tick : scale.ticks()) {
    const std::string at = svg_number(x(tick));
    body_ += fmt::format(R"svg(<line class="tick" x1="{}" x2="{}" y1="{}" y2="{}"/>)svg", at, at,
                         svg_number(plot_bottom()), svg_number(plot_bottom() + 3));
    body_ += fmt::format(R"svg(<text x="{}" y="{}" text-anchor="middle">{}</text>)svg", at,
                         svg_number(plot_bottom() + 13),
                         xml_escape(tick_label(tick, scale, factor, suffix)));
  }
  body_ +=
      fmt::format(R"svg(<text class="axis-title" x="{}" y="{}" text-anchor="middle">{}</text>)svg",
                  svg_number((plot_left() + plot_right()) / 2), svg_number(layout_.height - 3),
                  xml_escape(title));
  body_ += "</g>";
}

void SvgPlot::bar(double x0, double x1, double value, std::string_view css_class,
                  std::string_view tooltip) {
  const double top = std::min(y(value), y(0));
  const double bottom = std::max(y(value), y(0));
  // A non-zero share never disappears: at least a hairline, so "rare" differs from "never".
  const double height = value != 0 ? std::max(bottom - top, 0.6) : 0;
  body_ += fmt::format(R"svg(<rect class="{}" x="{}" y="{}" width="{}" height="{}">)svg", css_class,
                       svg_number(x0), svg_number(value >= 0 ? bottom - height : top),
                       svg_number(std::max(x1 - x0, 0.0)), svg_number(height));
  append_tooltip(body_, tooltip);
  body_ += "</rect>";
}

void SvgPlot::region(double x0, double x1, std::string_view css_class, std::string_view tooltip) {
  body_ += fmt::format(R"svg(<rect class="{}" x="{}" y="{}" width="{}" height="{}">)svg", css_class,
                       svg_number(x0), svg_number(plot_top()), svg_number(std::max(x1 - x0, 0.0)),
                       svg_number(plot_bottom() - plot_top()));
  append_tooltip(body_, tooltip);
  body_ += "</rect>";
}

void SvgPlot::line(const std::vector<double>& xs, const std::vector<double>& ys,
                   std::string_view css_class, bool dots) {
  if (xs.empty()) return;
  std::string points;
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i)
    points += fmt::format("{}{},{}", i == 0 ? "" : " ", svg_number(xs[i]), svg_number(ys[i]));
  body_ += fmt::format(R"svg(<polyline class="{}" points="{}"/>)svg", css_class, points);
  if (dots)
    for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i)
      body_ += fmt::format(R"svg(<circle class="{} dot" cx="{}" cy="{}" r="2.2"/>)svg", css_class,
                           svg_number(xs[i]), svg_number(ys[i]));
}

void SvgPlot::band(const std::vector<double>& xs, const std::vector<double>& lower,
                   const std::vector<double>& upper, std::string_view css_class,
                   std::string_view tooltip) {
  if (xs.empty()) return;
  std::string points;
  for (std::size_t i = 0; i < xs.size(); ++i)
    points += fmt::format("{}{},{}", i == 0 ? "" : " ", svg_number(xs[i]), svg_number(upper[i]));
  for (std::size_t i = xs.size(); i-- > 0;)
    points += fmt::format(" {},{}", svg_number(xs[i]), svg_number(lower[i]));
  body_ += fmt::format(R"svg(<polygon class="{}" points="{}">)svg", css_class, points);
  append_tooltip(body_, tooltip);
  body_ += "</polygon>";
}

void SvgPlot::marker(double x_view, std::string_view label, std::string_view css_class, int row) {
  const std::string at = svg_number(x_view);
  body_ += fmt::format(R"svg(<g class="{}"><line x1="{}" x2="{}" y1="{}" y2="{}"/>)svg", css_class,
                       at, at, svg_number(plot_top()), svg_number(plot_bottom()));
  // Labels near the right edge grow leftwards so they stay inside the chart.
  const bool right_half = x_view > (plot_left() + plot_right()) / 2;
  body_ +=
      fmt::format(R"svg(<text x="{}" y="{}" text-anchor="{}">{}</text></g>)svg",
                  svg_number(x_view + (right_half ? -3 : 3)), svg_number(plot_top() + 8 + 11 * row),
                  right_half ? "end" : "start", xml_escape(label));
}

void SvgPlot::rule(double value, std::string_view css_class) {
  const std::string at = svg_number(y(value));
  body_ += fmt::format(R"svg(<line class="{}" x1="{}" x2="{}" y1="{}" y2="{}"/>)svg", css_class,
                       svg_number(plot_left()), svg_number(plot_right()), at, at);
}

void SvgPlot::text(double x_view, double y_view, std::string_view content,
                   std::string_view css_class, std::string_view anchor) {
  body_ +=
      fmt::format(R"svg(<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>)svg", css_class,
                  svg_number(x_view), svg_number(y_view), anchor, xml_escape(content));
}

std::string SvgPlot::svg(std::string_view id, std::string_view css_class,
                         std::string_view title) const {
  return fmt::format(
      R"svg(<svg id="{}" class="chart {}" viewBox="0 0 {} {}" role="img" aria-label="{}" data-y-min="{}" data-y-max="{}"><title>{}</title>{}</svg>)svg",
      xml_escape(id), xml_escape(css_class), svg_number(layout_.width), svg_number(layout_.height),
      xml_escape(title), fmt::format("{}", y_.lo), fmt::format("{}", y_.hi), xml_escape(title),
      body_);
}

}  // namespace breakeven
